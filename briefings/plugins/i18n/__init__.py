"""The interface's words in the site's language: the theme marks them for gettext (Jinja2's
``i18n`` extension) and ``theme/translations/<lang>/LC_MESSAGES/messages.po`` translates them
(Babel catalogues; ``make translations`` refreshes them from the templates). The catalogue of
``DEFAULT_LANG`` is installed in every generator's Jinja environment; English is the templates'
own words.

Each language's site (briefings/languages.py) links to the same page in the others: the
templates' ``language_links(output_file)`` gives, for every language, its code, its own name and
the URL of that page, which has the same path under each language's root.

The scripts' words (:mod:`.words`) come to them in the page: ``site_words()`` is the JSON
of them in the site's language, each word with plural forms as one text per CLDR plural
category (``one``, ``few``, ``other``…), which the scripts choose with ``Intl.PluralRules``."""

from __future__ import annotations

import json
from functools import cache, partial
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup
from pelican import signals

from briefings import languages
from briefings.plugins.i18n.words import WORDS

SOURCE_LANG = "en"


def catalogue_path(theme: Path, lang: str) -> Path:
    return theme / "translations" / lang / "LC_MESSAGES" / "messages.po"


def translations(theme: Path, lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang`` (none for English); a language without one is an
    error, not a site in English that says it is another language."""
    if lang == SOURCE_LANG:
        return NullTranslations()
    po = catalogue_path(theme, lang)
    if not po.exists():
        raise FileNotFoundError(f"{po}: no catalogue for DEFAULT_LANG {lang!r} "
                                "(run `make translations` and translate it)")
    return _compiled(po, lang, po.stat().st_mtime_ns)


@cache
def _compiled(po: Path, lang: str, _stamp: int) -> Translations:
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buf = BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf)


def language_links(settings: dict, output_file: str | None = None) -> list[dict]:
    """The page written to ``output_file`` in every language: ``code``, ``name`` (the
    language's own), ``url``, and ``current`` for the page's own; none without a file."""
    if not output_file:
        return []
    path = output_file.removesuffix("index.html") if (
        output_file == "index.html" or output_file.endswith("/index.html")) else output_file
    root = settings.get("ROOT_URL", settings.get("SITEURL", "")) or ""
    names = settings.get("LANGUAGES") or {}
    here = settings.get("DEFAULT_LANG", SOURCE_LANG)
    links = []
    for i, code in enumerate(languages.languages(settings)):
        base = root if i == 0 else f"{root}/{languages.folder(code)}"
        links.append({"code": code, "name": names.get(code, code), "url": f"{base}/{path}",
                      "current": code == here})
    return links


@cache
def site_words(theme: Path, lang: str) -> Markup:
    """The scripts' words in ``lang``, as JSON to put in a ``<script type="application/json">``
    (nothing in it can end the element)."""
    tr = translations(theme, lang)
    rule = Locale.parse(lang).plural_form
    # for each plural category, a number in it: its form in the catalogue
    samples = {}
    for n in range(200):
        samples.setdefault(rule(n), n)
    words: dict[str, object] = {}
    for key, msg in WORDS.items():
        if isinstance(msg, tuple):
            words[key] = {tag: tr.ngettext(*msg, n) for tag, n in samples.items()}
        else:
            words[key] = tr.gettext(msg)
    text = json.dumps(words, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


def install(generator) -> None:
    settings = generator.settings
    generator.env.install_gettext_translations(
        translations(Path(settings["THEME"]), settings.get("DEFAULT_LANG", SOURCE_LANG)),
        newstyle=True)
    generator.env.globals["language_links"] = partial(language_links, settings)
    generator.env.globals["site_words"] = partial(
        site_words, Path(settings["THEME"]), settings.get("DEFAULT_LANG", SOURCE_LANG))


def register() -> None:
    signals.generator_init.connect(install)
