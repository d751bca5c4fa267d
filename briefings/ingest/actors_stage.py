"""Stage 6, actors, for one source: the registry (``content/actors.yaml``) compiled once per
process, who speaks in the source (for its headlines), then the tags, places, offices and
quotes' speakers of each development. The matching of names and offices is
:mod:`briefings.ingest.actors`; this module applies it to a :class:`Source`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from briefings.ingest import actors as match
from briefings.ingest import cite, headline
from briefings.ingest.events import sentences
from briefings.ingest.model import Source
from briefings.ingest.read import settings, warn
from briefings.registry import Actor, load_actors


@cache
def _registry(path: str, mtime: float) -> tuple[dict[str, Actor], match.Registry]:
    actors, _problems = load_actors(Path(path)) if Path(path).exists() else ({}, [])
    return actors, match.build_registry(actors)


def registry(path: Path) -> tuple[dict[str, Actor], match.Registry]:
    """The actors of ``path`` and their compiled names (compiled again when the file changes)."""
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _registry(str(path), mtime)


def case_words(actors: dict[str, Actor]) -> dict[str, str]:
    """One-word names as the registry writes them, by their lower case (for inferred titles)."""
    return {w.lower(): w for a in actors.values() for w in (a.name, *a.aliases) if " " not in w}


def proper_words(actors: dict[str, Actor]) -> frozenset[str]:
    """The capitalised words of the registry's names, which BibTeX titles keep as written."""
    return frozenset(w for a in actors.values() for name in (a.name, *a.aliases)
                     for w in name.split() if w[:1].isupper() and not w.isupper()
                     and w.lower() not in cite.SLUG_STOP)


def people(src: Source, actors: dict[str, Actor], reg: match.Registry) -> headline.People:
    """Who speaks in ``src``: for headlines told in the third person."""
    from briefings.dates_util import partial_to_date

    published = partial_to_date(src.published) if src.published else None
    found = headline.People(actors, reg, src.meta.publisher, published)
    found.voices = headline.find_voices(src.text, src.meta.publisher, published, actors, reg)
    return found


def tag(src: Source, actors: dict[str, Actor], reg: match.Registry) -> None:
    """Tag every development of ``src`` with actors and a location; flag ``unknown-actor`` and
    ``conflicting-names`` (with what a reviewer must check); name the speakers of quotes."""
    text = src.text
    spans = sentences(text)
    lede = " ".join(filter(None, [src.title, text[spans[0][0]:spans[0][1]] if spans else ""]))
    lede_actors = [a for a in match.tag(lede, reg) if actors[a].kind != "person"]
    offices = match.office_mentions(text)
    near = match.OfficesNear(offices)
    conflicts = match.conflicting_names(text, actors)
    name_checks = match.name_checks(conflicts, int(settings()["name_checks_per_entry"]))
    for surname, names in sorted(conflicts.items()):
        warn(src, src.line_at(names[0][0]), "W-CONFLICTING-NAMES",
             f"the source gives '{surname}' several first names: "
             + ", ".join(n for _p, n in names), "check who is meant against other sources")
    from briefings.dates_util import partial_to_date

    published = partial_to_date(src.published) if src.published else None
    reported: set[tuple[str, str]] = set()
    for ev in src.events:
        found = match.tag(" ".join(ev.sentences), reg)
        if ev.date is None:  # the article as a whole: who its opening names, people too
            found += match.tag(" ".join(text[a:b] for a, b in spans[:3]), reg)
        # A place is where something happened (Location), not who took part (Actors).
        ev.actors = [a for a in dict.fromkeys(found + lede_actors) if actors[a].kind != "place"]
        places = [a for a in match.tag(ev.clause, reg)  # where it happened, not
                  if actors[a].kind == "place"]         # a place named nearby
        ev.location = actors[places[0]].name if places else None
        # the offices named within 400 characters of its sentences (all, when undated)
        relevant = offices if ev.date is None else near.near(ev.spans)
        unknown = match.unknown_actors(relevant, actors, ev.date, ev.precision, published)
        if unknown:
            ev.flags = sorted(set(ev.flags) | {"unknown-actor"})
        noted = set(ev.checks)
        for om, holders in unknown:
            note = (f"The source names {om.name} as {om.office}; the actor registry gives "
                    f"that office to {' / '.join(holders)}.")
            if note not in noted:
                noted.add(note)
                ev.checks.append(note)
        for om, holders in unknown:
            if (om.name, om.office) in reported:
                continue
            reported.add((om.name, om.office))
            warn(src, src.line_at(om.start), "W-UNKNOWN-ACTOR",
                 f"'{om.name}' is named {om.office}, an office the actor registry gives to "
                 + " / ".join(holders), "check the name; correct content/actors.yaml if the "
                 "registry is wrong")
        if conflicts:
            ev.flags = sorted(set(ev.flags) | {"conflicting-names"})
            ev.checks += name_checks
        ev.quotes = [(q, speaker(text, q, sp, actors, reg)) for q, sp in ev.quotes]


def speaker(text: str, quote: str, said_by: str, actors: dict[str, Actor],
            reg: match.Registry) -> str:
    """'he' (a pronoun or a role) is the last person the text named before the quote."""
    if said_by != "he":
        return said_by
    pos = text.find(quote.rstrip(" …")[:40])
    last = match.last_person(text[max(0, pos - 3000):max(0, pos)], actors, reg)
    return actors[last].name if last else ""


def speakers(actors: dict[str, Actor]) -> dict[str, str]:
    """Surname -> full name of every person of the registry (for the account's attributions)."""
    out: dict[str, str] = {}
    for a in actors.values():
        if a.kind != "person":
            continue
        for n in (a.name, *a.aliases):
            out.setdefault(n.split()[-1], a.name)
    return out
