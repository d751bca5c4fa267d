"""The scope stage (briefings/ingest/scope.py): each rule, in English, Albanian and Serbian (Latin
and Cyrillic), on sentences written for these tests; the data it reads; how reports combine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefings.ingest import scope
from briefings.ingest.model import Event
from briefings.ingest.pipeline import registry
from tests.ingest.conftest import ROOT

ACTORS = ROOT / "content" / "actors.yaml"


@pytest.fixture(scope="module")
def rules_and_registry():
    actors, reg = registry(ACTORS)
    return scope.rules(actors), reg


# (words near a date, scope, the rule that decides) — one or more per rule and language
CASES = [
    # 1. status: Kosovo's status and politics, whoever is named with it
    ("the assembly proclaimed independence in February, with NATO troops on the streets",
     "background", "status"),
    ("parliament adopted the new constitution on Sunday", "background", "status"),
    ("turnout in the local elections was low on Sunday", "background", "status"),
    ("from Monday the UN mission handed its police powers over to the EU", "background",
     "status"),
    ("Kuvendi shpalli pavarësinë e Kosovës më 17 shkurt", "background", "status"),
    ("zgjedhjet lokale u mbajtën të dielën", "background", "status"),
    ("skupština je usvojila novi ustav u nedelju", "background", "status"),
    ("the EU hosted talks between Belgrade and Pristina in Brussels on Monday", "background",
     "status"),
    ("скупштина је прогласила независност у фебруару", "background", "status"),
    # ... unless a partner named first acts in a defence matter on that occasion
    ("KFOR deployed extra troops in the north before the local elections", "cooperation",
     "party"),
    # 2. reaction: the side named last before the words of reacting is another side
    ("Belgrade condemned the vote and accused Pristina of provocation", "background",
     "reaction"),
    ("Beogradi e kundërshtoi vendimin e Prishtinës të enjten", "background", "reaction"),
    ("Vlada Srbije je osudila odluku Prištine u petak", "background", "reaction"),
    ("Влада Србије је осудила одлуку у петак", "background", "reaction"),
    # ... Serbia's leaders, named alone, speak for Serbia
    ("on Monday Vučić said he was worried about the new troops", "background", "reaction"),
    ("të hënën Vuçiq tha se është i shqetësuar nga trupat e reja", "background", "reaction"),
    ("у понедељак је Вучић рекао да је забринут због нових трупа", "background", "reaction"),
    # ... and not when a partner is the one reacting
    ("Serbian officials met NATO envoys, who warned against any escalation", "cooperation",
     "party"),
    # ... nor when the other side's reaction is only an aside of Kosovo's own step
    ("the assembly voted on Friday to turn the KSF into an army despite Serbia's objections",
     "cooperation", "topic"),
    # 3. party: a partner of the cooperation
    ("US soldiers and the KSF trained together near Ferizaj on Tuesday", "cooperation",
     "party"),
    ("the NATO Secretary General visited the troops on 3 May", "cooperation", "party"),
    ("ushtarët e Gardës Kombëtare të Iowa-s mbërritën në Kosovë të martën", "cooperation",
     "party"),
    ("pripadnici KFOR-a patrolirali su severom u subotu", "cooperation", "party"),
    ("Америчка амбасада је саопштила у среду", "cooperation", "party"),
    # an ally is a partner in a defence matter only
    ("the defence ministers of Kosovo and Croatia signed a defence cooperation plan",
     "cooperation", "party"),
    ("Kosova, Shqipëria dhe Kroacia nënshkruan një deklaratë për mbrojtjen", "cooperation",
     "party"),
    # 4. context: the war as such, incidents, police work; ceremonies; no partner
    ("fighting between the guerrillas and the army spread in the spring", "background",
     "context"),
    ("two police officers were wounded in an attack near the border on Friday", "background",
     "context"),
    ("the president inspected a guard of honour of the KSF on Thursday", "background",
     "ceremony"),
    ("policia patrullonte fshatin pas të shtënave të së shtunës", "background", "context"),
    ("u napadu na policiju u nedelju ranjena su dva policajca", "background", "context"),
    ("the ceremony of the KSF's departure was attended by US officers", "cooperation",
     "party"),
    # 5. other: another country's own affairs, with neither Kosovo nor a partner
    ("Kuwait signed a new oil contract in 2004", "background", "other"),
    ("Kuvajti nënshkroi një marrëveshje tregtare", "background", "other"),
    ("sent a platoon of thirty soldiers to Kuwait on Monday", "cooperation", "topic"),
    # a partner named only to say it takes no part is no partner
    ("Singapore has been a major non-NATO ally since 2005", "background", "other"),
    # 6. topic: a defence matter, no partner named
    ("the Assembly adopted the laws on the Kosovo Security Force on Friday", "cooperation",
     "topic"),
    ("FSK-ja pranoi automjetet e blinduara të premten", "cooperation", "topic"),
    ("vežba kosovskih bezbednosnih snaga počela je u ponedeljak", "cooperation", "topic"),
    # nothing decides
    ("he said here on 21 June", None, ""),
]


@pytest.mark.parametrize(("words", "expected", "rule"), CASES)
def test_each_rule_in_each_language(rules_and_registry, words, expected, rule):
    rules, reg = rules_and_registry
    d = scope.classify(words, rules, reg)
    assert (d.scope, d.rule) == (expected, rule), d


def _event(date: dt.date | None, *evidence: str) -> Event:
    return Event(source="k", date=date, precision="year" if date else None,
                 status="occurred", title=evidence[0] if evidence else "A title",
                 clause="", sentence="", start=0, category="statements",
                 evidence=list(evidence), sentences=list(evidence[:1]))


def test_a_ceremony_is_a_partners_when_the_source_is_about_a_partner(rules_and_registry):
    rules, reg = rules_and_registry
    ev = _event(dt.date(2022, 9, 30), "the brigade commander said at the farewell ceremony "
                "on Friday that the unit was ready")
    assert scope.decide(ev, rules, reg).scope == "background"
    lede = "Indiana National Guard soldiers leave for Kosovo"
    decided = scope.decide(ev, rules, reg, lede)
    assert (decided.scope, decided.rule) == ("cooperation", "ceremony"), decided
    assert scope.decide(ev, rules, reg, "Kosovo's army changes its commander").scope == \
        "background"


def test_history_is_background_whatever_the_words(rules_and_registry):
    rules, reg = rules_and_registry
    d = scope.decide(_event(dt.date(1967, 1, 1), "US troops trained with the army in 1967"),
                     rules, reg)
    assert (d.scope, d.rule) == ("background", "history")
    later = scope.decide(_event(dt.date(rules.history_before, 1, 1), "US troops trained"),
                         rules, reg)
    assert later.scope == "cooperation"


def test_one_piece_saying_cooperation_makes_the_development_cooperation(rules_and_registry):
    rules, reg = rules_and_registry
    both = _event(dt.date(2018, 1, 1), "a ceremony was held in the barracks on Friday",
                  "NATO welcomed the step on Friday")
    assert scope.decide(both, rules, reg).scope == "cooperation"
    ceremony = _event(dt.date(2018, 1, 1), "a ceremony was held in the barracks on Friday",
                      "By a staff writer | Friday")
    assert scope.decide(ceremony, rules, reg).scope == "background"
    silent = _event(dt.date(2018, 1, 1), "By a staff writer | Friday")
    assert scope.decide(silent, rules, reg) == scope.Decision("cooperation", "")


def test_an_undated_development_is_read_from_its_title_and_first_sentence(rules_and_registry):
    rules, reg = rules_and_registry
    ev = _event(None)
    ev.title, ev.sentences = "Serbia protests against the vote", ["Belgrade protested."]
    assert scope.decide(ev, rules, reg).rule == "reaction"


def test_reports_combine_to_cooperation_when_any_is():
    assert scope.combine(["background", "cooperation"]) == "cooperation"
    assert scope.combine(["background", "background"]) == "background"
    assert scope.combine([]) == "cooperation"


def test_fold_reads_cyrillic_and_accents_as_the_rules_do():
    assert scope.fold("Вучић, Љубљана, Џаковица") == "Vucic, Ljubljana, Dzakovica"
    assert scope.fold("Shqipërisë, Kroacisë") == "Shqiperise, Kroacise"


def test_the_data_names_known_actors_and_lists():
    common = yaml.safe_load((scope.DATA / "scope.yaml").read_text(encoding="utf-8"))
    registry_keys = set(yaml.safe_load(ACTORS.read_text(encoding="utf-8")))
    for side, keys in common["sides"].items():
        assert side in ("party", "ally", "kosovo", "other")
        assert set(keys) <= registry_keys, f"{side}: not in content/actors.yaml"
    for lang in scope.LANGUAGES:
        data = yaml.safe_load((scope.DATA / lang / "scope.yaml").read_text(encoding="utf-8"))
        assert set(data) <= set(scope.LISTS), lang
        assert {"party", "status", "context", "topics"} <= set(data), lang


def test_an_unknown_list_in_a_language_file_is_an_error(tmp_path: Path, monkeypatch):
    for lang in scope.LANGUAGES:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "scope.yaml").write_text("partners: ['x']\n", encoding="utf-8")
    (tmp_path / "scope.yaml").write_bytes((scope.DATA / "scope.yaml").read_bytes())
    monkeypatch.setattr(scope, "DATA", tmp_path)
    scope._data.cache_clear()
    try:
        with pytest.raises(ValueError, match="unknown list 'partners'"):
            scope._data()
    finally:
        monkeypatch.undo()
        scope._data.cache_clear()


def test_people_take_the_side_of_their_offices(rules_and_registry):
    rules, _reg = rules_and_registry
    assert rules.sides["jens-stoltenberg"] == "party"  # Secretary General of NATO
    assert rules.sides["armend-mehaj"] == "kosovo"  # Minister of Defence of Kosovo
    assert rules.sides["kuwait"] == "other"  # a country on no list


def test_an_earlier_incidents_phrase_is_background_whoever_it_names(rules_and_registry):
    rules, reg = rules_and_registry
    for words in ("after the attack of 24 September near the monastery",
                  "pas ngjarjeve të 24 shtatorit në veri",
                  "после напада од 24. септембра на северу",
                  "after an uprising and a 1999 NATO intervention"):
        d = scope.decide(_event(dt.date(2023, 9, 24), words), rules, reg)
        assert (d.scope, d.rule) == ("background", "anchor"), (words, d)
    # the same words with what the sentence says after them are the sentence's
    d = scope.decide(_event(dt.date(2023, 9, 29), "after the attack, NATO sent more troops "
                            "on 29 September"), rules, reg)
    assert d.scope == "cooperation", d


def test_background_history_recalled_years_later_is_no_development(rules_and_registry):
    rules, reg = rules_and_registry
    status = scope.decide(_event(dt.date(2008, 1, 1), "Kosovo declared independence in 2008"),
                          rules, reg)
    old = _event(dt.date(2008, 1, 1), "Kosovo declared independence in 2008")
    assert scope.recalled(old, status, rules, "2024-01-12")
    assert not scope.recalled(old, status, rules, "2010-05")  # told two years later: kept
    old.precision = "month"  # "in February 2008": a date of its own, kept as background
    assert not scope.recalled(old, status, rules, "2024-01-12")
    partner = _event(dt.date(2003, 1, 1), "Iowa Guard deployments to Kosovo began in 2003")
    assert not scope.recalled(partner, scope.decide(partner, rules, reg), rules, "2024-01-04")
