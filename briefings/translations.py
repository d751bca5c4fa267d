"""Whole-entry translations: ``content/translations/<lang>/<slug>.md``.

A translation is not a development of its own. Its header gives ``Title``, ``Lang``,
``Translation-Of`` (the Slug of the entry it translates) and ``Summary``, and its body is the
account in that language; everything else (date, precision, status, category, actors, location,
sources, date evidence, scope, review, flags) is its original's, which it inherits
(:func:`inherited`). The site of its language (``/sq/``) shows it in place of the original, at
the original's URL; the other sites, the root's included, never show it. ``briefings validate``
checks it (``briefings/validate/translations.py``).

The entries plugin (``briefings/plugins/entries``), the PDFs (``briefings/pdf/content.py``) and
``briefings new --translation-of`` read translations through this module.
"""

from __future__ import annotations

from pathlib import Path

from briefings.entryfile import CHECKSUM_KEY, parse_header, read_entry
from briefings.model import Entry
from briefings.problems import Problem
from briefings.schema import ENTRIES_DIR, TRANSLATION_OWN, TRANSLATIONS_DIR


def translation_files(content: Path, lang: str | None = None) -> list[Path]:
    """Every translation file under ``content/translations`` (of ``lang`` only, if given)."""
    base = content / TRANSLATIONS_DIR
    if lang:
        base = base / lang
    return sorted(p for p in base.rglob("*.md") if p.is_file()) if base.is_dir() else []


def is_own(key: str) -> bool:
    """A field a translation gives itself rather than inheriting: its title, summary, language
    and original (and no ``Title-sq``-style translations of the header: it is one)."""
    return (key in TRANSLATION_OWN or key == CHECKSUM_KEY
            or key.startswith(("title-", "summary-")))


def inherited(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """The fields of an original's header (:func:`briefings.entryfile.parse_header`) that its
    translations take as their own."""
    return {k: v for k, v in fields.items() if not is_own(k)}


def header_slug(path: Path) -> str:
    """The Slug an entry file's header gives ("" when none, or unreadable)."""
    try:
        fields = parse_header(path.read_text(encoding="utf-8"))[0]
    except (OSError, UnicodeDecodeError):
        return ""
    return " ".join(fields.get("slug", [])).strip()


def find_original(content: Path, key: str) -> Path | None:
    """The entry file whose Slug is ``key``: where ``briefings new`` puts it
    (``briefings/<year>/<key>.md``, ``briefings/undated/<key>.md``), else the first of every
    entry's header that names it."""
    base = content / ENTRIES_DIR
    likely = [base / key[:4] / f"{key}.md", *sorted(base.glob(f"*/{key}.md"))]
    for path in dict.fromkeys(likely):
        if path.is_file() and header_slug(path) == key:
            return path
    for path in sorted(base.rglob("*.md")) if base.is_dir() else []:
        if header_slug(path) == key:
            return path
    return None


def load_translations(content: Path, lang: str) -> tuple[dict[str, Entry], list[Problem]]:
    """The translations into ``lang`` (by their ``Lang``, as the site takes them, wherever they
    are under ``translations/``), by the Slug of their original (the first of each, in file
    order: ``briefings validate`` refuses a second)."""
    found: dict[str, Entry] = {}
    problems: list[Problem] = []
    for path in translation_files(content):
        entry, more = read_entry(path)
        problems += more
        if entry.translation_of and entry.lang == lang:
            found.setdefault(entry.translation_of, entry)
    return found, problems


def apply(entries: list[Entry], translated: dict[str, Entry], lang: str) -> None:
    """Give each of ``entries`` its translation into ``lang`` where there is one: title,
    summary and body, in ``entry.translations[lang]`` (where the header's ``Title-sq`` and
    ``Summary-sq`` go; the body's presence says the whole entry is translated)."""
    for entry in entries:
        t = translated.get(entry.slug)
        if t is not None:
            entry.translations[lang] = {"title": t.title, "summary": t.summary,
                                        "body": t.body}
