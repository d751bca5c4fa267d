"""The interface's words in the site's language: the theme marks them for gettext (Jinja2's
``i18n`` extension) and ``theme/translations/<lang>/LC_MESSAGES/messages.po`` translates them
(Babel catalogues; ``make translations`` refreshes them from the templates). The catalogue of
``DEFAULT_LANG`` is installed in every generator's Jinja environment; English is the templates'
own words."""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals

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


def install(generator) -> None:
    settings = generator.settings
    generator.env.install_gettext_translations(
        translations(Path(settings["THEME"]), settings.get("DEFAULT_LANG", SOURCE_LANG)),
        newstyle=True)


def register() -> None:
    signals.generator_init.connect(install)
