"""``clean_html``: the Jinja filter through which templates print HTML made from entries.

Entry bodies and summaries are Markdown, and Markdown lets raw HTML through; entries are drafted
from untrusted web pages. Whatever an entry holds, the page gets no scripts, event handlers,
``javascript:`` or ``data:`` links, styles, frames, forms, images or embedded objects (a
source's images would be requests to other hosts).

The sanitizer is nh3 (Python bindings to Rust's ammonia), which keeps only what an allow-list
names and parses as a browser does (html5ever). It replaced lxml_html_clean, a block-list
cleaner whose makers write that it "is not considered appropriate for security sensitive
environments" and point to nh3 (which is also faster).
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

from briefings.urls import LINK_SCHEMES

#: Markup an entry may use: ammonia's default tags without images and image maps, plus the
#: table foot and sections (what Python-Markdown and its extensions make, and the plain
#: formatting a drafted entry may carry).
TAGS = frozenset(nh3.ALLOWED_TAGS - {"img", "area", "map"} | {"tfoot", "section"})

#: Removed with everything inside them.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "svg", "math", "picture", "video", "audio", "iframe", "frame",
    "frameset", "object", "embed", "applet", "noscript", "template", "textarea", "select",
    "button", "title", "head",
})

#: Attributes kept on every element: identity, language, and what other plugins' markup inside
#: an entry (citations, footnotes) needs for accessibility.
GENERIC_ATTRIBUTES = frozenset({
    "id", "class", "title", "lang", "dir", "role", "aria-label", "aria-labelledby",
    "aria-describedby", "aria-hidden", "aria-expanded", "aria-controls", "aria-current",
    "data-cite", "data-key", "data-pagefind-ignore",
})

#: Per element: ammonia's defaults (links, quotations, tables, lists; no images), and dates.
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items() if tag in TAGS},
    "*": set(GENERIC_ATTRIBUTES),
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
}

#: Link schemes (briefings.urls); relative links (the site's own pages, footnotes) pass as
#: they are.
URL_SCHEMES = LINK_SCHEMES


#: The allow-list above, built once (``nh3.clean`` builds it anew from its arguments at every
#: call: a fifth of the time of cleaning an 11 KB entry body, measured).
CLEANER = nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                      attributes=ATTRIBUTES, strip_comments=True, link_rel=None,
                      url_schemes=set(URL_SCHEMES))


def clean_html(value: object) -> Markup:
    text = str(value or "")
    if not text.strip():
        return Markup("")
    return Markup(CLEANER.clean(text))
