"""entries: read briefing entries through the project's schema.

Pelican keeps custom fields as plain strings; this plugin turns them into what the schema says
(lists for Actors, Sources, Flags; evidence items; the date at its precision) before Pelican
builds each article, so templates and other plugins get structured values:

- ``article.actors``, ``article.sources``, ``article.flags``: lists of keys
- ``article.date_precision``: ``day`` | ``month`` | ``year`` | ``None`` (undated)
- ``article.display_date``: the date at its precision, in the site's language (DEFAULT_LANG):
  "September 2025", "shtator 2025"
- ``article.undated``: True for entries with no date. Pelican requires a date, so these get a
  sentinel date and ``status: hidden``: they have pages but stay out of listings, feeds and
  the timeline, and the chronology lists them as "awaiting a date".
- ``article.title_lang``, ``article.summary_lang``: the language of its title and summary: the
  site's where the header translates them (``Title-sq``, ``Summary-sr``; shown in place of the
  English ones), else English, which the pages mark with ``lang``
- ``article.body_lang``: the language of its account: :data:`ENTRY_LANG`, or a translation's
  (``article.translation_of``: the slug of its original, whose header it inherits; the site of
  its language shows it in the original's place, no other site shows it: :mod:`.translations`)
- ``article.scope``: ``cooperation`` or ``background`` (absent: ``cooperation``), and
  ``article.background``: True for background entries. These get ``status: hidden`` too: a page
  of their own, shown as context on the entries that share a source with them, and nothing
  else (no timeline, list, feed, sitemap, search index or PDF; see the chronology plugin).
"""

from __future__ import annotations

import datetime as dt
import logging

from pelican import signals

from briefings.entryfile import EVIDENCE_RE
from briefings.model import Evidence, display_date
from briefings.plugins.entries.translations import choose, inherit
from briefings.schema import DEFAULT_SCOPE, ENTRY_LANG, split_list

log = logging.getLogger(__name__)

UNDATED_SENTINEL = dt.datetime(1900, 1, 1)
LIST_KEYS = ("actors", "sources", "flags")


# ENTRY_LANG: the language entries are written in; the other sites show them in it unless the
# header gives their title or summary in the site's language (``Title-sq``, ``Summary-sr``), or
# a translation translates the whole entry.


def translate(metadata: dict, lang: str, markdown_settings: dict) -> None:
    """The title and summary of the site's language where the header gives them, and the
    language each is in (``title_lang``, ``summary_lang``; the body's, ``body_lang``, is
    :data:`ENTRY_LANG`). A translation's are all in its own language."""
    if metadata.get("translation_of"):
        own = metadata.get("lang") or ENTRY_LANG
        metadata["title_lang"] = metadata["summary_lang"] = metadata["body_lang"] = own
        return
    metadata["title_lang"] = metadata["summary_lang"] = metadata["body_lang"] = ENTRY_LANG
    if lang == ENTRY_LANG:
        return
    title = str(metadata.get(f"title-{lang}") or "").strip()
    if title:
        metadata["title"], metadata["title_lang"] = title, lang
    summary = str(metadata.get(f"summary-{lang}") or "").strip()
    if summary:  # rendered as Pelican renders the English one
        from markdown import Markdown

        metadata["summary"] = Markdown(**markdown_settings).convert(summary)
        metadata["summary_lang"] = lang


def on_article_context(generator, metadata: dict) -> None:
    lang = generator.settings.get("DEFAULT_LANG", "en")
    inherit(metadata, generator.settings)
    translate(metadata, lang, generator.settings.get("MARKDOWN") or {})
    for key in LIST_KEYS:
        metadata[key] = split_list(metadata.get(key))
    raw_evidence = metadata.get("date-evidence") or []
    if isinstance(raw_evidence, str):
        raw_evidence = [raw_evidence]
    evidence = []
    for item in raw_evidence:
        m = EVIDENCE_RE.match(item)
        if m:
            evidence.append(Evidence(m.group("key"), m.group("text")))
    metadata["date_evidence"] = evidence
    precision = metadata.get("date-precision") or None
    metadata["date_precision"] = precision
    metadata["event_status"] = metadata.get("event-status") or "occurred"
    metadata["scope"] = str(metadata.get("scope") or DEFAULT_SCOPE).strip().lower()
    metadata["background"] = metadata["scope"] == "background"
    if metadata["background"]:
        metadata["status"] = "hidden"
    if "date" not in metadata:
        metadata["date"] = UNDATED_SENTINEL
        metadata["undated"] = True
        metadata["status"] = "hidden"
        metadata["display_date"] = display_date(None, None, lang=lang)
    else:
        metadata["undated"] = False
        value = metadata["date"]
        metadata["display_date"] = display_date(value.date() if hasattr(value, "date") else value,
                                                precision, lang=lang)


def register() -> None:
    signals.article_generator_context.connect(on_article_context)
    signals.article_generator_pretaxonomy.connect(choose)
