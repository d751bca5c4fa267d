"""Stage 5, actors: tag developments with keys of ``content/actors.yaml`` (names, aliases,
transliterations), and check what a source says about people:

- ``conflicting-names``: one surname with several first names in one source ("Donika Zemaj",
  "Armend Zemaj", "Albin Zemaj");
- ``unknown-actor``: a person named in an office (``data/offices.yaml``) that the registry gives
  to someone else (at the date of the development, when it is known).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from unidecode import unidecode

from briefings.registry import Actor

DATA = Path(__file__).parent / "data" / "offices.yaml"
NAME_WORD = r"[A-ZÇËÀ-ÖØ-Þ][\w'’-]+"
RUN_RE = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")


@cache
def not_names() -> frozenset[str]:
    """Capitalised words that are no part of a person's name (``data/offices.yaml``)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data.get("not_names", []))


@dataclass(frozen=True)
class Registry:
    actors: dict[str, Actor]
    exact: re.Pattern[str] | None  # acronyms and short names, over ASCII-folded text
    folded: re.Pattern[str] | None  # other names, over ASCII-folded lower-case text
    keys: dict[str, str]  # matched words (as in the text searched) -> actor key


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """``unidecode(text)`` with ’ as '. unidecode maps each character on its own, but in a
    Python loop over all of a string that is not pure ASCII: only the non-ASCII runs go in."""
    return NON_ASCII_RE.sub(lambda m: unidecode(m.group(0)), text).replace("’", "'")


def _trie_regex(words: list[str]) -> str:
    """One regular expression for many words, as a prefix tree (fast: no alternation of
    hundreds of branches at each position), preferring the longest word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            return "(?:" + "|".join(branches) + ")?" if branches else ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return walk(trie)


def build_registry(actors: dict[str, Actor]) -> Registry:
    """Compile the names and aliases of every actor (acronyms and names of three letters or
    fewer are case-sensitive, the others not)."""
    keys: dict[str, str] = {}
    exact: list[str] = []
    folded: list[str] = []
    for key, actor in actors.items():
        for name in sorted({actor.name, *actor.aliases}):
            name = fold(name.strip())
            if not name:
                continue
            if name.isupper() or len(name) <= 3:
                keys.setdefault(name, key)
                exact.append(name)
            else:
                keys.setdefault(name.lower(), key)
                folded.append(name.lower())

    def compile_(words: list[str]) -> re.Pattern[str] | None:
        if not words:
            return None
        return re.compile(r"(?<![\w.])(?:" + _trie_regex(words) + r")(?![\w]|\.\w)")

    return Registry(actors, compile_(exact), compile_(folded), keys)


def _matches(text: str, reg: Registry) -> list[tuple[int, str]]:
    """``(offset, actor key)`` of every name in ``text``, in order."""
    f = fold(text)
    spans: list[tuple[int, int, str]] = []
    if reg.exact is not None:
        spans += [(m.start(), -m.end(), reg.keys[m.group(0)]) for m in reg.exact.finditer(f)]
    if reg.folded is not None:
        spans += [(m.start(), -m.end(), reg.keys[m.group(0)])
                  for m in reg.folded.finditer(f.lower())]
    found: list[tuple[int, str]] = []
    reach = -1
    for start, neg_end, key in sorted(spans):  # a name inside a longer name is not a mention
        if -neg_end <= reach:
            continue
        found.append((start, key))
        reach = max(reach, -neg_end)
    return found


def mentions(text: str, reg: Registry) -> list[tuple[int, str]]:
    """``(offset, actor key)`` of every name in ``text``, in order (offsets into ``text`` when
    it is ASCII, as after :func:`briefings.ingest.scope.fold`)."""
    return _matches(text, reg)


def tag(text: str, reg: Registry) -> list[str]:
    """Actor keys named in ``text``, in order of first mention."""
    return list(dict.fromkeys(key for _pos, key in _matches(text, reg)))


def last_person(text: str, actors: dict[str, Actor], reg: Registry) -> str | None:
    """The key of the person named last in ``text``."""
    people = [key for _pos, key in _matches(text, reg) if actors[key].kind == "person"]
    return people[-1] if people else None


@cache
def office_rules(path: Path = DATA) -> tuple[list[tuple[str, re.Pattern[str]]], frozenset[str],
                                             str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hon = "|".join(re.escape(h) for h in data.get("honorifics", []))
    rules = []
    for title, phrasings in (data.get("offices") or {}).items():
        alt = "|".join(f"(?:{p})" for p in phrasings)
        rules.append((title, re.compile(
            rf"(?<![\w-])(?P<office>(?i:{alt}))(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?"
            rf"Kosovo)?,?\s+(?:(?:{hon})\s+)?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})")))
    return rules, frozenset(w.lower() for w in data.get("skip_before", [])), hon


@dataclass(frozen=True)
class OfficeMention:
    start: int
    office: str  # canonical title
    name: str  # as written


def office_mentions(text: str) -> list[OfficeMention]:
    rules, skip, _hon = office_rules()
    found: list[OfficeMention] = []
    for title, rx in rules:
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 40):m.start()].split()
            if before and before[-1].lower().strip(",") in skip:
                continue
            name = _trim_name(m.group("name"))
            if name:
                found.append(OfficeMention(m.start(), title, name))
    return sorted(found, key=lambda o: o.start)


class OfficesNear:
    """The office mentions of a text (in order of offset), to find those near a development."""

    def __init__(self, mentions: list[OfficeMention]):
        self.mentions = mentions
        self.starts = [om.start for om in mentions]

    def near(self, spans: list[tuple[int, int]], reach: int = 400) -> list[OfficeMention]:
        """The mentions whose ``[start - reach, start + reach)`` holds a whole span of
        ``spans`` (in order of offset), found by bisection: many developments and many offices
        in one source do not cost their product."""
        found: set[int] = set()
        for a, b in sorted(set(spans)):
            found.update(range(bisect_left(self.starts, b - reach),
                               bisect_right(self.starts, a + reach)))
        return [self.mentions[i] for i in sorted(found)]


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[0].lower().strip(".,") in not_names():
        words.pop(0)
    out = []
    for w in words:
        if w.lower().strip(".,’'") in not_names():
            break
        out.append(w.strip(",.’'"))
    # "Kosovo’s" is no name; possessives end a name.
    return " ".join(w for w in out if not w.endswith(("’s", "'s")))


def _same_person(name: str, actor: Actor) -> bool:
    n = fold(name).casefold()
    names = {fold(a).casefold() for a in (actor.name, *actor.aliases)}
    if n in names:
        return True
    # "Mr. Mustafa" (surname alone) or "Isa Mustafa"
    return " " not in n and n in {x.split()[-1] for x in names}


def _covers(office_from: str | None, office_to: str | None, date: dt.date | None,
            precision: str | None = "day") -> bool:
    """Whether an office held from ``office_from`` to ``office_to`` (partial dates, ``None``
    when not known) may have been held at ``date`` (compared at the coarser precision)."""
    if date is None:
        return True
    iso = date.isoformat()[: {"day": 10, "month": 7, "year": 4}.get(precision or "day", 10)]
    if office_from and iso < office_from[: len(iso)]:
        return False
    return not (office_to and iso[: len(office_to)] > office_to[: len(iso)])


def unknown_actors(mentions: list[OfficeMention], actors: dict[str, Actor],
                   date: dt.date | None, precision: str | None = "day",
                   ) -> list[tuple[OfficeMention, list[str]]]:
    """Mentions of a person in an office that the registry gives to someone else, with the
    names of the registry's holders."""
    out = []
    known: dict[tuple[str, str], list[str] | None] = {}  # (office, name) -> holders, if unknown
    for om in mentions:
        if (om.office, om.name) not in known:
            known[om.office, om.name] = _other_holders(om, actors, date, precision)
        names = known[om.office, om.name]
        if names is not None:
            out.append((om, names))
    return out


def _other_holders(om: OfficeMention, actors: dict[str, Actor], date: dt.date | None,
                   precision: str | None) -> list[str] | None:
    """The registry's holders of the office ``om`` names, when it names someone else."""
    holders = [(a, o) for a in actors.values() if a.kind == "person"
               for o in a.offices if o.title == om.office]
    if not holders:
        return None
    if any(_same_person(om.name, a) and _covers(o.start, o.end, date, precision)
           for a, o in holders):
        return None
    names = sorted({a.name for a, o in holders if _covers(o.start, o.end, date, precision)})
    return names or sorted({a.name for a, _o in holders})


def name_checks(conflicts: dict[str, list[tuple[int, str]]], limit: int) -> list[str]:
    """What a reviewer must check about ``conflicts`` (:func:`conflicting_names`), in words: at
    most ``limit`` surnames with at most ``limit`` first names each (every development of the
    source carries them: a list of the source's size in each would cost the square of it)."""
    def first(items: list[str], what: str) -> list[str]:
        more = len(items) - limit
        return items if more <= 0 else [*items[:limit], f"{more:,} more {what}"]

    checks = [f"The source gives the surname {surname} several first names: "
              + ", ".join(first([n for _p, n in names], "names")) + "."
              for surname, names in sorted(conflicts.items())]
    more = len(checks) - limit
    if more <= 0:
        return checks
    return [*checks[:limit], f"The source gives {more:,} more surnames several first names "
            "(see the W-CONFLICTING-NAMES warnings of `briefings ingest`)."]


def conflicting_names(text: str, actors: dict[str, Actor]) -> dict[str, list[tuple[int, str]]]:
    """Surname -> [(offset, full name)] for surnames written with several first names in
    ``text`` (people the registry knows as distinct are not a conflict)."""
    by_surname: dict[str, dict[str, int]] = {}
    for m in RUN_RE.finditer(text):
        # split a run of capitalised words at words that are no names; pairs are candidates
        segment: list[tuple[str, int]] = []
        for w in [*list(re.finditer(NAME_WORD, m.group(0))), None]:
            word = w.group(0) if w else ""
            if w and word.lower().strip(".,") not in not_names() and not word.isupper() \
                    and not word.endswith(("’s", "'s")):
                segment.append((word, m.start() + w.start()))
                continue
            if len(segment) == 2:
                (first, pos), (last, _p) = segment
                by_surname.setdefault(last, {}).setdefault(first, pos)
            segment = []
            if w and word.endswith(("’s", "'s")):
                continue
    persons = [a for a in actors.values() if a.kind == "person"]
    conflicts = {}
    for last, firsts in by_surname.items():
        if len(firsts) < 2:
            continue
        unregistered = [f for f in firsts
                        if not any(_same_person(f"{f} {last}", a) for a in persons)]
        if not unregistered or any(_is_known_non_person(f"{f} {last}", actors)
                                   for f in firsts):
            continue
        conflicts[last] = sorted((pos, f"{f} {last}") for f, pos in firsts.items())
    return conflicts


def _is_known_non_person(name: str, actors: dict[str, Actor]) -> bool:
    n = fold(name).casefold()
    return any(a.kind != "person" and n in {fold(x).casefold() for x in (a.name, *a.aliases)}
               for a in actors.values())
