"""Properties of the date resolver on any text: it never crashes, and what it resolves is never
more precise than the evidence it depends on."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.ingest.dates import DateMention, find_dates, find_publication_date
from briefings.schema import FLAGS, PRECISIONS

RANK = {"day": 3, "month": 2, "year": 1}
OWN_DATE = ("explicit", "publication-line", "dateline")  # bases where the words hold the date

# Pieces that exercise the patterns: month and weekday names, ordinals, numbers, relative words,
# footer labels, separators, line breaks.
PIECES = [
    "January", "Feb.", "March", "May", "may", "Sept.", "December", "DECEMBER", "Monday", "Friday",
    "on", "in", "the", "of", "from", "to", "-", "–", "since", "by", "the end of", "early", "mid-",
    "1", "8", "18", "18th", "29", "31", "32", "00", "2016", "2025", "1999", "2099", "10.09.2020",
    "31.02.2020", "12/25/2020", "2019-04-01", "2019-13-45", ",", ".", ";", "|", ":", "\n", "\n\n",
    "yesterday", "today", "tomorrow", "last", "next", "this", "week", "month", "year", "years",
    "ago", "two weeks ago", "17 years ago", "earlier this year", "later this year",
    "the summer of this year", "the beginning of next year", "last September", "next March",
    "will", "met", "was signed", "is set to", "planned", "Pristina,", "NEWS |", "Published:",
    "Last modified:", "©", "Copyright", "Comments are closed.", "2 million euros", "Dec", "Jul.",
    "3 to 14", "30 April to 2", "më", "dhjetor", "decembra", "8.", "the 1990s", "Sept", "(Reuters)",
    "the third quarter", "third-quarter", "a year earlier", "the following year", "that year",
    "now", "recently", "this summer", "the weekend", "last fall", "25 years since", "quarter",
    "nineteen ninety-one", "two thousand", "fiscal", "its", "said", "by", "payable",
]

published_values = st.one_of(
    st.none(),
    st.integers(1901, 2098).map(str),
    st.dates(dt.date(1901, 1, 1), dt.date(2098, 12, 31)).map(lambda d: d.isoformat()[:7]),
    st.dates(dt.date(1901, 1, 1), dt.date(2098, 12, 31)).map(lambda d: d.isoformat()),
)
date_texts = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
any_texts = st.one_of(st.text(max_size=400), date_texts)


def _precision_of(published: str | None) -> str | None:
    if published is None:
        return None
    return {1: "year", 2: "month", 3: "day"}[len(published.split("-"))]


def _check(text: str, published: str | None, mention: DateMention) -> None:
    assert text[mention.start:mention.end] == mention.text
    assert mention.precision in PRECISIONS
    assert mention.tense in ("past", "future", "unknown")
    assert set(mention.flags) <= set(FLAGS)
    # the date is the first day of its period
    if mention.precision != "day":
        assert mention.date.day == 1
    if mention.precision == "year":
        assert mention.date.month == 1
    pub_precision = _precision_of(published)
    assert bool(mention.flags) == (mention.basis not in OWN_DATE)
    if mention.basis in ("relative", "publication-year", "duration"):
        assert published is not None, "a date that depends on a publication date needs one"
        pub_year = int(published[:4])
        assert abs(mention.date.year - pub_year) <= 1 or mention.basis != "publication-year"
    if mention.basis == "relative":
        assert RANK[mention.precision] <= RANK[pub_precision]
    if mention.basis == "text-year":
        # the year comes from a date of the text: only without a publication date
        assert published is None and "year-inferred" in mention.flags


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_texts, published=published_values)
def test_find_dates_never_crashes_and_never_overstates(text, published):
    mentions = find_dates(text, published)
    for mention in mentions:
        _check(text, published, mention)
    # mentions are in order and do not overlap
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


@settings(max_examples=200, deadline=None)
@given(text=any_texts)
def test_find_publication_date_never_crashes(text):
    mention = find_publication_date(text)
    if mention is not None:
        assert text[mention.start:mention.end] == mention.text
        assert mention.publication and not mention.flags


@settings(max_examples=150, deadline=None)
@given(words=date_texts)
def test_no_publication_date_means_no_dependent_dates(words):
    """Whatever the text, without a publication date nothing counts from it: a year left out
    comes from the text's own dates, relative words count from a date of the text, or there is
    no mention."""
    mentions = find_dates(words, None)
    explicit = [m for m in mentions if m.basis in OWN_DATE]
    for mention in mentions:
        assert mention.basis in (*OWN_DATE, "text-year", "anchored")
        if mention.basis in ("text-year", "anchored"):
            assert explicit, mention


# The words, and for each possible day of publication the day they mean.
MEANINGS = {
    "The letter came yesterday.": lambda d: d - dt.timedelta(days=1),
    "The letter comes today.": lambda d: d,
    "The letter comes tomorrow.": lambda d: d + dt.timedelta(days=1),
    "The letter came three days ago.": lambda d: d - dt.timedelta(days=3),
    "The letter came on Monday.": lambda d: d - dt.timedelta(days=d.weekday()),
    "The letter will come on Friday.": lambda d: d + dt.timedelta(days=(4 - d.weekday()) % 7),
    "The letter came last month.": lambda d: (d.replace(day=1) - dt.timedelta(days=1)),
    "The letter comes next year.": lambda d: d.replace(year=d.year + 1, day=1),
}


@settings(max_examples=300, deadline=None)
@given(words=st.sampled_from(sorted(MEANINGS)), published=published_values.filter(bool))
def test_relative_date_holds_every_day_it_may_mean(words, published):
    """Whatever the day of publication within the publication date's period, the day the words
    mean lies in the period of the resolved date: it is never narrower than the evidence."""
    from briefings.dates_util import partial_to_date
    from briefings.ingest.dates_relative import period_end

    first, precision = partial_to_date(published)
    last = period_end(first, precision)
    mentions = find_dates(words, published)
    assert len(mentions) <= 1
    if not mentions:
        return
    m = mentions[0]
    lo, hi = m.date, period_end(m.date, m.precision)
    for day in (first, last, first + (last - first) / 2):
        assert lo <= MEANINGS[words](day) <= hi, (day, m)
