"""Assemble a briefing book (or the PDF of one development) as one HTML document.

A book is: a cover (title, period, date of generation), the contents with page numbers
(``target-counter()``), the developments in date order grouped by year, the undated ones in a
final part "Awaiting a date", and the sources at the end with their URLs (http(s) ones only,
:mod:`briefings.urls`). The HTML goes to
WeasyPrint (:mod:`briefings.pdf.render`) with ``book.css``.

:func:`render_book` is the one call the benchmark needs: entries and their article HTML in, a
PDF out.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from briefings.dates_util import check_partial_date, partial_to_date
from briefings.model import Entry, display_date
from briefings.pdf.article import anchor_id, clean_article
from briefings.pdf.content import Source, sort_entries
from briefings.schema import CATEGORIES, FLAGS
from briefings.urls import web_url

HERE = Path(__file__).resolve().parent
SITE_NAME = "Kosovo Security Cooperation Chronology"
AUTHOR = "The chronology's maintainers"
#: A development whose text is shorter than this is never split across pages.
SHORT_CHARS = 1200
UNDATED_PART = "awaiting-a-date"


@dataclass
class DevelopmentView:
    anchor: str
    slug: str
    title: str
    date: str
    date_short: str
    status: str
    status_key: str
    planned: bool
    category: str
    actors: list[str]
    location: str
    summary: str
    body: str
    caveats: list[str]
    short: bool


@dataclass
class Group:
    id: str
    label: str
    developments: list[DevelopmentView]
    intro: str = ""


@dataclass
class SourceView:
    anchor: str
    key: str
    title: str
    author: str
    publisher: str
    date: str
    url: str
    urldate: str
    note: str
    cited_by: list[tuple[str, str]] = field(default_factory=list)  # (anchor, short date)
    language: str = ""  # "In Albanian.", or "" for English


@dataclass
class Book:
    kind: str  # chronology | year | custom | development
    title: str
    subtitle: str
    kicker: str
    period: str
    groups: list[Group]
    sources: list[SourceView]
    generated: dt.datetime
    filters: list[tuple[str, str]] = field(default_factory=list)
    site_name: str = SITE_NAME
    author: str = AUTHOR
    # How a book is rendered in parts (see briefings.pdf.chunked): which sections this
    # document holds, the groups of its body, page numbers written out instead of
    # target-counter(), and whether WeasyPrint prints "page N of M" itself.
    sections: tuple[str, ...] = ("cover", "contents", "body", "sources")
    body_groups: list[Group] | None = None
    page_numbers: dict[str, int] | None = None
    folio: bool = True

    @property
    def count(self) -> int:
        return sum(len(g.developments) for g in self.groups)

    @property
    def heading(self) -> str:
        return "h1" if self.kind == "development" else "h3"

    @property
    def running_title(self) -> str:
        if self.kind == "development":
            return self.site_name
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def generated_display(self) -> str:
        return f"{self.generated.day} {self.generated:%B %Y}"

    @property
    def generated_iso(self) -> str:
        return self.generated.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def description(self) -> str:
        return (f"{self.count} developments in Kosovo's defence and security cooperation with "
                f"the United States and NATO, {self.period}, with their sources.")

    @property
    def keywords(self) -> list[str]:
        return ["Kosovo", "NATO", "United States", "defence", "security", "chronology"]


def generation_time() -> dt.datetime:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def short_date(date: dt.date | None, precision: str | None) -> str:
    return display_date(date, precision, short=True)


def partial_date_label(value: str) -> str:
    """``2025-08`` -> ``August 2025``; anything else is shown as written."""
    if PARTIAL_RE.match(value or "") and not check_partial_date(value):
        return display_date(*partial_to_date(value))
    return value or ""


def period_label(entries: list[Entry], start: dt.date | None = None,
                 end: dt.date | None = None) -> str:
    dated = [e for e in entries if e.date is not None]
    if start or end:
        lo = display_date(start, "day") if start else "the beginning"
        hi = display_date(end, "day") if end else "today"
        return f"{lo} – {hi}"
    if not dated:
        return "Undated developments only" if entries else "No developments"
    first, last = dated[0], dated[-1]
    a, b = first.display_date(), last.display_date()
    return a if a == b else f"{a} – {b}"


def _caveats(entry: Entry) -> list[str]:
    notes = []
    if entry.review != "reviewed":
        notes.append("Machine-made, not yet reviewed: drafted by the ingestion tool from its "
                     "sources and not yet checked by a person.")
    notes.extend(FLAGS[f] for f in entry.flags if f in FLAGS and f != "undated")
    return notes


_TAG_RE = re.compile(r"<[^>]+>")
PARTIAL_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def development_view(entry: Entry, article_html: str | None, actor_names: dict[str, str],
                     in_book: set[str] | frozenset[str],
                     book_sources: set[str] | None = None) -> DevelopmentView:
    summary = entry.summary_text
    body = clean_article(article_html or "", entry.slug, summary, in_book,
                         book_sources=book_sources)
    text_len = len(_TAG_RE.sub("", body)) + len(summary)
    status = "Planned" if entry.event_status == "planned" else "Occurred"
    return DevelopmentView(
        anchor=anchor_id(entry.slug),
        slug=entry.slug,
        title=entry.title,
        date=entry.display_date(),
        date_short=short_date(entry.date, entry.date_precision),
        status=status,
        status_key=entry.event_status,
        planned=entry.event_status == "planned",
        category=CATEGORIES.get(entry.category, entry.category),
        actors=[actor_names.get(a, a) for a in entry.actors],
        location=entry.location or "",
        summary=summary,
        body=body,
        caveats=_caveats(entry),
        short=text_len < SHORT_CHARS,
    )


def group_entries(entries: list[Entry]) -> list[tuple[str, str, list[Entry], str]]:
    """``(id, label, entries, intro)`` per year, then the undated part."""
    groups: dict[int, list[Entry]] = {}
    undated: list[Entry] = []
    for e in entries:
        if e.date is None:
            undated.append(e)
        else:
            groups.setdefault(e.date.year, []).append(e)
    out = [(f"year-{y}", str(y), es, "") for y, es in sorted(groups.items())]
    if undated:
        out.append((UNDATED_PART, "Awaiting a date", undated,
                    "No source gives a date for these developments. They stay out of the "
                    "timeline until a person dates them."))
    return out


def source_views(entries: list[Entry], sources: dict[str, Source]) -> list[SourceView]:
    """The sources cited by ``entries``, sorted by author and title, each with its citers."""
    cited: dict[str, list[tuple[str, str]]] = {}
    for e in entries:
        for key in dict.fromkeys(e.sources):
            # a date says which development; an undated one is named by its title
            label = (short_date(e.date, e.date_precision) if e.date
                     else f"“{e.title}” (undated)")
            cited.setdefault(key, []).append((anchor_id(e.slug), label))
    views = []
    for key, citers in cited.items():
        s = sources.get(key) or Source(key=key, title=key)
        views.append(SourceView(f"src-{key}", key, s.title, s.author, s.publisher,
                                partial_date_label(s.date), web_url(s.url), s.urldate, s.note,
                                citers, language=s.language))
    views.sort(key=lambda v: ((v.author or v.title).lower(), v.date, v.title.lower()))
    return views


def make_book(entries: Iterable[Entry], html_by_slug: dict[str, str | None], *,
              kind: str = "chronology", title: str = SITE_NAME, subtitle: str = "",
              kicker: str = "Briefing book", sources: dict[str, Source] | None = None,
              actor_names: dict[str, str] | None = None, period: str | None = None,
              filters: list[tuple[str, str]] | None = None,
              generated: dt.datetime | None = None) -> Book:
    entries = sort_entries(list(entries))
    in_book = {e.slug for e in entries}
    names = actor_names or {}
    # A book lists its sources once, at the end; a development's PDF keeps its page's list.
    keys = None if kind == "development" else {k for e in entries for k in e.sources}
    groups = [
        Group(gid, label, [development_view(e, html_by_slug.get(e.slug), names, in_book, keys)
                           for e in es], intro)
        for gid, label, es, intro in group_entries(entries)
    ]
    return Book(kind=kind, title=title, subtitle=subtitle, kicker=kicker,
                period=period or period_label(entries), groups=groups,
                sources=source_views(entries, sources or {}),
                generated=generated or generation_time(), filters=filters or [])


def css_string(value: object):
    """A CSS string literal, safe inside ``<style>``: quotes, backslashes, ``<``, ``>`` and
    control characters escaped the CSS way (``\\3c ``)."""
    from markupsafe import Markup

    out = []
    for ch in str(value):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "<>" or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


def page_attr(book: Book, anchor: str):
    """`` data-page="N"`` when the book's page numbers are written out (rendered in parts)."""
    from markupsafe import Markup

    if not book.page_numbers:
        return Markup("")
    return Markup(f' data-page="{int(book.page_numbers.get(anchor, 0)) or "?"}"')


@cache
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = css_string
    env.filters["page_attr"] = page_attr
    return env


def book_html(book: Book) -> str:
    return _environment().get_template("book.html").render(book=book)


def single_sources_needed(book: Book) -> bool:
    """A development's PDF lists its sources only when its page's reference list lacks a URL."""
    body = "".join(d.body for g in book.groups for d in g.developments)
    return any(s.url and s.url not in body for s in book.sources) or \
        any(not s.url and s.key not in body for s in book.sources)


def development_book(entry: Entry, article_html: str | None, *,
                     sources: dict[str, Source] | None = None,
                     actor_names: dict[str, str] | None = None,
                     generated: dt.datetime | None = None) -> Book:
    book = make_book([entry], {entry.slug: article_html}, kind="development",
                     title=entry.title, kicker="Development briefing",
                     sources=sources, actor_names=actor_names,
                     period=entry.display_date(), generated=generated)
    if not single_sources_needed(book):
        book.sources = []
    return book


def render_book(entries: Iterable[Entry], html_by_slug: dict[str, str | None],
                out: Path, *, workers: int | None = 2, part_size: int | None = None,
                **options) -> int:
    """Render a briefing book of ``entries`` to ``out``; returns its number of pages.

    ``html_by_slug`` maps a slug to its entry page's ``<article>`` HTML (see
    :func:`briefings.pdf.article.read_article_html`). Keyword options go to :func:`make_book`.
    A long book (or any, with ``part_size``) is rendered in parts on ``workers`` processes.
    """
    book = make_book(entries, html_by_slug, **options)
    return render(book, Path(out), workers=workers, part_size=part_size)


def render(book: Book, out: Path, *, workers: int | None = 2,
           part_size: int | None = None) -> int:
    """Render a :class:`Book`: in one piece, or in parts when it is long."""
    from briefings.pdf.chunked import PART_SIZE, PARTS_FROM, render_in_parts
    from briefings.pdf.render import render_html

    if book.kind != "development" and (part_size or book.count > PARTS_FROM):
        return render_in_parts(book, out, workers, part_size or PART_SIZE)
    return render_html(book_html(book), out)
