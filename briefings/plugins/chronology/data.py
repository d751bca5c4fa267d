"""Chronology data, independent of Pelican: one :class:`Development` per dated entry, and what
the site writes from them (TimelineJS events, plain rows, CSV).

Every text that reaches TimelineJS is escaped here: TimelineJS 3.9.11 puts ``headline`` and
``text`` into the page as HTML (its cross-site-scripting fixes of 3.9.12/3.9.13 are not on the
npm registry), so they carry plain text and links to the site's own pages only. The rows of the
downloads (:func:`plain_row`, JSON and CSV) carry sources' http(s) addresses only
(:mod:`briefings.urls`), whatever a development was given.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from gettext import NullTranslations
from urllib.parse import urlsplit

from briefings.model import display_date
from briefings.schema import CATEGORIES
from briefings.urls import is_safe_link, web_url

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_NOT_ID = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"<[^>]*>")


@dataclass
class Development:
    slug: str
    title: str
    date: dt.date
    precision: str  # day | month | year
    status: str  # occurred | planned
    category: str
    url: str  # the entry page, as linked from the site ("/briefings/<slug>/")
    summary: str = ""  # plain text
    actors: list[tuple[str, str]] = field(default_factory=list)  # (key, name)
    location: str = ""
    sources: list[str] = field(default_factory=list)  # BibTeX keys
    source_urls: list[str] = field(default_factory=list)
    review: str = "unreviewed"
    flags: list[str] = field(default_factory=list)
    unique_id: str = ""
    year_url: str = ""  # the page of its year's list that holds it ("years/2025/", "years/2025/2/")
    lang: str = "en"  # the language of the site that shows it: its date is written in it
    title_lang: str = "en"  # the language its title and summary are written in
    summary_lang: str = "en"

    @property
    def display_date(self) -> str:
        return display_date(self.date, self.precision, lang=self.lang)

    @property
    def iso(self) -> str:
        """The date at its precision, as ISO 8601 (``2025``, ``2025-09``, ``2025-03-18``)."""
        return {"year": f"{self.date:%Y}", "month": f"{self.date:%Y-%m}"}.get(
            self.precision, self.date.isoformat())

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)


def plain_text(value: object) -> str:
    """HTML (or text) -> plain text: tags dropped, entities decoded, whitespace collapsed."""
    text = html.unescape(_TAG.sub(" ", str(value or "")))
    return " ".join(text.split())


def unique_id(slug: str, taken: set[str] | None = None) -> str:
    """A TimelineJS ``unique_id``: ``e-`` + the slug in lowercase ASCII letters, digits, hyphens.

    TimelineJS rewrites other ids (drops non-ASCII, prefixes a leading digit with ``_``), which
    would break ``#event-…`` links; ``taken`` makes ids unique by suffixing ``-2``, ``-3``…
    """
    base = "e-" + (_NOT_ID.sub("-", slug.lower()).strip("-") or "entry")
    uid, n = base, 2
    while taken is not None and uid in taken:
        uid, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(uid)
    return uid


def sort_key(d: Development) -> tuple:
    return (d.date, {"year": 0, "month": 1, "day": 2}.get(d.precision, 2), d.slug)


def _date_object(d: Development) -> dict:
    obj: dict = {"year": d.date.year}
    if d.precision in ("month", "day"):
        obj["month"] = d.date.month
    if d.precision == "day":
        obj["day"] = d.date.day
    obj["display_date"] = d.display_date
    return obj


def timeline_event(d: Development, site_url: str = "",
                   tr: NullTranslations | None = None) -> dict:
    """One TimelineJS event; every string in it is escaped HTML or a plain value. ``tr``: the
    site language's catalogue (the theme's, briefings/plugins/i18n), for its fixed words."""
    tr = tr or NullTranslations()
    e = html.escape
    status = tr.gettext(" (planned)") if d.status == "planned" else ""
    parts = []
    if d.status == "planned":
        parts.append('<p class="tl-planned-note"><strong>' + e(tr.gettext("Planned.")) +
                     "</strong> " + e(tr.gettext("Announced for this date; not reported as "
                                                  "having happened.")) + "</p>")
    if d.summary:
        parts.append(f"<p>{e(d.summary)}</p>")
    category = tr.gettext(d.category_label)
    facts = [e(category)]
    if d.actors:
        facts.append(e(", ".join(name for _k, name in d.actors)))
    if d.location:
        facts.append(e(d.location))
    parts.append(f'<p class="tl-facts">{" · ".join(facts)}</p>')
    n = len(d.sources)
    words = e(tr.ngettext("Read the entry and its %(num)s source",
                          "Read the entry and its %(num)s sources", n) % {"num": n})
    href = site_url + d.url
    parts.append(f'<p><a href="{e(href)}">{words}</a></p>' if is_safe_link(href)
                 else f"<p>{words}</p>")
    return {
        "unique_id": d.unique_id,
        "start_date": _date_object(d),
        "display_date": e(d.display_date + status),
        "text": {"headline": e(d.title), "text": "".join(parts)},
        "group": e(category),
    }


def timeline_document(devs: list[Development], site_url: str = "", title: str = "",
                      tr: NullTranslations | None = None) -> dict:
    doc: dict = {"events": [timeline_event(d, site_url, tr) for d in devs]}
    if title:
        doc["title"] = {"text": {"headline": html.escape(title), "text": ""}}
    return doc


def plain_row(d: Development) -> dict:
    """The plain chronology record: what the JSON download and the page's own script read."""
    return {
        "id": d.unique_id,
        "slug": d.slug,
        "date": d.iso,
        "precision": d.precision,
        "display_date": d.display_date,
        "status": d.status,
        "title": d.title,
        "summary": d.summary,
        "category": d.category,
        "actors": [k for k, _n in d.actors],
        "location": d.location,
        "sources": list(d.sources),
        "source_urls": [u for u in map(web_url, d.source_urls) if u],
        "review": d.review,
        "flags": list(d.flags),
        "url": d.url,
    }


def page_row(d: Development, site_url: str = "") -> dict:
    """What the home page's script needs of a development (per-year files stay small); its
    ``url`` is the entry page's path on the site of ``site_url`` (a language's: ``/sq/…``)."""
    return {"id": d.unique_id, "slug": d.slug, "date": d.iso, "display_date": d.display_date,
            "status": d.status, "title": d.title, "summary": d.summary, "category": d.category,
            "actors": [k for k, _n in d.actors], "n": len(d.sources),
            "url": urlsplit(site_url).path.rstrip("/") + d.url}


CSV_COLUMNS = ("date", "precision", "status", "title", "category", "actors", "location",
               "sources", "source_urls", "url")


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(devs: list[Development], site_url: str = "") -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for d in devs:
        row = plain_row(d)
        w.writerow([_csv_safe(x) for x in (
            row["date"], row["precision"], row["status"], row["title"], row["category"],
            "; ".join(row["actors"]), row["location"], "; ".join(row["sources"]),
            " ".join(row["source_urls"]), site_url + row["url"])])
    return out.getvalue()
