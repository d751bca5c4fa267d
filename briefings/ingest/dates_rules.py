"""The compiled knobs of the date resolver, read once from ``data/dates.yaml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "dates.yaml"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")  # a fragment's name; "{2}" is a regex count


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]

    @property
    def anchor_class(self) -> str:
        return PATTERN_CLASS[self.kind]


@dataclass(frozen=True)
class Relative:
    regex: re.Pattern[str]
    unit: str
    offset: int | None
    tense: str | None

    @property
    def anchor_class(self) -> str:
        return {"weekday": "weekday", "named_month": "month", "decade": "year"}.get(
            self.unit, "relative")


@dataclass(frozen=True)
class Rules:
    months: dict[str, int]  # lower-case name or abbreviation -> month number
    weekdays: dict[str, int]
    number_words: dict[str, int | None]
    year_range: tuple[int, int]
    patterns: tuple[Pattern, ...]
    #: what every candidate span holds (a number, a month or weekday, a relative word): the
    #: patterns only run near one
    anchor: re.Pattern[str]
    anchor_window: int
    #: relative unit -> the anchor words its words always hold (a unit not listed: any)
    unit_anchors: dict[str, frozenset[str]]
    relative: tuple[Relative, ...]
    ago_slack_days: dict[str, int | None]
    #: first word of a tense cue -> (tense, the cue's words); "is set to" under "is"
    cues_by_first_word: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    not_past_ed: frozenset[str]
    clause_breaks: re.Pattern[str]
    footer_line: re.Pattern[str]
    top_lines: int
    max_other_words: int
    label: re.Pattern[str]
    dateline: re.Pattern[str]
    #: a label that makes a line a date line whatever follows the date ("date 2018-12-14 …")
    date_label: re.Pattern[str]
    #: (role, pattern) of lines whose dates date no development: bylines, captions, posts
    asides: tuple[tuple[str, re.Pattern[str]], ...]


def _alternation(names: dict[Any, list[str]]) -> str:
    """Longest first, so that "September" wins over "Sep". Each list starts with the full name;
    the abbreviations after it may end with a dot ("Dec. 1")."""
    parts = []
    for full, *abbreviations in names.values():
        parts.append((re.escape(full), len(full)))
        parts += [(re.escape(a) + r"\.?", len(a)) for a in abbreviations]
    parts.sort(key=lambda p: p[1], reverse=True)
    return "(?:" + "|".join(p for p, _ in parts) + ")"


def _expand(template: str, fragments: dict[str, str]) -> str:
    # Fragments may themselves hold placeholders (none do today, but expand twice to be safe).
    for _ in range(2):
        template = _PLACEHOLDER.sub(lambda m: fragments.get(m.group(1), m.group(0)), template)
    return template


def _compile(template: str, fragments: dict[str, str], tail: str = "") -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + _expand(template, fragments) + ")" + tail, re.IGNORECASE)


def _words(words: Any) -> str:
    """An alternation of ``words`` as a trie ("sept(?:ember)?"): the same strings, longest
    first, but each position tries each letter once (the anchors run over every text)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in str(word):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie) or "(?!)"


def _trie(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


#: pattern kind -> the anchor (group of ``Rules.anchor``) every span of that kind holds
PATTERN_CLASS = {"full": "month", "month_year": "month", "month_day": "month", "month": "month",
                 "numeric": "numeric", "year": "year", "spelled": "relative"}


def _cue_index(cues: dict[str, list[str]]) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for tense, phrases in cues.items():  # future, past, present, reporting, deadline
        for phrase in phrases:
            words = tuple(phrase.lower().replace("’", "'").split())
            index.setdefault(words[0], []).append((tense, words))
    return {k: tuple(v) for k, v in index.items()}


def load(path: Path = DATA) -> Rules:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    months: dict[str, int] = {}
    for number, names in data["months"].items():
        for name in names:
            months[name.lower()] = int(number)
    weekdays: dict[str, int] = {}
    for number, names in data["weekdays"].items():
        for name in names:
            weekdays[name.lower()] = int(number)
    fragments = dict(data["fragments"])
    other: dict[str, int] = {}
    for number, names in data.get("other_months", {}).items():
        for name in names:
            other[name.lower()] = int(number)
    for name, number in other.items():
        months.setdefault(name, number)
    fragments["month"] = _alternation(data["months"])
    fragments["other_month"] = f"(?:{_words(other)})" if other else "(?!)"
    fragments["weekday"] = _alternation(data["weekdays"])
    fragments["count_words"] = data["count_words"]
    patterns = tuple(Pattern(p["kind"], _compile(p["regex"], fragments)) for p in data["patterns"])
    relative = tuple(
        Relative(_compile(r["regex"], fragments, r"(?!\w)"), r["unit"], r.get("offset"),
                 r.get("tense"))
        for r in data["relative"]
    )
    anchor = re.compile(
        r"(?P<numeric>(?<![\d.,])\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?![\d]))"
        r"|(?P<year>(?<![\d.,])(?:19|20)\d\d(?![\d]))"
        rf"|\b(?:(?P<month>{_words(months)})|(?P<weekday>{_words(weekdays)})"
        rf"|(?P<relative>{_words(data['anchor_words'])}))\b",
        re.IGNORECASE,
    )
    pub = data["publication"]
    return Rules(
        anchor=anchor,
        anchor_window=int(data["anchor_window"]),
        unit_anchors={unit: frozenset(w.lower() for w in words)
                      for unit, words in data.get("unit_anchors", {}).items()},
        months=months,
        weekdays=weekdays,
        number_words={str(k).lower(): v for k, v in data["number_words"].items()},
        year_range=(int(data["year_range"][0]), int(data["year_range"][1])),
        patterns=patterns,
        relative=relative,
        ago_slack_days=dict(data["ago_slack_days"]),
        cues_by_first_word=_cue_index(data["tense_cues"]),
        not_past_ed=frozenset(w.lower() for w in data["not_past_ed"]),
        clause_breaks=re.compile(data["clause_breaks"], re.IGNORECASE),
        footer_line=re.compile(_expand(data["footer_line"], fragments),
                               re.IGNORECASE | re.MULTILINE),
        top_lines=int(pub["top_lines"]),
        max_other_words=int(pub["max_other_words"]),
        label=re.compile(pub["label"]),
        dateline=re.compile(pub["dateline"]),
        date_label=re.compile(pub["date_label"]),
        asides=tuple((role, re.compile(_expand(rx, fragments), re.MULTILINE))
                     for role, rx in data["asides"].items()),
    )


@functools.cache
def rules() -> Rules:
    return load()
