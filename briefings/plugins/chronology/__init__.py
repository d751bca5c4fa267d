"""chronology: the chronology's data and pages, from the entries.

Settings, all under ``TIMELINE`` in pelican.conf.py (defaults in :data:`DEFAULTS`):

- ``home_limit``: at most this many developments are listed on the home page (whole years,
  newest first, while they fit); every year page lists all of its developments.
- ``window``: the most events the interactive timeline holds at once.
- ``all_years_max``: up to this many dated developments, the timeline may show all years at once.
- ``actor_feeds``: write an Atom feed per actor.
- ``actor_feed_items``: an actor's feed holds this many of its newest developments (a feed
  reader keeps what it has read; the actor's page lists them all).
- ``actor_page_size``: an actor page lists at most this many developments, newest first; the
  older ones go on at ``actors/<key>/2/``, ``actors/<key>/3/``, ….
- ``year_page_size``: a year page lists at most this many developments, in date order; the
  later ones go on at ``years/<year>/2/``, ….
- ``locales``: the TimelineJS locale of each site language (DEFAULT_LANG) that is not English:
  one of TimelineJS's own (``sr``), or a file under the site's root (``theme/….json``).

What it writes (besides what templates render from the context it adds):

- ``timeline.json``: the whole chronology in TimelineJS format (a download);
- ``timeline/<year>.json``: one year's TimelineJS events plus plain rows (the home page's script
  windows the timeline with them), ``timeline/all.json``: the same for every year, written while
  there are at most ``all_years_max`` dated developments, and ``timeline/index.json``: years,
  actors and categories;
- ``data/chronology.json`` and ``data/chronology.csv``: plain downloads;
- ``years/<year>/``, ``actors/``, ``actors/<key>/``: pages; ``feeds/actors/<key>.atom.xml``;
- ``sitemap.xml``.

Every feed (the site's and each actor's) gets the entries' HTML cleaned as on the pages, with
in-page links (citations, footnotes) pointing into the entry's page (:func:`feed_html`): a feed
reader shows it without the site's styles and scripts.

Templates get ``article.development`` (a :class:`~.data.Development`, ``None`` when undated),
``article.prev_development``/``next_development`` (articles), ``article.actor_links``, and in
the global context ``chronology`` (a :class:`Chronology`).

Background entries (``Scope: background``, hidden by the entries plugin) are no development:
they are in none of the above (timeline, data files, home, year and actor pages and feeds, the
sitemap). An entry page lists, as ``article.background_context``, the background entries that
share a source with it; a background entry's page lists, as ``article.context_for``, the
developments it gives context to (those sharing a source with it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from briefings.bibliography import Bibliography
from briefings.bibliography import load as load_bibliography
from briefings.plugins.chronology.data import (
    Development,
    csv_text,
    page_row,
    plain_row,
    plain_text,
    sort_key,
    timeline_document,
    unique_id,
)
from briefings.plugins.chronology.sanitize import clean_html as _clean_html
from briefings.plugins.i18n import translations
from briefings.plugins.paging import Page, paginate
from briefings.schema import CATEGORIES, FLAGS
from briefings.urls import web_url

log = logging.getLogger(__name__)
PREFIX = "chronology:"
#: Actor keys that get a page, a feed and a filter option (others are shown as plain text).
ACTOR_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

DEFAULTS = {
    "home_limit": 100,
    "window": 30,
    "all_years_max": 1000,
    "actor_feeds": True,
    "actor_feed_items": 20,
    "actor_page_size": 300,
    "year_page_size": 300,
    "locales": {},
}


@dataclass
class Chronology:
    developments: list[Development] = field(default_factory=list)  # dated, oldest first
    articles: dict[str, object] = field(default_factory=dict)  # slug -> article
    undated: list = field(default_factory=list)  # undated articles
    background: list = field(default_factory=list)  # background articles (no developments)
    actors: dict[str, object] = field(default_factory=dict)  # key -> registry Actor
    actor_counts: Counter = field(default_factory=Counter)
    years: list[int] = field(default_factory=list)  # newest first
    year_counts: Counter = field(default_factory=Counter)
    home_years: list[int] = field(default_factory=list)
    home: list[Development] = field(default_factory=list)  # what the home page lists, newest first
    settings: dict = field(default_factory=dict)
    lang: str = "en"  # the site's language (DEFAULT_LANG): names and dates in it
    categories: dict[str, str] = field(default_factory=lambda: dict(CATEGORIES))
    flags: dict[str, str] = field(default_factory=lambda: dict(FLAGS))
    #: (year -> developments, actor key -> developments), oldest first: made at the first
    #: by_year() or by_actor(), once ``developments`` is complete (each is asked for twice, and
    #: a search of every development per actor took seconds at 10,000)
    _index: tuple[dict, dict] | None = field(default=None, repr=False, compare=False)

    def _indexes(self) -> tuple[dict, dict]:
        if self._index is None:
            years: dict[int, list[Development]] = {}
            actors: dict[str, list[Development]] = {}
            for d in self.developments:
                years.setdefault(d.year, []).append(d)
                for k in dict.fromkeys(k for k, _n in d.actors):
                    actors.setdefault(k, []).append(d)
            self._index = (years, actors)
        return self._index

    def by_year(self, year: int) -> list[Development]:
        return list(self._indexes()[0].get(year, ()))

    def by_actor(self, key: str) -> list[Development]:
        return list(self._indexes()[1].get(key, ()))

    def actor_name(self, key: str) -> str:
        """Its name for the site's readers (the registry's ``names``, else ``name``)."""
        actor = self.actors.get(key)
        return actor.name_in(self.lang) if actor is not None else key

    @property
    def home_is_complete(self) -> bool:
        return len(self.home) == len(self.developments)


def _settings(pelican_settings: dict) -> dict:
    return {**DEFAULTS, **(pelican_settings.get("TIMELINE") or {})}


def _load_actors(content: Path) -> dict:
    from briefings.registry import load_actors

    actors, problems = load_actors(content / "actors.yaml")
    for p in problems:
        log.warning("%s %s", PREFIX, p)
    return actors


def _load_source_urls(content: Path, bibliography: Bibliography | None = None) -> dict[str, str]:
    """Each source's URL: from ``bibliography`` (the citations plugin's, already read this
    build), or else from the content's bibliography.bib, read the same way. Only http(s)
    addresses (:mod:`briefings.urls`): ``briefings validate`` reports the others."""
    if bibliography is None:
        bibliography = load_bibliography(content / "bibliography.bib")
        for problem in bibliography.problems:
            if problem.is_error:
                log.warning("%s %s", PREFIX, problem.format())
    return {k: url for k, e in bibliography.entries.items()
            if (url := web_url(e.fields.get("url")))}


def build_chronology(articles, hidden, settings: dict,
                     bibliography: Bibliography | None = None) -> Chronology:
    content = Path(settings["PATH"])
    conf = _settings(settings)
    actors = _load_actors(content)
    urls = _load_source_urls(content, bibliography)
    chron = Chronology(actors=actors, settings=conf, lang=settings.get("DEFAULT_LANG", "en"))
    taken: set[str] = set()
    for article in sorted(articles, key=lambda a: a.slug):
        if getattr(article, "undated", False):
            continue
        actor_keys = list(getattr(article, "actors", []) or [])
        dev = Development(
            slug=article.slug,
            title=str(article.title),  # plain text: shown as written
            date=article.date.date(),
            precision=getattr(article, "date_precision", None) or "day",
            status=getattr(article, "event_status", "occurred"),
            category=str(getattr(article, "category", "") or ""),
            url="/" + article.url,
            summary=plain_text(getattr(article, "summary", "")),
            actors=[(k, chron.actor_name(k)) for k in actor_keys],
            location=str(getattr(article, "location", "") or ""),
            sources=list(getattr(article, "sources", []) or []),
            review=getattr(article, "review", "unreviewed"),
            flags=list(getattr(article, "flags", []) or []),
            lang=chron.lang,
            title_lang=getattr(article, "title_lang", "en"),
            summary_lang=getattr(article, "summary_lang", "en"),
        )
        dev.source_urls = [urls[k] for k in dev.sources if k in urls]
        dev.unique_id = unique_id(dev.slug, taken)
        chron.developments.append(dev)
        chron.articles[dev.slug] = article
    chron.developments.sort(key=sort_key)
    chron.undated = sorted((a for a in hidden if getattr(a, "undated", False)
                            and not getattr(a, "background", False)),
                           key=lambda a: str(a.title))
    chron.background = sorted((a for a in hidden if getattr(a, "background", False)),
                              key=_by_date)
    chron.year_counts = Counter(d.year for d in chron.developments)
    chron.years = sorted(chron.year_counts, reverse=True)
    chron.actor_counts = Counter(k for d in chron.developments for k, _n in d.actors
                                 if ACTOR_KEY_RE.match(k))
    # The home page: whole years, newest first, while they fit (at least part of the newest).
    limit = int(conf["home_limit"])
    total = 0
    for year in chron.years:
        if total and total + chron.year_counts[year] > limit:
            break
        chron.home_years.append(year)
        total += chron.year_counts[year]
    home = [d for d in chron.developments if d.year in chron.home_years]
    chron.home = list(reversed(home))[:limit]
    return chron


def _by_date(article) -> tuple:
    """Dated ones first, in date order; then by title."""
    undated = getattr(article, "undated", False)
    return (undated, None if undated else article.date, str(article.title))


def _shared_sources(chron: Chronology, all_articles) -> None:
    """``background_context`` of each article (the background entries citing one of its
    sources) and ``context_for`` of each background entry (the other entries citing one of
    its sources), in date order."""
    background: dict[str, list] = {}
    others: dict[str, list] = {}
    for article in chron.background:
        for key in dict.fromkeys(getattr(article, "sources", []) or []):
            background.setdefault(key, []).append(article)
    for article in all_articles:
        if not getattr(article, "background", False):
            for key in dict.fromkeys(getattr(article, "sources", []) or []):
                if key in background:
                    others.setdefault(key, []).append(article)
    for article in all_articles:
        keys = dict.fromkeys(getattr(article, "sources", []) or [])
        near = background if not getattr(article, "background", False) else others
        found = {id(a): a for k in keys for a in near.get(k, ()) if a is not article}
        found_sorted = sorted(found.values(), key=_by_date)
        if getattr(article, "background", False):
            article.background_context, article.context_for = [], found_sorted
        else:
            article.background_context, article.context_for = found_sorted, []


def _attach(chron: Chronology, all_articles) -> None:
    """Give each article its development, neighbours, actor links and background context for
    the templates."""
    devs = chron.developments
    index = {d.slug: i for i, d in enumerate(devs)}
    _shared_sources(chron, all_articles)
    for article in all_articles:
        i = index.get(article.slug)
        article.development = devs[i] if i is not None else None
        article.prev_development = (chron.articles[devs[i - 1].slug]
                                    if i is not None and i > 0 else None)
        article.next_development = (chron.articles[devs[i + 1].slug]
                                    if i is not None and i + 1 < len(devs) else None)
        article.actor_links = [(k, chron.actor_name(k), k in chron.actor_counts)
                               for k in getattr(article, "actors", []) or []]
        article.category_label = CATEGORIES.get(str(getattr(article, "category", "")), "")
        article.flag_texts = [(f, FLAGS.get(f, "")) for f in getattr(article, "flags", []) or []]


class ChronologyGenerator(Generator):
    """Adds ``chronology`` to the context, then writes its data, pages and feeds."""

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        hidden = self.context.get("hidden_articles", [])
        citations = self.context.get("citations_state")  # the citations plugin's, if on
        chron = build_chronology(articles, hidden, self.settings,
                                 getattr(citations, "bib", None))
        _attach(chron, list(articles) + list(hidden))
        # The pages of long lists, known before the entry pages link "In the 2025 chronology".
        self.year_pages = {y: _pages(f"years/{y}/", chron.by_year(y),
                                     chron.settings["year_page_size"]) for y in chron.years}
        self.actor_pages = {k: _pages(f"actors/{k}/", list(reversed(chron.by_actor(k))),
                                      chron.settings["actor_page_size"])
                            for k in sorted(chron.actor_counts)}
        for pages in self.year_pages.values():
            for page in pages:
                for d in page.items:
                    d.year_url = page.url
        self.chronology = chron
        self._update_context(())
        self.context["chronology"] = chron
        # Other issues' assets, linked only once they exist (a missing file would be a 404).
        self.context["THEME_HAS_PRINT_CSS"] = (
            Path(self.settings["THEME"]) / "static" / "css" / "print.css").exists()
        log.info("%s %d dated developments, %d awaiting a date, %d years, %d background "
                 "entries", PREFIX, len(chron.developments), len(chron.undated),
                 len(chron.years), len(chron.background))

    def _write(self, relpath: str, text: str) -> None:
        path = Path(self.output_path) / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _json(self, relpath: str, obj: object) -> None:
        self._write(relpath, json.dumps(obj, ensure_ascii=False, separators=(",", ":")))

    def generate_output(self, writer) -> None:
        chron = self.chronology
        site = self.settings.get("SITEURL", "")
        devs = chron.developments
        # the timeline's fixed words in the site's language (the theme's catalogue)
        tr = translations(Path(self.settings["THEME"]), chron.lang)
        # Data: the whole chronology, then one file per year for the page's own script.
        self._json("timeline.json", timeline_document(devs, site, self.settings["SITENAME"], tr))
        self._json("data/chronology.json", {"developments": [plain_row(d) for d in devs]})
        self._write("data/chronology.csv", csv_text(devs, site))
        for year in chron.years:
            year_devs = chron.by_year(year)
            self._json(f"timeline/{year}.json", {
                "year": year,
                "events": timeline_document(year_devs, site, tr=tr)["events"],
                "rows": [page_row(d, site) for d in year_devs],
            })
        # While the timeline may show every year at once, its opening view is every year: one
        # file for it (one request, where one per year held up the page's scripts).
        if len(devs) <= chron.settings["all_years_max"]:
            self._json("timeline/all.json", {
                "year": None,
                "events": timeline_document(devs, site, tr=tr)["events"],
                "rows": [page_row(d, site) for d in devs],
            })
        self._json("timeline/index.json", {
            "years": {str(y): chron.year_counts[y] for y in chron.years},
            "actors": {k: chron.actor_name(k) for k in sorted(chron.actor_counts)},
            "categories": chron.categories,
            "window": chron.settings["window"],
            "all_years_max": chron.settings["all_years_max"],
            "total": len(devs),
        })
        # Pages.
        for year, pages in self.year_pages.items():
            for page in pages:
                writer.write_file(page.save_as, self.get_template("year"), self.context,
                                  year=year, developments=page.items, page=page, pager=pages,
                                  url=page.url, page_name=page.save_as.removesuffix(".html"))
        writer.write_file("actors/index.html", self.get_template("actors"), self.context,
                          url="actors/", page_name="actors/index")
        for key, pages in self.actor_pages.items():
            for page in pages:
                writer.write_file(page.save_as, self.get_template("actor"), self.context,
                                  actor_key=key, actor=chron.actors.get(key),
                                  actor_name=chron.actor_name(key), developments=page.items,
                                  page=page, pager=pages, url=page.url,
                                  page_name=page.save_as.removesuffix(".html"))
        if chron.settings["actor_feeds"]:
            for key in sorted(chron.actor_counts):
                newest = list(reversed(chron.by_actor(key)))[:chron.settings["actor_feed_items"]]
                arts = [chron.articles[d.slug] for d in newest]
                writer.write_feed(arts, self.context, f"feeds/actors/{key}.atom.xml",
                                  feed_type="atom",
                                  feed_title=f"{self.settings['SITENAME']}: "
                                  f"{chron.actor_name(key)}")
        lists = [*self.year_pages.values(), *self.actor_pages.values()]
        self._write("sitemap.xml", sitemap(self.context, chron,
                                           [p.url for pages in lists for p in pages]))


def _pages(url: str, developments: list, size: int) -> list[Page]:
    """A list of developments in pages, each labelled with the dates it spans."""
    return paginate(developments, size, url, label=lambda d: d.display_date)


def sitemap(context: dict, chron: Chronology, list_urls: list[str]) -> str:
    """``list_urls``: every page of the year and actor lists. Background entries are not in it:
    the sitemap lists the chronology, and they are its context (linked from the entries)."""
    site = context.get("SITEURL", "")
    urls = ["", "actors/", *list_urls]
    urls += [p.url for p in context.get("pages", [])]
    urls += [a.url for a in list(context.get("articles", [])) + chron.undated]
    body = "".join(f"<url><loc>{xml_escape(f'{site}/{u}')}</loc></url>\n" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")


#: digest of an HTML text -> its cleaned form. The same entry HTML is cleaned for its page, the
#: site feed and each of its actors' feeds.
_CLEANED: dict[bytes, Markup] = {}
CLEANED_MAX = 50_000


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def clean_html(value: object) -> Markup:
    """:func:`.sanitize.clean_html`, each distinct text cleaned once per process."""
    text = str(value or "")
    key = _digest(text)
    hit = _CLEANED.get(key)
    if hit is None:
        if len(_CLEANED) >= CLEANED_MAX:
            _CLEANED.clear()
        hit = _CLEANED[key] = _clean_html(text)
    return hit


def get_generators(pelican_object):
    return ChronologyGenerator


def thousands(value: int) -> str:
    """A count as readers write it: 9,798."""
    return f"{int(value):,}"


def add_filters(pelican_object) -> None:
    filters = pelican_object.settings.setdefault("JINJA_FILTERS", {})
    filters.setdefault("clean_html", clean_html)
    filters.setdefault("plain_text", plain_text)
    filters.setdefault("thousands", thousands)


#: (digest of an entry's HTML, its page's URL) -> that HTML as a feed reader gets it
_FEED_HTML: dict[tuple[bytes, str], str] = {}


def feed_html(html: str, link: str) -> str:
    """An entry's HTML for feed readers, which show it without the site's styles and scripts:
    with in-page links (``#ref-key``, footnotes) pointing into the entry's page at ``link``, and
    citations no longer described by their reference's text (the reference list, where it is,
    is not in the feed). Then cleaned as the pages are."""
    key = (_digest(html), link)
    hit = _FEED_HTML.get(key)
    if hit is not None:
        return hit
    if 'href="#' in html:
        from lxml import etree
        from lxml.html import fragment_fromstring

        root = fragment_fromstring(html, create_parent="div")
        for a in root.xpath('//a[starts-with(@href, "#")]'):
            a.set("href", link + a.get("href"))
        for a in root.xpath("//a[@aria-describedby]"):
            del a.attrib["aria-describedby"]  # what describes it is not in the feed
        html = etree.tostring(root, encoding="unicode", method="html")
        html = html[len("<div>"):-len("</div>")]
    if len(_FEED_HTML) >= CLEANED_MAX:
        _FEED_HTML.clear()
    hit = _FEED_HTML[key] = str(_clean_html(html))  # cached here, not in _CLEANED as well
    return hit


def clean_feed(context, feed) -> None:
    """Feed readers render entry HTML too: give them the same cleaned HTML as the pages, made
    to read well without the site (:func:`feed_html`)."""
    for item in getattr(feed, "items", []):
        for key in ("description", "content"):
            if item.get(key):
                item[key] = feed_html(str(item[key]), str(item.get("link") or ""))
        if item.get("title"):
            item["title"] = str(item["title"])  # plain text; feedgenerator escapes it


def register() -> None:
    signals.initialized.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(clean_feed)


