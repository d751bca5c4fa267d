"""A Python-Markdown extension that makes the same HTML in less time (``pelican.conf.py`` lists it
after ``smarty`` in ``MARKDOWN``).

Measured on 1,500 bodies of the benchmark's corpus, converting with ``extra``, ``meta`` and
``smarty`` took 4.9 ms a file; with this extension, 2.7 ms, and every file came out the same.
Two places took the time:

- **smarty's patterns on text that has nothing for them.** smarty runs a second inline pass
  with 18 patterns over every piece of text, each searched on its own. Every one of them needs
  a quote, ``--``, ``...``, ``<<`` or ``>>`` to match; text with none of these is left as it is
  without trying them (:class:`GatedInlineProcessor`).
- **Bracket matching one character at a time.** The link and reference patterns find the ``]``
  that closes a ``[`` by looking at each character in turn; citations (``[@key]``) give them a
  bracket in nearly every sentence. :func:`bracket_text` jumps from bracket to bracket with a
  regular expression and returns what the original returns.

- **Link patterns searched where no link can be.** Every ``[`` of a citation is also tried as a
  reference link (``[text][id]``, ``[id]``, and their image forms) and as an inline link. A
  reference link needs a link definition in the document (``[id]: /url``) and an inline link a
  ``](``; where there is none, these patterns are not searched at all (:class:`_Gated`:
  0.23 ms less of 2.2 ms a file, measured on 1,000 bodies of the corpus).

- **Every inline pattern tried on every piece of text.** Markdown's inline pass tries its 15
  patterns in turn on each text, each a call and a search, though each needs a character that
  most texts lack (a backtick, a backslash, ``<``, ``&``, ``*`` or ``_``, ``![``, ``[^``, two
  spaces before a line end). A pattern whose expression is one of Markdown's own, as known here
  (:data:`NEEDS`), is skipped on a text holding none of what it needs; any other pattern is
  tried as before (:class:`PatternGatedInlineProcessor`).

All of these leave Markdown's results as they are: ``tests/unit/test_mdspeed.py`` converts the
same texts with and without the extension and compares the HTML.
"""

from __future__ import annotations

import re

from markdown import Markdown, inlinepatterns, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

#: What any of smarty's patterns needs in a text to match (quotes, dashes, ellipses, and the
#: angled quotes of its ``smart_angled_quotes`` option).
SMARTY_NEEDS = re.compile(r"""['"]|--|\.\.\.|<<|>>""")

_BRACKET = re.compile(r"[\[\]]")


class GatedInlineProcessor(InlineProcessor):
    """An :class:`~markdown.treeprocessors.InlineProcessor` that leaves alone text in which
    ``needs`` finds nothing (none of its patterns could match there)."""

    def __init__(self, md: Markdown, patterns, needs: re.Pattern[str]):
        super().__init__(md)
        self.inlinePatterns = patterns
        self.needs = needs

    # InlineProcessor calls its private __handleInline on each text (name-mangled).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.needs.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


#: An inline pattern's expression (as Markdown's own modules write it) -> what a text must hold,
#: one of, for the expression to find anything in it. Patterns are matched by their expression's
#: text, so a pattern that another version or extension writes differently is never skipped.
NEEDS: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # and REFERENCE_RE, the same expression
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # and IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\[\^([^\]]*)\]": ("[^",),  # the footnotes extension's FOOTNOTE_RE
}


def _needs(pattern) -> tuple[str, ...] | None:
    """What ``pattern`` needs in a text to match anything there (``None``: not known)."""
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):  # emphasis: its delimiters
        return tuple(pattern.tokens) or None
    expression = getattr(pattern, "pattern", None)
    return NEEDS.get(expression) if isinstance(expression, str) else None


class PatternGatedInlineProcessor(InlineProcessor):
    """Markdown's inline pass, trying on each text only the patterns that could match in it
    (:func:`_needs`); where a pattern is skipped, Markdown's own pass would have found nothing
    and gone on to the next pattern, as this does."""

    def run(self, tree, ancestors=None):
        self._patterns = list(self.inlinePatterns)
        self._needs = [_needs(p) for p in self._patterns]
        return super().run(tree, ancestors)

    # the same loop as InlineProcessor.__handleInline (name-mangled), with the skip
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs = self._patterns, self._needs
        apply = self._InlineProcessor__applyPattern
        count = len(patterns)
        start = 0
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and not any(n in data for n in need):
                patternIndex += 1
                start = 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def bracket_text(self, data: str, index: int) -> tuple[str, int, bool]:
    """``LinkInlineProcessor.getText``, by bracket instead of by character: the text up to the
    ``]`` that closes the ``[`` before ``index`` (nested pairs included), the index after that
    ``]``, and whether there was one (if not: the rest of ``data``, its length, ``False``)."""
    depth = 1
    for m in _BRACKET.finditer(data, index):
        depth += 1 if m.group() == "[" else -1
        if depth == 0:
            return data[index:m.start()], m.end(), True
    return data[index:], len(data), False


class _Gated:
    """A pattern's compiled expression whose ``finditer`` finds nothing where ``can_match(data,
    pos)`` says that no match of it could make an element (Markdown's inline processor calls
    only ``finditer``; anything else is the expression's own)."""

    def __init__(self, compiled: re.Pattern[str], can_match):
        self.compiled = compiled
        self.can_match = can_match

    def finditer(self, data: str, pos: int = 0):
        return self.compiled.finditer(data, pos) if self.can_match(data, pos) else iter(())

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


def _gate(pattern: inlinepatterns.InlineProcessor, can_match) -> None:
    gated = _Gated(pattern.compiled_re, can_match)
    pattern.getCompiledRegExp = lambda: gated


def _has_inline_link(data: str, pos: int) -> bool:
    # a link's text closes with "]" right before its "(url)": escaped brackets are placeholders
    # by then, so a link needs a literal "](" after pos
    return data.find("](", pos) != -1


def _replace(registry, name: str, new) -> None:
    """``new`` registered as ``name`` in place of what is, at the same priority."""
    priority = next(p.priority for p in registry._priority if p.name == name)
    registry.register(new, name, priority)


class SpeedExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "inline" in md.treeprocessors and \
                type(md.treeprocessors["inline"]) is InlineProcessor:
            _replace(md.treeprocessors, "inline", PatternGatedInlineProcessor(md))
        if "smarty" in md.treeprocessors:
            old = md.treeprocessors["smarty"]
            _replace(md.treeprocessors, "smarty",
                     GatedInlineProcessor(md, old.inlinePatterns, SMARTY_NEEDS))
        for pattern in md.inlinePatterns:
            if isinstance(pattern, inlinepatterns.LinkInlineProcessor):
                pattern.getText = bracket_text.__get__(pattern)
            if isinstance(pattern, inlinepatterns.ReferenceInlineProcessor):
                # without a definition it keeps the text as it is (it makes no element)
                _gate(pattern, lambda _data, _pos, md=md: bool(md.references))
            elif isinstance(pattern, inlinepatterns.LinkInlineProcessor):  # and images
                _gate(pattern, _has_inline_link)


def makeExtension(**kwargs) -> SpeedExtension:
    return SpeedExtension(**kwargs)
