"""The interface's words in the site's language: the theme marks them for gettext (Jinja2's
``i18n`` extension) and ``theme/translations/<lang>/LC_MESSAGES/messages.po`` translates them
(Babel catalogues; ``make translations`` refreshes them from the templates). The catalogue of
``DEFAULT_LANG`` is installed in every generator's Jinja environment; English is the templates'
own words.

Each language's site (briefings/languages.py) links to the same page in the others: the
templates' ``language_links(output_file)`` gives, for every language, its code, its own name and
the URL of that page, which has the same path under each language's root."""

from __future__ import annotations

from functools import cache, partial
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals

from briefings import languages

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


def install(generator) -> None:
    settings = generator.settings
    generator.env.install_gettext_translations(
        translations(Path(settings["THEME"]), settings.get("DEFAULT_LANG", SOURCE_LANG)),
        newstyle=True)
    generator.env.globals["language_links"] = partial(language_links, settings)


def register() -> None:
    signals.generator_init.connect(install)
