"""Dates told in passing (briefings/ingest/asides.py): each rule in English, Albanian and Serbian
(Latin and Cyrillic), on sentences written for these tests, with the cases it must leave alone;
and what find_events makes of them in a whole source."""

from __future__ import annotations

import pytest
import yaml

from briefings.ingest import asides


def _at(sentence: str, date: str) -> tuple[str, int, int]:
    i = sentence.index(date)
    return sentence, i, i + len(date)


@pytest.mark.parametrize(("sentence", "date", "expected"), [
    ("The Humvee entered service with the US Army in 1985.", "in 1985", True),
    ("The Humvee entered service about 30 years ago.", "about 30 years ago", True),
    ("NATO, founded in 1949, leads the mission.", "in 1949", True),
    ("Ky model ka hyrë në shërbim në vitin 1996.", "në vitin 1996", True),
    ("Ово возило ушло је у употребу 1989. године.", "1989. године", True),
    ("НАТО, основан 1949. године, води мисију.", "1949. године", True),
    # a founding told as the development itself, and service words a clause away
    ("The NATO team was officially created on 28 August 2016.", "on 28 August 2016", False),
    ("The vehicles entered service, the ministry said on 3 July 2018.", "on 3 July 2018", False),
    ("Ekipi u themelua më 24 gusht 2016.", "më 24 gusht 2016", False),
    # a force is in service since its own start, a development
    ("The KSF has been in service since 2009.", "since 2009", False),
])
def test_history_of_a_thing(sentence, date, expected):
    assert asides.is_history(*_at(sentence, date)) is expected


@pytest.mark.parametrize(("sentence", "date", "expected"), [
    ("independence came after an uprising and a 1999 NATO intervention", "1999", True),
    ("a province until the 1998 Balkan war", "1998", True),
    ("NATO intervened in 1999 to stop the crackdown", "in 1999", True),
    ("NATO-ja ndërhyri në vitin 1999", "në vitin 1999", True),
    ("pas fushatës ajrore të NATO-s në vitin 1999", "në vitin 1999", True),
    ("после рата 1999. године", "1999. године", True),
    # a year next to nothing of the war, or a clause away from it
    ("Kosovo has been run by the UN since 1999, when a NATO bombing campaign ended", "1999",
     False),
    ("Iowa Guard deployments to Kosovo began in 2003", "in 2003", False),
])
def test_a_year_of_the_war_recalled(sentence, date, expected):
    assert asides.is_recalled(*_at(sentence, date)) is expected


@pytest.mark.parametrize(("sentence", "date", "phrase"), [
    ("Following the attack of 24 September near Banjska, NATO sent more troops.",
     "24 September", "Following the attack of 24 September near Banjska"),
    ("Pas ngjarjeve të 24 shtatorit në veri, NATO dërgoi trupa.", "24 shtatorit",
     "Pas ngjarjeve të 24 shtatorit në veri"),
    ("Posle napada od 24. septembra na severu, NATO je poslao trupe.", "24. septembra",
     "Posle napada od 24. septembra na severu"),
    # the date is the sentence's own, not the incident's
    ("After the attack, NATO sent more troops on 29 September.", "29 September", None),
    ("After the signing of the declaration on 18 March, the ministers met.", "18 March", None),
])
def test_a_phrase_naming_an_earlier_incident(sentence, date, phrase):
    found = asides.anchor_phrase(*_at(sentence, date))
    assert (sentence[found[0]:found[1]] if found else None) == phrase
    if phrase:
        assert asides.is_anchor(phrase)
    assert not asides.is_anchor(sentence)


TEXT = """KFOR hands a crossing over

KFOR handed a crossing point to the Kosovo Police on 2 May 2024, the mission said.
Soldiers of the Iowa National Guard arrive in Kosovo today
The police opened the crossing to traffic again.
The spokesperson said the mission would stay close"""


def test_a_headline_line_below_the_prose():
    prose_end = asides.first_prose(TEXT)
    lines = TEXT.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    teaser = [asides.is_teaser(TEXT, a, a + len(line), prose_end)
              for a, line in zip(starts, lines, strict=True)]
    # the title above the prose, the prose, the last line (a cut excerpt): no headline
    assert teaser == [False, False, False, True, False, False]


def test_the_data_holds_known_lists_and_limits():
    for lang in ("en", "sq", "sr"):
        data = yaml.safe_load((asides.DATA / lang / "asides.yaml").read_text(encoding="utf-8"))
        assert set(data) == set(asides.LISTS), lang
    assert set(asides.limits()) == {"history_words", "recalled_words", "anchor_words",
                                    "anchor_phrase_words", "teaser_words", "prose_words",
                                    "after_words"}
