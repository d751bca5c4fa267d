"""Stage 4, dates: date mentions in a source text, each resolved with the precision its words
allow.

How a text is read (the knobs are in ``data/<language>/dates.yaml``, ``data/en/`` for English,
and ``data/dates.yaml`` for those of every language):

- Candidate spans come from compiled patterns, run only near an anchor (a year, a numeric date,
  a month or weekday name, a relative word); dateparser's own text search is slow and over-eager.
  Where spans overlap, the longest wins ("on Monday, January 9, 2023" over "Monday").
- Absolute spans ("December 8, 2016", "the 20th of August 2015", "10.09.2020" day first,
  "Dec. 1, 2021", ISO, "8 dhjetor 2016") are parsed with dateparser; a range of days ("from 3 to 14
  May 2021") is dated by its first day, with ``end_date``. "in 2016" is year precision; a year
  needs a preposition or a qualifier before it, so counts and prices are not years.
- A month-day or a month alone ("met on July 18", "in September") takes its year from the
  publication date: the tense of the date's own clause moves it (a future date before the
  publication goes to the next year, a date a past verb of its clause governs after it to the
  year before); otherwise (no tense, a verb of reporting, a deadline: "payable Dec. 7",
  "extended to Nov. 20") it is the nearest such date. Flag ``year-inferred``. Without a
  publication date the year is that of the article's own explicit date nearest to it ("On 11
  June" after "10 June 1999"), basis ``text-year``; with neither, no mention.
- Relative words ("yesterday", "on Monday", "two weeks ago", "earlier this year", "last
  September") are resolved on the publication date's whole period: the words may mean any day of
  an interval, and the date is the smallest calendar period holding all of it, so "yesterday" is
  a day against a day, only a year against a month (July 31 to August 30), and nothing against a
  year. Flag ``relative-date``. Without a publication date: no mention, never a guess.
- Weeks, weekends, quarters, halves and seasons keep TimeML's value (``timex``: "2024-W07",
  "2024-Q3") and date a mention by the day, month or year holding them
  (:mod:`.dates_periods`); "now" is the publication date (PRESENT_REF). "A year earlier", "the
  following year", "that day" count from the date the text spoke of just before them (basis
  ``anchored``), and "four days after the signing" from the day the text gives the signing,
  before or after the words (``event_verbs`` of the tables); "25 years since", "the 20th
  anniversary of" count years back from the publication (``duration``). Years in words
  ("nineteen ninety-one") are years.
- Tense comes from the words of the span ("next year") or the nearest cue in its sentence ("met",
  "will be presented", "is set to"); present tense says neither; a verb of reporting counts only
  just before the date ("said on Tuesday"). When the words say nothing, a date whose year is in
  the words and which lies wholly before or after the publication gives it.
- Dates on footer lines ("Last modified: July 30, 2022", copyright lines) are never mentions. The
  article's own date line or dateline is a mention with ``publication=True``; it is what
  :func:`find_publication_date` returns.

Flags are only ever names from :data:`briefings.schema.FLAGS`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefings.dates_util import check_partial_date, partial_to_date
from briefings.ingest import dates_relative
from briefings.ingest.dates_periods import Period, of_calendar
from briefings.ingest.dates_relative import Anchors
from briefings.ingest.dates_rules import Rules, rules
from briefings.ingest.dates_tense import after_deadline, clause_tense, sentence_bounds, words_tense

if TYPE_CHECKING:
    from briefings.ingest.model import Source

PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


@dataclass
class DateMention:
    start: int
    end: int  # offsets in the text given
    text: str  # the words exactly as in the source ("on July 18", "yesterday")
    date: dt.date  # first day of the period for month/year precision (None: no date, only
    precision: str  # "day" | "month" | "year"          from ``find_dates(..., every=True)``)
    tense: str  # "past" | "future" | "unknown"
    flags: list[str] = field(default_factory=list)  # e.g. ["year-inferred"], ["relative-date"]
    #: how the words were read: full, numeric, month_year, month_day, month, year, relative
    kind: str = ""
    #: True for the article's own date line or dateline ("Pristina, 8 December 2016"): the date
    #: the piece was published, not a development it reports
    publication: bool = False
    #: the last day of a range of days ("from 3 to 14 May 2021": date May 3, end_date May 14)
    end_date: dt.date | None = None
    #: how the date was found, one of :data:`BASES`
    basis: str = "explicit"
    #: TimeML's value where the words name a period the calendar forms cannot hold ("2024-W07",
    #: "2024-Q3", "2024-SU", "PRESENT_REF"); ``date``/``precision`` then hold the nearest
    #: calendar period containing it
    timex: str | None = None
    #: the period the words name (a quarter, a week, …), for the words after it that count
    #: from it ("a year earlier")
    period: Period | None = field(default=None, repr=False, compare=False)
    #: what the date dates: a development the text reports, or not (:data:`ROLES`)
    role: str = "development"


#: role -> what a date in that place dates (only "development" dates a development)
ROLES: dict[str, str] = {
    "development": "a development the text reports",
    "publication": "the piece itself: its date line or dateline",
    "byline": "the piece: a byline or a time stamp (published, updated)",
    "caption": "a photograph: its caption",
    "embedded": "a post embedded in the page",
    "question": "nothing: it is asked about, in a question",
}


#: basis -> what it means (``briefings dates`` prints the codes; entries explain them in words)
BASES: dict[str, str] = {
    "explicit": "the words give the whole date",
    "publication-year": "the words give no year: it comes from the publication date",
    "text-year": "the words give no year: it comes from the article's own dates around them",
    "relative": "relative words, read against the publication date",
    "anchored": "relative words, read against a date the text gives: the one just before them, "
                "or the day of the development they name (\"four days after the signing\")",
    "duration": "a count of years back from the publication date (year precision, approximate)",
    "publication-line": "the article's own date line",
    "dateline": "the article's dateline (\"WASHINGTON, June 25, 1999 –\")",
    "unresolved": "a date the words name but this text does not give (no publication date)",
}


@dataclass(frozen=True)
class _Published:
    start: dt.date  # the publication date's whole period (a single day for day precision)
    end: dt.date
    precision: str


def _published(value: str | dt.date | None) -> _Published | None:
    """The publication date's period; None when unknown or not a (partial) ISO date."""
    if isinstance(value, dt.date):
        value = value.isoformat()[:10]
    if not value:
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].*", value):
        value = value[:10]  # a timestamp: the day is what counts
    if not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value) or check_partial_date(value):
        return None
    first, precision = partial_to_date(value)
    return _Published(first, dates_relative.period_end(first, precision), precision)


# --- parsing absolute spans with dateparser ------------------------------------------------------

@functools.cache
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                  "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False},
    )


@functools.lru_cache(maxsize=8192)
def _dateparse(canonical: str, fmt: str) -> dt.date | None:
    """dateparser on a canonical rendering of a span ("8 December 2016"); the explicit format
    makes it take its fast path. ``None`` when dateparser does not accept it."""
    data = _parser().get_date_data(canonical, date_formats=[fmt])
    return data.date_obj.date() if data and data.date_obj else None


def _month_name(number: int) -> str:
    return dt.date(2000, number, 1).strftime("%B")


def _full_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    got = _dateparse(f"{day} {_month_name(month)} {year}", "%d %B %Y")
    return got if got == dt.date(year, month, day) else None


def _month_date(year: int, month: int) -> dt.date | None:
    got = _dateparse(f"{_month_name(month)} {year}", "%B %Y")
    return got.replace(day=1) if got and (got.year, got.month) == (year, month) else None


# --- year inference for month-day and month-only spans -------------------------------------------

def _infer_year(month: int, day: int | None, tense: str, strong: bool, pub: _Published) -> int:
    """The year of "July 18" / "in September" from the publication date and the tense. The
    tense of the date's own clause moves it: a future date before the publication goes to the
    next year, a past one after it to the year before ("met on September 18" in August). Else
    (no tense, or one from farther off, or a deadline: "payable Dec. 7", "extended to Nov. 20")
    it is the nearest such date."""
    year = pub.start.year
    if pub.precision == "year":
        return year
    # compared at the precision both sides have: "October 3" in an article of October is the
    # same month, whichever day the article appeared
    if pub.precision == "day" and day:
        key, pub_key = (month, day), (pub.start.month, pub.start.day)
    else:
        key, pub_key = (month, 0), (pub.start.month, 0)
    if tense == "future":
        return year + 1 if key < pub_key else year
    if tense == "past" and strong:
        return year - 1 if key > pub_key else year
    return _nearest_year(month, day, pub.start + (pub.end - pub.start) / 2, tense)


_LEAN_NONE = 45  # days a date ahead of the publication counts farther, with no tense
_LEAN_WEAK = 120  # and against a tense from farther off in the sentence


def _nearest_year(month: int, day: int | None, near: dt.date, tense: str = "unknown") -> int:
    """The year that puts month (and day) nearest to ``near`` (a month alone counts from its
    middle); a weak tense breaks a near tie its way."""
    def distance(year: int) -> float:
        try:
            d = dt.date(year, month, day or 15)
        except ValueError:
            d = dt.date(year, month, 28)
        days = (d - near).days
        if tense == "future":
            lean = _LEAN_WEAK if days < 0 else 0
        else:  # news reports what happened: with no tense, or a weak past, the past is likelier
            lean = (_LEAN_WEAK if tense == "past" else _LEAN_NONE) if days > 0 else 0
        return abs(days) + lean
    return min((near.year - 1, near.year, near.year + 1), key=distance)


# --- the scan ------------------------------------------------------------------------------------

@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]
    relative: Any = None


def _capitalised(word: str | None) -> bool:
    return word is None or word[:1].isupper()


_NAMED_UNITS = frozenset({"weekday", "named_month", "month_of_year"})


def _a_name(text: str, m: re.Match[str], rel: Any) -> bool:
    """Relative words in capitals inside a sentence are a name ("ABC's "This Week"", "VOA
    Today"), not a date (weekdays and months are always in capitals)."""
    if rel.unit in _NAMED_UNITS or not m.group(0)[:1].isupper():
        return False
    before = text[max(0, m.start() - 8):m.start()].rstrip(" \t\"“‘'")
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;’'")


def _windows(text: str, r: Rules) -> list[tuple[int, int, set[str]]]:
    """Stretches of ``text`` around anchors (a year, a numeric date, a month or weekday name, a
    relative word), merged, with the kinds of anchor each holds and its relative words. Every
    candidate holds an anchor and is shorter than the window, so scanning only these with only
    the patterns their anchors allow finds them all; the look-behinds still see the text before
    a window."""
    windows: list[tuple[int, int, set[str]]] = []
    w = r.anchor_window
    for m in r.anchor.finditer(text):
        lo, hi = max(0, m.start() - w), min(len(text), m.end() + w)
        kind = m.lastgroup or ""
        kinds = {kind, m.group(0).lower()} if kind == "relative" else {kind}
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi, windows[-1][2] | kinds)
        else:
            windows.append((lo, hi, kinds))
    return windows


def _candidates(text: str, r: Rules) -> list[_Candidate]:
    found: list[_Candidate] = []
    for lo, hi, kinds in _windows(text, r):
        for pattern in r.patterns:
            if pattern.anchor_class not in kinds:
                continue
            for m in pattern.regex.finditer(text, lo, hi):
                if not r.proper_names or _capitalised(m.groupdict().get("month")):
                    found.append(_Candidate(m.start(), m.end(), pattern.kind, m))
        for rel in r.relative:
            if rel.anchor_class not in kinds:
                continue
            needs = r.unit_anchors.get(rel.unit)
            if needs is not None and needs.isdisjoint(kinds):
                continue
            for m in rel.regex.finditer(text, lo, hi):
                groups = m.groupdict()
                if (not r.proper_names or (_capitalised(groups.get("weekday"))
                                           and _capitalised(groups.get("month")))) \
                        and not _a_name(text, m, rel):
                    found.append(_Candidate(m.start(), m.end(), "relative", m, rel))
    # Longest span first; at equal length the most specific pattern (listed first) wins.
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[_Candidate] = []
    occupied = bytearray(len(text))
    for cand in found:
        if not any(occupied[cand.start:cand.end]):
            taken.append(cand)
            occupied[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    taken.sort(key=lambda c: c.start)
    return taken


def _footer_spans(text: str, r: Rules) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in r.footer_line.finditer(text):
        if spans and m.start() < spans[-1][1] and "\n" not in m.group(0):
            continue  # on the line of the match before: its span holds it
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        spans.append((line_start, len(text) if line_end < 0 else line_end))
    return spans


def _covered(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset is in one of ``spans``, by bisection over their union (a text of many
    footer lines must not make each date look at every one)."""
    merged: list[list[int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        elif lo < hi:
            merged.append([lo, hi])
    starts = [lo for lo, _hi in merged]

    def covered(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < merged[i][1]

    return covered


@dataclass
class _Context:
    """What a mention's words may count from: the publication date, the mentions before it."""

    pub: _Published | None
    anchors: Anchors = field(default_factory=Anchors)
    #: the nearest date of the text with a year in its words (for "On 11 June" when the
    #: publication date is not known)
    near_explicit: DateMention | None = None


def _tense(text: str, cand: _Candidate, r: Rules) -> tuple[str, bool]:
    """The mention's tense and whether its own words or clause say it (see :func:`clause_tense`)."""
    words = cand.match.group(0)
    own = words_tense(words, r) or (cand.relative.tense if cand.relative is not None else None)
    if own:
        return own, True
    return clause_tense(text, cand.start, cand.end, r)


def _resolve(text: str, cand: _Candidate, ctx: _Context, r: Rules) -> DateMention | None:
    """The mention of a candidate: dated, or with ``date`` None when its words are a date that
    cannot be resolved here (no publication date, "several weeks ago", "recently"); None when
    they are no date after all."""
    m = cand.match
    g = m.groupdict()
    words = m.group(0)
    pub = ctx.pub
    tense, strong = _tense(text, cand, r)
    flags: list[str] = []
    basis = "explicit"
    date: dt.date | None
    precision: str | None
    timex: str | None = None
    period: Period | None = None
    if cand.kind == "full":
        month, year = r.months[_key(g.get("month") or g["omonth"])], int(g["year"])
        if g.get("month2") and month > r.months[_key(g["month2"])]:
            year -= 1  # "from 30 December to 2 January 2021" starts in 2020
        date, precision = _full_date(year, month, int(g["day"])), "day"
    elif cand.kind == "numeric":
        day, month, year = int(g["dd"]), int(g["mm"]), int(g["yyyy"])
        if month > 12 >= day:  # 12/25/2020 can only be month-first
            day, month = month, day
        date, precision = _full_date(year, month, day), "day"
    elif cand.kind == "month_year":
        month, year = r.months[_key(g["month"])], int(g["year"])
        if g.get("month2") and month > r.months[_key(g["month2"])]:
            year -= 1  # "December 2024 to January 2025" wording: "December-January 2025"
        date, precision = _month_date(year, month), "month"
    elif cand.kind in ("month_day", "month"):
        month = r.months[_key(g["month"])]
        day = int(g["day"]) if cand.kind == "month_day" else None
        if strong and tense == "past" and after_deadline(text, cand.start, words, r):
            strong = False  # a term or a deadline ("payable Dec. 7") is not moved into the past
        if pub is not None:
            year = _infer_year(month, day, tense, strong, pub)
            basis = "publication-year"
        elif ctx.near_explicit is not None:
            # no publication date: the year of the article's own dates around it
            year = _nearest_year(month, day, ctx.near_explicit.date)
            basis = "text-year"
        else:
            return _undated(cand, words, tense)
        date = _full_date(year, month, day) if day else _month_date(year, month)
        precision = "day" if day else "month"
        flags.append("year-inferred")
    elif cand.kind in ("year", "spelled"):
        year = (int(g["year"]) if cand.kind == "year"
                else dates_relative.spelled_year(g["spelled"], r) or 0)
        if not r.year_range[0] <= year <= r.year_range[1]:
            return None
        if g.get("month"):
            date, precision = _month_date(year, r.months[_key(g["month"])]), "month"
        else:
            date, precision = dt.date(year, 1, 1), "year"
    else:  # relative
        # a weak tense says nothing of which quarter or season; of a weekday it still does
        weekday = cand.relative.unit == "weekday"
        resolved = dates_relative.resolve(cand.relative, m,
                                          tense if strong or weekday else "unknown",
                                          pub, r, ctx.anchors)
        if resolved is None:
            return _undated(cand, words, tense) if _is_date(cand) else None
        date, precision, timex, period = (resolved.date, resolved.precision, resolved.timex,
                                          resolved.period)
        basis = _relative_basis(cand, ctx)
        if cand.relative.unit == "ago" and period is not None and \
                period.kind in ("quarter", "half"):
            # "up from a year ago" after "in the third quarter" counts from that quarter: no
            # anchor for the words after it
            basis = "anchored"
        if basis in ("relative", "anchored", "duration"):
            flags.append("relative-date")
        elif basis == "publication-year":
            flags.append("year-inferred")
        if date is not None and precision is not None and pub is not None and \
                basis == "relative" and PRECISION_RANK[precision] > PRECISION_RANK[pub.precision]:
            precision = pub.precision
            date = dates_relative.period_start(date, precision)
    if date is None or precision is None:
        if timex:
            return DateMention(cand.start, cand.start + len(words.rstrip(" ,")),
                               words.rstrip(" ,"), None, None, tense,  # type: ignore[arg-type]
                               [], cand.kind, basis=basis, timex=timex)
        return None
    end_date = None
    if g.get("month2") and not g.get("day2"):
        end_date = dates_relative.period_end(
            dt.date(int(g["year"]), r.months[_key(g["month2"])], 1), "month")
        if end_date <= date:
            return None
    elif g.get("day2"):
        end_month = r.months[_key(g["month2"])] if g.get("month2") else date.month
        end_year = int(g["year"]) if g.get("year") else date.year
        try:
            end_date = dt.date(end_year, end_month, int(g["day2"]))
        except ValueError:
            return None
        if end_date <= date:
            return None
    if tense == "unknown" and pub is not None and basis == "explicit":
        # the words give the year: a date wholly before or after the publication tells the tense
        end = dates_relative.period_end(date, precision)
        tense = "future" if date > pub.end else "past" if end < pub.start else "unknown"
    stripped = words.rstrip(" ,")
    return DateMention(cand.start, cand.start + len(stripped), stripped, date, precision, tense,
                       flags, cand.kind, end_date=end_date, basis=basis, timex=timex,
                       period=period or of_calendar(date, precision))


#: relative units whose words are certainly a date, even when it cannot be resolved
_DATE_UNITS = frozenset({"day", "weekday", "week", "weekend", "ago", "month", "year",
                         "named_month", "month_of_year", "quarter", "half", "season", "anchored",
                         "since"})


def _is_date(cand: _Candidate) -> bool:
    return cand.relative is not None and cand.relative.unit in _DATE_UNITS


def _relative_basis(cand: _Candidate, ctx: _Context) -> str:
    g = cand.match.groupdict()
    unit = cand.relative.unit
    if any(g.get(k) for k in ("year", "qyear", "year2", "spelled")):
        return "explicit"
    if unit in ("since", "anchored", "event"):
        return "duration" if unit == "since" else "anchored"
    mod = " ".join((g.get("qmod") or g.get("smod") or "").lower().split())
    if unit == "quarter" and not g.get("qnum") and not g.get("emonth"):
        anaphoric = mod in ("the", "that", "the same", "the latest", "")
        return "anchored" if anaphoric and ctx.anchors.quarter is not None else "relative"
    if unit in ("quarter", "half", "season") and not g.get("ymod") and \
            mod.split()[-1:] not in (["this"], ["last"], ["next"], ["past"], ["coming"]):
        return "publication-year"
    return "relative"


def _undated(cand: _Candidate, words: str, tense: str) -> DateMention:
    stripped = words.rstrip(" ,")
    return DateMention(cand.start, cand.start + len(stripped), stripped, None,  # type: ignore[arg-type]
                       None, tense, [], cand.kind, basis="unresolved")  # type: ignore[arg-type]


def _key(month: str) -> str:
    return month.lower().rstrip(".")


#: kinds whose words hold their whole date: read first, so that the words around them can
#: count from them
_EXPLICIT_KINDS = frozenset({"full", "numeric", "month_year", "year", "spelled"})


def find_dates(text: str, published: str | None, language: str | None = None,
               every: bool = False) -> list[DateMention]:
    """Every date mention in ``text``, in order. ``published`` is "YYYY", "YYYY-MM", "YYYY-MM-DD"
    or None; without it, relative words give no mention, and a date without a year takes its
    year from the article's own dates around it (or gives none). Dates in site footers ("Last
    modified: July 30, 2022", copyright lines) are left out; the article's own date line or
    dateline is included with ``publication=True``. ``every``: also the mentions that give no
    date (``date`` None: "recently", "several weeks ago", "on Monday" with no publication date),
    as ``briefings dates`` lists them. ``language`` ("sq", "sr-Cyrl") picks the tables
    (:func:`briefings.ingest.dates_rules.rules`); English when None."""
    r = rules(language)
    pub = _published(published)
    in_footer = _covered(_footer_spans(text, r))
    publication = _publication_spans(text, r)
    aside = _aside_roles(text, r)
    cands = [c for c in _candidates(text, r) if not in_footer(c.start)]
    pub = _today(text, cands, pub, r)
    plain = _Context(pub)
    first: dict[int, DateMention | None] = {
        i: _resolve(text, c, plain, r) for i, c in enumerate(cands) if c.kind in _EXPLICIT_KINDS}
    explicit = [m for m in first.values() if m is not None and m.date is not None]
    starts = [m.start for m in explicit]
    mentions: list[DateMention] = []
    counted: list[_Candidate] = []  # "four days after the signing": read once all are dated
    dated: list[DateMention] = []  # the dated mentions so far, in order
    last_quarter: Period | None = None
    reported: Period | None = None  # the last quarter (or half) over by the publication
    for i, cand in enumerate(cands):
        if i in first:
            mention = first[i]
        else:
            if cand.relative is not None and cand.relative.unit == "event":
                counted.append(cand)  # from a development the text may date after it
                continue
            ctx = _Context(pub, _anchors(text, cand, dated, (last_quarter, reported), r),
                           _year_from(text, explicit, starts, cand.start) if pub is None
                           else None)
            mention = _resolve(text, cand, ctx, r)
        if mention is None:
            continue
        if (mention.start, mention.end) in publication:
            mention.publication, mention.tense = True, "past"
            mention.basis = publication[mention.start, mention.end]
            mention.role = "publication"
        elif mention.kind == "month_day" and _opens_dateline(text, mention, r):
            mention.publication, mention.role = True, "publication"  # "BRUSSELS, Sept 29 -"
        else:
            mention.role = aside(mention.start) or _question(text, mention, r) or "development"
        if mention.date is not None and mention.basis != "anchored":
            dated.append(mention)  # (words counting from a date never count from such words)
            if mention.period is not None and mention.period.kind in ("quarter", "half"):
                last_quarter = mention.period
                if pub is None or mention.period.end < pub.start:
                    reported = mention.period
        elif mention.date is None and not every:
            continue
        mentions.append(mention)
    for cand in counted:
        mention = _resolve(text, cand, _Context(pub, Anchors(event=_event_day(
            text, cand, dated, r))), r)
        if mention is not None and (mention.date is not None or every):
            mention.role = aside(mention.start) or _question(text, mention, r) or "development"
            bisect.insort(mentions, mention, key=lambda m: m.start)
    return mentions


def _today(text: str, candidates: list[_Candidate], pub: _Published | None, r: Rules
           ) -> _Published | None:
    """The day the text was written when it names it ("sot, 12 qershor", "danas, 18. marta":
    a pattern's ``today`` group) within a publication date known only to its month or year:
    its other relative words count from that day."""
    if pub is None or pub.precision == "day":
        return pub
    for cand in candidates:
        if not cand.match.groupdict().get("today") or cand.kind not in ("full", "month_day"):
            continue
        mention = _resolve(text, cand, _Context(pub), r)
        if (mention is not None and mention.precision == "day" and mention.end_date is None
                and pub.start <= mention.date <= pub.end):
            return _Published(mention.date, mention.date, "day")
    return pub


def _aside_roles(text: str, r: Rules) -> Callable[[int], str | None]:
    """The role of the line holding an offset when it is a byline, a caption or an embedded
    post (``asides`` in data/en/dates.yaml), else None; by bisection over the lines found."""
    spans: list[tuple[int, int, str]] = []
    for role, rx in r.asides:
        spans += [(m.start(), m.end(), role) for m in rx.finditer(text)]
    spans.sort()
    starts = [a for a, _b, _role in spans]

    def role_at(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        while i >= 0 and offset - starts[i] <= _ASIDE_LINE_MAX:
            if offset < spans[i][1]:
                return spans[i][2]
            i -= 1
        return None

    return role_at


_CLAUSE_END = re.compile(r"[.?!](?=[\s\"”’'»)]|$)")
_ASIDE_LINE_MAX = 800  # the longest line an aside pattern matches


def _question(text: str, mention: DateMention, r: Rules) -> str | None:
    """"question" when the date stands in a question ("How many shares will be around in
    1995?") or a reported one ("asked whether the base would open in 2026")."""
    lo, hi = sentence_bounds(text, mention.start, mention.end)
    end = _CLAUSE_END.search(text, mention.end, hi)
    if end is not None and end.group(0) == "?":  # ('"Will it open in 2026?" he asked.')
        return "question"
    if r.reported_question.search(text, lo, mention.start):
        return "question"
    return None


def _anchors(text: str, cand: _Candidate, dated: list[DateMention],
             quarters: tuple[Period | None, Period | None], r: Rules) -> Anchors:
    last_quarter, reported = quarters
    sentence_start, _ = sentence_bounds(text, cand.start, cand.end)
    comparison = bool(r.comparison.search(text, max(sentence_start, cand.start - 80), cand.start))
    span = bool(r.span_of_months.search(text, sentence_start, cand.start))
    if not dated:
        return Anchors(quarter=last_quarter, comparison=comparison, span_of_months=span,
                       reported=reported)
    previous = dated[-1]
    in_sentence = previous.period if previous.start >= sentence_start else None
    return Anchors(previous.period, in_sentence, last_quarter, comparison, span, reported)


def _event_day(text: str, cand: _Candidate, dated: list[DateMention],
               r: Rules) -> Period | None:
    """The day the text gives the development "four days after the signing" counts from: that
    of the nearest dated mention, before or after, whose sentence has the event's verb."""
    word = cand.match.group("event").lower()
    verbs = [rx for first, rx in r.event_verbs if word.startswith(first)]
    best: tuple[int, DateMention] | None = None
    for mention in dated:
        if mention.precision != "day" or mention.role != "development":
            continue
        lo, hi = sentence_bounds(text, mention.start, mention.end)
        if lo <= cand.start < hi or not any(rx.search(text, lo, hi) for rx in verbs):
            continue
        distance = abs(mention.start - cand.start)
        if best is None or distance < best[0]:
            best = (distance, mention)
    return Period("day", best[1].date) if best else None


def _year_from(text: str, explicit: list[DateMention], starts: list[int],
               offset: int) -> DateMention | None:
    """The explicit date whose year a date without one takes (no publication date): the
    nearest; a year alone ("in 1996", often history told in passing) only in its paragraph."""
    near = _nearest(explicit, starts, offset)
    if near is not None and near.precision == "year" and \
            "\n" in text[min(near.start, offset):max(near.end, offset)]:
        return None
    return near


def _nearest(explicit: list[DateMention], starts: list[int], offset: int) -> DateMention | None:
    """The explicit date nearest ``offset`` (the one before it on a tie)."""
    i = bisect.bisect_left(starts, offset)
    around = [m for m in explicit[max(0, i - 1):i + 1]]
    if not around:
        return None
    return min(around, key=lambda m: abs(m.start - offset) + (0 if m.start < offset else 0.5))


# --- the publication date ------------------------------------------------------------------------

_ABSOLUTE = ("full", "numeric", "month_year")
_PUBLICATION_LINE_HEAD = 160
_SEPARATED_LABEL_WORDS = 3  # "15:42 |", "Publikuar më:" (a longer label must look like one)
_SEPARATOR = re.compile(r"[|:–—•·/-]\s*$")


def _publication_lines(text: str, r: Rules) -> list[DateMention]:
    """Date lines and datelines among the first lines of ``text`` (never footers)."""
    found = []
    seen = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        seen += 1
        if seen > r.top_lines:
            break
        if r.footer_line.search(body):
            continue
        prose = body.rstrip().endswith((".", "!", "?", ".”", '."'))
        # a date line is short, and a dateline's date opens its paragraph
        for cand in _candidates(body[:_PUBLICATION_LINE_HEAD], r):
            if cand.kind not in _ABSOLUTE:
                continue
            mention = _resolve(body, cand, _Context(None), r)
            if mention is None or not _is_publication_line(body, mention, r):
                continue
            mention.start += line_start
            mention.end += line_start
            mention.tense = "past"
            mention.publication = True
            dateline = r.dateline.match(body[:mention.start - line_start])
            mention.basis = "dateline" if dateline else "publication-line"
            found.append(mention)
            break
        if prose:
            break  # the body has begun: a date line below it belongs to something else
    if not any(m.basis == "dateline" for m in found):
        below = _first_dateline(text, offset, r)
        if below is not None:
            found.append(below)
    return found


_AFTER_DATELINE = re.compile(r"\s*\)?\s*(?:\([^()\n]{0,30}\)\s*)?(?:--|[–—:-])")


def _dateline_starts(line: str, r: Rules) -> list[int]:
    """Where a dateline's place may begin on a line (its head): at its start, or just after a
    wire service's credit in parentheses ("(Agency) BRUSSELS, Sept 29 (Agency) --")."""
    return [0] + [m.end() for m in r.dateline_lead.finditer(line)]


def _place_before(line: str, end: int, r: Rules) -> bool:
    """Whether a dateline's place ends at ``end`` of ``line``, from one of its starts."""
    for start in _dateline_starts(line[:end], r):
        place = r.dateline.match(line[start:end])
        if place is not None and place.end() == end - start:
            return True
    return False


def _opens_dateline(text: str, mention: DateMention, r: Rules) -> bool:
    """Whether the date (without a year) follows a dateline's place near the start of a line
    and is followed by a dash or an agency ("BRUSSELS, Sept 29 (KUNA) --")."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if mention.start - line_start > _PUBLICATION_LINE_HEAD:
        return False
    return (_place_before(text[line_start:mention.start], mention.start - line_start, r)
            and not r.preposition.match(mention.text)
            and _AFTER_DATELINE.match(text, mention.end) is not None)


def _first_dateline(text: str, start: int, r: Rules) -> DateMention | None:
    """The first dateline of a paragraph below the first lines ("WASHINGTON, June 25, 1999 –"
    after page chrome): a place, the date, then a dash, a colon or the agency and a dash."""
    for m in re.finditer(r"^(?=[A-Z(])", text[start:], re.MULTILINE):
        line_start = start + m.start()
        head = text[line_start:line_start + _PUBLICATION_LINE_HEAD].split("\n", 1)[0]
        for lead in _dateline_starts(head, r):
            mention = _dateline_at(head, lead, r)
            if mention is not None:
                mention.start += line_start
                mention.end += line_start
                return mention
    return None


def _dateline_at(head: str, lead: int, r: Rules) -> DateMention | None:
    """The date of a dateline whose place begins at ``lead`` of the line ``head``, if any."""
    place = r.dateline.match(head[lead:])
    if place is None:
        return None
    end = lead + place.end()
    for cand in _candidates(head, r):
        if cand.start < end:
            continue
        if cand.start == end and cand.kind in _ABSOLUTE and \
                not r.preposition.match(cand.match.group(0)):
            mention = _resolve(head, cand, _Context(None), r)
            if mention is not None and _AFTER_DATELINE.match(head, mention.end):
                mention.tense, mention.publication = "past", True
                mention.basis = "dateline"
                return mention
        break
    return None


def _is_publication_line(line: str, mention: DateMention, r: Rules) -> bool:
    before = line[:mention.start]
    after = r.time.sub("", line[mention.end:]).strip(" \t|–—-•·,")
    dateline = r.dateline.match(before)
    if dateline and dateline.end() == len(before) and not r.preposition.match(mention.text):
        # "Pristina, 8 December 2016 – The Prime Minister ..."; after "PRISTINA -" the date
        # is the dateline's only with a dash after it too ("TIRANA — 6 May 2025 —")
        return not before.rstrip().endswith(("-", "–", "—")) or bool(
            _AFTER_DATELINE.match(line, mention.end))
    if r.date_label.match(before):
        return True  # "date 2018-12-14 Kosovo parliament votes ..."
    if len(after.split()) > r.max_other_words or line[mention.end:].rstrip().endswith("."):
        return False  # a sentence, not a date line
    label = before.strip()
    if not label:
        # "in October 2015." at the start of a line is the tail of a sentence, not a date line
        return not mention.text[:1].islower()
    if len(label.split()) + len(after.split()) > r.max_other_words:
        return False
    return bool((_SEPARATOR.search(label) and len(label.split()) <= _SEPARATED_LABEL_WORDS)
                or r.label.fullmatch(label))


#: (text, rules, its publication lines) of the text last asked about: ingest asks for the
#: publication date of a source, then for all its dates (which need the same lines)
_last_publication: tuple[str, Rules, list[DateMention]] | None = None


def _publication_lines_of(text: str, r: Rules) -> list[DateMention]:
    global _last_publication
    last = _last_publication
    if last is not None and last[0] is text and last[1] is r:
        return last[2]
    lines = _publication_lines(text, r)
    _last_publication = (text, r, lines)
    return lines


def _publication_spans(text: str, r: Rules) -> dict[tuple[int, int], str]:
    return {(m.start, m.end): m.basis for m in _publication_lines_of(text, r)}


def find_publication_date(text: str, language: str | None = None) -> DateMention | None:
    """The article's own date, from a date line under the title ("NEWS | March 23, 2011",
    "December 8, 2016") or a dateline ("Pristina, 8 December 2016"); never a site footer.
    ``language``: as for :func:`find_dates`."""
    lines = _publication_lines_of(text, rules(language))
    return dataclasses.replace(lines[0]) if lines else None


#: how many characters of an ISO date each precision keeps
ISO_LEN = {"day": 10, "month": 7, "year": 4}


def settle_publication(src: Source) -> tuple[tuple[int, int], ...]:
    """Find the publication date in the text when the metadata lacks it (or is less precise);
    returns the spans of text that date the article (not developments)."""
    from briefings.ingest.read import warn

    pub = find_publication_date(src.text, src.language)
    if pub is None:
        return ()
    found = pub.date.isoformat()[: ISO_LEN[pub.precision]]
    known = src.published
    if not known or (len(found) > len(known) and found.startswith(known)):
        src.published, src.published_words = found, pub.text
    elif not (found.startswith(known) or known.startswith(found)):
        warn(src, src.line_at(pub.start), "W-PUBLISHED-CONFLICT",
             f"the text dates the article {found} ('{pub.text}') but its metadata says {known}",
             "check the metadata; ingest keeps the metadata's date")
    return ((pub.start, pub.end),)
