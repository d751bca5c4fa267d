"""Pandoc citation syntax in entry bodies: ``[@key]``, ``[@a; @b]``, ``[@key, p. 4]``,
``[see @key]``, ``[-@key]`` and ``@key`` in running text.

One parser for everyone: the citations plugin renders what it finds, the validator checks the
keys, ingest writes it. Positions are kept (line and column, 1-based) for messages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

# A key starts with a letter, digit or underscore and may contain internal punctuation.
KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&+?<>~/-](?=[A-Za-z0-9_]))*"
BRACKET_RE = re.compile(r"\[(?P<inner>[^\[\]]*?-?@" + KEY + r"[^\[\]]*)\](?!\()")
ITEM_KEY_RE = re.compile(r"(?P<suppress>-)?@(?P<key>" + KEY + r")")
# ``@`` first, then what may not stand before it (``@`` not after a word character, ``@``, ``.``,
# ``[``, ``/`` or ``-``): the same matches as a lookbehind in front, without trying the
# lookbehind at every character.
IN_TEXT_RE = re.compile(r"@(?<![\w@.\[/-]@)(?P<key>" + KEY + r")(?:\s?\[(?P<loc>[^\[\]]*)\])?")
CODE_RE = re.compile(r"`[^`]*`")

#: Locator words (as written) -> CSL locator term.
LOCATOR_TERMS: dict[str, str] = {
    "p": "page", "p.": "page", "pp.": "page", "page": "page", "pages": "page",
    "para.": "paragraph", "paras.": "paragraph", "¶": "paragraph",
    "sec.": "section", "secs.": "section", "section": "section", "§": "section",
    "chap.": "chapter", "chapter": "chapter", "ch.": "chapter",
    "fig.": "figure", "figure": "figure", "l.": "line", "ll.": "line", "line": "line",
    "n.": "note", "note": "note", "vol.": "volume", "art.": "article", "para": "paragraph",
}
LOCATOR_RE = re.compile(
    r"^\s*,?\s*(?P<label>" + "|".join(re.escape(k) for k in sorted(LOCATOR_TERMS, key=len,
                                                                     reverse=True))
    + r")\s*(?P<value>[\w\-–,\s]*?\w*)(?P<rest>(?:,\s.*)?)$"
)


@dataclass
class CiteItem:
    key: str
    prefix: str = ""
    suffix: str = ""
    locator_term: str | None = None  # CSL term: page, chapter, section…
    locator: str | None = None
    suppress_author: bool = False


@dataclass
class Citation:
    items: list[CiteItem]
    in_text: bool  # @key in running text (author as subject) rather than [@key]
    start: int  # offset in the text
    end: int
    line: int
    col: int
    raw: str = ""
    keys: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = [i.key for i in self.items]


def _parse_locator(suffix: str) -> tuple[str | None, str | None, str]:
    m = LOCATOR_RE.match(suffix)
    if not m or not m.group("value").strip():
        return None, None, suffix.strip().lstrip(",").strip()
    return (LOCATOR_TERMS[m.group("label")], m.group("value").strip(),
            m.group("rest").strip().lstrip(",").strip())


def _parse_item(chunk: str) -> CiteItem | None:
    m = ITEM_KEY_RE.search(chunk)
    if not m:
        return None
    term, loc, suffix = _parse_locator(chunk[m.end():])
    return CiteItem(m.group("key"), chunk[: m.start()].strip(), suffix, term, loc,
                    bool(m.group("suppress")))


def _masked(text: str) -> str:
    """``text`` with inline code blanked out (same length), so ``@x`` in code is not a citation."""
    return CODE_RE.sub(lambda m: " " * len(m.group(0)), text)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in order of appearance."""
    masked = _masked(text)
    found: list[Citation] = []
    starts: list[int] = []  # the bracketed citations' spans, in order (they do not overlap)
    ends: list[int] = []
    for m in BRACKET_RE.finditer(masked):
        items = [i for i in (_parse_item(c) for c in m.group("inner").split(";")) if i]
        if not items:
            continue
        line, col = _position(text, m.start())
        found.append(Citation(items, False, m.start(), m.end(), line, col, text[m.start():m.end()]))
        starts.append(m.start())
        ends.append(m.end())
    for m in IN_TEXT_RE.finditer(masked):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < ends[i]:  # inside a bracketed citation
            continue
        term = loc = None
        suffix = ""
        if m.group("loc") is not None:
            term, loc, suffix = _parse_locator(m.group("loc"))
        line, col = _position(text, m.start())
        found.append(Citation([CiteItem(m.group("key"), "", suffix, term, loc)], True, m.start(),
                              m.end(), line, col, text[m.start():m.end()]))
    found.sort(key=lambda c: c.start)
    return found


def cited_keys(text: str) -> list[str]:
    """The keys cited in ``text``, each once, in order of first appearance."""
    seen: dict[str, None] = {}
    for c in find_citations(text):
        for k in c.keys:
            seen.setdefault(k, None)
    return list(seen)


# --- Markdown -----------------------------------------------------------------------------------

#: A bracketed citation of keys only (``[@a]``, ``[@a; -@b]``), not a link's text, whose keys
#: hold nothing Markdown reads (no ``_`` first, no ``&``, ``<``, ``>``): Markdown would leave it
#: as it is, after trying it as a link, a reference and an image.
PLAIN_KEY = r"[A-Za-z0-9](?:[A-Za-z0-9_]|[:.#$%+?~/-](?=[A-Za-z0-9_]))*"
PLAIN_BRACKET_RE = (r"(?<!!)\[-?@" + PLAIN_KEY + r"(?:;[ \t]*-?@" + PLAIN_KEY
                    + r")*\](?![(\[])")


class _Bracket(InlineProcessor):
    def handleMatch(self, m, data):
        if " ".join(m.group(0)[1:-1].split()).lower() in self.md.references:
            return None, None, None  # a link to a reference of that name: Markdown's
        return m.group(0), m.start(0), m.end(0)


class CitationsAsText(Extension):
    """``briefings.citesyntax`` in ``MARKDOWN``: Markdown takes a bracketed citation of keys
    as text at once, instead of trying it as a link, a reference and an image (the same HTML:
    tests/unit/test_citesyntax_markdown.py)."""

    def extendMarkdown(self, md):
        # after code spans (190) and escapes (180), before references and links (170)
        md.inlinePatterns.register(_Bracket(PLAIN_BRACKET_RE, md), "citation", 175)


def makeExtension(**kwargs) -> CitationsAsText:  # Markdown loads it by this name
    return CitationsAsText(**kwargs)
