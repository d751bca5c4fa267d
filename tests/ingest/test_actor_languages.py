"""Actors in Albanian and Serbian (Latin and Cyrillic): names matched in their inflected and
transliterated forms by endings in data (briefings/ingest/data/{sq,sr}/actors.yaml), without
matching other words; offices recognised in every language (data/{sq,sr}/offices.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.ingest import actors
from briefings.registry import Actor, Office


def _registry() -> tuple[dict[str, Actor], actors.Registry]:
    found = {
        "kosovo": Actor("kosovo", "Kosovo", "country", ["Kosova"]),
        "serbia": Actor("serbia", "Serbia", "country", ["Srbija"]),
        "united-states": Actor("united-states", "United States", "country", ["SHBA", "SAD"]),
        "nato": Actor("nato", "NATO", "organisation", []),
        "kfor": Actor("kfor", "KFOR", "organisation", []),
        "ksf": Actor("ksf", "Kosovo Security Force", "organisation", ["KSF", "FSK", "KBS"]),
        "ministry": Actor("ministry", "Ministry of Defence of Kosovo", "organisation",
                          ["Ministria e Mbrojtjes"]),
        "pristina": Actor("pristina", "Pristina", "place", []),
        "albin-kurti": Actor("albin-kurti", "Albin Kurti", "person", ["Kurti"],
                             [Office("Prime Minister of Kosovo", "2021-03", None)]),
        "edi-rama": Actor("edi-rama", "Edi Rama", "person", ["Rama"]),
    }
    return found, actors.build_registry(found)


@pytest.mark.parametrize(("text", "key"), [
    ("Ushtarët e Kosovës", "kosovo"),            # Albanian genitive on the stem
    ("Ushtare\u0308t e Kosove\u0308s", "kosovo"),  # the same, decomposed (NFD)
    ("u Kosovu i na Kosovom", "kosovo"),          # Serbian locative, instrumental
    ("на Косову", "kosovo"),                      # Cyrillic, read as Latin
    ("granica Srbije", "serbia"),
    ("ambasada SAD-a", "united-states"),
    ("ndihma e SHBA-ve", "united-states"),
    ("САД", "united-states"),
    ("НАТО", "nato"),
    ("komandant Kfora", "kfor"),                  # an acronym written as a word, inflected
    ("командант Кфора", "kfor"),
    ("pripadnici КБС", "ksf"),
    ("stërvitjet e FSK-së", "ksf"),
    ("në Ministrinë e Mbrojtjes", "ministry"),    # a name of several words, its head inflected
    ("zyrtarët e Ministrisë së Mbrojtjes", "ministry"),
    ("takimi me Kurtin", "albin-kurti"),
    ("perkushtimin e kosoves", "kosovo"),         # in any case, as the name (a URL's words)
    ("sastanak sa Kurtijem", "albin-kurti"),
])
def test_inflected_and_transliterated_names_are_found(text, key):
    _actors, reg = _registry()
    assert key in actors.tag(text, reg)


@pytest.mark.parametrize("text", [
    "Kurt Volker spoke",          # the stem of Kurti alone is another name
    "Ramadan began",              # a short name (Rama) takes no ending
    "Rami came",                  # a stem shorter than min_stem (Ram-) takes no ending
    "the pristine lake",          # a form that is an English word (data/actors.yaml not_forms)
    "Pristine water",
    "Kosovar",                    # no ending of the list
    "kosovski",                   # not an ending of the list
    "kfora",                      # an acronym written as a word keeps its capital
])
def test_a_stem_with_an_ending_does_not_match_other_words(text):
    _actors, reg = _registry()
    assert actors.tag(text, reg) == []


@pytest.mark.parametrize(("text", "office", "name"), [
    ("Ministri i Mbrojtjes së Kosovës, Agim Berisha, tha", "Minister of Defence of Kosovo",
     "Agim Berisha"),
    ("kryeministrit Agim Berisha", "Prime Minister of Kosovo", "Agim Berisha"),
    ("Sekretari i Përgjithshëm i NATO-s, Agim Berisha", "Secretary General of NATO",
     "Agim Berisha"),
    ("komandanti i KFOR-it, gjeneralmajor Agim Berisha", "Commander of KFOR", "Agim Berisha"),
    ("ministar odbrane Kosova Agim Beriša je", "Minister of Defence of Kosovo", "Agim Beriša"),
    ("министар одбране Агим Бериша", "Minister of Defence of Kosovo", "Агим Бериша"),
    ("premijer Agim Beriša", "Prime Minister of Kosovo", "Agim Beriša"),
    ("премијер Агим Бериша", "Prime Minister of Kosovo", "Агим Бериша"),
    ("KFOR Commander Major General Agim Berisha", "Commander of KFOR", "Agim Berisha"),
])
def test_offices_are_recognised_in_every_language(text, office, name):
    found = actors.office_mentions(text)
    assert [(m.office, m.name) for m in found] == [(office, name)]


@pytest.mark.parametrize("text", [
    "ministar odbrane Hrvatske Ivan Horvat",      # another country's minister, named after
    "bivši premijer Agim Beriša",                  # a past office
    "ish kryeministri Agim Berisha",
    "kryeministri shqiptar Edi Rama",
    "dërguar nga Ministria e Mbrojtjes, Projektligji",  # the ministry, not its minister
    "në Ministrinë e Mbrojtjes, Projektligjin",
    "at 11:03 PM HST on Thursday",                        # a name is not in capitals
    "Published 12:26 PM CDT Email",                        # a time of day, not an office
])
def test_other_countries_and_past_offices_are_not_checked(text):
    assert actors.office_mentions(text) == []


@pytest.mark.parametrize("text", [
    "kryeministri Albin Kurti",
    "kryeministrit Kurti",
    "premijera Albina Kurtija",       # both words inflected
    "премијер Албин Курти",
    "Prime Minister Albin Kurti Readout",   # a name running into the next capitalised word
])
def test_the_holder_named_in_an_inflected_or_cyrillic_form_is_known(text):
    registered, _reg = _registry()
    mentions = actors.office_mentions(text)
    assert mentions
    assert actors.unknown_actors(mentions, registered, dt.date(2023, 5, 1)) == []


@pytest.mark.parametrize("text", ["kryeministri Agim Berisha", "premijer Агим Бериша",
                                  "Prime Minister Kurti Berisha"])  # a first name, not Kurti
def test_someone_else_in_a_registered_office_is_an_unknown_actor(text):
    registered, _reg = _registry()
    found = actors.unknown_actors(actors.office_mentions(text), registered, dt.date(2023, 5, 1))
    assert [holders for _m, holders in found] == [["Albin Kurti"]]


def test_a_holder_at_the_publication_date_is_known_for_an_older_development():
    """A 2023 article that recalls a 2019 development names Kurti by his office of 2023."""
    registered, _reg = _registry()
    mentions = actors.office_mentions("kryeministri Albin Kurti kujtoi")
    assert actors.unknown_actors(mentions, registered, dt.date(2019, 1, 1), "year")
    assert actors.unknown_actors(mentions, registered, dt.date(2019, 1, 1), "year",
                                 (dt.date(2023, 5, 2), "day")) == []


def test_an_outlet_named_after_a_country_names_no_actor():
    from pathlib import Path

    from briefings.ingest.pipeline import registry

    _found, reg = registry(Path(__file__).resolve().parents[2] / "content" / "actors.yaml")
    assert actors.tag("BRUSSELS (Kuwait News Agency) -- NATO allies met.", reg) == ["nato"]
    assert actors.tag("Radio Kosova said that Kuwait and Kosovo agreed.", reg) == \
        ["kuwait", "kosovo"]
