"""The matching of the actors stage (:mod:`.actors_stage` applies it to a source): find the
keys of ``content/actors.yaml`` in a text (names, aliases, transliterations), and check what a
source says about people:

- ``conflicting-names``: one surname with several first names in one source ("Donika Zemaj",
  "Armend Zemaj", "Albin Zemaj");
- ``unknown-actor``: a person named in an office (``data/offices.yaml``, ``data/sq/offices.yaml``,
  ``data/sr/offices.yaml``) that the registry gives to someone else (at the date of the
  development, when it is known).

Names are compared in ASCII (:func:`fold`: Serbian Cyrillic read as Serbian Latin, accents
dropped) and in their inflected forms: the endings of ``data/{sq,sr}/actors.yaml`` added to a
one-word name (or to it without its last vowel), so that the registry lists "Kosova" once and
finds "Kosovës", "Kosovu" and "Косову" (see :func:`word_forms`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from unidecode import unidecode

from briefings.registry import Actor

DATA_DIR = Path(__file__).parent / "data"
DATA = DATA_DIR / "offices.yaml"
#: the office data of every language: English first (it names the canonical titles)
OFFICE_FILES = (DATA, DATA_DIR / "sq" / "offices.yaml", DATA_DIR / "sr" / "offices.yaml")
#: the languages whose endings inflect names (``data/<lang>/actors.yaml``)
INFLECTING = ("sq", "sr")
# a capitalised word: Latin (with the capitals of Albanian, Serbian, Croatian, Turkish) or Cyrillic
NAME_WORD = r"[A-ZÇËÀ-ÖØ-ÞĆČĐŠŽŞĞİА-ЯЀ-Џ][\w'’-]+"
RUN_RE = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")
VOWELS = frozenset("aeiou")


def _load(path: Path) -> dict:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


@cache
def not_names() -> frozenset[str]:
    """Capitalised words that are no part of a person's name (``not_names`` of the office data
    of every language)."""
    return frozenset(str(w).lower() for path in OFFICE_FILES
                     for w in _load(path).get("not_names") or [])


@dataclass(frozen=True)
class Inflection:
    endings: tuple[str, ...]  # folded, every inflecting language
    links: frozenset[str]  # words joining the words of a name ("e", "së"), any for any
    min_stem: int  # the shortest name or stem an ending is added to
    not_forms: frozenset[str]  # forms endings would make that are other words (lower case)


@cache
def inflection() -> Inflection:
    """The endings and links of ``data/{sq,sr}/actors.yaml`` and the limits of
    ``data/actors.yaml``, folded as the text they are matched in."""
    common = _load(DATA_DIR / "actors.yaml")
    endings: dict[str, None] = {}
    links: set[str] = set()
    for lang in INFLECTING:
        data = _load(DATA_DIR / lang / "actors.yaml")
        endings.update(dict.fromkeys(fold(str(e)).lower() for e in data.get("endings") or []))
        links.update(fold(str(w)).lower() for w in data.get("links") or [])
    return Inflection(tuple(e for e in endings if e), frozenset(links),
                      int(common.get("min_stem", 4)),
                      frozenset(fold(str(w)).lower() for w in common.get("not_forms") or []))


def _stems(word: str) -> tuple[str | None, str | None]:
    """``(word, stem)``: the word when it may take an ending, and the word without its last
    vowel when that stem may (neither when shorter than ``min_stem`` or not all letters)."""
    n = inflection().min_stem
    if len(word) < n or not word.isalpha():
        return None, None
    stem = word[:-1] if word[-1].lower() in VOWELS and len(word) - 1 >= n else None
    return word, stem


def word_forms(word: str) -> set[str]:
    """The inflected forms of one folded word (not the word itself): each ending added to the
    word, and to the word without its last vowel ("Kosova" -> "Kosoves", "Kosovu"). A word or
    stem shorter than ``min_stem`` takes no ending, and the stem alone is no form ("Kurti" gives
    "Kurtit", never "Kurt")."""
    infl = inflection()
    forms = {base + e for base in _stems(word) if base for e in infl.endings}
    forms.discard(word)
    return {f for f in forms if f.lower() not in infl.not_forms}


@dataclass(frozen=True)
class Registry:
    actors: dict[str, Actor]
    exact: re.Pattern[str] | None  # acronyms and short names, over ASCII-folded text
    folded: re.Pattern[str] | None  # other names, over ASCII-folded lower-case text
    keys: dict[str, str]  # matched words (as in the text searched) -> actor key
    inflected: re.Pattern[str] | None = None  # one-word names with an ending (folded text)
    linked: re.Pattern[str] | None = None  # names of several words, inflected (lower case)
    bases: dict[str, str] = field(default_factory=dict)  # inflectable name or stem -> key


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
# Serbian Cyrillic in Serbian Latin letters (Љ, Њ, Џ are two), before unidecode, whose own
# transliteration is Russian's ("ц" would be "ts", "ћ" "c'").
_SR_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
_SR_LATIN = ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m",
             "n", "nj", "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š",
             "A", "B", "V", "G", "D", "Đ", "E", "Ž", "Z", "I", "J", "K", "L", "Lj", "M",
             "N", "Nj", "O", "P", "R", "S", "T", "Ć", "U", "F", "H", "C", "Č", "Dž", "Š"]
TO_LATIN = {ord(c): lat for c, lat in zip(_SR_CYRILLIC, _SR_LATIN, strict=True)}


def fold(text: str) -> str:
    """Serbian Cyrillic as Serbian Latin, then ``unidecode`` (accents dropped), with ’ as '.
    unidecode maps each character on its own, but in a Python loop over all of a string that
    is not pure ASCII: only the non-ASCII runs go in."""
    return NON_ASCII_RE.sub(lambda m: unidecode(m.group(0).translate(TO_LATIN)),
                            text).replace("’", "'")


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


def _inflectable(name: str) -> str | None:
    """The one word of ``name`` that takes endings, with its capital ("Kosova"; "Kfor" for the
    acronym KFOR written as a word), or None."""
    if " " in name or not name.isalpha():
        return None
    if name.isupper():
        return name.capitalize() if len(name) >= inflection().min_stem else None
    return name if name[:1].isupper() else None


def build_registry(actors: dict[str, Actor]) -> Registry:
    """Compile the names and aliases of every actor (acronyms and names of three letters or
    fewer are case-sensitive, the others not), then their inflected forms: a one-word name, or
    it without its last vowel, followed by an ending (``inflected``: in any case, as the name
    itself; an acronym written as a word, "Kfora", with its capital only); a name of several
    words joined by links ("Ministria e Mbrojtjes") with its first word inflected and any link
    for any (``linked``). A name of the registry wins over a form of another's."""
    keys: dict[str, str] = {}
    exact: list[str] = []
    folded: list[str] = []
    names: list[tuple[str, str]] = []
    for key, actor in actors.items():
        for name in sorted({actor.name, *actor.aliases}):
            name = fold(name.strip())
            if not name:
                continue
            names.append((key, name))
            if name.isupper() or len(name) <= 3:
                keys.setdefault(name, key)
                exact.append(name)
            else:
                keys.setdefault(name.lower(), key)
                folded.append(name.lower())
    infl = inflection()
    bases: dict[str, str] = {}
    whole: list[str] = []  # names that take an ending or none (lower case)
    stems: list[str] = []  # stems that take one (lower case)
    acronyms: list[str] = []  # acronyms written as words, "Kfor": case kept
    linked: list[str] = []
    for key, name in names:
        word = _inflectable(name)
        if word is not None and word != name:
            bases.setdefault(word, key)
            acronyms.append(word)
        elif word is not None:
            full, stem = _stems(word.lower())
            if full:
                bases.setdefault(full, key)
                whole.append(full)
            if stem:
                bases.setdefault(stem, key)
                stems.append(stem)
        words = name.lower().split()
        if len(words) > 1 and any(w in infl.links for w in words[1:]):
            canon = _canonical(words)
            bases.setdefault(canon, key)
            full, stem = _stems(words[0])
            head = re.escape(words[0])
            if full:
                head = f"{head}{_alt(infl.endings)}?"
            if stem:
                head = f"(?:{head}|{re.escape(stem)}{_alt(infl.endings)})"
            tail = [_alt(infl.links) if w in infl.links else re.escape(w) for w in words[1:]]
            linked.append(r"\s+".join([head, *tail]))

    def compile_(words: list[str]) -> re.Pattern[str] | None:
        if not words:
            return None
        return re.compile(r"(?<![\w.])(?:" + _trie_regex(words) + r")(?![\w]|\.\w)")

    ends = _alt(infl.endings)
    inflected = None
    alts = ([f"(?i:(?:{_trie_regex(sorted(set(whole)))}){ends}?)"] if whole else []) + (
        [f"(?i:(?:{_trie_regex(sorted(set(stems)))}){ends})"] if stems else []) + (
        [f"(?:{_trie_regex(sorted(set(acronyms)))}){ends}?"] if acronyms else [])
    if alts:
        inflected = re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?![\w]|\.\w)")
    linked_rx = re.compile(r"(?<![\w.])(?:" + "|".join(linked) + r")(?![\w]|\.\w)") \
        if linked else None
    return Registry(actors, compile_(exact), compile_(folded), keys, inflected, linked_rx,
                    bases)


def _alt(words) -> str:
    return "(?:" + _trie_regex(sorted(words)) + ")"


def _canonical(words: list[str]) -> str:
    """A name of several words with every link as "e" (how ``bases`` knows it)."""
    links = inflection().links
    return " ".join([words[0], *("e" if w in links else w for w in words[1:])])


def _base_key(form: str, reg: Registry) -> str | None:
    """The actor whose name ``form`` inflects (``form`` as matched by ``reg.inflected``)."""
    lower = form.lower()
    if lower in inflection().not_forms:
        return None
    for base in (form, lower):  # an acronym as a word keeps its capital; names are lower case
        if base in reg.bases:
            return reg.bases[base]
    for e in inflection().endings:
        if lower.endswith(e):
            for base in (form[: -len(e)], lower[: -len(e)]):
                if base in reg.bases:
                    return reg.bases[base]
    return None


def _linked_key(form: str, reg: Registry) -> str | None:
    words = form.split()
    canon = _canonical(words)
    if canon in reg.bases:
        return reg.bases[canon]
    rest = " ".join(canon.split()[1:])
    for e in inflection().endings:
        if words[0].endswith(e):
            for head in (words[0][: -len(e)],):
                key = reg.bases.get(f"{head} {rest}")
                if key:
                    return key
    # the head without its last vowel, then an ending: find the name whose stem it is
    for name, key in reg.bases.items():
        if " " in name and name.split(" ", 1)[1] == rest:
            _full, stem = _stems(name.split()[0])
            if stem and words[0].startswith(stem):
                return key
    return None


def _matches(text: str, reg: Registry) -> list[tuple[int, str]]:
    """``(offset, actor key)`` of every name in ``text``, in order."""
    f = fold(text)
    spans: list[tuple[int, int, str]] = []
    if reg.exact is not None:
        spans += [(m.start(), -m.end(), reg.keys[m.group(0)]) for m in reg.exact.finditer(f)]
    # outlets named after an actor ("Kuwait News Agency"): they hide the name they hold
    spans += [(m.start(), -m.end(), "") for m in _not_actors().finditer(f)]
    if reg.folded is not None:
        spans += [(m.start(), -m.end(), reg.keys[m.group(0)])
                  for m in reg.folded.finditer(f.lower())]
    # inflected forms come after the registry's names of the same span (the names win)
    forms: list[tuple[int, int, str]] = []
    if reg.inflected is not None:
        forms += [(m.start(), -m.end(), _base_key(m.group(0), reg) or "")
                  for m in reg.inflected.finditer(f)]
    if reg.linked is not None:
        forms += [(m.start(), -m.end(), _linked_key(m.group(0), reg) or "")
                  for m in reg.linked.finditer(f.lower())]
    found: list[tuple[int, str]] = []
    reach = -1
    ranked = sorted([(a, b, 0, k) for a, b, k in spans] + [(a, b, 1, k) for a, b, k in forms if k])
    for start, neg_end, _rank, key in ranked:  # a name inside a longer name is not a mention
        if -neg_end <= reach:
            continue
        if key:
            found.append((start, key))
        reach = max(reach, -neg_end)
    return found


@cache
def _not_actors() -> re.Pattern[str]:
    names = yaml.safe_load((DATA_DIR / "not_actors.yaml").read_text(encoding="utf-8"))["names"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(str(n))) for n in names)
                      + r")(?!\w)", re.IGNORECASE)


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


@dataclass(frozen=True)
class OfficeRule:
    title: str  # canonical title
    rx: re.Pattern[str]
    skip_before: frozenset[str]  # folded lower-case words: someone else's office, or a past one
    skip_after: frozenset[str]  # the same, right after the office ("ministar odbrane Hrvatske")


@cache
def office_rules(paths: tuple[Path, ...] = OFFICE_FILES) -> tuple[OfficeRule, ...]:
    """The office rules of every language's data (``offices``, ``of_kosovo``, ``honorifics``,
    ``skip_before``, ``skip_after``); a language's rules read its own text's words."""
    rules = []
    for path in paths:
        data = _load(path)
        hon = "|".join(re.escape(h) for h in data.get("honorifics") or []) or "(?!)"
        of_kosovo = data.get("of_kosovo") or "(?!)"
        before = frozenset(fold(str(w)).lower() for w in data.get("skip_before") or [])
        after = frozenset(fold(str(w)).lower() for w in data.get("skip_after") or [])
        for title, phrasings in (data.get("offices") or {}).items():
            alt = "|".join(f"(?:{p})" for p in phrasings)
            rules.append(OfficeRule(title, re.compile(
                rf"(?<![\w-])(?P<office>(?i:{alt}))(?:{of_kosovo})?,?\s+(?:(?:{hon})\s+){{0,2}}"
                rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})"), before, after))
    return tuple(rules)


@dataclass(frozen=True)
class OfficeMention:
    start: int
    office: str  # canonical title
    name: str  # as written


def office_mentions(text: str) -> list[OfficeMention]:
    """A person named in an office, in every language's words (quotes cross languages)."""
    found: list[OfficeMention] = []
    for rule in office_rules():
        for m in rule.rx.finditer(text):
            before = text[max(0, m.start() - 40):m.start()].split()
            if before and fold(before[-1]).lower().strip(",") in rule.skip_before:
                continue
            first = m.group("name").split()[0]
            if fold(first).lower().strip(",") in rule.skip_after:
                continue
            name = _trim_name(m.group("name"))
            # a name is not all in capitals ("5 PM HST", "Ministri i Mbrojtjes, FSK")
            if name and not all(w.isupper() for w in name.split()):
                found.append(OfficeMention(m.start(), rule.title, name))
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
    surnames = {x.split()[-1] for x in names}
    if " " not in n and n in surnames:
        return True
    # inflected: "Albina Kurtija", "Kurtit" (each word a form of the registry's word); a name
    # may run into the next capitalised word ("Hashim Thaçi Readout")
    words = n.split()
    if len(words) == 1:
        return any(words[0] in word_forms(x) for x in surnames)
    return any(len(words) >= len(xs) > 1 and all(w == x or w in word_forms(x)
                                                 for w, x in zip(words, xs, strict=False))
               for xs in [x.split() for x in names])


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
                   published: tuple[dt.date, str] | None = None,
                   ) -> list[tuple[OfficeMention, list[str]]]:
    """Mentions of a person in an office that the registry gives to someone else, with the
    names of the registry's holders. A source names people by the office they hold when it is
    written: a holder at ``published`` (date, precision) is known too."""
    out = []
    known: dict[tuple[str, str], list[str] | None] = {}  # (office, name) -> holders, if unknown
    for om in mentions:
        if (om.office, om.name) not in known:
            known[om.office, om.name] = _other_holders(om, actors, date, precision, published)
        names = known[om.office, om.name]
        if names is not None:
            out.append((om, names))
    return out


def _other_holders(om: OfficeMention, actors: dict[str, Actor], date: dt.date | None,
                   precision: str | None, published: tuple[dt.date, str] | None = None,
                   ) -> list[str] | None:
    """The registry's holders of the office ``om`` names, when it names someone else."""
    holders = [(a, o) for a in actors.values() if a.kind == "person"
               for o in a.offices if o.title == om.office]
    if not holders:
        return None
    if any(_same_person(om.name, a) and (
            _covers(o.start, o.end, date, precision)
            or (published is not None and _covers(o.start, o.end, *published)))
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
