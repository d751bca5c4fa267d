"""Which addresses may become links: the project's one check.

A source's address is an ``http`` or ``https`` URL, nothing else: a ``javascript:``, ``data:``
or ``file:`` "URL" copied from a scraped page would become a live link in a PDF, a spreadsheet
or any tool that reads the downloads. The readers refuse one with a ``path:line`` problem
(ingest's metadata, ``briefings new-source``, ``briefings validate``'s bibliography), and every
writer drops one again where it writes (:func:`web_url`): the pages and feeds (through the
sanitizer's :data:`LINK_SCHEMES`), the PDFs, the chronology's JSON and CSV, the TimelineJS
data, the CSL-JSON and the BibTeX downloads.

Links written in an entry's text may also be ``mailto:`` or relative (the site's own pages);
:func:`link_scheme` reads a link's scheme as a browser does, after decoding HTML entities.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

#: The schemes of a source's address.
WEB_SCHEMES = frozenset({"http", "https"})
#: The schemes a link in an entry may have (the sanitizer keeps these and relative links).
LINK_SCHEMES = WEB_SCHEMES | {"mailto"}
#: Characters a URL never holds as they are (RFC 3986 percent-encodes them).
_NEVER_IN_URL = frozenset('<>"\\`')
#: Printable ASCII without space and those: most addresses, checked in one match.
_PLAIN_ASCII_URL_RE = re.compile(
    "[" + re.escape("".join(ch for ch in map(chr, range(0x21, 0x7F))
                            if ch not in _NEVER_IN_URL)) + "]+\\Z")
#: The URL standard: tabs and line breaks are removed, controls and spaces in front stripped.
_TAB_OR_NEWLINE = dict.fromkeys(map(ord, "\t\n\r"))
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a source address a reader may follow (``None`` when it is one)."""
    text = value.strip()
    if not text:
        return "it is empty"
    if not _PLAIN_ASCII_URL_RE.match(text):  # else each character is looked at
        for ch in text:
            if ch in _NEVER_IN_URL or ch.isspace() or unicodedata.category(ch)[0] in "CZ":
                return (f"it holds {_describe(ch)}, which a URL never holds as it is "
                        "(percent-encode it)")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
    except ValueError as exc:
        return f"it is not a valid URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        return f"`{scheme}:` is not a web address" if scheme else \
            "it is not a full address (no http:// or https://)"
    if not parts.hostname:
        return "it names no host"
    return None


def is_web_url(value: str | None) -> bool:
    return bool(value) and url_problem(value) is None


def web_url(value: str | None) -> str:
    """``value`` stripped when it is an http(s) address, else ``""``: what writers use."""
    return value.strip() if is_web_url(value) else ""


def link_scheme(target: str) -> str:
    """The scheme of a link target as a browser reads it (lower case; ``""`` when relative):
    HTML entities decoded (``jav&#x61;script:``), tabs and line breaks inside and controls
    and spaces in front ignored, as the URL standard says."""
    text = html.unescape(target) if "&" in target else target
    m = _SCHEME_RE.match(text.translate(_TAB_OR_NEWLINE).lstrip(_C0_OR_SPACE))
    return m.group(1).lower() if m else ""


def is_safe_link(target: str) -> bool:
    """A relative link, or one of :data:`LINK_SCHEMES`."""
    scheme = link_scheme(target)
    return not scheme or scheme in LINK_SCHEMES


def _describe(ch: str) -> str:
    if ch.isspace() and ch in " \t\n":
        return {" ": "a space", "\t": "a tab", "\n": "a line break"}[ch]
    if ch in _NEVER_IN_URL:
        return f"`{ch}`"
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")
