"""The compiled knobs of the date resolver, read once per language.

``data/dates.yaml`` holds the knobs no language has words for; ``data/en/dates.yaml`` the English
tables, which are also the base of every other language. A language with tables of its own
(``data/<code>/dates.yaml``, e.g. ``data/sq/``, ``data/sr/``) replaces the English words with its
own; what it leaves out comes from the English tables. The header of each language file says
which keys it may give and how they combine.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
SHARED = DATA_DIR / "dates.yaml"  # the knobs of every language
LANGUAGE_FILE = "dates.yaml"  # data/<code>/dates.yaml
BASE_LANGUAGE = "en"  # its tables are the base the others replace words of
DATA = DATA_DIR / BASE_LANGUAGE / LANGUAGE_FILE

_PLACEHOLDER = re.compile(r"\{(\w+)\}")  # a fragment's name; "{2}" is a regex count

#: Keys a language file replaces whole (the English ones of data/en/dates.yaml do not apply).
_REPLACED = ("months", "month_abbreviations", "weekdays", "number_words", "count_words",
             "anchor_words", "relative", "tense_cues", "not_past_ed", "past_suffixes",
             "auxiliaries", "clause_breaks", "canonical", "names_case", "unit_anchors",
             "event_verbs")
#: Keys merged one entry at a time (the language's entry wins).
_MERGED = ("fragments", "publication")


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
        return {"weekday": "weekday", "named_month": "month", "month_in_year": "month",
                "decade": "year"}.get(self.unit, "relative")


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
    #: words that make what follows them a comparison ("up from", "compared with")
    comparison: re.Pattern[str]
    #: a reporting period of several months ("the nine months")
    span_of_months: re.Pattern[str]
    footer_line: re.Pattern[str]
    top_lines: int
    max_other_words: int
    label: re.Pattern[str]
    dateline: re.Pattern[str]
    #: what may stand on a dateline's line before its place: a wire service's credit in
    #: parentheses ("(Agency) BRUSSELS, Sept 29 (Agency) --")
    dateline_lead: re.Pattern[str]
    #: a label that makes a line a date line whatever follows the date ("date 2018-12-14 …")
    date_label: re.Pattern[str]
    #: words that begin a sentence's date, never a dateline's ("On 6 May 2025")
    preposition: re.Pattern[str]
    #: a time after a date line's date ("| 15:42")
    time: re.Pattern[str]
    #: words after which a date in the sentence is asked about ("asked whether")
    reported_question: re.Pattern[str]
    #: season word -> TimeML code ("fall" -> "FA"); decade word -> its digit ("nineties" -> 9)
    seasons: dict[str, str]
    decade_words: dict[str, int]
    #: (role, pattern) of lines whose dates date no development: bylines, captions, posts
    asides: tuple[tuple[str, re.Pattern[str]], ...]
    #: the tables' language ("sq", "sr"); None for the English tables of data/en/dates.yaml
    language: str | None = None
    #: month and weekday names count only in Title or UPPER case (English: "may" is a word);
    #: False where they are written in lower case (Albanian, Serbian)
    proper_names: bool = True
    #: a language's words for what the arithmetic knows in English: modifiers ("e kaluar" ->
    #: "last") and units ("dana" -> "day")
    canonical: dict[str, str] | None = None
    #: (the first letters of an event word, the words of a sentence that dates that event):
    #: what "four days after the signing" counts from
    event_verbs: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: endings of a past tense ("-ed"), and the words after which such a form is a participle
    past_suffixes: tuple[str, ...] = ("ed",)
    auxiliaries: frozenset[str] = frozenset()

    def canon(self, word: str) -> str:
        """``word`` (a modifier or a unit as the text writes it) in the arithmetic's English."""
        key = " ".join(word.lower().split())
        return (self.canonical or {}).get(key, key)


def _alternation(names: dict[Any, list[str]]) -> str:
    """Longest first, so that "September" wins over "Sep". Each list starts with the full name;
    the abbreviations after it may end with a dot ("Dec. 1")."""
    parts = []
    for full, *abbreviations in names.values():
        parts.append((re.escape(full), len(full)))
        parts += [(re.escape(a) + r"\.?", len(a)) for a in abbreviations]
    return _longest_first(parts)


def _forms(names: dict[Any, list[str]], abbreviations: dict[Any, list[str]]) -> str:
    """Every form of ``names`` is a whole word ("marta", "marsin"); only the forms of
    ``abbreviations`` may end with a dot."""
    parts = [(re.escape(n), len(n)) for forms in names.values() for n in forms]
    parts += [(re.escape(a) + r"\.?", len(a)) for forms in abbreviations.values() for a in forms]
    return _longest_first(parts)


def _longest_first(parts: list[tuple[str, int]]) -> str:
    parts.sort(key=lambda p: p[1], reverse=True)
    return "(?:" + "|".join(dict.fromkeys(p for p, _ in parts)) + ")"


def _expand(template: str, fragments: dict[str, str]) -> str:
    # Fragments may hold placeholders themselves ("{weekday}" in a language's "{wday}").
    for _ in range(3):
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


def languages() -> tuple[str, ...]:
    """The languages with tables of their own over the English ones (``data/<code>/dates.yaml``)."""
    return tuple(sorted(p.parent.name for p in DATA_DIR.glob(f"*/{LANGUAGE_FILE}")
                        if p.parent.name != BASE_LANGUAGE))


def table_language(language: str | None) -> str | None:
    """The tables that read a source in ``language`` (a tag such as "sq", "sr-Cyrl", "sr_Latn"):
    its primary subtag when it has tables of its own, else None (the English tables)."""
    if not language:
        return None
    primary = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    return primary if primary in languages() else None


@functools.cache
def _read(path: Path) -> dict[str, Any]:
    """A table file, parsed once per process (libyaml's parser when there is one: the tables
    of three languages are read by every worker process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data


def _month_names(data: dict[str, Any]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for key in ("months", "month_abbreviations"):
        for number, names in (data.get(key) or {}).items():
            out.setdefault(int(number), []).extend(str(n) for n in names)
    return out


def _other_months(base: dict[str, Any], language: str | None) -> dict[int, list[str]]:
    """The month names of the other languages (English included, for a language's tables),
    read only in full dates with a day and a year ("8 dhjetor 2016" in an English text)."""
    other: dict[int, list[str]] = {}
    sources = [_read(DATA_DIR / code / LANGUAGE_FILE) for code in languages() if code != language]
    if language is not None:
        sources.append(base)
    for data in sources:
        for number, names in _month_names(data).items():
            other.setdefault(number, []).extend(names)
    return other


def _overlay(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    data = dict(base)
    for key in _REPLACED:
        if key in own:
            data[key] = own[key]
        elif key in ("month_abbreviations", "canonical", "names_case", "unit_anchors"):
            data.pop(key, None)
    for key in _MERGED:
        data[key] = {**base.get(key, {}), **own.get(key, {})}
    kinds = set(own.get("base_patterns", ()))
    data["patterns"] = list(own.get("patterns", ())) + [
        p for p in base["patterns"] if p["kind"] in kinds]
    if own.get("footer_line"):
        data["footer_line"] = f"(?:{base['footer_line']})|(?:{own['footer_line']})"
    return data


def _with_shared(tables: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
    """A language's tables with the knobs every language shares (``publication`` key by key)."""
    data = {**shared, **tables}
    data["publication"] = {**shared.get("publication", {}), **tables.get("publication", {})}
    return data


def load(path: Path = DATA, language: str | None = None) -> Rules:
    """The rules of ``path`` (the English tables) with the shared knobs of ``data/dates.yaml``,
    and those of ``data/<language>/dates.yaml`` over them when ``language`` is given."""
    base = _with_shared(_read(path), _read(SHARED))
    data = _overlay(base, _read(DATA_DIR / language / LANGUAGE_FILE)) if language else base
    own_forms = language is not None
    months: dict[str, int] = {}
    for number, names in _month_names(data).items():
        for name in names:
            months[name.lower()] = number
    weekdays: dict[str, int] = {}
    for number, names in data["weekdays"].items():
        for name in names:
            weekdays[name.lower()] = int(number)
    fragments = dict(data["fragments"])
    other: dict[str, int] = {}
    for number, names in _other_months(base, language).items():
        for name in names:
            other[name.lower()] = number
    for name in months:
        other.pop(name, None)
    for name, number in other.items():
        months.setdefault(name, number)
    if own_forms:
        fragments["month"] = _forms(data["months"], data.get("month_abbreviations") or {})
        fragments["weekday"] = _forms(data["weekdays"], {})
    else:
        fragments["month"] = _alternation(data["months"])
        fragments["weekday"] = _alternation(data["weekdays"])
    fragments["other_month"] = f"(?:{_words(other)})" if other else "(?!)"
    fragments["count_words"] = data["count_words"]
    patterns = tuple(Pattern(p["kind"], _compile(p["regex"], fragments)) for p in data["patterns"])
    relative = tuple(
        Relative(_compile(r["regex"], fragments, r"(?!\w)"), r["unit"], r.get("offset"),
                 r.get("tense"))
        for r in data["relative"]
    )
    anchor = re.compile(
        r"(?P<numeric>(?<![\d.,])\d{1,4}(?:[./-]|\.\s)\d{1,2}(?:[./-]|\.\s)\d{2,4}(?![\d]))"
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
        comparison=re.compile(data["comparison"] + r"(?:\W+\w+){0,12}\W*$", re.IGNORECASE),
        span_of_months=re.compile(data["span_of_months"], re.IGNORECASE),
        footer_line=re.compile(_expand(data["footer_line"], fragments),
                               re.IGNORECASE | re.MULTILINE),
        top_lines=int(pub["top_lines"]),
        max_other_words=int(pub["max_other_words"]),
        label=re.compile(pub["label"]),
        dateline=re.compile(pub["dateline"]),
        dateline_lead=re.compile(pub["dateline_lead"]),
        date_label=re.compile(pub["date_label"]),
        preposition=re.compile(pub["preposition"]),
        time=re.compile(pub["time"]),
        reported_question=re.compile(data["reported_question"]),
        seasons={str(k).lower(): str(v) for k, v in data["seasons"].items()},
        decade_words={str(k).lower(): int(v) for k, v in data["decade_words"].items()},
        asides=tuple((role, re.compile(_expand(rx, fragments), re.MULTILINE))
                     for role, rx in data["asides"].items()),
        language=language,
        proper_names=data.get("names_case", "proper") == "proper",
        canonical={" ".join(str(k).lower().split()): str(v)
                   for k, v in (data.get("canonical") or {}).items()},
        past_suffixes=tuple(data.get("past_suffixes", ("ed",))),
        auxiliaries=frozenset(str(w).lower() for w in data.get("auxiliaries", ())),
        event_verbs=tuple((str(k).lower(), re.compile(str(v), re.IGNORECASE))
                          for k, v in (data.get("event_verbs") or {}).items()),
    )


@functools.cache
def rules(language: str | None = None) -> Rules:
    """The rules that read a text in ``language`` (None, or a language without tables of its
    own: the English ones)."""
    return _rules(table_language(language))


@functools.cache
def _rules(table: str | None) -> Rules:
    return load(language=table)
