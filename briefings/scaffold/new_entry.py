"""``briefings new "Title" --date 2025-03-18 --source KEY [--actor KEY …]``: write a valid entry in
``content/briefings/<year>/<slug>.md`` (undated ones in ``briefings/undated/``) and print its path.

What the command cannot know (the summary and the text) is left as ``TODO:`` lines, which
``briefings validate`` reports as errors (``E-PLACEHOLDER``), and ``briefings build`` refuses,
until a person replaces them: a draft is never published. With ``--translation-of SLUG --lang
sq`` it starts a translation of that entry instead (:mod:`.new_translation`). Everything else is
checked before the file is written: sources in the bibliography, actors in the registry, a slug
that is a slug (so the file goes nowhere but ``briefings/<year>/``) and no other entry has, a
date that exists at the precision given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from briefings import invisible
from briefings.schema import (
    CATEGORIES,
    DEFAULT_SCOPE,
    ENTRIES_DIR,
    EVENT_STATUSES,
    PLACEHOLDER,
    PRECISIONS,
    SCOPES,
    SLUG_RE,
    TRANSLATED,
    TRANSLATIONS_DIR,
    UNDATED_DIR,
    slugify,
)

HELP = "write a new entry to edit (prints its path)"

PARTIAL_DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
#: Words left out of slugs, so that slugs stay short and say what happened.
SLUG_STOPWORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on",
                            "the", "to", "with"})
SLUG_WORDS = 7
#: Title words -> category, when --category is not given (the first match wins). A guess,
#: printed as such; the contributor corrects it in the file.
CATEGORY_HINTS: tuple[tuple[str, str], ...] = (
    (r"\b(sign|signs|signed|agreement|declaration|memorandum|treaty|accord)\b", "agreements"),
    (r"\b(exercise|exercises|training|drill|drills)\b", "exercises-and-training"),
    (r"\b(donat\w*|deliver\w*|procure\w*|purchase\w*|buy|buys|vehicles|equipment)\b",
     "procurement-and-donations"),
    (r"\b(factory|industry|industrial|manufactur\w*)\b", "defence-industry"),
    (r"\b(deploy\w*|mission|missions|contingent|troops|kfor)\b", "missions-and-deployments"),
    (r"\b(meet|meets|met|meeting|visit|visits|visited|talks|hosts)\b", "meetings-and-visits"),
    (r"\b(approve\w*|decide\w*|decision|law|parliament|assembly|appoint\w*|plan)\b",
     "institutions-and-decisions"),
)
DEFAULT_CATEGORY = "statements"


class UsageError(Exception):
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", nargs="?", help="what happened, in one line")
    parser.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY; leave out when no date is "
                        "known (the entry is then flagged undated)")
    parser.add_argument("--precision", choices=PRECISIONS,
                        help="what the source supports (default: from the form of --date)")
    parser.add_argument("--source", action="append", default=[], metavar="KEY",
                        help="a BibTeX key from the bibliography (repeat for several)")
    parser.add_argument("--actor", action="append", default=[], metavar="KEY",
                        help="a key from actors.yaml (repeat for several)")
    parser.add_argument("--category", choices=tuple(CATEGORIES),
                        help="default: guessed from the title, and said so")
    parser.add_argument("--status", choices=EVENT_STATUSES,
                        help="default: planned for a date after today, else occurred")
    parser.add_argument("--scope", choices=SCOPES, default=DEFAULT_SCOPE,
                        help="cooperation (on the timeline; the default) or background "
                        "(context, kept off the timeline, feeds and PDF chronology)")
    parser.add_argument("--location", help="where it happened, when known")
    parser.add_argument("--slug", help="default: from the date and the title")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--translation-of", metavar="SLUG",
                        help="instead of a new entry, start a translation of the entry with "
                        f"this slug into --lang, in {TRANSLATIONS_DIR}/<lang>/<slug>.md")
    parser.add_argument("--lang", choices=TRANSLATED,
                        help="with --translation-of: the language to translate into")


def parse_date(value: str | None, precision: str | None) -> tuple[dt.date | None, str | None]:
    """``("2025-03", None)`` -> ``(date(2025, 3, 1), "month")``; a day given with a coarser
    precision is moved to the first day of its period."""
    if not value:
        if precision:
            raise UsageError("--precision needs --date")
        return None, None
    m = PARTIAL_DATE_RE.match(value.strip())
    if not m:
        raise UsageError(f"--date {value}: write YYYY-MM-DD, YYYY-MM or YYYY")
    given = "day" if m["d"] else "month" if m["m"] else "year"
    precision = precision or given
    if PRECISIONS.index(precision) < PRECISIONS.index(given):
        raise UsageError(f"--date {value} gives no {precision}: precision '{precision}' needs "
                         "a fuller date (the evidence supports no more than the date it gives)")
    try:
        date = dt.date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))
    except ValueError as exc:
        raise UsageError(f"--date {value} is not a date that exists ({exc})") from None
    if precision == "month":
        date = date.replace(day=1)
    elif precision == "year":
        date = date.replace(month=1, day=1)
    return date, precision


def make_slug(title: str, date: dt.date | None, precision: str | None) -> str:
    words = [w for w in slugify(title).split("-") if w not in SLUG_STOPWORDS][:SLUG_WORDS]
    prefix = ""
    if date is not None:
        prefix = {"day": date.isoformat(), "month": date.isoformat()[:7],
                  "year": str(date.year)}[precision or "day"]
    return "-".join(p for p in [prefix, *words] if p)


def check_slug(slug: str) -> str:
    """``--slug`` as given, when it is a slug: it becomes the file's name and the page's
    address, so nothing else may reach the path (``../``, ``/``, dots)."""
    if SLUG_RE.match(slug):
        return slug
    fixed = slugify(slug)
    raise UsageError(f"--slug {slug}: a slug is lowercase ASCII letters, digits and single "
                     "hyphens (it names the file and the page /briefings/<slug>/)"
                     + (f"; did you mean --slug {fixed}?" if fixed else ""))


def guess_category(title: str) -> str:
    for pattern, category in CATEGORY_HINTS:
        if re.search(pattern, title, re.IGNORECASE):
            return category
    return DEFAULT_CATEGORY


def entry_path(content: Path, slug: str, date: dt.date | None) -> Path:
    folder = str(date.year) if date else UNDATED_DIR
    return content / ENTRIES_DIR / folder / f"{slug}.md"


def _check_keys(wanted: list[str], known: list[str], what: str, where: str) -> None:
    from briefings.validate.loader import did_you_mean

    for key in wanted:
        if key not in known:
            raise UsageError(f"{what} '{key}' is not in {where}; "
                             + (did_you_mean(key, known) or "")
                             + ("add it with `briefings new-source`" if what == "source"
                                else "add it there first (see CONTRIBUTING.md)"))


def write_entry(args: argparse.Namespace) -> tuple[Path, list[str]]:
    """Write the entry; returns its path and notes for the person (what was guessed)."""
    from briefings.entryfile import render_entry
    from briefings.model import Entry
    from briefings.registry import load_actors
    from briefings.validate.bibliography import load_bibliography
    from briefings.validate.loader import entry_files, read_doc

    content: Path = args.content
    notes: list[str] = []
    if args.lang:
        raise UsageError("--lang goes with --translation-of SLUG (a new entry is in English)")
    title = " ".join((args.title or "").split())
    if not title:
        raise UsageError("the title is empty")
    for name, value in (("title", title), ("--location", args.location or "")):
        hidden = [ch for _i, ch in invisible.find(value)]
        if hidden:
            raise UsageError(f"the {name} '{invisible.shown(value)}' holds a character that "
                             "cannot be seen: " + invisible.summary(hidden) + "; delete it")
    if not args.source:
        raise UsageError("an entry needs at least one source: --source KEY (keys are in "
                         f"{content / 'bibliography.bib'}; `briefings new-source` adds one)")
    date, precision = parse_date(args.date, args.precision)
    slug = check_slug(args.slug) if args.slug is not None else make_slug(title, date, precision)
    if not SLUG_RE.match(slug):
        raise UsageError(f"the title '{title}' gives no slug (no letters or digits in ASCII): "
                         "give one with --slug")
    keys, _problems, exists = load_bibliography(content / "bibliography.bib")
    if not exists:
        raise UsageError(f"there is no {content / 'bibliography.bib'}: add a source first with "
                         "`briefings new-source`")
    _check_keys(args.source, list(keys), "source", str(content / "bibliography.bib"))
    if args.actor:
        actors, _problems = load_actors(content / "actors.yaml")
        _check_keys(args.actor, list(actors), "actor", str(content / "actors.yaml"))
    category = args.category
    if category is None:
        category = guess_category(title)
        notes.append(f"Category: {category} (guessed from the title; the others are: "
                     + ", ".join(c for c in CATEGORIES if c != category) + ")")
    status = args.status or ("planned" if date and date > dt.date.today() else "occurred")
    path = entry_path(content, slug, date)
    if path.exists():
        raise UsageError(f"{path} already exists: edit it, or choose another --slug")
    for other in entry_files(content):
        doc, _problems = read_doc(other)
        if doc is None:
            continue
        if doc.entry.slug == slug:
            raise UsageError(f"the slug '{slug}' is taken by {other}: choose another --slug")
        if date and doc.entry.date == date and \
                " ".join(doc.entry.title.casefold().split()) == title.casefold():
            raise UsageError(f"{other} has this title on this date: if it is the same "
                             "development, add your source to its Sources instead")
    sources = list(dict.fromkeys(args.source))
    flags = []
    if date is None:
        flags.append("undated")
    if len(sources) == 1:
        flags.append("single-source")
    cites = "; ".join(f"@{k}" for k in sources)
    entry = Entry(
        title=title, slug=slug, category=category,
        summary=f"{PLACEHOLDER} one or two neutral sentences on what happened.",
        sources=sources, date=date, date_precision=precision, event_status=status,
        actors=sorted(set(args.actor)), location=args.location, review="unreviewed",
        scope=getattr(args, "scope", DEFAULT_SCOPE),
        flags=sorted(flags),
        body=(f"{PLACEHOLDER} write a short neutral account of what happened, citing the "
              f"source of each claim as [{cites}]. Put key points in a list and quotes as "
              "> block quotes with who said them."),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_entry(entry), encoding="utf-8")
    return path, notes


def main(args: argparse.Namespace) -> int:
    from briefings.problems import display_path
    from briefings.scaffold import new_translation
    from briefings.validate import validate

    try:
        if args.translation_of is not None:
            path, notes = new_translation.write_translation(args), []
        else:
            path, notes = write_entry(args)
    except (UsageError, new_translation.UsageError) as exc:
        print(f"briefings new: {exc}", file=sys.stderr)
        return 2
    for note in notes:
        print(note, file=sys.stderr)
    # the TODO lines are the edit left to the person (E-PLACEHOLDER until then); anything else
    # is never expected: the scaffold writes valid entries
    errors = [p for p in validate([path], args.content)
              if p.is_error and p.code != "E-PLACEHOLDER"]
    if errors:
        # what the person typed (a title with HTML, say) makes an entry that cannot be built:
        # the file this command just created goes again, and the errors say what to change
        path.unlink()
        for p in errors:
            print(p.format(), file=sys.stderr)
        print(f"briefings new: {display_path(path)} not written: change the arguments as the "
              "errors above say, then run the command again", file=sys.stderr)
        return 1
    if args.translation_of is not None:
        print("Next: translate the title, the summary and the text, removing each TODO mark "
              "(until then `briefings validate` and `briefings build` refuse the translation), "
              f"then run `briefings validate {display_path(path)}`.", file=sys.stderr)
    else:
        print("Next: replace the two TODO lines (Summary and text) with your own words (until "
              "then `briefings validate` and `briefings build` refuse the entry), add Location "
              "or Date-Evidence if you know them, then run `briefings validate "
              f"{display_path(path)}`.", file=sys.stderr)
    print(display_path(path))
    return 0
