"""Assemble a briefing book (or the PDF of one development) as one HTML document.

A book is: a cover (title, period, date of generation), the contents with page numbers
(``target-counter()``), the developments in date order grouped by year, the undated ones in a
final part "Awaiting a date", and the sources at the end with their URLs (http(s) ones only,
:mod:`briefings.urls`). The HTML goes to
WeasyPrint (:mod:`briefings.pdf.render`) with ``book.css``.

A book is in one language (``lang``: en, sq, sr): its fixed words come from the theme's
gettext catalogues (the templates mark them, and :func:`words` here), its dates from
:func:`briefings.model.display_date`; the developments' own text stays as written.

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
from briefings.model import Entry, display_date, markdown_text
from briefings.pdf import LANGUAGES
from briefings.pdf.article import anchor_id, clean_article
from briefings.pdf.content import Source, sort_entries
from briefings.schema import CATEGORIES, FLAGS, N_
from briefings.urls import web_url

HERE = Path(__file__).resolve().parent
THEME = HERE.parent.parent / "theme"
SITE_NAME = N_("Kosovo Security Cooperation Chronology")
AUTHOR = N_("The chronology's maintainers")
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
    title_lang: str = "en"  # the language of its title and summary (the header's, or English)
    summary_lang: str = "en"
    body_lang: str = "en"  # a whole-entry translation's language (the built page of its site)


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
    language: str = ""  # "In Albanian.", or "" for English (in the book's language)


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
    lang: str = "en"

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
        return display_date(self.generated.date(), "day", lang=self.lang)

    @property
    def generated_iso(self) -> str:
        return self.generated.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def description(self) -> str:
        ngettext = words(self.lang, "ngettext")
        return ngettext(
            "%(num)d development in Kosovo's defence and security cooperation with the "
            "United States and NATO, %(period)s, with its sources.",
            "%(num)d developments in Kosovo's defence and security cooperation with the "
            "United States and NATO, %(period)s, with their sources.",
            self.count) % {"num": self.count, "period": self.period}

    @property
    def keywords(self) -> list[str]:
        _ = words(self.lang)
        return ["Kosovo", "NATO", _("United States"), _("defence"), _("security"),
                _("chronology")]


@cache
def _catalogue(lang: str):
    from briefings.plugins.i18n import translations

    if lang not in LANGUAGES:
        raise ValueError(f"no PDFs in {lang!r} (one of: {', '.join(LANGUAGES)})")
    return translations(THEME, lang)


def words(lang: str, kind: str = "gettext"):
    """The catalogue's ``gettext`` (or ``ngettext``) of ``lang``: the theme's own words."""
    return getattr(_catalogue(lang), kind)


def generation_time() -> dt.datetime:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def short_date(date: dt.date | None, precision: str | None, lang: str = "en") -> str:
    return display_date(date, precision, short=True, lang=lang)


def partial_date_label(value: str, lang: str = "en") -> str:
    """``2025-08`` -> ``August 2025``; anything else is shown as written."""
    if PARTIAL_RE.match(value or "") and not check_partial_date(value):
        return display_date(*partial_to_date(value), lang=lang)
    return value or ""


def period_label(entries: list[Entry], start: dt.date | None = None,
                 end: dt.date | None = None, lang: str = "en") -> str:
    _ = words(lang)
    dated = [e for e in entries if e.date is not None]
    if start or end:
        lo = display_date(start, "day", lang=lang) if start else _("the beginning")
        hi = display_date(end, "day", lang=lang) if end else _("today")
        return f"{lo} – {hi}"
    if not dated:
        return _("Undated developments only") if entries else _("No developments")
    first, last = dated[0], dated[-1]
    a = display_date(first.date, first.date_precision, lang=lang)
    b = display_date(last.date, last.date_precision, lang=lang)
    return a if a == b else f"{a} – {b}"


def _caveats(entry: Entry, lang: str = "en") -> list[str]:
    _ = words(lang)
    notes = []
    if entry.review != "reviewed":
        notes.append(_("Machine-made, not yet reviewed: drafted by the ingestion tool from its "
                       "sources and not yet checked by a person."))
    notes.extend(_(FLAGS[f]) for f in entry.flags if f in FLAGS and f != "undated")
    return notes


_TAG_RE = re.compile(r"<[^>]+>")
PARTIAL_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def development_view(entry: Entry, article_html: str | None, actor_names: dict[str, str],
                     in_book: set[str] | frozenset[str],
                     book_sources: set[str] | None = None, lang: str = "en") -> DevelopmentView:
    _ = words(lang)
    # the header's Title-sq, Summary-sq …, or a whole translation's (with its "body")
    given = entry.translations.get(lang, {})
    summary = markdown_text(given["summary"]) if given.get("summary") else entry.summary_text
    body = clean_article(article_html or "", entry.slug, summary, in_book,
                         book_sources=book_sources)
    text_len = len(_TAG_RE.sub("", body)) + len(summary)
    status = _("Planned") if entry.event_status == "planned" else _("Occurred")
    category = CATEGORIES.get(entry.category)
    return DevelopmentView(
        anchor=anchor_id(entry.slug),
        slug=entry.slug,
        title=given.get("title") or entry.title,
        title_lang=lang if given.get("title") else "en",
        summary_lang=lang if given.get("summary") else "en",
        body_lang=lang if given.get("body") else "en",
        date=display_date(entry.date, entry.date_precision, lang=lang),
        date_short=short_date(entry.date, entry.date_precision, lang),
        status=status,
        status_key=entry.event_status,
        planned=entry.event_status == "planned",
        category=_(category) if category else entry.category,
        actors=[actor_names.get(a, a) for a in entry.actors],
        location=entry.location or "",
        summary=summary,
        body=body,
        caveats=_caveats(entry, lang),
        short=text_len < SHORT_CHARS,
    )


def group_entries(entries: list[Entry], lang: str = "en"
                  ) -> list[tuple[str, str, list[Entry], str]]:
    """``(id, label, entries, intro)`` per year, then the undated part."""
    _ = words(lang)
    groups: dict[int, list[Entry]] = {}
    undated: list[Entry] = []
    for e in entries:
        if e.date is None:
            undated.append(e)
        else:
            groups.setdefault(e.date.year, []).append(e)
    out = [(f"year-{y}", str(y), es, "") for y, es in sorted(groups.items())]
    if undated:
        out.append((UNDATED_PART, _("Awaiting a date"), undated,
                    _("No source gives a date for these developments. They stay out of the "
                      "timeline until a person dates them.")))
    return out


def language_note(code: str, lang: str) -> str:
    """"In Albanian." in the book's language for a source not in English, else ""."""
    from babel import Locale, UnknownLocaleError

    from briefings.bibliography import language_note as english_note
    from briefings.model import DATE_PATTERNS

    if lang == "en" or not english_note(code):
        return english_note(code) or ""
    try:
        name = Locale.parse(code.strip().replace("-", "_")).get_display_name(
            DATE_PATTERNS[lang]["locale"])
    except (ValueError, UnknownLocaleError):
        name = code.strip()
    _ = words(lang)
    return _("In %(language)s.") % {"language": name}


def source_views(entries: list[Entry], sources: dict[str, Source],
                 lang: str = "en") -> list[SourceView]:
    """The sources cited by ``entries``, sorted by author and title, each with its citers."""
    _ = words(lang)
    cited: dict[str, list[tuple[str, str]]] = {}
    for e in entries:
        for key in dict.fromkeys(e.sources):
            # a date says which development; an undated one is named by its title
            label = (short_date(e.date, e.date_precision, lang) if e.date
                     else _("“%(title)s” (undated)") % {"title": e.title})
            cited.setdefault(key, []).append((anchor_id(e.slug), label))
    views = []
    for key, citers in cited.items():
        s = sources.get(key) or Source(key=key, title=key)
        views.append(SourceView(f"src-{key}", key, s.title, s.author, s.publisher,
                                partial_date_label(s.date, lang), web_url(s.url), s.urldate,
                                s.note, citers,
                                language=language_note(s.lang_code, lang) if s.lang_code
                                else s.language))
    views.sort(key=lambda v: ((v.author or v.title).lower(), v.date, v.title.lower()))
    return views


def make_book(entries: Iterable[Entry], html_by_slug: dict[str, str | None], *,
              kind: str = "chronology", title: str | None = None, subtitle: str = "",
              kicker: str | None = None, sources: dict[str, Source] | None = None,
              actor_names: dict[str, str] | None = None, period: str | None = None,
              filters: list[tuple[str, str]] | None = None,
              generated: dt.datetime | None = None, lang: str = "en") -> Book:
    """A book in ``lang``; ``title``, ``subtitle``, ``kicker``, ``period`` and ``filters`` are
    shown as given (in that language), the site's name and "Briefing book" by default."""
    _ = words(lang)
    entries = sort_entries(list(entries))
    in_book = {e.slug for e in entries}
    names = actor_names or {}
    # A book lists its sources once, at the end; a development's PDF keeps its page's list.
    keys = None if kind == "development" else {k for e in entries for k in e.sources}
    groups = [
        Group(gid, label, [development_view(e, html_by_slug.get(e.slug), names, in_book, keys,
                                            lang) for e in es], intro)
        for gid, label, es, intro in group_entries(entries, lang)
    ]
    return Book(kind=kind, title=title or _(SITE_NAME), subtitle=subtitle,
                kicker=kicker or _("Briefing book"),
                period=period or period_label(entries, lang=lang), groups=groups,
                sources=source_views(entries, sources or {}, lang),
                generated=generated or generation_time(), filters=filters or [],
                site_name=_(SITE_NAME), lang=lang)


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


def counters_css(text: str):
    """A translated "Page {page} of {pages}" as CSS ``content``: the words as strings, the
    placeholders as ``counter(page)`` and ``counter(pages)``."""
    from markupsafe import Markup

    parts = re.split(r"(\{pages?\})", str(text))
    return Markup(" ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else css_string(p)
                           for p in parts if p))


def folio_text(lang: str, page: int | str = "{page}", pages: int | str = "{pages}") -> str:
    """"Page 2 of 9" in ``lang`` (placeholders kept by default, for :func:`counters_css`)."""
    _ = words(lang)
    return _("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}


def page_attr(book: Book, anchor: str):
    """`` data-page="N"`` when the book's page numbers are written out (rendered in parts)."""
    from markupsafe import Markup

    if not book.page_numbers:
        return Markup("")
    return Markup(f' data-page="{int(book.page_numbers.get(anchor, 0)) or "?"}"')


@cache
def _environment(lang: str = "en"):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(_catalogue(lang), newstyle=True)
    env.filters["css_string"] = css_string
    env.filters["counters_css"] = counters_css
    env.filters["page_attr"] = page_attr
    env.globals["folio_text"] = folio_text
    return env


def book_html(book: Book) -> str:
    return _environment(book.lang).get_template("book.html").render(book=book)


def single_sources_needed(book: Book) -> bool:
    """A development's PDF lists its sources only when its page's reference list lacks a URL."""
    body = "".join(d.body for g in book.groups for d in g.developments)
    return any(s.url and s.url not in body for s in book.sources) or \
        any(not s.url and s.key not in body for s in book.sources)


def development_book(entry: Entry, article_html: str | None, *,
                     sources: dict[str, Source] | None = None,
                     actor_names: dict[str, str] | None = None,
                     generated: dt.datetime | None = None, lang: str = "en") -> Book:
    _ = words(lang)
    book = make_book([entry], {entry.slug: article_html}, kind="development",
                     title=entry.translations.get(lang, {}).get("title") or entry.title,
                     kicker=_("Development briefing"),
                     sources=sources, actor_names=actor_names,
                     period=display_date(entry.date, entry.date_precision, lang=lang),
                     generated=generated, lang=lang)
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
