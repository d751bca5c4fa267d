"""Relative words resolved by arithmetic on the publication date's whole period, or on the
period the text last spoke of.

Each expression gives the interval of days it may mean: "yesterday" in an article published some
day of August 2025 is some day from July 31 to August 30. The date is the smallest calendar period
(day, month, year) holding the whole interval; an interval spanning two years gives no date.
Weeks, weekends, quarters, halves and seasons are periods of their own
(:mod:`.dates_periods`): they keep TimeML's value and date an entry by the period holding them.
"A year earlier", "the following year", "that day" step from the period of the mention before
them (``anchor``); "now" is the publication date; "recently" and "in the future" are no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefings.ingest.dates_periods import (
    SEASONS,
    Period,
    add_months,
    named,
    of_date,
    period_end,
    period_start,
    smallest_period,
)

if TYPE_CHECKING:
    from briefings.ingest.dates_rules import Relative, Rules

ONE_DAY = dt.timedelta(days=1)

__all__ = ["Anchors", "Resolved", "add_months", "period_end", "period_start", "resolve",
           "smallest_period"]


@dataclass(frozen=True)
class Resolved:
    """What a relative expression means: a calendar date and precision (None: no date), with
    TimeML's value where the calendar forms cannot say it, and the period it names."""

    date: dt.date | None
    precision: str | None
    timex: str | None = None
    period: Period | None = None


def _of_period(p: Period | None) -> Resolved | None:
    if p is None:
        return None
    cal = p.calendar()
    if cal is None:
        return Resolved(None, None, p.timex, p)
    return Resolved(cal[0], cal[1], p.timex, p)


def _of_interval(lo: dt.date | None, hi: dt.date | None) -> Resolved | None:
    if lo is None or hi is None:
        return None
    got = smallest_period(lo, hi)
    if got is None:
        return None
    return Resolved(got[0], got[1], None, Period(got[1], got[0]))


@dataclass(frozen=True)
class Anchors:
    """The periods of the text before a mention that anaphoric words refer to."""

    previous: Period | None = None  # the mention just before
    in_sentence: Period | None = None  # the mention before it in its own sentence, if any
    quarter: Period | None = None  # the last quarter (or half) the text spoke of
    #: the words compare with it ("up from $4 million a year earlier", "compared with")
    comparison: bool = False
    #: the sentence names a reporting period of several months before them ("the nine months")
    span_of_months: bool = False
    #: the last quarter (or half) the text spoke of that was over by the publication: the one
    #: results are reported for ("the latest quarter", "the year-ago period")
    reported: Period | None = None
    #: the day the text gives the development the words count from ("four days after the
    #: signing": the day of the sentence that says it was signed)
    event: Period | None = None


def _shift(date: dt.date, days: int) -> dt.date | None:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _weekday_interval(mod: str, tense: str) -> tuple[int, int]:
    """Day offsets (from a publication day) the weekday may be at, by modifier and tense."""
    if mod == "last" or mod == "this past":
        return -7, -1
    if mod == "next" or mod == "this coming":
        return 1, 7
    if tense == "past":
        return -6, 0
    if tense == "future":
        return 0, 6
    return -6, 0  # no tense: news reports what happened, the one just past (or today)


def _nearest_weekday(day: dt.date, weekday: int, lo: int, hi: int, backwards: bool) -> dt.date:
    offsets = range(hi, lo - 1, -1) if backwards else range(lo, hi + 1)
    for off in offsets:
        candidate = day + dt.timedelta(days=off)
        if candidate.weekday() == weekday:
            return candidate
    raise AssertionError("a week always holds every weekday")


def number(word: str, r: Rules) -> int | None:
    """"two" -> 2, "25" -> 25, "twenty-five" -> 25; None when vague ("several")."""
    word = re.sub(r"\s+", " ", word.lower()).strip()
    if word.isdigit():
        return int(word)
    if word in r.number_words:
        return r.number_words[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and all(p in r.number_words for p in parts):
        tens, unit = (r.number_words[p] for p in parts)
        if tens and unit and tens % 10 == 0 and unit < 10:
            return tens + unit
    return None


def _pick(candidates: list[Period], tense: str, pub: Any) -> Period:
    """Of the same named period in three years, the one the tense points at: the latest begun by
    the publication (past), the earliest not over by it (future), else the one holding or
    nearest to it."""
    if tense == "past":
        begun = [p for p in candidates if p.start <= pub.end]
        return begun[-1] if begun else candidates[0]
    if tense == "future":
        open_ = [p for p in candidates if p.end >= pub.start]
        return open_[0] if open_ else candidates[-1]
    mid = pub.start + (pub.end - pub.start) / 2
    return min(candidates, key=lambda p: (0 if p.start <= mid <= p.end else 1,
                                          min(abs((p.start - mid).days), abs((p.end - mid).days))))


def _year_of(g: dict[str, Any], pub: Any, anchors: Anchors) -> int | None:
    """An explicit year in the groups ("of 2024", "2024's", "of last year"), if any."""
    for key in ("year", "qyear", "year2"):
        if g.get(key):
            return int(g[key])
    mod = (g.get("ymod") or "").lower()
    if mod == "the":  # "the second half of the year": the year the text speaks of
        base = anchors.previous
        return base.start.year if base else pub.start.year if pub else None
    if mod and pub is not None:
        return pub.start.year + {"this": 0, "last": -1, "next": 1}[mod]
    return None


def resolve(rel: Relative, m: re.Match[str], tense: str, pub: Any, r: Rules,
            anchors: Anchors | None = None) -> Resolved | None:
    """What a relative expression means, or None if too vague (or with no publication date
    where one is needed)."""
    g = m.groupdict()
    anchors = anchors or Anchors()
    try:
        if rel.unit in _PERIOD_UNITS:
            return _PERIOD_UNITS[rel.unit](rel, g, tense, pub, r, anchors)
        if rel.unit in ("past_ref", "future_ref"):
            return Resolved(None, None, rel.unit.upper())
        if rel.unit in ("decade", "decade_name", "century"):
            return _decade(g, pub, r)
        if rel.unit == "present":
            if pub is None:
                return Resolved(None, None, "PRESENT_REF")
            return Resolved(pub.start, pub.precision, "PRESENT_REF")
        if pub is None:
            return None
        return _interval_unit(rel, g, tense, pub, r, anchors)
    except (ValueError, OverflowError, KeyError):
        return None


def _decade(g: dict[str, Any], pub: Any, r: Rules) -> Resolved | None:
    """TimeML's value of a decade ("the 1990s", "the '80s": "199", "198") or a century ("the
    20th century": "19"); a decade named by its digit alone is of the publication's century."""
    if g.get("nth"):
        n = int(g["nth"])
        return Resolved(None, None, f"{n - 1:02d}") if 1 <= n <= 21 else None
    if g.get("decade"):
        return Resolved(None, None, g["decade"])
    digit = int(g["short"]) if g.get("short") else r.decade_words[g["dword"].lower()]
    century = 19 if pub is None or pub.start.year < 2000 + 10 * digit else 20
    if pub is not None and pub.start.year >= 2000 and century == 19 and digit < 2:
        return None  # "the '00s", "the '10s" before they came: no reading
    return Resolved(None, None, f"{century}{digit}")


def _interval_unit(rel: Relative, g: dict[str, Any], tense: str, pub: Any, r: Rules,
                   anchors: Anchors) -> Resolved | None:
    lo: dt.date | None
    hi: dt.date | None
    day_pub = pub.precision == "day"
    if rel.unit == "day":
        lo, hi = _shift(pub.start, rel.offset or 0), _shift(pub.end, rel.offset or 0)
    elif rel.unit == "weekday":
        weekday = r.weekdays[g["weekday"].lower()]
        mod = r.canon(g.get("wmod") or "")
        span = _weekday_interval(mod, tense)
        backwards = span[1] <= 0
        lo = _nearest_weekday(pub.start, weekday, *span, backwards=backwards)
        hi = _nearest_weekday(pub.end, weekday, *span, backwards=backwards)
    elif rel.unit == "week":
        if day_pub:
            return _of_period(of_date("week", pub.start + dt.timedelta(weeks=rel.offset or 0)))
        offset = 7 * (rel.offset or 0)
        monday = pub.start - dt.timedelta(days=pub.start.weekday())
        sunday = pub.end + dt.timedelta(days=6 - pub.end.weekday())
        lo, hi = _shift(monday, offset), _shift(sunday, offset)
    elif rel.unit == "weekend":
        if not day_pub:
            return None
        return _of_period(_weekend(pub.start, r.canon(g.get("wmod") or ""), tense))
    elif rel.unit == "ago":
        return _ago(g, pub, r, anchors)
    elif rel.unit == "since":
        n = number(g.get("n") or g.get("nth") or g.get("nthw") or "", r)
        if not n or tense == "future":
            return None  # an anniversary still to come: the year it counts from is unknown
        return _of_period(Period("year", dt.date(pub.start.year - n, 1, 1)))
    elif rel.unit == "month":
        lo = add_months(pub.start.replace(day=1), rel.offset or 0)
        hi = period_end(add_months(pub.end.replace(day=1), rel.offset or 0), "month")
    elif rel.unit == "year":
        lo = dt.date(pub.start.year + (rel.offset or 0), 1, 1)
        hi = dt.date(pub.end.year + (rel.offset or 0), 12, 31)
    elif rel.unit == "month_of_year":
        month = r.months[g["month"].lower().rstrip(".")]
        shift = {"this": 0, "last": -1, "next": 1}[g["ymod"].lower()]
        lo = dt.date(pub.start.year + shift, month, 1)
        hi = period_end(dt.date(pub.end.year + shift, month, 1), "month")
    elif rel.unit == "month_in_year":  # "March of last year": that month of that year
        month = r.months[g["month"].lower().rstrip(".")]
        lo = dt.date(pub.start.year + (rel.offset or 0), month, 1)
        hi = period_end(dt.date(pub.end.year + (rel.offset or 0), month, 1), "month")
    elif rel.unit == "named_month":
        month = r.months[g["month"].lower().rstrip(".")]
        mod = r.canon(g["mmod"])
        if mod == "this":  # "this September": the September of the publication's year
            lo = dt.date(pub.start.year, month, 1)
            return _of_interval(lo, period_end(dt.date(pub.end.year, month, 1), "month"))
        forward = mod in ("next", "this coming")

        def year_of(day: dt.date) -> int:
            if forward:
                return day.year if month > day.month else day.year + 1
            return day.year if month < day.month else day.year - 1

        lo = dt.date(year_of(pub.start), month, 1)
        hi = period_end(dt.date(year_of(pub.end), month, 1), "month")
    else:
        return None
    return _of_interval(lo, hi)


def _weekend(day: dt.date, mod: str, tense: str) -> Period | None:
    this = of_date("weekend", day)  # the Saturday and Sunday of the day's ISO week
    last = this.shift(steps=-1)
    if day.weekday() >= 5:  # published on a weekend
        if mod in ("next", "this coming"):
            return this.shift(steps=1)
        return last if mod in ("last", "this past") else this
    if mod in ("last", "this past"):
        return last
    if mod in ("next", "this coming"):
        return this
    if tense in ("past", "future"):
        return last if tense == "past" else this
    return last if day.weekday() <= 2 else this  # the nearer one


def _ago(g: dict[str, Any], pub: Any, r: Rules, anchors: Anchors) -> Resolved | None:
    n = number(g["n"], r)
    unit = r.canon(g["agounit"])
    if not n:
        return None
    if unit == "decade":
        unit, n = "year", 10 * n
    slack = r.ago_slack_days.get(unit)
    if slack is None:
        return None
    if unit == "year" and anchors.in_sentence is not None and \
            anchors.in_sentence.kind in ("quarter", "half"):
        # "profit rose in the third quarter from a year ago": that quarter, a year before
        return _of_period(anchors.in_sentence.shift(years=-n))
    if slack or unit == "day":
        days = {"day": 1, "week": 7}.get(unit)
        if days:
            lo, hi = _shift(pub.start, -n * days - slack), _shift(pub.end, -n * days + slack)
        else:
            months = n * (12 if unit == "year" else 1)
            lo = _shift(add_months(pub.start, -months), -slack)
            hi = _shift(add_months(pub.end, -months), slack)
        return _of_interval(lo, hi)
    if pub.precision == "year" and unit != "year":
        return None
    if pub.precision == "month" and unit == "week":
        return None
    if unit == "week":
        return _of_period(of_date("week", pub.start - dt.timedelta(weeks=n)))
    if unit == "month":
        return _of_period(of_date("month", add_months(pub.start, -n)))
    return _of_period(Period("year", dt.date(pub.start.year - n, 1, 1)))


def _quarter(rel: Relative, g: dict[str, Any], tense: str, pub: Any, r: Rules,
             anchors: Anchors) -> Resolved | None:
    kind = "quarter"
    year = _year_of(g, pub, anchors)
    if g.get("qnum") or g.get("emonth"):
        n = (number(g["qnum"], r) if g.get("qnum")
             else (r.months[g["emonth"].lower().rstrip(".")] - 1) // 3 + 1)
        if not n or not 1 <= n <= 4:
            return None
        if year is not None:
            return _of_period(named(kind, year, n))
        if pub is None:
            return None
        # a quarter named without a year is the latest begun ("fiscal first-quarter results" in
        # October: this year's); when its own clause speaks of the future, the tense is that of
        # reporting on it ("will release third-quarter results"): the one nearest the publication
        candidates = [p for k in (-1, 0, 1) if (p := named(kind, pub.start.year + k, n))]
        ahead = tense == "future" and not g.get("emonth")
        return _of_period(_pick(candidates, "unknown" if ahead else "past", pub))
    mod = re.sub(r"\s+", " ", (g.get("qmod") or "the latest")).lower()
    if mod == "the latest" and anchors.reported is not None:
        return _of_period(anchors.reported)  # the latest over, whatever came after it
    if mod in ("the", "that", "the same", "the latest") and anchors.quarter is not None:
        return _of_period(anchors.quarter)
    if pub is None:
        return None
    this = of_date(kind, pub.start)
    step = {"this": 0, "the current": 0, "next": 1, "the coming": 1}.get(mod, -1)
    return _of_period(this.shift(steps=step))


def _half(rel: Relative, g: dict[str, Any], tense: str, pub: Any, r: Rules,
          anchors: Anchors) -> Resolved | None:
    n = 1 if g["hnum"].lower() == "first" else 2
    year = _year_of(g, pub, anchors)
    if year is not None:
        return _of_period(named("half", year, n))
    if pub is None:
        return None
    candidates = [p for k in (-1, 0, 1) if (p := named("half", pub.start.year + k, n))]
    return _of_period(_pick(candidates, "unknown", pub))


def _season(rel: Relative, g: dict[str, Any], tense: str, pub: Any, r: Rules,
            anchors: Anchors) -> Resolved | None:
    word = (g.get("season") or g["bare"]).lower()  # "fall", "spring" only after a modifier
    mod = re.sub(r"\s+", " ", (g.get("smod") or "")).lower()
    start_month = SEASONS[r.seasons[word]]
    year = _year_of(g, pub, anchors)
    if year is None and g.get("spelled"):
        year = spelled_year(g["spelled"], r)
    if year is not None:
        return _of_period(named("season", year, start_month))
    if pub is None:
        return None
    candidates = [p for k in (-1, 0, 1, 2)
                  if (p := named("season", pub.start.year + k, start_month))]
    if mod in ("last", "this past"):
        over = [p for p in candidates if p.end < pub.start]
        return _of_period(over[-1] if over else None)
    if mod in ("next", "this coming"):
        ahead = [p for p in candidates if p.start > pub.end]
        return _of_period(ahead[0] if ahead else None)
    if mod == "this":
        tense = "unknown"
    return _of_period(_pick(candidates, tense, pub))


def _anchored(rel: Relative, g: dict[str, Any], tense: str, pub: Any, r: Rules,
              anchors: Anchors) -> Resolved | None:
    """A period stepped from the one the text spoke of last ("a year earlier", "the following
    month", "that day", "the year-ago quarter")."""
    base = anchors.previous
    unit = (g.get("agounit") or "year").lower()
    direction = (g.get("dir") or "").lower()
    if g.get("n"):
        n = number(g["n"], r)
        if not n:
            return None
        n = -n if direction in ("earlier", "before") else n
    elif direction:
        n = 1 if direction in ("following", "next") else -1
    else:
        n = rel.offset or 0  # "that year": 0, "the year-ago quarter": -1
    if unit == "year" and n < 0 and (anchors.comparison or not (g.get("n") or direction)):
        # a comparison ("year-ago results", "up from $4 million a year earlier") is with the
        # period the sentence reports, or the quarter the text reports on, else with the
        # present; not with whatever date came just before
        # (after "for the nine months": the year the months are of, the quarter's or the present)
        quarter = anchors.reported or anchors.quarter
        this_year = quarter or (Period("year", pub.start) if pub is not None else None)
        base = anchors.in_sentence or (
            Period("year", dt.date(this_year.start.year, 1, 1)) if anchors.span_of_months and
            this_year is not None else quarter) or (
            Period("year", dt.date(pub.start.year, 1, 1)) if pub is not None else base)
    if base is None:
        # "a year earlier", "the year-ago results" with nothing before: from the publication
        if unit == "year" and n < 0 and pub is not None and (g.get("n") or rel.offset):
            return _of_period(Period("year", dt.date(pub.start.year + n, 1, 1)))
        return None
    if unit == "year":
        if base.kind in ("quarter", "half") or (base.kind == "day" and n == 0):
            return _of_period(base.shift(years=n))  # the year-ago quarter; that day's year
        if n == 0 and base.kind in ("month", "year"):
            return _of_period(Period("year", dt.date(base.start.year, 1, 1)))
        # "two years later": a count of years, so a year (whatever precision it counts from)
        return _of_period(Period("year", dt.date(base.start.year + n, 1, 1)))
    if unit == "month" and base.kind in ("day", "month"):
        if base.kind == "day":
            return _of_period(Period("day", add_months(base.start, n)))
        return _of_period(base.shift(steps=n))
    if unit == "week" and base.kind in ("day", "week"):
        return _of_period(of_date("week", base.start + dt.timedelta(weeks=n)))
    if unit == "day" and base.kind == "day":
        return _of_period(base.shift(steps=n))
    return None


def _event(rel: Relative, g: dict[str, Any], tense: str, pub: Any, r: Rules,
           anchors: Anchors) -> Resolved | None:
    """Days, weeks or months after (or before) a development the text dates ("four days after
    the signing"), counted from its day."""
    base, n = anchors.event, number(g["n"], r)
    if base is None or base.kind != "day" or not n:
        return None
    n = -n if g.get("before") else n
    unit = r.canon(g["agounit"])
    if unit == "month":
        return _of_period(Period("day", add_months(base.start, n)))
    days = {"day": 1, "week": 7}.get(unit)
    return _of_period(base.shift(steps=n * days)) if days else None


_PERIOD_UNITS = {"quarter": _quarter, "half": _half, "season": _season, "anchored": _anchored,
                 "event": _event}

_SPELLED_CENTURY = {"nineteen": 1900, "twenty": 2000}


def spelled_year(words: str, r: Rules) -> int | None:
    """"nineteen ninety-one" -> 1991, "twenty ten" -> 2010, "two thousand and five" -> 2005,
    "nineteen oh five" -> 1905."""
    words = re.sub(r"\s+", " ", words.lower()).strip()
    if words.startswith("two thousand"):
        rest = words[len("two thousand"):].strip()
        rest = rest[4:] if rest.startswith("and ") else rest
        if not rest:
            return 2000
        n = number(rest, r)
        return 2000 + n if n is not None and n < 100 else None
    century, _, rest = words.partition(" ")
    if century not in _SPELLED_CENTURY:
        return None
    if rest.startswith("oh"):
        n = number(rest[3:], r)
        return _SPELLED_CENTURY[century] + n if n is not None and n < 10 else None
    n = number(rest, r)
    if n is None or not 10 <= n < 100:
        return None
    return _SPELLED_CENTURY[century] + n
