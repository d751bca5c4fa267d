"""The date resolver against the fixture corpus (tests/fixtures/dates/*.yaml) and its rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

from briefings.ingest.dates import DateMention, find_dates, find_publication_date

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dates"
FLOOR_FILE = FIXTURES / "score_floor.yaml"


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        if path == FLOOR_FILE:
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if "file" in case:
                case["text"] = (FIXTURES / case["file"]).read_text(encoding="utf-8")
            case["source"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def _key(text: str, date: dt.date | str, precision: str) -> tuple[str, str, str]:
    return (" ".join(text.split()), str(date), precision)


def score(cases: list[dict]) -> dict[str, float]:
    """Precision and recall of (words, date, precision) over the corpus; on the mentions found
    right, how often tense and flags are right too; how often the publication date is right."""
    found = expected = right = 0
    tense_total = tense_right = flags_total = flags_right = 0
    pub_total = pub_right = 0
    for case in cases:
        got = find_dates(case["text"], case.get("published"))
        want = case["mentions"]
        got_keys = Counter(_key(m.text, m.date, m.precision) for m in got)
        want_keys = Counter(_key(w["text"], w["date"], w["precision"]) for w in want)
        found += sum(got_keys.values())
        expected += sum(want_keys.values())
        right += sum((got_keys & want_keys).values())
        by_key: dict[tuple, list[DateMention]] = {}
        for m in got:
            by_key.setdefault(_key(m.text, m.date, m.precision), []).append(m)
        for w in want:
            matches = by_key.get(_key(w["text"], w["date"], w["precision"]))
            if not matches:
                continue
            m = matches.pop(0)
            if "tense" in w:
                tense_total += 1
                tense_right += m.tense == w["tense"]
            flags_total += 1
            flags_right += (sorted(m.flags) == sorted(w.get("flags", []))
                            and m.publication == w.get("publication", False))
        if "publication" in case:
            pub_total += 1
            pub = find_publication_date(case["text"])
            got_pub = None
            if pub is not None:
                got_pub = {"day": pub.date.isoformat(), "month": pub.date.isoformat()[:7],
                           "year": str(pub.date.year)}[pub.precision]
            pub_right += got_pub == case["publication"]
    return {
        "precision": right / found if found else 1.0,
        "recall": right / expected if expected else 1.0,
        "tense": tense_right / tense_total if tense_total else 1.0,
        "flags": flags_right / flags_total if flags_total else 1.0,
        "publication": pub_right / pub_total if pub_total else 1.0,
    }


def test_corpus_is_big_enough_to_mean_something():
    assert len(CASES) >= 40
    assert sum(len(c["mentions"]) for c in CASES) >= 100


def test_score_never_drops_below_the_pinned_floor():
    floor = yaml.safe_load(FLOOR_FILE.read_text(encoding="utf-8"))
    got = score(CASES)
    low = {k: (round(got[k], 4), v) for k, v in floor.items() if got[k] < v}
    assert not low, f"date resolver scores below the floor (got, floor): {low}; all: {got}"


# --- the seeds: every fact of the brief holds exactly ---------------------------------------------

SEEDS = [c for c in CASES if c["id"].startswith("seed-")]


@pytest.mark.parametrize("case", SEEDS, ids=[c["id"] for c in SEEDS])
def test_seed_dates_exactly(case):
    got = find_dates(case["text"], case["published"])
    want = case["mentions"]
    assert [_key(m.text, m.date, m.precision) for m in got] == [
        _key(w["text"], w["date"], w["precision"]) for w in want]
    for m, w in zip(got, want, strict=True):
        assert sorted(m.flags) == sorted(w.get("flags", [])), m
        assert m.publication == w.get("publication", False), m
        if "tense" in w:
            assert m.tense == w["tense"], m


@pytest.mark.parametrize("case", [c for c in SEEDS if "publication" in c],
                         ids=[c["id"] for c in SEEDS if "publication" in c])
def test_seed_publication_date(case):
    pub = find_publication_date(case["text"])
    if case["publication"] is None:
        assert pub is None
    else:
        assert pub is not None and pub.date.isoformat() == case["publication"]


# --- rules stated by the issue ---------------------------------------------------------------

def test_mention_text_is_the_source_words():
    for case in CASES:
        for m in find_dates(case["text"], case.get("published")):
            assert case["text"][m.start:m.end] == m.text


def test_footer_date_is_never_the_publication_date():
    text = "Prime Minister meets KFOR commander\n\nThey met.\n\nLast modified: July 30, 2022\n"
    assert find_publication_date(text) is None
    assert find_dates(text, None) == []
    text = "Copyright © 2021 Ministry of Defence\nDecember 8, 2016\nText."
    pub = find_publication_date(text)
    assert pub is not None and pub.date == dt.date(2016, 12, 8)


def test_relative_words_need_a_publication_date():
    text = "Yesterday the minister met the ambassador; the plan will be ready in September."
    assert find_dates(text, None) == []
    got = find_dates(text, "2025-08-12")
    assert [(m.date, m.precision) for m in got] == [
        (dt.date(2025, 8, 11), "day"), (dt.date(2025, 9, 1), "month")]


@pytest.mark.parametrize(("published", "date", "precision"), [
    ("2016-12-08", dt.date(2016, 12, 7), "day"),
    ("2016-12", dt.date(2016, 1, 1), "year"),  # November 30 to December 30: only the year
    ("2016-01", None, None),  # December 31, 2015 to January 30, 2016: no date at all
    ("2016", None, None),
])
def test_yesterday_is_never_more_precise_than_the_publication_date(published, date, precision):
    got = find_dates("The letter came yesterday.", published)
    if date is None:
        assert got == []
    else:
        assert [(m.date, m.precision, m.flags) for m in got] == [
            (date, precision, ["relative-date"])]


@pytest.mark.parametrize(("sentence", "published", "date", "tense"), [
    ("The group met in Tirana on July 18.", "2025-08", dt.date(2025, 7, 18), "past"),
    ("The group will meet in Tirana on July 18.", "2025-08", dt.date(2026, 7, 18), "future"),
    ("The group met in Tirana on September 18.", "2025-08", dt.date(2024, 9, 18), "past"),
    ("The group will meet in Tirana on September 18.", "2025-08", dt.date(2025, 9, 18), "future"),
    ("The group met in Tirana on 18 July.", "2025", dt.date(2025, 7, 18), "past"),
    ("The group met in Tirana on October 3.", "2024-10", dt.date(2024, 10, 3), "past"),
    ("The group met in Tirana on October 20.", "2024-10-15", dt.date(2023, 10, 20), "past"),
])
def test_month_day_takes_its_year_from_publication_and_tense(sentence, published, date, tense):
    (m,) = find_dates(sentence, published)
    assert (m.date, m.precision, m.tense, m.flags) == (date, "day", tense, ["year-inferred"])


def test_day_first_numeric_dates():
    (m,) = find_dates("Signed on 10.09.2020.", None)
    assert (m.date, m.precision) == (dt.date(2020, 9, 10), "day")
    (m,) = find_dates("Signed on 12/25/2020.", None)  # only month-first can be valid
    assert m.date == dt.date(2020, 12, 25)
    assert find_dates("Signed on 31.02.2020.", None) == []  # no such day


def test_lowercase_month_words_are_not_months():
    assert find_dates("Kosovo may join in may or march in march.", "2024-06") == []


def test_hyphenated_month_and_timestamps_as_publication():
    (m,) = find_dates("The order of 12-Apr-2023 stands.", None)
    assert (m.date, m.precision) == (dt.date(2023, 4, 12), "day")
    for published in ("2016-12-08T10:45:00", dt.date(2016, 12, 8)):
        (m,) = find_dates("The letter came yesterday.", published)
        assert (m.date, m.precision) == (dt.date(2016, 12, 7), "day")
    assert find_dates("The letter came yesterday.", "08.12.2016") == []  # not ISO: unknown


def test_a_day_without_a_year_takes_a_bare_years_year_only_in_its_paragraph():
    far = ("On 18 March the ministers signed a declaration in Tirana.\n\n"
           "Serbia called it a breach of the arms control agreement of 1996.")
    (day,) = [m for m in find_dates(far, None, every=True) if "March" in m.text]
    assert day.date is None  # the year of history told in another paragraph is not its year
    near = "In 2019 the force grew. On 18 March its first platoon left for Kuwait."
    (day,) = [m for m in find_dates(near, None) if "March" in m.text]
    assert day.date.isoformat() == "2019-03-18"
    full = "The pact of 5 May 1996 holds.\n\nOn 18 March the ministers met in Tirana."
    (day,) = [m for m in find_dates(full, None) if "March" in m.text]
    assert day.date.year == 1996  # a full date lends its year beyond its paragraph
