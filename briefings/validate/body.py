"""The text: no raw HTML (in the body or in Title, Summary and Location), no images, links that
the site keeps (relative, http, https, mailto: :mod:`briefings.urls`, read after decoding
entities, as a browser does) and that lead to existing entries and files, and no ``TODO:``
placeholder left by ``briefings new``.

Code (inline, fenced, and indented blocks outside lists) is left alone: ``<div>`` between
backticks is text about HTML.
"""

from __future__ import annotations

import re

from briefings.problems import Problem
from briefings.schema import PLACEHOLDER
from briefings.urls import LINK_SCHEMES, link_scheme
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc, nearest

# A tag: `<name`, then whitespace, `/` or `>`. `<https://…>` (an autolink) and `a < b` are text.
TAG_RE = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>"
                    r"|<!--")
FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
SITE_LINK_RE = re.compile(r"(?<![\w/.:}|-])/briefings/(?P<slug>[^/\s)#?\"'>\]]+)/?")
PELICAN_LINK_RE = re.compile(r"(?:\{(?:filename|static)\}|\|(?:filename|static)\|)"
                             r"(?P<target>[^\s)\"'>\]#?]+)")
#: A line without any of these has no link for :func:`_links` to check (SITE_LINK_RE,
#: TARGET_RE's two forms, PELICAN_LINK_RE).
LINK_MARKS = ("/briefings/", "](", "]:", "filename", "static", "<")
#: The target of a Markdown link, reference definition or autolink (``<scheme:…>``).
TARGET_RE = re.compile(r"(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?"
                       r"|<(?=[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>))(?P<target>[^\s)>]+)")
#: Link schemes that run code: said so in the message.
CODE_SCHEMES = ("javascript", "vbscript", "data")
#: A Markdown image, inline or by reference: the sanitizer removes every image.
IMAGE_RE = re.compile(r"!\[[^\]]*\]\s?[(\[]")
#: A list item's first line (an indented line after it continues the item, not code).
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[*+-]|\d+[.)])(?:\s|$)")
LIST_STARTS = frozenset("*+-0123456789")
TEXT_FIELDS = ("title", "summary", "location")

TAG_HINTS = {
    "script": "scripts are never allowed in an entry; remove it",
    "iframe": "embedded pages are not allowed; link to the page instead: [text](url)",
    "img": "images are not part of entries; link to the image instead: [text](url)",
    "a": "write the link in Markdown: [text](url)",
    "b": "write **bold** in Markdown", "strong": "write **bold** in Markdown",
    "i": "write *italic* in Markdown", "em": "write *italic* in Markdown",
    "br": "end the paragraph with a blank line instead",
    "blockquote": "write a quote as lines starting with `> `",
}
DEFAULT_HINT = ("write Markdown instead of HTML; a `<` meant as text is fine when not followed "
                "by a letter, or put it in `code`")


def _indent(line: str) -> int:
    """The width of a line's indentation, a tab counting as four spaces (Python-Markdown)."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def masked_lines(body: str) -> list[str]:
    """The body's lines with code blanked (same length): fenced blocks, inline code, and
    indented blocks (four spaces or a tab, after a blank line, outside a list, where an
    indented line continues the list item)."""
    out: list[str] = []
    fence: str | None = None
    blank_before = True  # the body's first line starts a block
    in_list = in_code = False
    for line in body.split("\n"):
        m = FENCE_RE.match(line)
        if fence is not None:
            out.append(" " * len(line))
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                fence = None
            continue
        if not line.strip():
            out.append(line)
            blank_before = True
            continue
        indent = _indent(line) if line[0] in " \t" else 0
        if indent >= 4 and (in_code or (blank_before and not in_list)):
            in_code, blank_before = True, False
            out.append(" " * len(line))
            continue
        in_code = False
        if line.lstrip()[:1] in LIST_STARTS and LIST_ITEM_RE.match(line):
            in_list = True
        elif blank_before and indent < 4:
            in_list = False  # a paragraph after a blank line ends the list
        blank_before = False
        if m:
            fence = m.group("fence")
            out.append(" " * len(line))
            continue
        out.append(INLINE_CODE_RE.sub(lambda c: " " * len(c.group(0)), line))
    return out


def check(doc: EntryDoc, ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    first = doc.body_first_line
    lines = masked_lines(doc.body)
    for n, line in enumerate(lines):
        # what each pattern cannot match without: most lines need neither look
        if "<" in line:
            out += _html(doc, first + n, 1, line)
        if any(mark in line for mark in LINK_MARKS):
            out += _links(doc, ctx, first + n, line)
        if "![" in line:
            out += [problem("E-IMAGE", doc.where, first + n, "a Markdown image in an entry",
                            "the site shows no images (a source's image would be a request to "
                            "another host); link to it instead: [what it shows](url)",
                            m.start() + 1) for m in IMAGE_RE.finditer(line)]
        if line.lstrip().startswith(PLACEHOLDER):
            out.append(_placeholder(doc, first + n, len(line) - len(line.lstrip()) + 1))
    for key in TEXT_FIELDS:
        h = doc.field(key)
        for line, col, text in h.values if h is not None else []:
            out += _html(doc, line, col, INLINE_CODE_RE.sub(lambda c: " " * len(c.group(0)),
                                                            text))
            if key in ("summary", "title") and text.startswith(PLACEHOLDER):
                out.append(_placeholder(doc, line, col))
    return out


def _placeholder(doc: EntryDoc, line: int, col: int) -> Problem:
    return problem("E-PLACEHOLDER", doc.where, line, f"the `{PLACEHOLDER}` placeholder is still "
                   "there", "replace it with your own words: a short neutral account citing its "
                   "sources as [@key]", col)


def _html(doc: EntryDoc, line: int, col: int, text: str) -> list[Problem]:
    out = []
    for m in TAG_RE.finditer(text):
        name = (m.group("name") or "").lower()
        shown = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:37] + "..."
        what = "an HTML comment" if not name else f"raw HTML `{shown}`"
        hint = ("remove it; notes for reviewers go in the pull request" if not name
                else TAG_HINTS.get(name, DEFAULT_HINT))
        out.append(problem("E-HTML", doc.where, line, f"{what} in an entry", hint,
                           col + m.start()))
    return out


def _links(doc: EntryDoc, ctx: Context, line: int, text: str) -> list[Problem]:
    out = []
    slugs = ctx.slugs
    for m in SITE_LINK_RE.finditer(text):
        slug = m.group("slug")
        if slug in slugs:
            continue
        near = nearest(slug, sorted(slugs), 1)
        hint = (f"did you mean /briefings/{near[0]}/? " if near else "") + \
            "link to the slug of an existing entry (its `Slug:` field)"
        out.append(problem("E-LINK-UNKNOWN", doc.where, line,
                           f"link to /briefings/{slug}/, which is not an entry", hint,
                           m.start() + 1))
    for m in TARGET_RE.finditer(text):
        scheme = link_scheme(m.group("target"))
        if not scheme or scheme in LINK_SCHEMES:
            continue
        what = ("runs code instead of opening a page" if scheme in CODE_SCHEMES
                else "is removed from the page (only http, https and mailto links stay)")
        written = "" if m.group("target").lower().startswith(scheme) else \
            f" (written `{m.group('target')[:30]}`)"
        out.append(problem("E-LINK-SCHEME", doc.where, line,
                           f"a link to `{scheme}:`{written} {what}",
                           "link to the page's http(s) address, or to /briefings/<slug>/",
                           m.start("target") + 1))
    for m in PELICAN_LINK_RE.finditer(text):
        target = m.group("target")
        base = ctx.content if target.startswith("/") else doc.path.parent
        path = (base / target.lstrip("/")).resolve()
        if path.exists():
            continue
        out.append(problem("E-LINK-UNKNOWN", doc.where, line,
                           f"link to `{m.group(0)}`, which is not a file in the content",
                           "write the path relative to this file, or from the content folder "
                           "with a leading /; or link to /briefings/<slug>/",
                           m.start() + 1))
    return out

