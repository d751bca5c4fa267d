"""Categories in every language: keywords first, then the kind of development the event lexicon
of the source's language finds; where no keyword occurs in the source's words, the keywords of
its English headline (briefings.ingest.write.category)."""

from __future__ import annotations

import pytest

from briefings.ingest.events import categorise, default_category, kind_categories


@pytest.mark.parametrize(("text", "code", "category"), [
    ("Ministri i Mbrojtjes takoi dje komandantin e KFOR-it në Prishtinë", "sq",
     "meetings-and-visits"),
    ("Kuvendi miratoi tri ligje për forcën e sigurisë", "sq", "institutions-and-decisions"),
    ("Ministri potpisali su sporazum o saradnji u odbrani", "sr", "agreements"),
    ("Министри су потписали споразум о сарадњи у одбрани", "sr", "agreements"),
])
def test_albanian_and_serbian_words_give_a_category(text, code, category):
    assert categorise(text, code=code) == category
    assert categorise(text, code="en") == default_category()  # English keywords: none


def test_every_kind_maps_to_a_known_category():
    from briefings.ingest import headline
    from briefings.schema import CATEGORIES

    kinds = kind_categories()
    assert set(kinds) == set(headline.rules()["event_kinds"])
    assert set(kinds.values()) <= set(CATEGORIES)


def test_merging_reads_every_category_the_keywords_allow():
    from briefings.ingest.events import categories_of

    both = categories_of("The minister held talks at the Pentagon about training")
    assert both == {"meetings-and-visits", "exercises-and-training"}
    # words no keyword knows: the default, which merging reads as any kind
    assert categories_of("Ministri takoi homologun e tij") == {default_category()}


def _event(clause: str, category: str):
    from briefings.ingest.model import Event

    return Event(source="s", date=None, precision=None, status="occurred", title=clause,
                 clause=clause, sentence=clause, start=0, category=category)


@pytest.mark.parametrize(("clause", "first", "title", "category"), [
    # a Serbian report whose first verb reports: its English headline tells the development
    ("NATO je, kako je saopšteno, rasporedio trupe na Kosovu", "statements",
     "NATO deploys troops in Kosovo", "missions-and-deployments"),
    ("Savet bezbednosti usvojio je Rezoluciju 1244", "statements",
     "The UN Security Council adopts Resolution 1244", "institutions-and-decisions"),
    # the headline's words name nothing the keywords know: the source's category stays
    ("Ministri takoi homologun e tij", "meetings-and-visits",
     "The minister receives his counterpart", "meetings-and-visits"),
    # the source's own words hold a keyword: its category stays, whatever the headline says
    ("The ministry said the troops would stay", "missions-and-deployments",
     "The ministry announces an agreement", "missions-and-deployments"),
])
def test_a_source_without_keywords_takes_its_headlines(clause, first, title, category):
    from briefings.ingest.write import category as category_of

    assert category_of(_event(clause, first), title) == category


def test_an_authorisation_is_a_decision_not_a_statement():
    said = "he said, noting that NATO ambassadors authorised additional forces yesterday"
    assert categorise(said) == "institutions-and-decisions"
    assert categorise("The government authorized a new mandate") == "institutions-and-decisions"
    assert categorise("the authorities said they would comment later") == "statements"
