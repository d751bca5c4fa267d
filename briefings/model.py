"""The small model passed between stages: Source, Evidence, Entry."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


@dataclass
class SourceMeta:
    """What is known about one raw source. ``None`` means not known: never guessed."""

    file: Path
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": its length is its precision
    accessed: str | None = None  # "YYYY-MM-DD"
    language: str | None = None
    reliability: str | None = None  # "low" for aggregators, else None
    notes: str | None = None
    meta_path: Path | None = None  # the sidecar this came from, if any

    @property
    def published_precision(self) -> str | None:
        if not self.published:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.published))


@dataclass
class Evidence:
    source: str  # BibTeX key
    text: str  # the words exactly as in the source

    def format(self) -> str:
        return f'@{self.source} "{self.text}"'


@dataclass
class Entry:
    title: str
    slug: str
    category: str
    summary: str
    sources: list[str]
    date: dt.date | None = None
    date_precision: str | None = None
    event_status: str = "occurred"
    actors: list[str] = field(default_factory=list)
    location: str | None = None
    date_evidence: list[Evidence] = field(default_factory=list)
    scope: str | None = None  # cooperation | background (schema.SCOPES); None: not written
    review: str = "unreviewed"
    flags: list[str] = field(default_factory=list)
    ingest_checksum: str | None = None
    body: str = ""
    # Where it was read from, and the line of each header field (for messages).
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # unknown header fields, kept verbatim
    #: language -> {"title": …, "summary": …}: the header's Title-sq, Summary-sr …
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    #: A whole-entry translation (``content/translations/<lang>/``): its language and the Slug
    #: of the entry it translates; ``None`` in an original, which is in English.
    lang: str | None = None
    translation_of: str | None = None

    @property
    def is_translation(self) -> bool:
        return bool(self.translation_of)

    @property
    def undated(self) -> bool:
        return self.date is None

    @property
    def background(self) -> bool:
        """Context only: never on the timeline, the home list, the feeds or the PDF books."""
        return self.scope == "background"

    @property
    def summary_text(self) -> str:
        """The summary as the site shows it (its Markdown rendered), as plain text."""
        return markdown_text(self.summary)

    def display_date(self) -> str:
        """The date at its precision: "18 March 2025", "September 2025", "2025", "Undated"."""
        return display_date(self.date, self.date_precision)


@cache
def markdown_text(value: str) -> str:
    """One line of Markdown as plain text: ``&lt;`` is ``<``, ``\\_`` is ``_``, no tags."""
    import markdown

    rendered = markdown.markdown(value, extensions=["smarty"], output_format="html")
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", rendered)).split())


#: Babel date patterns of the site's other languages, by precision (CLDR: "LLLL" is the month's
#: name standing alone): "18 mars 2025" (sq), "18. mart 2025." (sr, Latin script)
DATE_PATTERNS = {
    "sq": {"day": "d MMMM y", "month": "LLLL y", "year": "y", "short": "d MMM y",
           "undated": "Pa datë", "locale": "sq"},
    "sr": {"day": "d. MMMM y.", "month": "LLLL y.", "year": "y.", "short": "d. MMM y.",
           "undated": "Bez datuma", "locale": "sr_Latn"},
}


def display_date(date: dt.date | None, precision: str | None, short: bool = False,
                 lang: str = "en") -> str:
    """The date at its precision; ``short`` abbreviates the month ("18 Mar 2025"); ``lang``
    writes it as that language's readers do (:data:`DATE_PATTERNS`, with Babel)."""
    if lang in DATE_PATTERNS:
        from babel.dates import format_date

        spec = DATE_PATTERNS[lang]
        if date is None:
            return spec["undated"]
        pattern = spec["short"] if short and precision not in ("month", "year") else \
            spec[precision or "day"]
        return format_date(date, pattern, locale=spec["locale"])
    if date is None:
        return "Undated"
    if precision == "year":
        return f"{date.year}"
    month = date.strftime("%b %Y" if short else "%B %Y")
    return month if precision == "month" else f"{date.day} {month}"
