"""The date resolver in Albanian and Serbian (Latin and Cyrillic): the cases of
tests/fixtures/dates/languages/*.yaml exactly, and the per-language tables it reads
(briefings/ingest/data/<code>/dates.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefings.ingest.dates import find_dates, find_publication_date
from briefings.ingest.dates_rules import languages, rules, table_language

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dates" / "languages"
DATA = Path(__file__).resolve().parents[2] / "briefings" / "ingest" / "data"


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["source"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def _key(text: str, date: object, precision: str) -> tuple[str, str, str]:
    return (" ".join(text.split()), str(date), precision)


def test_every_language_and_script_has_cases():
    assert {c["language"] for c in CASES} >= {"sq", "sr-Latn", "sr-Cyrl"}
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_mentions_exactly(case):
    got = find_dates(case["text"], case["published"], case["language"])
    want = case["mentions"]
    assert [_key(m.text, m.date, m.precision) for m in got] == [
        _key(w["text"], w["date"], w["precision"]) for w in want]
    for m, w in zip(got, want, strict=True):
        assert case["text"][m.start:m.end] == m.text
        assert sorted(m.flags) == sorted(w.get("flags", [])), m
        assert m.publication == w.get("publication", False), m
        if "tense" in w:
            assert m.tense == w["tense"], m


@pytest.mark.parametrize("case", [c for c in CASES if "publication" in c],
                         ids=[c["id"] for c in CASES if "publication" in c])
def test_publication_date(case):
    pub = find_publication_date(case["text"], case["language"])
    assert pub is not None and pub.date.isoformat() == case["publication"]


def test_tables_are_chosen_by_the_language_of_the_tag():
    assert set(languages()) >= {"sq", "sr"}
    assert table_language("sq") == "sq"
    assert table_language("sr-Cyrl") == table_language("sr_Latn") == table_language("SR") == "sr"
    assert table_language("en") is None and table_language("de") is None
    assert table_language(None) is None and table_language("") is None
    assert rules("sr-Cyrl") is rules("sr-Latn") or rules("sr-Cyrl") == rules("sr-Latn")
    assert rules("de").language is None  # no tables of its own: English


def test_english_tables_read_the_region_s_full_dates_only():
    text = "Signed on 18. марта 2025 and on 8 dhjetor 2016; talks resume in mars."
    got = [(m.text, m.date.isoformat()) for m in find_dates(text, "2025-04-01")]
    assert got == [("18. марта 2025", "2025-03-18"), ("8 dhjetor 2016", "2016-12-08")]


def test_english_stays_the_default_and_english_words_are_not_read_in_albanian():
    text = "The minister arrived yesterday and met KFOR on Monday."
    assert [m.text for m in find_dates(text, "2024-05-08")] == ["yesterday", "on Monday"]
    assert [m.text for m in find_dates(text, "2024-05-08", "en")] == ["yesterday", "on Monday"]
    assert find_dates(text, "2024-05-08", "sq") == []


def test_a_language_without_tables_is_read_with_the_english_ones():
    text = "The minister arrived yesterday."
    assert [m.text for m in find_dates(text, "2024-05-08", "ro")] == ["yesterday"]


def _locale_names(locale: str, key: str) -> set[str]:
    from dateparser.languages import default_loader

    return {str(n).lower() for n in default_loader.get_locale(locale).info.get(key, [])}


MONTH_KEYS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
DAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.mark.parametrize(("code", "locales"), [("sq", ["sq"]), ("sr", ["sr-Latn", "sr-Cyrl"])])
def test_tables_agree_with_dateparser_s_locale_data(code, locales):
    """The full name dateparser knows for each month and weekday of the language (CLDR's,
    the longest: "mars" of "mar", "mars"; nominative only) is in our table for the same month
    or day; our tables add the inflected forms ("marsit", "marta", "у суботу")."""
    data = yaml.safe_load((DATA / code / "dates.yaml").read_text(encoding="utf-8"))
    months = {n.lower(): int(k) for k, names in data["months"].items() for n in names}
    days = {n.lower(): int(k) for k, names in data["weekdays"].items() for n in names}
    for locale in locales:
        for number, key in enumerate(MONTH_KEYS, 1):
            full = max(_locale_names(locale, key), key=len)
            assert months.get(full) == number, (locale, key, full)
        for number, key in enumerate(DAY_KEYS):
            # Albanian weekdays come with their article ("e hënë")
            full = max(_locale_names(locale, key), key=len).removeprefix("e ")
            assert days.get(full) == number, (locale, key, full)
