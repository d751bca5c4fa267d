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
    if "relative-date" in mention.flags or "year-inferred" in mention.flags:
        assert published is not None, "a date that depends on a publication date needs one"
        pub_year = int(published[:4])
        assert abs(mention.date.year - pub_year) <= 1 or "year-inferred" not in mention.flags
    if "relative-date" in mention.flags:
        assert RANK[mention.precision] <= RANK[pub_precision]


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
    """Whatever the text, without a publication date nothing is inferred or made relative."""
    for mention in find_dates(words, None):
        assert not {"relative-date", "year-inferred"} & set(mention.flags)
        assert mention.kind not in ("relative", "month_day", "month")
