"""Whole-entry translations (``content/translations/<lang>/<slug>.md``,
:mod:`briefings.translations`) on each language's site.

Every site reads them (``ARTICLE_PATHS``); then:

- :func:`inherit` (on ``article_generator_context``, before Pelican builds the article) gives a
  translation its original's header, all but what it translates (title, summary, body): its
  date, slug, category, actors, sources, evidence, flags… are the original's, so the page,
  the citations and the chronology are the original's in that language;
- :func:`choose` (on ``article_generator_pretaxonomy``, Pelican's signal for changing the list of
  articles before anything lists them) puts each translation into the site's language in its
  original's place, at the original's URL, and leaves every other translation out. The root
  site (English) thus lists, links and writes exactly what it would without translations.

Pelican's own grouping of translations by slug (``ARTICLE_TRANSLATION_ID``) is off in
pelican.conf.py: on the Albanian site an original without ``Lang`` is Albanian to Pelican too,
and it would warn of two originals. That grouping also put the articles in slug order before
ordering them by date (``ARTICLE_ORDER_BY``), so that developments of one date come in the same
order whatever order the files are read in: :func:`choose` does the same.
"""

from __future__ import annotations

import logging
from operator import attrgetter
from pathlib import Path

from pelican.readers import BaseReader
from pelican.utils import order_content

from briefings.entryfile import parse_header
from briefings.schema import ENTRY_LANG
from briefings.translations import find_original, inherited

log = logging.getLogger(__name__)
PREFIX = "entries:"
#: The generator's lists of articles (Pelican's public attributes, filled before the signal).
LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
         "drafts_translations")
#: Those that Pelican orders (by ARTICLE_ORDER_BY).
ORDERED = ("articles", "hidden_articles", "drafts")


def inherit(metadata: dict, settings: dict) -> bool:
    """When ``metadata`` is a translation's: its original's fields added (they win over any the
    translation repeats: ``briefings validate`` requires them to agree), and True."""
    key = str(metadata.get("translation-of") or "").strip()
    if not key:
        return False
    metadata["translation_of"] = key
    metadata["lang"] = str(metadata.get("lang") or "").strip()
    original = find_original(Path(settings["PATH"]), key)
    if original is None:
        log.error("%s the translation '%s' (Translation-Of: %s) translates no entry: no entry has "
                  "that slug (`briefings validate` says more)", PREFIX, metadata.get("title"),
                  key)
        return True
    reader = BaseReader(settings)
    fields = parse_header(original.read_text(encoding="utf-8"))[0]
    for name, values in inherited(fields).items():
        values = [v for v in values if v]
        if values:
            metadata[name] = reader.process_metadata(name, values[0] if len(values) == 1
                                                     else values)
    return True


def is_translation(article) -> bool:
    return bool(getattr(article, "translation_of", None))


def choose(generator) -> None:
    """Each translation into the site's language in its original's place, and no other; the
    lists in slug order, then in Pelican's (ARTICLE_ORDER_BY)."""
    lang = generator.settings.get("DEFAULT_LANG", "en")
    everything = [a for name in LISTS for a in getattr(generator, name, None) or ()]
    originals = {a.slug for a in everything if not is_translation(a)}
    chosen: dict[str, object] = {}
    for a in sorted((a for a in everything if is_translation(a) and a.lang == lang),
                    key=lambda a: a.source_path):
        if a.slug not in originals or a.lang == ENTRY_LANG:
            continue  # an orphan (inherit() said so), or in the original's own language
        if a.slug in chosen:
            log.warning("%s two translations of '%s' into %s: %s is used, %s is not", PREFIX,
                        a.slug, lang, chosen[a.slug].source_path, a.source_path)
            continue
        chosen[a.slug] = a
    order_by = generator.settings.get("ARTICLE_ORDER_BY", "reversed-date")
    for name in LISTS:
        items = getattr(generator, name, None)
        if items:
            items[:] = [chosen.get(a.slug, a) for a in items if not is_translation(a)]
            if name in ORDERED:
                items[:] = order_content(sorted(items, key=attrgetter("slug")), order_by)
