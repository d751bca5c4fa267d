"""The compiled knobs of the date resolver, read once from ``data/dates.yaml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "dates.yaml"

_PLACEHOLDER = re.compile(r"\{(month|weekday|ordinal|prep|part|range|count_words)\}")


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Relative:
    regex: re.Pattern[str]
    unit: str
    offset: int | None
    tense: str | None


@dataclass(frozen=True)
class Rules:
    months: dict[str, int]  # lower-case name or abbreviation -> month number
    weekdays: dict[str, int]
    number_words: dict[str, int | None]
    year_range: tuple[int, int]
    patterns: tuple[Pattern, ...]
    relative: tuple[Relative, ...]
    ago_slack_days: dict[str, int | None]
    future_cues: tuple[tuple[str, ...], ...]
    past_cues: tuple[tuple[str, ...], ...]
    not_past_ed: frozenset[str]
    clause_breaks: re.Pattern[str]
    footer_line: re.Pattern[str]
    top_lines: int
    max_other_words: int
    label: re.Pattern[str]
    dateline: re.Pattern[str]


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
        template = _PLACEHOLDER.sub(lambda m: fragments[m.group(1)], template)
    return template


def _compile(template: str, fragments: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + _expand(template, fragments) + ")", re.IGNORECASE)


def _cues(words: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.lower().split()) for w in words)


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
    fragments["month"] = _alternation(data["months"])
    fragments["weekday"] = _alternation(data["weekdays"])
    fragments["count_words"] = data["count_words"]
    patterns = tuple(Pattern(p["kind"], _compile(p["regex"], fragments)) for p in data["patterns"])
    relative = tuple(
        Relative(_compile(r["regex"], fragments), r["unit"], r.get("offset"), r.get("tense"))
        for r in data["relative"]
    )
    pub = data["publication"]
    return Rules(
        months=months,
        weekdays=weekdays,
        number_words={str(k).lower(): v for k, v in data["number_words"].items()},
        year_range=(int(data["year_range"][0]), int(data["year_range"][1])),
        patterns=patterns,
        relative=relative,
        ago_slack_days=dict(data["ago_slack_days"]),
        future_cues=_cues(data["tense_cues"]["future"]),
        past_cues=_cues(data["tense_cues"]["past"]),
        not_past_ed=frozenset(w.lower() for w in data["not_past_ed"]),
        clause_breaks=re.compile(data["clause_breaks"], re.IGNORECASE),
        footer_line=re.compile(data["footer_line"], re.IGNORECASE | re.MULTILINE),
        top_lines=int(pub["top_lines"]),
        max_other_words=int(pub["max_other_words"]),
        label=re.compile(pub["label"], re.IGNORECASE),
        dateline=re.compile(pub["dateline"]),
    )


@functools.cache
def rules() -> Rules:
    return load()
