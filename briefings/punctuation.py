"""Typographic punctuation (’ ‘ “ ” – — …) by the rules of Python-Markdown's smarty extension.

- :class:`SmartyWhereNeeded` (``briefings.punctuation`` in ``MARKDOWN``) is smarty, whose pass
  over the text runs only on a document that has something for it to change: a straight quote,
  ``--`` or ``...``. The HTML is the same as smarty's; a text without them costs no second
  pass of inline patterns.
- :func:`educate` writes those characters into plain words by smarty's own patterns (read
  from its public registry): ingest and the bench corpus write them into what they draft, so
  that their entries need no pass at build time.
"""

from __future__ import annotations

import re
from functools import cache

from markdown import Extension, Markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import Treeprocessor

#: Smarty's substitutions as characters, not entities (for :func:`educate`).
CHARACTERS = {
    "mdash": "—", "ndash": "–", "ellipsis": "…",
    "left-single-quote": "‘", "right-single-quote": "’",
    "left-double-quote": "“", "right-double-quote": "”",
    "left-angle-quote": "«", "right-angle-quote": "»",
}
#: What smarty's patterns need, by its option: each of them matches one of these.
_NEEDS = {"smart_quotes": r"['\"]", "smart_dashes": "--", "smart_ellipses": r"\.\.\.",
          "smart_angled_quotes": "<<|>>"}
STRAIGHT_RE = re.compile("|".join(_NEEDS[k] for k in ("smart_quotes", "smart_dashes",
                                                       "smart_ellipses")))


class _WhereNeeded(Treeprocessor):
    """Smarty's inline pass, run on a document only when one of its texts has what its
    patterns match (``runs``: how often it ran, for the tests)."""

    def __init__(self, md: Markdown, smarty: Treeprocessor, needs: re.Pattern):
        super().__init__(md)
        self.smarty, self.needs, self.runs = smarty, needs, 0

    def run(self, root):
        for el in root.iter():
            if (el.text and self.needs.search(el.text)) or (el.tail and self.needs.search(el.tail)):
                self.runs += 1
                return self.smarty.run(root)
        return None


class SmartyWhereNeeded(Extension):
    """Python-Markdown's smarty (same options), its pass skipped on a document it would not
    change."""

    def __init__(self, **kwargs):
        self.config = SmartyExtension().config
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        configs = self.getConfigs()
        SmartyExtension(**configs).extendMarkdown(md)
        smarty = md.treeprocessors["smarty"]
        needs = re.compile("|".join(v for k, v in _NEEDS.items() if configs[k]) or "(?!)")
        md.treeprocessors.deregister("smarty")
        # smarty's own name and priority (its documentation: "smarty", 6)
        md.treeprocessors.register(_WhereNeeded(md, smarty, needs), "smarty", 6)


def makeExtension(**kwargs) -> SmartyWhereNeeded:  # Markdown loads it by this name
    return SmartyWhereNeeded(**kwargs)


@cache
def _patterns() -> list[tuple[re.Pattern, tuple]]:
    md = Markdown(extensions=[SmartyExtension(substitutions=CHARACTERS)])
    return [(p.compiled_re, p.replace) for p in md.treeprocessors["smarty"].inlinePatterns]


_MARK = "\x02{}\x03"  # as Markdown's placeholders: smarty's patterns see neither space nor word
_MARK_RE = re.compile("\x02(\\d+)\x03")


def educate(text: str) -> str:
    """Plain words with straight quotes, ``--``, ``---`` and ``...`` written as the characters
    smarty shows for them: each of its patterns in its order, from left to right, a match
    hidden from the patterns after it, as its inline pass does to one text."""
    if not STRAIGHT_RE.search(text):
        return text
    stash: list[str] = []
    for regex, replace in _patterns():
        start = 0
        while m := regex.search(text, start):
            stash.append("".join(m.group(p) if isinstance(p, int) else p for p in replace))
            mark = _MARK.format(len(stash) - 1)
            text = text[:m.start()] + mark + text[m.end():]
            start = m.start() + len(mark)
    while _MARK_RE.search(text):
        text = _MARK_RE.sub(lambda m: stash[int(m.group(1))], text)
    return text
