"""The stages one by one: boilerplate patterns, actor aliases and name checks, titles, keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefings.ingest import actors as A
from briefings.ingest.cite import base_key, protect, url_title
from briefings.ingest.clean import clean
from briefings.ingest.events import make_title, sentences
from briefings.ingest.merge import compatible
from briefings.ingest.model import Source
from briefings.model import SourceMeta
from briefings.registry import load_actors
from tests.ingest.conftest import ROOT


@pytest.fixture(scope="module")
def registry():
    actors, problems = load_actors(ROOT / "content" / "actors.yaml")
    assert problems == []
    return actors, A.build_registry(actors)


def test_boilerplate_lines_are_removed_and_the_rest_kept_verbatim():
    text = ("Zyra e Kryeministrit\n\nHome › News › Defence\nThe minister met  KFOR.\n"
            "Share: Facebook | Twitter\nTags: KSF, NATO\nLast modified: July 30, 2022\n\n"
            "Comments are closed.\nLeave a Reply\n"
            "Opinion | Trump just dealt Russia a devastating blow – The Washington Post")
    cleaned, lines = clean(text)
    assert cleaned == "The minister met  KFOR."
    assert lines == [4]


def test_boilerplate_never_eats_a_paragraph():
    long = "Last modified: " + "the minister said the plan was modified. " * 10
    assert clean(long)[0] == long.strip()


@pytest.mark.parametrize("text,key", [
    ("Defence Minister Maqedonci", "ejup-maqedonci"),
    ("Makedonci said", "ejup-maqedonci"),
    ("Maćedonci said", "ejup-maqedonci"),
    ("members of the FSK", "ksf"),
    ("the Kosovo Security Force", "ksf"),
    ("the NALT", "nlat"),
    ("NATO Liaison and Advisory Team", "nlat"),
    ("the Pentagon welcomed", "us-department-of-defense"),
    ("in Prishtinë", "pristina"),
    ("KFOR troops", "kfor"),
])
def test_aliases_and_transliterations_tag_the_registry_key(text, key, registry):
    _actors, reg = registry
    assert key in A.tag(text, reg)


def test_short_acronyms_are_case_sensitive(registry):
    _actors, reg = registry
    assert "united-states" not in A.tag("he told us about it", reg)
    assert "united-states" in A.tag("support from the US army", reg)


def test_conflicting_names_and_unknown_actor_on_the_zemaj_text(registry):
    actors, _reg = registry
    text = (ROOT / "sources" / "europ-info-zemaj-us-mission-nato.txt").read_text()
    conflicts = A.conflicting_names(text, actors)
    assert set(conflicts) == {"Zemaj"}
    assert [n for _p, n in conflicts["Zemaj"]] == ["Donika Zemaj", "Armend Zemaj", "Albin Zemaj"]
    unknown = {(om.name, om.office) for om, _h in A.unknown_actors(
        A.office_mentions(text), actors, None)}
    assert ("Donika Zemaj", "Minister of Foreign Affairs of Kosovo") in unknown
    assert ("Armend Zemaj", "Minister of Defence of Kosovo") in unknown
    assert ("Albin Zemaj", "Prime Minister of Kosovo") in unknown


def test_real_office_holders_are_no_unknown_actors(registry):
    actors, _reg = registry
    text = (ROOT / "sources" / "kosovo-pmo-2016-12-08-nato-letter.txt").read_text()
    mentions = A.office_mentions(text)
    assert {o.name for o in mentions} >= {"Mustafa", "Enver Hoxhaj", "Jens Stoltenberg"}
    assert A.unknown_actors(mentions, actors, dt.date(2016, 12, 8)) == []
    assert A.conflicting_names(text, actors) == {}
    # the registry's dates matter: Mustafa was not Prime Minister in 2022
    assert A.unknown_actors([m for m in mentions if m.name == "Mustafa"], actors,
                            dt.date(2022, 1, 1))


def test_deputies_and_former_office_holders_are_not_checked():
    assert A.office_mentions("Former Deputy Defense Minister Bejtush Gashi said") == []


def test_titles_drop_the_date_words_and_the_reporting_frame():
    sentence = ("Kosovo’s acting Defense Minister Ejup Maqedonci confirmed that the implementing "
                "group met in Tirana on July 18 to detail the plan")
    assert make_title(sentence, "", ["on July 18"]) == \
        "The implementing group met in Tirana to detail the plan"
    assert make_title("which will be presented to all three defense ministries for approval "
                      "in September", "to detail the plan, ", ["in September"]) == \
        "The plan will be presented to all three defense ministries for approval"


def test_sentences_do_not_split_after_abbreviations():
    text = "Mr. Hoxhaj met U.S. officials on Dec. 1, 2021. They agreed."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Mr. Hoxhaj met U.S. officials on Dec. 1, 2021.", "They agreed."]


def test_compatible_dates():
    d = dt.date
    assert compatible(d(2025, 7, 18), "day", d(2025, 7, 1), "month")
    assert compatible(d(2025, 3, 18), "day", d(2025, 1, 1), "year")
    assert not compatible(d(2025, 7, 18), "day", d(2025, 7, 19), "day")
    assert not compatible(d(2025, 7, 18), "day", None, None)


def test_keys_are_publisher_year_slug_and_titles_are_protected():
    src = Source(Path("sources/rks-news-kosovo-albania-croatia-implementation-plan.txt"), "x",
                 SourceMeta(Path("x"), publisher="RKS News"), published="2025-08")
    assert base_key(src) == "rks-news-2025-kosovo-albania-croatia-implementation"
    src.published = None
    assert base_key(src) == "rks-news-nd-kosovo-albania-croatia-implementation"
    assert protect("NATO & the US: 100% _new_") == r"{NATO} \& the {US}: 100\% \_new\_"
    assert url_title("https://rks.news/maqedonci-state-factory-planned-with-american-investors",
                     {"american": "American", "maqedonci": "Maqedonci"}) == \
        "Maqedonci state factory planned with American investors"
    assert url_title("https://europ.info/?p=2825980", {}) is None


def test_office_dates_are_compared_at_the_precision_of_the_development(registry):
    actors, _reg = registry
    [mustafa] = [m for m in A.office_mentions("Prime Minister Mustafa said") if m]
    # 2014 (year): Mustafa took office in December 2014, so he may be meant
    assert A.unknown_actors([mustafa], actors, dt.date(2014, 1, 1), "year") == []
    assert A.unknown_actors([mustafa], actors, dt.date(2014, 6, 1), "month")
    assert A.unknown_actors([mustafa], actors, dt.date(2017, 9, 1), "month") == []
    assert A.unknown_actors([mustafa], actors, dt.date(2017, 10, 1), "month")


def _event(source, date, words, precision="day", status="occurred"):
    from briefings.ingest.events import content_words
    from briefings.ingest.model import Event

    return Event(source=source, date=date, precision=precision, status=status, title=words,
                 clause=words, sentence=words, start=0, category="statements",
                 evidence=[words], sentences=[words], words=content_words(words))


def test_merge_joins_compatible_reports_and_flags_disagreeing_days():
    from briefings.ingest.merge import flag_date_conflicts, merge

    d = dt.date
    devs = merge([
        _event("a", d(2024, 4, 12), "the first Javelin missiles were delivered to the KSF"),
        _event("b", d(2024, 4, 1), "Javelin missiles delivered to the KSF", "month"),
        _event("c", d(2024, 4, 14), "the first Javelin missiles were delivered to the KSF"),
        _event("d", d(2024, 4, 12), "the minister opened a new barracks in Prizren"),
        _event("e", d(2024, 4, 12), "Javelin missiles will be delivered", status="planned"),
    ])
    groups = sorted(sorted(e.source for e in dev.events) for dev in devs)
    assert groups == [["a", "b"], ["c"], ["d"], ["e"]]
    flag_date_conflicts(devs)
    flagged = sorted(e.source for dev in devs if "conflicting-dates" in dev.flags
                     for e in dev.events)
    assert flagged == ["a", "b", "c"]


def test_text_with_bibtex_syntax_round_trips_through_the_bibliography():
    import bibtexparser

    from briefings.bibliography import bib_escape, plain_text

    for text in ["ends in a backslash \\", "a { b", "} {", "AT&T ~ 50% $5 #1 a_b \\&"]:
        title, organization = protect(text), bib_escape(text)
        parsed = bibtexparser.parse_string(
            f"@online{{k,\n  title = {{{title}}},\n  organization = {{{organization}}},\n}}\n")
        assert not parsed.failed_blocks, text
        fields = parsed.entries[0].fields_dict
        want = " ".join(text.replace("{", "").replace("}", "").split())
        assert plain_text(fields["title"].value) == want
        assert plain_text(fields["organization"].value) == want


def test_proper_names_in_titles_are_protected_from_case_changes():
    proper = frozenset({"Kosovo", "Albania", "Croatia"})
    assert protect("Balkan defense pact Kosovo Albania Croatia unite", proper) == \
        "Balkan defense pact {Kosovo} {Albania} {Croatia} unite"
    assert protect("Kosovo’s army", proper) == "{Kosovo’s} army"
