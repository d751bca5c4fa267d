"""``briefings new --translation-of SLUG --lang sq``: start a whole-entry translation.

Writes ``content/translations/<lang>/<slug>.md`` with the header a translation needs (``Title``,
``Lang``, ``Translation-Of``, ``Summary``) and the original's title, summary and text to
translate, each marked ``TODO:`` so that ``briefings validate`` (``E-PLACEHOLDER``) and
``briefings build`` refuse it until a person has translated it. Everything else (date, sources,
actors…) is the original's and is not repeated (:mod:`briefings.translations`). An existing file
is never overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefings.schema import PLACEHOLDER, TRANSLATED, TRANSLATIONS_DIR


class UsageError(Exception):
    pass


def translation_path(content: Path, key: str, lang: str) -> Path:
    return content / TRANSLATIONS_DIR / lang / f"{key}.md"


def text(title: str, lang: str, key: str, summary: str, body: str) -> str:
    """The file: the original's words, each part marked for translation."""
    from babel import Locale

    one_line = " ".join
    language = Locale.parse(lang).get_display_name("en")
    return (f"Title: {PLACEHOLDER} {one_line(title.split())}\n"
            f"Lang: {lang}\n"
            f"Translation-Of: {key}\n"
            f"Summary: {PLACEHOLDER} {one_line(summary.split())}\n\n"
            f"{PLACEHOLDER} translate the title, the summary and the text below into {language}, "
            "each in place of its English words, and remove every TODO mark and this line; keep "
            "every citation in square brackets as it is, and quotes in their source's words.\n\n"
            f"{body.strip()}\n")


def write_translation(args: argparse.Namespace) -> Path:
    from briefings.entryfile import read_entry
    from briefings.translations import find_original, translation_files

    content: Path = args.content
    key, lang = args.translation_of.strip(), args.lang
    if lang not in TRANSLATED:
        raise UsageError("--translation-of needs --lang, the language to translate into: one "
                         "of " + ", ".join(TRANSLATED))
    if args.title:
        raise UsageError("a translation takes its original's title to translate: leave out "
                         f"the title '{args.title}'")
    original = find_original(content, key)
    if original is None:
        from briefings.validate.loader import did_you_mean, entry_files, read_doc

        slugs = [d.entry.slug for d in (read_doc(p)[0] for p in entry_files(content))
                 if d is not None and d.entry.slug and not d.entry.is_translation]
        raise UsageError(f"no entry has the slug '{key}'; " + did_you_mean(key, slugs)
                         + "write the Slug of the entry to translate")
    entry, _problems = read_entry(original)
    for other in translation_files(content):
        t, _problems = read_entry(other)
        if t.translation_of == key and t.lang == lang:
            raise UsageError(f"{other} already translates '{key}' into {lang}: edit it")
    path = translation_path(content, key, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # never over an existing file
            f.write(text(entry.title, lang, key, entry.summary, entry.body))
    except FileExistsError:
        raise UsageError(f"{path} already exists: edit it") from None
    return path
