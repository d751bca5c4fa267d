"""The text: no raw HTML (in the body or in Title, Summary and Location), internal links that
lead to existing entries and files, and no ``TODO:`` placeholder left by ``briefings new``.

Code (inline and fenced) is left alone: ``<div>`` between backticks is text about HTML.
"""

from __future__ import annotations

import re

from briefings.problems import Problem
from briefings.schema import PLACEHOLDER
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
#: SCHEME_RE's two forms, PELICAN_LINK_RE).
LINK_MARKS = ("/briefings/", "](", "]:", "filename", "static")
# A Markdown link or reference definition whose target runs code instead of opening a page.
SCHEME_RE = re.compile(r"(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)"
                       r"(?P<scheme>javascript|data|vbscript)\s*:", re.IGNORECASE)
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


def masked_lines(body: str) -> list[str]:
    """The body's lines with fenced code blocks and inline code blanked (same length)."""
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        m = FENCE_RE.match(line)
        if fence is not None:
            out.append(" " * len(line))
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                fence = None
            continue
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
        if line.lstrip().startswith(PLACEHOLDER):
            out.append(_placeholder(doc, first + n, len(line) - len(line.lstrip()) + 1))
    for key in TEXT_FIELDS:
        h = doc.field(key)
        for line, col, text in h.values if h is not None else []:
            out += _html(doc, line, col, INLINE_CODE_RE.sub(lambda c: " " * len(c.group(0)),
                                                            text))
            if key == "summary" and text.startswith(PLACEHOLDER):
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
    for m in SCHEME_RE.finditer(text):
        out.append(problem("E-LINK-SCHEME", doc.where, line,
                           f"a link to `{m.group('scheme').lower()}:` runs code instead of "
                           "opening a page", "link to the page's http(s) address, or to "
                           "/briefings/<slug>/", m.start("scheme") + 1))
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

