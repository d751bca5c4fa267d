"""Rules across entries: unique slugs, no two entries with one title on one date, files named
and placed as their slug and date say, and bibliography entries that nothing cites.
"""

from __future__ import annotations

from collections import defaultdict

from briefings.model import display_date
from briefings.problems import Problem, display_path
from briefings.schema import ENTRIES_DIR, UNDATED_DIR
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc, shared


def check(ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    by_slug: dict[str, list[EntryDoc]] = defaultdict(list)
    by_title_date: dict[tuple[str, str], list[EntryDoc]] = defaultdict(list)
    for doc in ctx.docs:
        e = doc.entry
        if doc.translation:
            continue  # not an entry of its own: translations.py
        if e.slug:
            by_slug[e.slug].append(doc)
        if e.title and e.date:
            # the date at its precision: "2026" and "January 2026" are not the same date
            when = display_date(e.date, e.date_precision)
            by_title_date[(" ".join(e.title.casefold().split()), when)].append(doc)
        out += _placement(doc, ctx)
    for slug, doc, others in shared(by_slug):
        out.append(problem("E-SLUG-DUPLICATE", doc.where, doc.entry.lines.get("slug", 1),
                           f"the slug '{slug}' is also the slug of {others}",
                           "give this entry its own slug (date and a few words of its title), "
                           "or merge the two entries"))
    for (_title, date), doc, others in shared(by_title_date):
        out.append(problem("E-TITLE-DATE-DUPLICATE", doc.where, doc.entry.lines.get("title", 1),
                           f"{others} has the same title on the same date ({date})",
                           "merge the two entries into one that lists both sources, or make "
                           "each title say what differs"))
    out += _uncited(ctx)
    return out


def _placement(doc: EntryDoc, ctx: Context) -> list[Problem]:
    base = ctx.entries_dir
    path = doc.resolved
    if base not in path.parents:
        return []  # a file given outside the content folder (a fixture, a draft)
    e = doc.entry
    out = []
    if e.slug and path.stem != e.slug:
        out.append(problem("W-SLUG-FILENAME", doc.where, e.lines.get("slug", 1),
                           f"the file is named {path.name} but its slug is '{e.slug}'",
                           f"rename the file to {e.slug}.md (`git mv`)"))
    if e.date is None and doc.field("date") is not None:
        return out  # a date that does not read: dates.py says why
    folder = str(e.date.year) if e.date else UNDATED_DIR
    if path.parent.name != folder or path.parent.parent != base:
        where = display_path(ctx.content / ENTRIES_DIR / folder)
        out.append(problem("W-ENTRY-FOLDER", doc.where, e.lines.get("date", 1),
                           f"the entry belongs in {where}/", f"move it there (`git mv`): "
                           f"{where}/{path.name}"))
    return out


def _uncited(ctx: Context) -> list[Problem]:
    if not ctx.bib_ok:
        return []
    cited: set[str] = set()
    for doc in ctx.docs:
        cited.update(doc.entry.sources)
        cited.update(ev.source for ev in doc.entry.date_evidence)
        cited.update(k for c in doc.citations for k in c.keys)
    where = display_path(ctx.bib_path)
    return [unused_key(where, line, key) for key, line in ctx.bib_keys.items()
            if key not in cited]


def unused_key(where: str, line: int, key: str) -> Problem:
    """``W-BIB-UNUSED``, in the one wording of validate and the citations plugin."""
    return problem("W-BIB-UNUSED", where, line, f"no entry cites '{key}'",
                   "cite it in an entry's Sources, or remove it from the bibliography")
