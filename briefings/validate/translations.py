"""Whole-entry translations (:mod:`briefings.translations`): a language of the site other than
the original's, an original that exists, one translation per entry and language, nothing but the
title, summary and text of its own (any other field it repeats agrees with the original's; its
text cites only the original's sources), and the file where its language and original say.

The header's own rules (required fields, their form) are ``header.py``'s, with a translation's
required fields (:data:`briefings.schema.TRANSLATION_REQUIRED`); what it inherits is checked in
its original.
"""

from __future__ import annotations

from collections import defaultdict

from briefings.problems import Problem, display_path
from briefings.schema import (
    ENTRY_LANG,
    FIELDS_BY_KEY,
    LANGUAGES,
    SET_FIELDS,
    TRANSLATED,
    TRANSLATIONS_DIR,
)
from briefings.translations import is_own
from briefings.validate.citations import unknown_key
from briefings.validate.codes import problem
from briefings.validate.loader import (
    Context,
    EntryDoc,
    did_you_mean,
    list_items,
    shared,
    value_of,
)

#: Fields compared item by item, in any order.
LIST_KEYS = ("actors", "sources", "flags")


def check(ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    originals = {d.entry.slug: d for d in ctx.docs if not d.translation and d.entry.slug}
    by_target: dict[tuple[str, str], list[EntryDoc]] = defaultdict(list)
    for doc in ctx.docs:
        if not doc.translation:
            continue
        lang_h, key_h = doc.field("lang"), doc.field("translation-of")
        lang, key = value_of(lang_h), value_of(key_h)
        if lang and lang not in LANGUAGES:
            out.append(problem("E-LANG-UNKNOWN", doc.where, lang_h.line,
                               f"'{lang}' is not a language of the site",
                               did_you_mean(lang, TRANSLATED, 1) + "write one of: "
                               + ", ".join(TRANSLATED) + "; the site's languages are "
                               + ", ".join(LANGUAGES) + f", and entries are written in "
                               f"{ENTRY_LANG}", lang_h.value_col))
        if not key:
            continue  # header.py: a required field
        original = originals.get(key)
        if original is None:
            out.append(problem("E-TRANSLATION-ORPHAN", doc.where, key_h.line,
                               f"Translation-Of '{key}' is the slug of no entry",
                               did_you_mean(key, list(originals), 1) + "write the Slug of the "
                               "entry this translates, or delete the translation with its "
                               "entry", key_h.value_col))
            continue
        out += _placement(doc, ctx)
        own = original.entry.lang or ENTRY_LANG
        if lang == own:
            out.append(problem("E-TRANSLATION-SAME-LANG", doc.where, lang_h.line,
                               f"the translation is in {lang}, the language of its original "
                               f"{original.where}", "write the language it is translated into: "
                               + ", ".join(t for t in TRANSLATED if t != own), lang_h.value_col))
        elif lang:
            by_target[(key, lang)].append(doc)
        out += _differs(doc, original, ctx)
    for (key, lang), doc, others in shared(by_target):
        out.append(problem("E-TRANSLATION-DUPLICATE", doc.where, doc.field("translation-of").line,
                           f"{others} also translates '{key}' into {lang}",
                           "keep one translation per entry and language: merge them into "
                           f"{TRANSLATIONS_DIR}/{lang}/{key}.md"))
    return out


def _items(h) -> list[str]:
    return [item for _l, _c, item in list_items(h)] if h is not None else []


def _differs(doc: EntryDoc, original: EntryDoc, ctx: Context) -> list[Problem]:
    """Fields the translation repeats that are not its original's, and citations of sources the
    original does not list."""
    out: list[Problem] = []
    for h in doc.header:
        if is_own(h.key) or h.key not in FIELDS_BY_KEY or h.key == "translation-of":
            continue
        theirs_h = original.field(h.key)
        if h.key in LIST_KEYS:
            mine, theirs = _items(h), _items(theirs_h)
            same = (set(mine) == set(theirs) if h.key in SET_FIELDS or h.key == "sources"
                    else mine == theirs)
            shown_mine, shown_theirs = ", ".join(mine), ", ".join(theirs)
        else:
            mine_v = [t for _l, _c, t in h.values if t]
            theirs_v = [t for _l, _c, t in theirs_h.values if t] if theirs_h is not None else []
            same = mine_v == theirs_v
            shown_mine, shown_theirs = " ".join(mine_v), " ".join(theirs_v)
        if not same:
            name = FIELDS_BY_KEY[h.key].name
            out.append(problem("E-TRANSLATION-DIFFERS", doc.where, h.line,
                               f"{name} is '{shown_mine}' here but "
                               + (f"'{shown_theirs}'" if shown_theirs else "not given")
                               + f" in the original {original.where}",
                               f"remove the {name} line: a translation takes its original's; "
                               "correct the original if it is wrong", h.value_col))
    listed = set(original.entry.sources)
    bib = display_path(ctx.bib_path)
    first = doc.body_first_line
    for citation in doc.citations:
        line = first + citation.line - 1
        for item in citation.items:
            col = citation.col + max(citation.raw.find("@" + item.key), 0)
            if ctx.bib_ok and item.key not in ctx.bib_keys:
                out.append(unknown_key(doc.where, line, col, item.key, ctx.bib_keys, bib))
            elif item.key not in listed:
                out.append(problem("E-TRANSLATION-DIFFERS", doc.where, line,
                                   f"the text cites '{item.key}', which the Sources of the "
                                   f"original {original.where} do not list",
                                   "cite the sources the original cites: "
                                   + ", ".join(sorted(listed)), col))
    return out


def _placement(doc: EntryDoc, ctx: Context) -> list[Problem]:
    lang, key = value_of(doc.field("lang")), value_of(doc.field("translation-of"))
    if not (lang and key):
        return []
    want = (ctx.content / TRANSLATIONS_DIR / lang / f"{key}.md").resolve()
    if doc.resolved == want or ctx.content.resolve() not in doc.resolved.parents:
        return []  # where it belongs, or a file given from outside the content folder
    where = display_path(ctx.content / TRANSLATIONS_DIR / lang / f"{key}.md")
    return [problem("W-TRANSLATION-FILE", doc.where, doc.field("translation-of").line,
                    f"the translation belongs at {where}",
                    "move it there (`git mv`), where `briefings new --translation-of` puts it and "
                    "a reader of the repository looks for it")]
