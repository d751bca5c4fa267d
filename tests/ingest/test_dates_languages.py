"""The date resolver in Albanian and Serbian (Latin and Cyrillic): the cases of
tests/fixtures/dates/languages/*.yaml exactly, and the per-language tables it reads
(briefings/ingest/data/<code>/dates.yaml)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.ingest.dates import find_dates, find_publication_date
from briefings.ingest.dates_rules import languages, rules, table_language
from briefings.schema import FLAGS, PRECISIONS

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


# --- any text: the Albanian and Serbian tables never crash and never overstate -----------------

PIECES = {
    "sq": ["më", "në", "nga", "deri më", "të", "e", "vitit", "viti", "vitin", "këtë", "këtij",
           "gjatë", "kaluar", "ardhshëm", "ardhshme", "shkuar", "sot,", "sot", "dje", "nesër",
           "mbrëmë", "javën", "muajin", "muajit", "muaji", "dy", "ditë", "më parë", "para",
           "ditësh", "mars", "marsin", "marsit", "Janar", "dhjetor", "maj", "hënën", "martë",
           "dielë", "premten", "do", "u", "ka", "tha", "pritet", "fund të", "fillim të"],
    "sr": ["u", "у", "od", "do", "iz", "dana", "18.", "3.", "marta", "mart", "martu", "марта",
           "децембар", "jula", "godine", "године", "godini", "prošle", "прошле", "ove", "sledeće",
           "sljedeće", "nedelje", "sedmice", "meseca", "mjeseca", "juče", "јуче", "danas,",
           "danas", "данас", "sutra", "pre", "prije", "dva", "dana", "utorak", "subotu",
           "петак", "prošlog", "petka", "je", "su", "će", "ће", "planirano", "početkom",
           "krajem", "i", "-"],
}
COMMON = ["1", "7", "12", "18", "31", "32", "2003", "2018", "2025", "1999.", "18.03.2025.",
          "18. 3. 2025.", "(11.03.2025)", ",", ".", ";", "|", ":", "–", "\n", "\n\n", "Prishtinë,",
          "Beograd,", "RTS", "Publikuar më:", "Objavljeno:", "©"]


_DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
PUBLISHED = st.one_of(st.none(), st.integers(1990, 2040).map(str),
                      _DAYS.map(lambda d: d.isoformat()[:7]), _DAYS.map(lambda d: d.isoformat()))
RANK = {"day": 3, "month": 2, "year": 1}


@pytest.mark.parametrize("language", ["sq", "sr-Latn"])
def test_any_text_never_crashes_and_never_overstates(language):
    texts = st.lists(st.sampled_from(PIECES[language[:2]] + COMMON), max_size=40).map(" ".join)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=texts, published=PUBLISHED)
    def check(text, published):
        find_publication_date(text, language)
        mentions = find_dates(text, published, language)
        # the words "sot, 12 mars" / "danas, 18. marta" may name the day of a coarser date
        named_day = any(m.kind in ("full", "month_day")
                        and m.text.lower().startswith(("sot", "danas", "данас"))
                        for m in mentions)
        for a, b in itertools.pairwise(mentions):
            assert a.end <= b.start
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.precision in PRECISIONS and set(m.flags) <= set(FLAGS)
            assert m.tense in ("past", "future", "unknown")
            if m.precision != "day":
                assert m.date.day == 1
            if m.precision == "year":
                assert m.date.month == 1
            if m.basis in ("relative", "publication-year", "duration"):
                assert published is not None, "it depends on a publication date: it needs one"
            if m.basis == "text-year":  # the year of a date of the text, only without one
                assert published is None and "year-inferred" in m.flags
            if "relative-date" in m.flags and not named_day:
                assert RANK[m.precision] <= RANK[{1: "year", 2: "month", 3: "day"}[
                    len(published.split("-"))]]

    check()


def test_shared_tables_hold_no_words_and_english_has_its_own_folder():
    """Every language's words and patterns are under data/<code>/ (English in data/en/);
    data/dates.yaml holds only the knobs every language shares (numbers, punctuation)."""
    shared = yaml.safe_load((DATA / "dates.yaml").read_text(encoding="utf-8"))
    assert set(shared) <= {"year_range", "anchor_window", "ago_slack_days", "publication"}
    assert set(shared.get("publication", {})) <= {"top_lines", "max_other_words",
                                                   "dateline_lead"}
    english = yaml.safe_load((DATA / "en" / "dates.yaml").read_text(encoding="utf-8"))
    assert {"months", "weekdays", "patterns", "relative", "tense_cues"} <= set(english)
    assert "en" not in languages()  # English is the base the others replace words of
