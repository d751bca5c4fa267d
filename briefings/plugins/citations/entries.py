"""Citations of one entry: checked in the entry file (for lines), rendered in its HTML.

Both sides use ``briefings.citesyntax.find_citations``, the project's one parser of Pandoc
citation syntax. In the file, fenced code blocks are blanked first (the parser already skips
inline code). In the HTML that Markdown made, only text outside ``<code>``, ``<pre>``, ``<a>``,
``<script>``, ``<style>`` and tags' attributes is searched, so ``@key`` in code, in a link or in
a URL is left alone. Markdown keeps ``[@key]`` as written: with no link definition of that name
it stays plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote

from briefings.bibliography import Bibliography
from briefings.citesyntax import find_citations
from briefings.entryfile import parse_header
from briefings.problems import Problem, display_path
from briefings.schema import split_list

FENCE_RE = re.compile(r"^(?P<fence>```|~~~).*?^(?P=fence)[^\n]*$", re.M | re.S)
TOKEN_RE = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME_RE = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)")
SKIP_TAGS = frozenset({"code", "pre", "a", "script", "style", "kbd", "samp", "textarea"})
VOID_TAGS = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source"})


def _blank(m: re.Match) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def unknown_key(where: str, line: int, col: int, key: str, bib: Bibliography) -> Problem:
    """As ``briefings validate`` words it (one wording in a build's messages)."""
    from briefings.validate.citations import unknown_key as worded

    bib_name = display_path(bib.path) if bib.path else "the bibliography"
    return worded(where, line, col, key, bib.entries, bib_name)


@dataclass
class EntryCitations:
    keys: list[str]  # every key the entry cites: body first, then its ``Sources:`` header
    body: dict[str, tuple[int, int]]  # key cited in the body -> (line, col) of its first citation
    problems: list[Problem]


def check_entry(source_path: str | Path, bib: Bibliography) -> EntryCitations:
    """What an entry file cites, where, and what is wrong with it."""
    path = Path(source_path)
    where = display_path(path)
    text = path.read_text(encoding="utf-8")
    fields, lines, body_start, _ = parse_header(text)
    raw_lines = text.splitlines(keepends=True)
    body = "".join(raw_lines[body_start:])
    body_masked = FENCE_RE.sub(_blank, body)
    keys: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    for c in find_citations(body_masked):
        for item in c.items:
            offset = c.start + max(c.raw.find("@" + item.key), 0)
            line, col = _line_col(body, offset)
            keys.setdefault(item.key, (line + body_start, col))
            if item.key in bib.entries:
                continue
            if not bib.entries and bib.path is not None and not bib.path.exists():
                problems.append(Problem(where, line + body_start, "E-CITE-NO-BIBLIOGRAPHY",
                                        f"'{item.key}' is cited but there is no bibliography",
                                        f"create {display_path(bib.path)}", col=col))
            else:
                problems.append(unknown_key(where, line + body_start, col, item.key, bib))
    header_line = lines.get("sources", 1)
    header_text = raw_lines[header_line - 1] if header_line - 1 < len(raw_lines) else ""
    body_keys = dict(keys)
    for key in split_list(fields.get("sources")):
        col = header_text.find(key) + 1 or 1
        keys.setdefault(key, (header_line, col))
        if key not in bib.entries:
            problems.append(unknown_key(where, header_line, col, key, bib))
    return EntryCitations(list(keys), body_keys, problems)


def _href(key: str) -> str:
    return "#ref-" + quote(key, safe=":/._-~@")


def _cite_html(renderer, item, text: str, rendered: set[str]) -> str:
    """One cited item: a link to its reference, described by the reference's text in the
    entry's reference list (the page holds that text once; site.js makes the tooltips of it)."""
    rendered.add(item.key)
    text_id = renderer.references[item.key].text_id
    return (f'<span class="cite"><a class="cite-link" href="{_href(item.key)}" '
            f'aria-describedby="{escape(text_id)}">{text}</a></span>')


def _citation_html(c, renderer, rendered: set[str]) -> str:
    known = [i for i in c.items if i.key in renderer.references]
    if len(known) != len(c.items):  # the build fails on it; show what was written
        rendered.update(c.keys)
        return f'<span class="citation citation-unknown">{escape(c.raw, quote=False)}</span>'
    keys = escape(" ".join(c.keys))
    if c.in_text:
        item = c.items[0]
        inner = _cite_html(renderer, item, renderer.cite_one(item, in_text=True), rendered)
        return f'<span class="citation citation-in-text" data-cites="{keys}">{inner}</span>'
    parts = [_cite_html(renderer, i, renderer.cite_one(i), rendered) for i in c.items]
    return (f'<span class="citation" data-cites="{keys}">{escape(renderer.prefix)}'
            f'{escape(renderer.delimiter).join(parts)}{escape(renderer.suffix)}</span>')


#: What :func:`scan_body` makes of an HTML text: its pieces in order, each either HTML to keep
#: as it is (a ``str``) or a text with citations, as ``(text, citations)``.
Scan = list


def _scan_text(segment: str, out: Scan) -> None:
    text = unescape(segment) if "&" in segment else segment  # (unescape would keep it as is)
    citations = find_citations(text) if "@" in text else []
    if citations:
        out.append((text, citations))
    else:
        out.append(segment)


def scan_body(html: str) -> Scan:
    """The citations in ``html`` (outside code, links and tags), found but not rendered: this
    needs no renderer, so it can be done while the references are still being rendered."""
    out: Scan = []
    if not html or "@" not in html:
        out.append(html)
        return out
    skip: list[str] = []
    for token in TOKEN_RE.split(html):
        if not token:
            continue
        if token.startswith("<"):
            m = TAG_NAME_RE.match(token)
            if m:
                closing, name = m.group(1) == "/", m.group(2).lower()
                if name in SKIP_TAGS and name not in VOID_TAGS:
                    if closing:
                        if name in skip:
                            while skip and skip.pop() != name:
                                pass
                    elif not token.endswith("/>"):
                        skip.append(name)
            out.append(token)
        elif skip:
            out.append(token)
        else:
            _scan_text(token, out)
    return out


def render_scan(scan: Scan, renderer) -> tuple[str, set[str]]:
    """The HTML that :func:`scan_body` scanned, with its citations rendered; and the keys
    rendered."""
    rendered: set[str] = set()
    if len(scan) == 1 and not isinstance(scan[0], tuple):  # nothing cited (or no HTML: None)
        return scan[0], rendered
    out: list[str] = []
    for piece in scan:
        if isinstance(piece, str):
            out.append(piece)
            continue
        text, citations = piece
        pos = 0
        for c in citations:
            out.append(escape(text[pos:c.start], quote=False))
            out.append(_citation_html(c, renderer, rendered))
            pos = c.end
        out.append(escape(text[pos:], quote=False))
    return "".join(out), rendered


def render_body(html: str, renderer) -> tuple[str, set[str]]:
    """``html`` with its citations rendered; and the keys rendered."""
    return render_scan(scan_body(html), renderer)
