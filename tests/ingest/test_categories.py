"""Categories in every language: keywords first, then the kind of development the event lexicon
of the source's language finds, and after the headlines the kind its English headline names."""

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
