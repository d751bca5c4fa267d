"""Dates: written ``YYYY-MM-DD``, existing, consistent with their precision; an entry without a
date carries the ``undated`` flag and one with a date does not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from briefings.entryfile import EVIDENCE_RE
from briefings.problems import Problem
from briefings.schema import DATE_RE, FIELDS_BY_KEY, PRECISIONS
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc, list_items, nearest, value_of

#: Dates a person may type that have one obvious ISO form: 2025-3-8, 2025/03/08, 2025.3.8.
LOOSE_DATE_RE = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
PARTIAL_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2}))?$")
#: Unambiguous ways people write a day, to suggest its ISO form ("18 March 2025").
WORDY_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y",
                 "%d. %B %Y", "%d.%m.%Y")


def suggest_iso(value: str) -> str | None:
    """``"18 March 2025"`` -> ``"2025-03-18"``; ``None`` when the form is not one of ours."""
    text = " ".join(value.replace(".,", ",").split())
    for candidate in dict.fromkeys([text, text.replace(". ", " ")]):
        for fmt in WORDY_FORMATS:
            try:
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def normalise_date(value: str) -> str | None:
    """The ISO form of a loosely written date that exists (``2025-3-8`` -> ``2025-03-08``)."""
    m = LOOSE_DATE_RE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def _why_not(y: int, m: int, d: int) -> str:
    if not 1 <= m <= 12:
        return f"there is no month {m}"
    days = calendar.monthrange(y, m)[1]
    return f"{calendar.month_name[m]} {y} has {days} days"


def check(doc: EntryDoc, ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    w = doc.where
    date_h, prec_h, flags_h = doc.field("date"), doc.field("date-precision"), doc.field("flags")
    raw = value_of(date_h)
    date: dt.date | None = None
    if date_h is not None and raw:
        col = date_h.value_col
        m = LOOSE_DATE_RE.match(raw)
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            try:
                date = dt.date(y, mo, d)
            except ValueError:
                out.append(problem("E-DATE", w, date_h.line,
                                   f"'{raw}' is not a date that exists: {_why_not(y, mo, d)}",
                                   "write an existing date as YYYY-MM-DD", col))
            else:
                if not DATE_RE.match(raw):
                    out.append(problem("E-DATE-FORMAT", w, date_h.line,
                                       f"date '{raw}' is not written YYYY-MM-DD",
                                       f"write `Date: {date.isoformat()}` "
                                       "(`briefings validate --fix` does it)", col))
        else:
            p = PARTIAL_RE.match(raw)
            if p:
                first = f"{p['y']}-{int(p['m']):02d}-01" if p["m"] else f"{p['y']}-01-01"
                precision = "month" if p["m"] else "year"
                hint = (f"write the first day of the period, `Date: {first}`, with "
                        f"`Date-Precision: {precision}`")
            elif suggest_iso(raw):
                hint = f"write `Date: {suggest_iso(raw)}`"
            else:
                hint = ("write the date as YYYY-MM-DD (for a month or a year: its first day, "
                        "with Date-Precision month or year)")
            out.append(problem("E-DATE-FORMAT", w, date_h.line,
                               f"date '{raw}' is not written YYYY-MM-DD", hint, col))
    precision = value_of(prec_h)
    typo = date_h is None and any(nearest(h.name, ["Date"], 1) for h in doc.header
                                  if h.key not in FIELDS_BY_KEY)
    if typo:
        return out  # `Dtae:` — header.py names the typo; the rest follows from it
    if raw and prec_h is None:
        out.append(problem("E-PRECISION-MISSING", w, date_h.line,
                           "Date has no Date-Precision",
                           "add `Date-Precision: day` (or month or year: what the source "
                           "supports, never more)"))
    if prec_h is not None and precision and not raw:
        out.append(problem("E-PRECISION-WITHOUT-DATE", w, prec_h.line,
                           "Date-Precision is set but there is no Date",
                           "add the Date, or remove Date-Precision if the entry is undated"))
    if date is not None and precision in PRECISIONS:
        if precision == "month" and date.day != 1:
            out.append(problem("E-PRECISION-DATE", w, date_h.line,
                               f"Date {date.isoformat()} has month precision, so it must be "
                               "the first day of the month",
                               f"write `Date: {date.replace(day=1).isoformat()}`, or set "
                               "`Date-Precision: day` if the source gives the day",
                               date_h.value_col + 8))
        if precision == "year" and (date.month, date.day) != (1, 1):
            out.append(problem("E-PRECISION-DATE", w, date_h.line,
                               f"Date {date.isoformat()} has year precision, so it must be "
                               "1 January", f"write `Date: {date.year}-01-01`, or set "
                               "`Date-Precision: day` or `month`", date_h.value_col + 5))
    flags = list_items(flags_h) if flags_h is not None else []
    undated = [f for f in flags if f[2] == "undated"]
    if not raw and not undated:
        line = flags_h.line if flags_h is not None else 1
        out.append(problem("E-UNDATED-FLAG-MISSING", w, line,
                           "the entry has no Date and no `undated` flag",
                           "give a Date (with Date-Precision), or add `undated` to Flags so "
                           "the entry stays off the timeline until a person dates it"))
    if raw and undated:
        line, col, _t = undated[0]
        out.append(problem("E-UNDATED-FLAG-DATED", w, line,
                           "the entry has a Date but is flagged `undated`",
                           "remove `undated` from Flags", col))
    evidence = doc.field("date-evidence")
    for line, col, text in evidence.values if evidence is not None else []:
        if text and not EVIDENCE_RE.match(text):
            out.append(problem("E-EVIDENCE", w, line,
                               f"date evidence '{text[:40]}' is not @key \"words\"",
                               'write @key "the words of the source", one per line; indent '
                               "further lines by four spaces", col))
    return out
