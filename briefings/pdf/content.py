"""What a briefing book is made of, read from ``content/`` and the built site.

- developments: ``content/briefings/**/*.md`` through :func:`briefings.entryfile.read_entry`
  (background entries left out), each with its whole translations
  (``content/translations/<lang>/``, :mod:`briefings.translations`) in ``entry.translations``;
- actor names: ``content/actors.yaml`` through :mod:`briefings.registry`;
- sources: ``content/bibliography.bib``, read here with bibtexparser 2 (a small reader of our
  own until ``briefings.bibliography`` offers a richer one);
- selection: which developments fall in a period, concern an actor or belong to a category.

The rendered body of each development (with its citations and reference list) comes from the
built site, see :mod:`briefings.pdf.article`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefings.dates_util import check_partial_date, partial_to_date
from briefings.entryfile import read_entry
from briefings.model import Entry
from briefings.problems import Problem, display_path
from briefings.registry import NAME_LANGUAGES, load_actors
from briefings.schema import SLUG_RE

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Source:
    """One BibTeX entry, as the sources list at the end of a book shows it."""

    key: str
    title: str = ""
    author: str = ""  # author, else organization, else publisher
    publisher: str = ""
    date: str = ""
    url: str = ""
    urldate: str = ""
    note: str = ""
    language: str = ""  # "In Albanian." for a source not in English, else ""
    lang_code: str = ""  # BibTeX's language ("sq"), for the note in another language


@dataclass
class Corpus:
    entries: list[Entry]
    actor_names: dict[str, str] = field(default_factory=dict)
    #: names for readers of another language (registry's ``names``): lang -> key -> name
    names_by_lang: dict[str, dict[str, str]] = field(default_factory=dict)

    def names_in(self, lang: str) -> dict[str, str]:
        return {**self.actor_names, **self.names_by_lang.get(lang, {})}
    sources: dict[str, Source] = field(default_factory=dict)


# --- reading -----------------------------------------------------------------------------------


def load_entries(content: Path) -> tuple[list[Entry], list[Problem]]:
    """Every development under ``content/briefings``, in date order (undated ones last).
    Background entries (``Scope: background``) are context, not developments: no book and no
    PDF of their own holds them."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in sorted((content / "briefings").rglob("*.md")):
        entry, found = read_entry(path)
        problems.extend(found)
        if entry.background or entry.is_translation:
            continue  # context, or a misplaced translation (validate: W-TRANSLATION-FILE)
        if not entry.slug:
            problems.append(Problem(display_path(path), 1, "E-PDF-NO-SLUG",
                                    "the entry has no Slug", "give the entry a Slug field"))
            continue
        if not SLUG_RE.match(entry.slug):  # it names the entry's PDF file
            line = next((n for n, text in enumerate(path.read_text(encoding="utf-8")
                                                     .splitlines(), 1)
                         if text.lower().startswith("slug:")), 1)
            problems.append(Problem(display_path(path), line, "E-PDF-SLUG",
                                    f"the slug '{entry.slug}' is not lowercase ASCII letters, "
                                    "digits and single hyphens",
                                    "`briefings validate` shows where (E-SLUG-FORMAT)"))
            continue
        entries.append(entry)
    return sort_entries(entries), problems


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Date order; at one date a day before a month before a year; undated entries last."""
    def key(e: Entry) -> tuple:
        if e.date is None:
            return (1, dt.date.max, 0, e.title.lower(), e.slug)
        return (0, e.date, PRECISION_RANK.get(e.date_precision or "day", 0), e.title.lower(),
                e.slug)
    return sorted(entries, key=key)


def load_actor_names(content: Path
                     ) -> tuple[dict[str, str], dict[str, dict[str, str]], list[Problem]]:
    """Each actor's name, and its names in the other languages (``{lang: {key: name}}``)."""
    path = content / "actors.yaml"
    if not path.exists():
        return {}, {}, []
    actors, problems = load_actors(path)
    by_lang = {lang: {k: a.name_in(lang) for k, a in actors.items()} for lang in NAME_LANGUAGES}
    return {k: a.name for k, a in actors.items()}, by_lang, problems


def load_sources(path: Path) -> tuple[dict[str, Source], list[Problem]]:
    """The BibTeX file as :class:`Source` records, read by the project's one reader
    (:mod:`briefings.bibliography`): syntax errors and duplicate keys come back as problems."""
    from briefings import bibliography

    if not path.exists():
        return {}, [Problem(display_path(path), 1, "E-PDF-NO-BIB",
                            "the bibliography does not exist", "create content/bibliography.bib")]
    bib = bibliography.load(path)
    sources: dict[str, Source] = {}
    for key, e in bib.entries.items():
        def val(name: str, e=e) -> str:
            return " ".join(bibliography.plain_text(e.fields.get(name, "")).split())
        sources[key] = Source(
            key=key,
            title=val("title"),
            author=val("author") or val("organization") or val("institution"),
            publisher=val("publisher") or val("journaltitle") or val("journal"),
            date=val("date") or val("year"),
            url=val("url"),
            urldate=val("urldate"),
            note=val("note"),
            language=bibliography.language_note(val("language") or val("langid")) or "",
            lang_code=val("language") or val("langid"),
        )
    return sources, [p for p in bib.problems if p.is_error]


def load_corpus(content: Path) -> tuple[Corpus, list[Problem]]:
    from briefings import translations
    from briefings.schema import TRANSLATED

    entries, problems = load_entries(content)
    for lang in TRANSLATED:
        translated, more = translations.load_translations(content, lang)
        problems += more
        translations.apply(entries, translated, lang)
    names, by_lang, more = load_actor_names(content)
    problems += more
    sources, more = load_sources(content / "bibliography.bib")
    problems += more
    return Corpus(entries, names, by_lang, sources), problems


# --- selecting ---------------------------------------------------------------------------------


def interval(date: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The days a date at its precision covers: September 2025 -> 1 to 30 September."""
    if precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=last)
    return date, date


def parse_period_bound(value: str, end: bool) -> dt.date:
    """``2025-01`` as the first (or, with ``end``, the last) day it covers."""
    if not PARTIAL_DATE_RE.match(value) or check_partial_date(value):
        raise ValueError(f"'{value}' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)")
    date, precision = partial_to_date(value)
    lo, hi = interval(date, precision)
    return hi if end else lo


def select(entries: list[Entry], start: dt.date | None = None, end: dt.date | None = None,
           actor: str | None = None, category: str | None = None) -> list[Entry]:
    """The developments of a custom book.

    A development is in the period when the days its date covers overlap the period; undated
    developments belong to no period, so a book with a period leaves them out.
    """
    out = []
    for e in entries:
        if actor and actor not in e.actors:
            continue
        if category and e.category != category:
            continue
        if start or end:
            if e.date is None:
                continue
            lo, hi = interval(e.date, e.date_precision)
            if start and hi < start:
                continue
            if end and lo > end:
                continue
        out.append(e)
    return out


def years_of(entries: list[Entry]) -> list[int]:
    return sorted({e.date.year for e in entries if e.date is not None})
