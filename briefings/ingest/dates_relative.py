"""Relative words resolved by arithmetic on the publication date's whole period.

Each expression gives the interval of days it may mean: "yesterday" in an article published some
day of August 2025 is some day from July 31 to August 30. The date is the smallest calendar period
(day, month, year) holding the whole interval; an interval spanning two years gives no date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefings.ingest.dates_rules import Relative, Rules

ONE_DAY = dt.timedelta(days=1)


def period_start(date: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return date.replace(month=1, day=1)
    if precision == "month":
        return date.replace(day=1)
    return date


def period_end(date: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return date.replace(month=12, day=31)
    if precision == "month":
        return add_months(date.replace(day=1), 1) - ONE_DAY
    return date


def add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = min(date.day, (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - ONE_DAY).day)
    return dt.date(year, month + 1, day)


def _shift(date: dt.date, days: int) -> dt.date | None:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def smallest_period(lo: dt.date, hi: dt.date) -> tuple[dt.date, str] | None:
    if lo == hi:
        return lo, "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return lo.replace(day=1), "month"
    if lo.year == hi.year:
        return lo.replace(month=1, day=1), "year"
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
    return -6, 6


def _nearest_weekday(day: dt.date, weekday: int, lo: int, hi: int, backwards: bool) -> dt.date:
    offsets = range(hi, lo - 1, -1) if backwards else range(lo, hi + 1)
    for off in offsets:
        candidate = day + dt.timedelta(days=off)
        if candidate.weekday() == weekday:
            return candidate
    raise AssertionError("a week always holds every weekday")


def _number(word: str, r: Rules) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    return r.number_words.get(word)


def resolve(rel: Relative, m: re.Match[str], tense: str, pub: Any, r: Rules
            ) -> tuple[dt.date, str] | None:
    """(first day of period, precision) for a relative expression, or None if too vague."""
    g = m.groupdict()
    lo: dt.date | None
    hi: dt.date | None
    try:
        if rel.unit == "day":
            lo, hi = _shift(pub.start, rel.offset or 0), _shift(pub.end, rel.offset or 0)
        elif rel.unit == "weekday":
            weekday = r.weekdays[g["weekday"].lower()]
            mod = r.canon(g.get("wmod") or "")
            span = _weekday_interval(mod, tense)
            if span == (-6, 6):  # no direction: from the earliest past one to the latest future one
                lo = _nearest_weekday(pub.start, weekday, -6, 0, backwards=True)
                hi = _nearest_weekday(pub.end, weekday, 0, 6, backwards=False)
            else:
                backwards = span[1] <= 0
                lo = _nearest_weekday(pub.start, weekday, *span, backwards=backwards)
                hi = _nearest_weekday(pub.end, weekday, *span, backwards=backwards)
        elif rel.unit == "week":
            offset = 7 * (rel.offset or 0)
            monday = pub.start - dt.timedelta(days=pub.start.weekday())
            sunday = pub.end + dt.timedelta(days=6 - pub.end.weekday())
            lo, hi = _shift(monday, offset), _shift(sunday, offset)
        elif rel.unit == "ago":
            n = _number(g["n"], r)
            unit = r.canon(g["agounit"])
            slack = r.ago_slack_days.get(unit)
            if not n or slack is None:
                return None
            if unit in ("day", "week"):
                days = n * (7 if unit == "week" else 1)
                lo, hi = _shift(pub.start, -days - slack), _shift(pub.end, -days + slack)
            else:  # month
                lo = _shift(add_months(pub.start, -n), -slack)
                hi = _shift(add_months(pub.end, -n), slack)
        elif rel.unit == "month":
            lo = add_months(pub.start.replace(day=1), rel.offset or 0)
            hi = period_end(add_months(pub.end.replace(day=1), rel.offset or 0), "month")
        elif rel.unit == "year":
            lo = dt.date(pub.start.year + (rel.offset or 0), 1, 1)
            hi = dt.date(pub.end.year + (rel.offset or 0), 12, 31)
        elif rel.unit == "named_month":
            month = r.months[g["month"].lower().rstrip(".")]
            forward = r.canon(g["mmod"]) in ("next", "this coming")

            def year_of(day: dt.date) -> int:
                if forward:
                    return day.year if month > day.month else day.year + 1
                return day.year if month < day.month else day.year - 1

            lo = dt.date(year_of(pub.start), month, 1)
            hi = period_end(dt.date(year_of(pub.end), month, 1), "month")
        elif rel.unit == "month_in_year":  # "March of last year": that month of that year
            month = r.months[g["month"].lower().rstrip(".")]
            lo = dt.date(pub.start.year + (rel.offset or 0), month, 1)
            hi = period_end(dt.date(pub.end.year + (rel.offset or 0), month, 1), "month")
        else:
            return None
    except (ValueError, OverflowError):
        return None
    if lo is None or hi is None:
        return None
    return smallest_period(lo, hi)
