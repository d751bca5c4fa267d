"""Classes of date the resolver once got wrong (issue 26), each stated on sentences written for
the test: periods TimeML names (weeks, quarters, halves, seasons, "now"), years left out,
tense of the date's own clause, durations and anniversaries, words that count from another date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.ingest.dates import find_dates


def _one(text: str, published: str | None, words: str):
    found = [m for m in find_dates(text, published, every=True) if m.text == words]
    assert len(found) == 1, [m.text for m in find_dates(text, published, every=True)]
    return found[0]


def _value(m) -> str | None:
    if m.timex:
        return m.timex
    return m.date.isoformat()[:{"day": 10, "month": 7, "year": 4}[m.precision]] if m.date else None


# --- periods with TimeML values: the entry takes the nearest precision that holds them ----------

@pytest.mark.parametrize(("text", "published", "words", "value", "date", "precision"), [
    # 2024-02-14 is a Wednesday in ISO week 7
    ("The drills ran this week near Prizren.", "2024-02-14", "this week", "2024-W07",
     dt.date(2024, 2, 1), "month"),
    # ISO week 5 of 2024 runs from 29 January to 4 February: no single month holds it
    ("The drills ran last week near Prizren.", "2024-02-07", "last week", "2024-W05",
     dt.date(2024, 1, 1), "year"),
    ("Deliveries slowed in the third quarter of 2023.", "2024-02-14",
     "in the third quarter of 2023", "2023-Q3", dt.date(2023, 1, 1), "year"),
    ("Spending on training rose in the fourth quarter.", "2024-02-14",
     "in the fourth quarter", "2023-Q4", dt.date(2023, 1, 1), "year"),
    ("The ministry expects second-quarter deliveries to double.", "2024-02-14",
     "second-quarter", "2024-Q2", dt.date(2024, 1, 1), "year"),
    # a quarter without a year and without a future of its own: the latest begun
    ("The carrier posted a loss for the fiscal first quarter.", "2024-10-30",
     "for the fiscal first quarter", "2024-Q1", dt.date(2024, 1, 1), "year"),
    ("The plant will open in the first quarter.", "2024-10-30",
     "in the first quarter", "2025-Q1", dt.date(2025, 1, 1), "year"),
    ("The plan covers the first half of 2025.", "2024-11-02", "the first half of 2025",
     "2025-H1", dt.date(2025, 1, 1), "year"),
    ("The battalion will rotate this summer.", "2024-03-05", "this summer", "2024-SU",
     dt.date(2024, 1, 1), "year"),
    ("The barracks were renovated last fall.", "2024-03-05", "last fall", "2023-FA",
     dt.date(2023, 1, 1), "year"),
    # "now" is the publication date, at its precision
    ("KFOR now has about 4,500 troops in Kosovo.", "2024-03-05", "now", "PRESENT_REF",
     dt.date(2024, 3, 5), "day"),
    # a Monday: the weekend just past is the nearer one
    ("Talks went on over the weekend in Brussels.", "2024-03-04", "the weekend", "2024-W09-WE",
     dt.date(2024, 3, 1), "month"),
])
def test_periods_keep_their_timeml_value(text, published, words, value, date, precision):
    m = _one(text, published, words)
    assert (_value(m), m.date, m.precision) == (value, date, precision)


def test_vague_past_and_future_are_listed_but_never_dated():
    text = "The unit was recently certified and will join the mission in the near future."
    assert [(m.text, m.timex) for m in find_dates(text, "2024-03-05", every=True)] == [
        ("recently", "PAST_REF"), ("in the near future", "FUTURE_REF")]
    assert find_dates(text, "2024-03-05") == []


def test_the_year_ago_quarter_steps_back_from_the_quarter_spoken_of():
    text = ("Sales of the plant rose 8% in the third quarter of 2023, against a weak "
            "year-ago quarter. A year earlier, the plant had stood idle.")
    got = [(m.text, _value(m)) for m in find_dates(text, "2023-11-02")]
    assert got == [("in the third quarter of 2023", "2023-Q3"),
                   ("year-ago quarter", "2022-Q3"), ("A year earlier", "2022-Q3")]


def test_a_quarter_a_year_ago_is_no_anchor_for_the_words_after_it():
    """"From a year ago" after a quarter is that quarter a year before; the words after it
    count from the quarter reported on, not from the year-ago one."""
    text = ("The plant's output rose 9% in the third quarter from a year ago. In the "
            "year-earlier period, it had lost power for a week. Sales in the latest quarter "
            "were flat.")
    got = [(m.text, _value(m), m.basis) for m in find_dates(text, "2024-10-30")]
    assert got == [("in the third quarter", "2024-Q3", "publication-year"),
                   ("a year ago", "2023-Q3", "anchored"),
                   ("the year-earlier period", "2023-Q3", "anchored"),
                   ("in the latest quarter", "2024-Q3", "anchored")]


def test_the_latest_and_the_year_ago_quarter_are_of_a_quarter_already_over():
    """A quarter still to come is no quarter results are reported for: "the latest quarter"
    and a year-ago comparison count from the last one over by the publication."""
    text = ("Fuel sales rose in the third quarter of 2024. The firm expects a fourth-quarter "
            "charge. Sales in the latest quarter were flat. The year-ago period was weak.")
    got = [(m.text, _value(m)) for m in find_dates(text, "2024-10-30")]
    assert got == [("in the third quarter of 2024", "2024-Q3"), ("a fourth-quarter", "2024-Q4"),
                   ("in the latest quarter", "2024-Q3"), ("The year-ago period", "2023-Q3")]


def test_a_year_earlier_after_a_span_of_months_is_the_year_before():
    """A comparison after a reporting period of several months is with the year before that
    period's year, not with the last quarter the text spoke of."""
    text = ("The depot handled more cargo in the third quarter of 2024. For the nine months, "
            "it moved 40,000 tonnes, up from 31,000 tonnes a year earlier. In the quarter, "
            "fuel deliveries rose from a year earlier.")
    got = [(m.text, _value(m)) for m in find_dates(text, "2024-10-30")]
    assert got == [("in the third quarter of 2024", "2024-Q3"), ("a year earlier", "2023"),
                   ("In the quarter", "2024-Q3"), ("a year earlier", "2023-Q3")]


# --- a year left out: nearest, unless the date's own clause moves it -----------------------------

@pytest.mark.parametrize(("sentence", "published", "date"), [
    # a deadline or a term after a past verb is not moved into the past
    ("The board declared a dividend payable Dec. 7 to holders of record.", "2023-10-30",
     dt.date(2023, 12, 7)),
    ("The offer was extended to Nov. 20.", "2023-10-30", dt.date(2023, 11, 20)),
    ("The ministry said it would finish the barracks by August.", "2024-05-14",
     dt.date(2024, 8, 1)),
    # a verb of reporting after the date dates the report, not the date
    ("The airline will double its flights to Pristina by August, officials said.",
     "2024-05-14", dt.date(2024, 8, 1)),
    # the tense of the clause that holds the date: a plan for June
    ("The two sides agreed on a plan for exercises in June.", "2025-05-14",
     dt.date(2025, 6, 1)),
    ("The ministers met in Tirana and agreed to meet again on 9 April.", "2025-03-03",
     dt.date(2025, 4, 9)),
    # but a past verb of the date's own clause does move it
    ("The group met in Tirana on September 18.", "2025-08", dt.date(2024, 9, 18)),
    # no tense at all: the nearest
    ("Deliveries begin in January, the ministry's schedule shows.", "2023-10-26",
     dt.date(2024, 1, 1)),
])
def test_year_left_out_follows_the_dates_own_clause(sentence, published, date):
    (m,) = find_dates(sentence, published)
    assert m.date == date and "year-inferred" in m.flags


def test_a_weak_past_keeps_a_month_some_months_ahead_in_the_past():
    """A past verb farther off in the sentence still says the month is behind the publication
    when the same month a year later would be months ahead of it."""
    text = ("The lira has moved sharply on election worries, climbing to a peak against the "
            "euro in June from a low in March.")
    got = [(m.text, m.date, m.tense) for m in find_dates(text, "2024-10-30")]
    assert got == [("in June", dt.date(2024, 6, 1), "past"),
                   ("in March", dt.date(2024, 3, 1), "past")]


def test_without_publication_date_the_year_comes_from_the_articles_own_dates():
    text = ("NATO suspended its air campaign on 10 June 1999. On 11 June, the first "
            "troops crossed the border, and on 12 June KFOR entered Pristina.")
    got = [(m.text, m.date, m.basis) for m in find_dates(text, None)]
    assert got == [("on 10 June 1999", dt.date(1999, 6, 10), "explicit"),
                   ("On 11 June", dt.date(1999, 6, 11), "text-year"),
                   ("on 12 June", dt.date(1999, 6, 12), "text-year")]


@pytest.mark.parametrize(("text", "published", "weekday_date"), [
    # no tense: news reports what happened, so the weekday just past (or the day itself)
    ("Trading Friday: heavy volume in Pristina.", "2023-10-30", dt.date(2023, 10, 27)),
    ("Trading Friday: heavy volume in Pristina.", "2023-11-02", dt.date(2023, 10, 27)),
    ("Trading Friday: heavy volume in Pristina.", "2023-11-03", dt.date(2023, 11, 3)),
    # a past verb after a deadline word still says which week
    ("Volume was 84 million shares, up from 44 million Thursday.", "2023-10-30",
     dt.date(2023, 10, 26)),
    ("The minister will visit Camp Bondsteel on Friday.", "2023-10-30", dt.date(2023, 11, 3)),
])
def test_weekday_is_the_nearest_in_the_direction_of_its_tense(text, published, weekday_date):
    (m,) = find_dates(text, published)
    assert m.date == weekday_date


@pytest.mark.parametrize("text", [
    "Flights leave Pristina every Thursday and on Monday nights.",
    "The market is closed on Sundays.",
])
def test_recurring_weekdays_are_not_dates(text):
    assert find_dates(text, "2023-10-30") == []


def test_a_month_before_a_fuller_date_is_not_the_date():
    text = "Since the January 1998 attack, patrols start at the Feb. 23 checkpoint."
    got = [(m.text, m.date, m.precision) for m in find_dates(text, "1998-03-06")]
    assert got == [("Since the January 1998", dt.date(1998, 1, 1), "month"),
                   ("Feb. 23", dt.date(1998, 2, 23), "day")]


@pytest.mark.parametrize(("text", "value"), [
    ("In June last year the KSF opened a training centre.", "2023-06"),
    ("In January this year the first Javelins arrived.", "2024-01"),
    ("Profit for the quarter ended Sept. 30 fell.", "2023-Q3"),
])
def test_month_of_a_relative_year_and_quarter_ended(text, value):
    m = find_dates(text, "2024-02-14")[0]
    assert _value(m) == value


def test_a_count_of_units_after_an_event_is_not_counted_from_the_date_before():
    text = ("The base opened in 1999. Twenty years after the first soldiers arrived, it was "
            "handed over; two years later, it closed.")
    got = [(m.text, _value(m)) for m in find_dates(text, "2024-02-14")]
    assert got == [("in 1999", "1999"), ("two years later", "2001")]


# --- durations, anniversaries, words counting from another date, years in words ------------------

@pytest.mark.parametrize(("text", "published", "words", "value", "basis"), [
    ("The ceremony marks 25 years since the end of the Kosovo War.", "2024-06-12",
     "25 years since", "1999", "duration"),
    ("KFOR celebrated the 20th anniversary of its deployment.", "2019-06-12",
     "20th anniversary of", "1999", "duration"),
    ("The unit was formed a decade ago.", "2024-06-12", "a decade ago", "2014", "relative"),
    ("The brigade was set up a year ago.", "2024-06-12", "a year ago", "2023", "relative"),
    ("The talks began in 1996. The following year the KLA appeared.", "2024-06-12",
     "The following year", "1997", "anchored"),
    ("The KSF was founded in January 2009 and that year it trained 300 recruits.",
     "2024-06-12", "that year", "2009", "anchored"),
    ("The budget for fiscal 2024 was adopted.", "2024-06-12", "fiscal 2024", "2024",
     "explicit"),
    ("In nineteen ninety-one the federation broke apart.", "1998-01-15",
     "In nineteen ninety-one", "1991", "explicit"),
    ("Kosovo's 2008 declaration was recognised by the United States.", "2024-06-12", "2008",
     "2008", "explicit"),
])
def test_durations_anniversaries_and_counted_years(text, published, words, value, basis):
    m = _one(text, published, words)
    assert (_value(m), m.basis) == (value, basis)


def test_spelled_numbers_are_not_years():
    assert find_dates("Twenty two soldiers and two thousand troops took part.", "2024") == []


# --- dates that date no development: bylines, captions, embedded posts, questions ---------------

@pytest.mark.parametrize(("line", "role"), [
    ("By Jane Doe and John Roe | March 3, 2024 at 10:15 PM CET - Updated March 4", "byline"),
    ("Wire | Updated: 04-03-2024 09:12 CET | Created: 04-03-2024 08:50 CET", "byline"),
    ("Published: Mar. 4, 2024 at 8:05 AM EST", "byline"),
    ("Published By the Ministry of Defence on 4 March 2024", "byline"),
    ("Recruits march at Camp Vrello, Kosovo, March 1, 2024. (KFOR photo by Sgt. Jane Doe)",
     "caption"),
    ("Soldiers unload a truck in Pristina, 1 March 2024. REUTERS/Jane Doe", "caption"),
    ("— Ministry of Defence (@MinistryDefence) March 2, 2024", "embedded"),
    ("How many vehicles will the army own in 2030?", "question"),
    ("Reporters asked whether the base would open in 2026.", "question"),
])
def test_bylines_captions_posts_and_questions_date_no_development(line, role):
    text = f"Vehicles for the army\n\nThe ministry received ten vehicles on Monday.\n{line}\n"
    mentions = find_dates(text, "2024-03-04")
    assert mentions[0].role == "development"
    assert {m.role for m in mentions[1:]} == {role}, [(m.text, m.role) for m in mentions]


def test_a_sentence_with_a_stamp_word_is_still_prose():
    (m,) = find_dates("Title\n\nThe team was created on 28 August 2016.\n", None)
    assert m.role == "development"


@pytest.mark.parametrize(("text", "date"), [
    ("Warsaw, 1 October, 2024 – The defence ministers met.", dt.date(2024, 10, 1)),
    ("Army news\n\nThe archive is no longer updated.\n\nCAMP BONDSTEEL, Kosovo (June 26, 2024)"
     " -- Soldiers of the Iowa National Guard completed a course on Tuesday.",
     dt.date(2024, 6, 26)),
    ("About us\n\nThis page is kept for the record.\n\nWASHINGTON, June 22, 1999 – The "
     "secretary said the force was growing.", dt.date(1999, 6, 22)),
])
def test_datelines_with_odd_punctuation_or_below_page_chrome(text, date):
    from briefings.ingest.dates import find_publication_date

    pub = find_publication_date(text)
    assert pub is not None and pub.date == date and pub.basis == "dateline"
    assert [m.role for m in find_dates(text, None) if m.date == date] == ["publication"]


def test_a_date_after_a_dashed_place_is_the_sentences_own():
    (m,) = find_dates("PRISTINA - On 6 May 2025, the force received ten vehicles.", None)
    assert (m.role, m.publication) == ("development", False)


def test_the_evening_of_a_day_keeps_day_precision():
    (m,) = find_dates("Troops arrived on the evening of Nov. 6 at the camp.", "2023-11-10")
    assert (m.date, m.precision) == (dt.date(2023, 11, 6), "day")


@pytest.mark.parametrize(("text", "value"), [
    ("Fighting flared in the late 1990s.", "199"),
    ("Prices fell through the nineties.", "199"),
    ("Sales grew in the last half of the '80s.", "198"),
    ("The fort dates from the 11th century.", "10"),
    ("Attacks have grown in recent years.", "PAST_REF"),
])
def test_decades_centuries_and_vague_pasts_are_listed_undated(text, value):
    (m,) = find_dates(text, "1998-02-13", every=True)
    assert (m.timex, m.date) == (value, None)
    assert find_dates(text, "1998-02-13") == []
