"""The site's languages: the settings' ``LANGUAGES`` (code -> the language's own name), the first
at the site's root, each other one a site of its own at ``<root>/<code>/``.

``briefings build`` makes each language's site with one more Pelican run: the same settings and
content with :func:`overrides` (``DEFAULT_LANG`` and ``SITEURL`` of that language, its output in
the folder ``<code>/`` of the staging directory). Every language shares the root's copy of the
theme's files, the PDFs and the search index (``ROOT_URL`` in the templates).
"""

from __future__ import annotations

#: Settings whose words each language's site shows in its own (marked in pelican.conf.py).
TRANSLATED = ("SITENAME", "SITESUBTITLE")
#: Without ``LANGUAGES`` in the settings: the site in its DEFAULT_LANG alone.
FALLBACK = "en"


def languages(settings: dict) -> list[str]:
    """The codes, the root's language first."""
    return list(settings.get("LANGUAGES") or [settings.get("DEFAULT_LANG") or FALLBACK])


def others(settings: dict) -> list[str]:
    """The languages with a site of their own under the root's."""
    return languages(settings)[1:]


def folder(lang: str) -> str:
    """A language's folder under the root's output (and the path under its URL)."""
    return lang


def overrides(settings: dict, lang: str) -> dict:
    """Pelican settings for the site of ``lang`` (one of :func:`others`)."""
    from pathlib import Path

    from briefings.plugins.i18n import translations  # it uses this module

    root = settings.get("ROOT_URL", settings.get("SITEURL", "")) or ""
    feeds = settings.get("FEED_DOMAIN") or root
    tr = translations(Path(settings["THEME"]), lang)
    return {
        "DEFAULT_LANG": lang,
        # marked in pelican.conf.py, translated in the theme's catalogues
        **{k: tr.gettext(settings[k]) for k in TRANSLATED if settings.get(k)},
        "SITEURL": f"{root}/{folder(lang)}",
        "FEED_DOMAIN": f"{feeds}/{folder(lang)}",
        "ROOT_URL": root,
        # the theme's files are the root site's copy (ROOT_URL/theme/)
        "THEME_STATIC_PATHS": [],
    }
