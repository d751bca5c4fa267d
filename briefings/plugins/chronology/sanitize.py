"""``clean_html``: the Jinja filter through which templates print HTML made from entries.

Entry bodies and summaries are Markdown, and Markdown lets raw HTML through; entries are drafted
from untrusted web pages. Whatever an entry holds, the page gets no scripts, event handlers,
``javascript:`` links, styles, frames, forms, images or embedded objects (a source's images
would be requests to other hosts).
"""

from __future__ import annotations

from markupsafe import Markup

#: Attributes kept besides lxml's safe ones (href, id, class, title, lang, ...): what other
#: plugins' markup inside an entry (citations, footnotes) needs for accessibility.
EXTRA_SAFE_ATTRS = frozenset({
    "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-expanded",
    "aria-controls", "aria-current", "data-cite", "data-key", "data-pagefind-ignore",
})


def _cleaner():
    from lxml.html import defs
    from lxml_html_clean import Cleaner

    return Cleaner(scripts=True, javascript=True, comments=True, style=True, inline_style=True,
                   links=True, meta=True, page_structure=True, processing_instructions=True,
                   embedded=True, frames=True, forms=True, annoying_tags=True,
                   remove_unknown_tags=True, safe_attrs_only=True, add_nofollow=False,
                   kill_tags=["svg", "math", "img", "picture", "video", "audio", "base"],
                   safe_attrs=frozenset(defs.safe_attrs) | EXTRA_SAFE_ATTRS)


_CLEANER = None


def clean_html(value: object) -> Markup:
    global _CLEANER
    text = str(value or "")
    if not text.strip():
        return Markup("")
    if _CLEANER is None:
        _CLEANER = _cleaner()
    cleaned = _CLEANER.clean_html(f"<div>{text}</div>")
    if cleaned.startswith("<div>") and cleaned.endswith("</div>"):
        cleaned = cleaned[5:-6]
    return Markup(cleaned)
