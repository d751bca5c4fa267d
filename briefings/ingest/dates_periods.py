"""Periods the calendar forms of an entry cannot hold (weeks, weekends, quarters, halves,
seasons), with their TimeML values ("2024-W07", "2024-W07-WE", "2024-Q3", "2024-H1", "2024-SU")
and the nearest entry precision holding them: a week within one month is that month, a quarter
is its year. A day, a month and a year are periods too, so that "a year earlier" can step back
from whatever the text last spoke of, at that granularity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def smallest_period(lo: dt.date, hi: dt.date) -> tuple[dt.date, str] | None:
    if lo == hi:
        return lo, "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return lo.replace(day=1), "month"
    if lo.year == hi.year:
        return lo.replace(month=1, day=1), "year"
    return None


#: kind -> months in one period of that kind (for the kinds counted in months)
MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
#: TimeML's season codes and the month each season starts (meteorological seasons)
SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: how many of each kind step back one year ("the year-ago quarter" is four quarters back)
PER_YEAR = {"quarter": 4, "half": 2, "month": 12, "year": 1}


@dataclass(frozen=True)
class Period:
    kind: str  # day | weekend | week | month | season | quarter | half | year
    start: dt.date  # first day (a week: its Monday; a weekend: its Saturday)

    @property
    def end(self) -> dt.date:
        if self.kind == "day":
            return self.start
        if self.kind == "weekend":
            return self.start + dt.timedelta(days=1)
        if self.kind == "week":
            return self.start + dt.timedelta(days=6)
        if self.kind == "season":
            return add_months(self.start, 3) - dt.timedelta(days=1)
        return add_months(self.start, MONTHS[self.kind]) - dt.timedelta(days=1)

    @property
    def value(self) -> str:
        """TimeML's value: ``1990-08-15``, ``1990-W33``, ``1990-W32-WE``, ``1989-Q3``, …"""
        s = self.start
        if self.kind == "day":
            return s.isoformat()
        if self.kind in ("week", "weekend"):
            year, week, _ = s.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.kind == "weekend" else "")
        if self.kind == "month":
            return s.isoformat()[:7]
        if self.kind == "quarter":
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        if self.kind == "half":
            return f"{s.year}-H{(s.month - 1) // 6 + 1}"
        if self.kind == "season":
            code = next(c for c, m in SEASONS.items() if m == s.month)
            # winter belongs to the year of its January and February ("the winter of 1994")
            return f"{s.year + (1 if code == 'WI' else 0)}-{code}"
        return str(s.year)

    @property
    def timex(self) -> str | None:
        """The TimeML value when the calendar forms cannot say it, else None."""
        return None if self.kind in ("day", "month", "year") else self.value

    def calendar(self) -> tuple[dt.date, str] | None:
        """(first day, precision) of the smallest day, month or year holding the whole period
        (a season counts as the year it is named for); None when it spans two years."""
        if self.kind == "season":
            year = int(self.value[:4])
            return dt.date(year, 1, 1), "year"
        return smallest_period(self.start, self.end)

    def shift(self, years: int = 0, steps: int = 0) -> Period | None:
        """This period ``years`` years later (earlier when negative), or ``steps`` periods of
        its own kind later; None outside the calendar."""
        try:
            if self.kind in ("day",):
                start = self.start + dt.timedelta(days=steps)
                return Period("day", _same_day(start, self.start.year + years - start.year))
            if self.kind in ("week", "weekend"):
                start = self.start + dt.timedelta(weeks=steps + 52 * years)
                return Period(self.kind, start)
            per = MONTHS.get(self.kind, 3)
            return Period(self.kind, add_months(self.start, 12 * years + per * steps))
        except (ValueError, OverflowError):
            return None


def _same_day(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # February 29
        return date.replace(year=date.year + years, day=28)


def of_date(kind: str, date: dt.date) -> Period:
    """The period of ``kind`` holding ``date``."""
    if kind == "day":
        return Period("day", date)
    if kind == "week":
        return Period("week", date - dt.timedelta(days=date.weekday()))
    if kind == "weekend":
        monday = date - dt.timedelta(days=date.weekday())
        return Period("weekend", monday + dt.timedelta(days=5))
    if kind == "season":
        start = max((m for m in SEASONS.values() if m <= date.month), default=12)
        year = date.year - 1 if start == 12 and date.month < 12 else date.year
        return Period("season", dt.date(year, start, 1))
    per = MONTHS[kind]
    return Period(kind, dt.date(date.year, (date.month - 1) // per * per + 1, 1))


def named(kind: str, year: int, number: int) -> Period | None:
    """Quarter ``number`` (1-4), half (1-2) or season (its start month) of ``year``; for a
    season, ``year`` is the one it is named for (winter: its January)."""
    try:
        if kind == "season":
            return Period("season", dt.date(year - (1 if number == 12 else 0), number, 1))
        return Period(kind, dt.date(year, (number - 1) * MONTHS[kind] + 1, 1))
    except (ValueError, KeyError):
        return None


def of_calendar(date: dt.date, precision: str) -> Period:
    """A mention's calendar date as a period."""
    return Period(precision, date if precision == "day" else
                  date.replace(day=1) if precision == "month" else date.replace(month=1, day=1))


def contains(p: Period, date: dt.date) -> bool:
    return p.start <= date <= p.end


