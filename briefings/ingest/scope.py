"""Stage 6, scope: is a development Kosovo's defence and security cooperation with the United
States, NATO, KFOR or allied forces (``cooperation``), or context (``background``)?

Decided for each development of a source from the words nearest its date: each item of its
date evidence (for an undated development, its title and first sentence). The rules' words are
data: ``data/scope.yaml`` (the side of each actor of the registry, the year history ends) and
``data/<lang>/scope.yaml`` (English, Albanian, Serbian words). Every language's words are tried
on every text, since quotes and names cross languages; Cyrillic is read in Latin letters and
accents are folded first, so ``Вучић``, ``Vučić`` and ``Vucic`` are one word.

For one piece of words, the first rule that applies decides:

0. ``anchor``: the piece is a phrase naming an earlier incident that holds the date ("after the
   events of 24 September in Banjska", :mod:`briefings.ingest.asides`): background;
1. ``status``: Kosovo's status and politics (independence, constitution, elections, a hand-over
   to the EU): background, whoever is named with it, unless a partner named before those words
   acts in a defence matter (KFOR deploying troops before an election);
2. ``reaction``: words of reacting, and another side (Serbia, Russia…) is both the side named
   first and the one named last before them: background;
3. ``party``: a partner (the United States, NATO, KFOR; an ally in a defence matter): cooperation;
4. ``context``: the war as such, an incident, police work: background; ``ceremony``: a
   ceremony, an inspection, an anniversary: background, unless the source's lede (its title
   and first sentence) names a partner: then it is the partner's (a send-off of troops);
5. ``other``: another country or side, with neither Kosovo nor a partner, and named before any
   defence matter (its own affairs; "sent a platoon to Kuwait" is not Kuwait's): background;
6. ``topic``: a defence or security matter (the KSF, an exercise, arms, a deployment):
   cooperation;

else the piece decides nothing. A development is cooperation when one of its pieces says so,
background when one says so and none says cooperation, and cooperation when none decides: the
sources are chosen for the chronology's subject. A date before ``history_before`` is history:
background, whatever the words. A development that is background by one of the ``recalled``
rules of ``data/scope.yaml``, dated to a year only and years before the piece was published, is
history told in passing: :func:`decide_all` drops it (no entry). Across sources
(:func:`combine`) a development is cooperation when any source reports it as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from briefings.ingest import actors as actors_stage
from briefings.ingest.model import Event, Source
from briefings.registry import Actor
from briefings.schema import DEFAULT_SCOPE, SCOPES

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "sq", "sr")
COOPERATION, BACKGROUND = SCOPES
#: The lists of each language's file, in the order :func:`classify` uses them.
LISTS = ("party", "ally", "kosovo", "other", "not_named", "status", "context", "ceremony",
         "reaction", "topics")

def fold(text: str) -> str:
    """Serbian Cyrillic as Latin, then accents and other letters as ASCII (``ë`` -> ``e``,
    ``č`` -> ``c``), case kept: the text the rules read. Actor names match in it as well."""
    return actors_stage.fold(text)


@dataclass(frozen=True)
class Rules:
    history_before: int
    sides: dict[str, str]  # actor key -> party | ally | kosovo | other
    words: dict[str, re.Pattern[str] | None]  # list name -> its words, every language
    recalled_years: int = 5  # see `recalled` in data/scope.yaml
    recalled_rules: frozenset[str] = frozenset()


def _compile(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{fold(p)})" for p in patterns) + ")",
                      re.IGNORECASE)


@cache
def _data(languages: tuple[str, ...] = LANGUAGES) -> tuple[dict, dict[str, list[str]]]:
    common = yaml.safe_load((DATA / "scope.yaml").read_text(encoding="utf-8"))
    words: dict[str, list[str]] = {name: [] for name in LISTS}
    for lang in languages:
        data = yaml.safe_load((DATA / lang / "scope.yaml").read_text(encoding="utf-8")) or {}
        for name, items in data.items():
            if name not in words:
                raise ValueError(f"{DATA / lang / 'scope.yaml'}: unknown list '{name}' "
                                 f"(one of: {', '.join(LISTS)})")
            words[name] += [str(p) for p in items or []]
    return common, words


@cache
def _words() -> dict[str, re.Pattern[str] | None]:
    _common, words = _data()
    return {name: _compile(items) for name, items in words.items()}


def rules(actors: dict[str, Actor]) -> Rules:
    """The rules for this actor registry (a person's side comes from the offices held)."""
    common, _words_data = _data()
    sides: dict[str, str] = {}
    for side, keys in (common.get("sides") or {}).items():
        for key in keys or []:
            sides[str(key)] = str(side)
    office_sides = [(side, re.compile(p)) for side, patterns in
                    (common.get("offices") or {}).items() for p in patterns or []]
    for key, actor in actors.items():
        if key in sides:
            continue
        if actor.kind == "country":
            sides[key] = "other"
        elif actor.kind == "person":
            side = next((s for s, rx in office_sides for o in actor.offices
                         if rx.search(o.title)), None)
            if side:
                sides[key] = side
    recalled = common.get("recalled") or {}
    return Rules(int(common["history_before"]), sides, _words(),
                 recalled_years(), frozenset(recalled.get("rules") or ()))


@dataclass(frozen=True)
class Decision:
    scope: str | None  # cooperation | background | None (the words decide nothing)
    rule: str  # which rule decided (see the module's docstring), or "" when none
    words: str = ""  # the words that decided it


NONE = Decision(None, "")


def _find(name: str, text: str, words: dict[str, re.Pattern[str] | None]) -> re.Match | None:
    rx = words.get(name)
    return rx.search(text) if rx is not None else None


def classify(text: str, rules_: Rules, reg: actors_stage.Registry) -> Decision:
    """The decision of one piece of words (see the module's docstring for the rules)."""
    words = rules_.words
    text = fold(text)
    neg = words.get("not_named")
    if neg is not None:
        text = neg.sub(lambda m: " " * len(m.group(0)), text)
    # Who is named, where: (offset, side, words), from the registry and the words of each side.
    named: list[tuple[int, str, str]] = [
        (pos, rules_.sides[key], key) for pos, key in actors_stage.mentions(text, reg)
        if key in rules_.sides]
    for side in ("party", "ally", "kosovo", "other"):
        rx = words.get(side)
        if rx is not None:
            named += [(mm.start(), side, mm.group(0)) for mm in rx.finditer(text)]
    named.sort()
    sides = {side for _pos, side, _w in named}
    topic = _find("topics", text, words)
    m = _find("status", text, words)
    # a partner named first, acting in a defence matter, with the status only its occasion
    # ("KFOR deployed more troops before the elections") is the cooperation
    if m and not (topic and named and named[0][1] == "party" and named[0][0] < m.start()):
        return Decision(BACKGROUND, "status", m.group(0))
    reacting = _find("reaction", text, words)
    # who reacts: the side named first, and again the one named last before the words of
    # reacting ("Serbia opposed …", not "Kosovo voted … despite Serbia's objections")
    sides_named = [(p, side, w) for p, side, w in named if side != "ally"]
    who = next(((side, w) for p, side, w in reversed(sides_named)
                if reacting and p < reacting.start()), None)
    if reacting and who and who[0] == "other" and sides_named[0][1] == "other":
        return Decision(BACKGROUND, "reaction", f"{who[1]} … {reacting.group(0)}")
    partner = next((w for _p, side, w in named
                    if side == "party" or (side == "ally" and topic)), None)
    if partner:
        return Decision(COOPERATION, "party", partner)
    m = _find("context", text, words)
    if m:
        return Decision(BACKGROUND, "context", m.group(0))
    m = _find("ceremony", text, words)
    if m:
        return Decision(BACKGROUND, "ceremony", m.group(0))
    other = next(((p, w) for p, s, w in named if s == "other"), None)
    if other and "kosovo" not in sides and not (topic and topic.start() < other[0]):
        return Decision(BACKGROUND, "other", other[1])
    if topic:
        return Decision(COOPERATION, "topic", topic.group(0))
    return NONE


def pieces(ev: Event) -> list[str]:
    """The words nearest a development's date: its date evidence (for an undated development,
    its title and first sentence)."""
    if ev.evidence:
        return list(ev.evidence)
    return [ev.title, *ev.sentences[:1]]


def decide(ev: Event, rules_: Rules, reg: actors_stage.Registry, lede: str = "") -> Decision:
    """The scope of one source's development (``lede``: the source's title and first
    sentence)."""
    if ev.date is not None and ev.date.year < rules_.history_before:
        return Decision(BACKGROUND, "history", str(ev.date.year))
    from briefings.ingest import asides  # (asides reads this module's fold)

    # an earlier incident's phrase ("after the events of 24 September") is background
    decisions = [Decision(BACKGROUND, "anchor", p) if asides.is_anchor(p)
                 else classify(p, rules_, reg) for p in pieces(ev)]
    if any(d.rule == "ceremony" for d in decisions) and lede:
        about = classify(lede, rules_, reg)
        if about.rule == "party":
            decisions = [Decision(COOPERATION, "ceremony", about.words) if d.rule == "ceremony"
                         else d for d in decisions]
    for wanted in (COOPERATION, BACKGROUND):
        found = next((d for d in decisions if d.scope == wanted), None)
        if found is not None:
            return found
    return Decision(DEFAULT_SCOPE, "")


def decide_all(src: Source, actors: dict[str, Actor], reg: actors_stage.Registry) -> None:
    """Set the scope of every development of ``src`` (stage 6, after actors)."""
    from briefings.ingest.events import sentences, undated_event  # (events reads this module)

    rules_ = rules(actors)
    first = sentences(src.text)[:1]
    lede = " ".join(filter(None, [src.title, *(src.text[a:b] for a, b in first)]))
    kept = []
    for ev in src.events:
        decision = decide(ev, rules_, reg, lede)
        if not recalled(ev, decision, rules_, src.published):
            ev.scope = decision.scope or DEFAULT_SCOPE
            kept.append(ev)
    if not kept and src.events:  # only history told in passing: the piece as a whole
        undated = undated_event(src)
        undated.scope = decide(undated, rules_, reg, lede).scope or DEFAULT_SCOPE
        kept = [undated]
    src.events = kept


def recalled_years() -> int:
    """How many years before its publication a piece recalls history (data/scope.yaml)."""
    common, _words_data = _data()
    return int((common.get("recalled") or {}).get("years", 5))


def recalled(ev: Event, decision: Decision, rules_: Rules, published: str | None) -> bool:
    """Whether ``ev`` is history recalled in passing (``recalled`` in data/scope.yaml): background
    by one of its rules, dated to a year only, years before the piece was published."""
    return (decision.scope == BACKGROUND and decision.rule in rules_.recalled_rules
            and ev.precision == "year" and ev.date is not None and bool(published)
            and int(str(published)[:4]) - ev.date.year >= rules_.recalled_years)


def combine(scopes: list[str]) -> str:
    """One development reported by several sources (or an entry and new reports of it):
    cooperation when any report is."""
    return BACKGROUND if scopes and all(s == BACKGROUND for s in scopes) else COOPERATION
