"""Event frames (briefings/ingest/frames.py): English headlines from Albanian, Serbian (both
scripts) and English words, with the project's registry; sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefings.headline_checks import failures
from briefings.ingest import frames
from briefings.ingest.headline import People
from briefings.ingest.pipeline import registry

ROOT = Path(__file__).resolve().parents[2]
AT = (dt.date(2025, 3, 18), "day")


@pytest.fixture(scope="module")
def people() -> People:
    actors, reg = registry(ROOT / "content" / "actors.yaml")
    return People(actors, reg)


@pytest.mark.parametrize(("code", "text", "title"), [
    ("sq", "Kosova, Shqipëria dhe Kroacia nënshkruan sot një deklaratë për mbrojtjen",
     "Kosovo, Albania and Croatia sign a defence cooperation declaration"),
    ("sr", "NATO je odobrio dodatne snage za KFOR",
     "NATO approves additional forces for KFOR"),
    ("sr", "НАТО је одобрио додатне снаге за КФОР",  # Cyrillic: matched transliterated
     "NATO approves additional forces for KFOR"),
    ("sq", "Kosova furnizohet me 12 autoblinda nga SHBA",
     "Kosovo receives 12 armoured vehicles from the United States"),
    ("en", "Kosovo sent a small unit of soldiers to Kuwait",
     "Kosovo deploys troops to Kuwait"),
    # a number before an anniversary is its order; before troops, a count
    ("sq", "KFOR-i shënoi sot 20 vjetorin e misionit në Kosovë",
     "KFOR marks the 20th anniversary in Kosovo"),
])
def test_frame_headline_is_english_and_names_who_did_what(people, code, text, title):
    frame = frames.find(text, code, people)
    assert frame.complete
    got, sentence = frames.render(frame, people, AT)
    assert got == title
    assert not failures(got) and sentence != got


def test_serbian_cyrillic_is_read_with_the_latin_lexicon(people):
    # ц, ј and ж as Serbian Latin writes them, not as a generic transliteration does
    frame = frames.find("Министри су потписали декларацију у Тирани", "sr", people)
    assert frame.kind == "sign" and frame.obj == "a declaration"


def test_person_is_named_with_the_office_held_on_the_date(people):
    frame = frames.find("Ministri i Mbrojtjes, Armend Mehaj, vizitoi sot Kroacinë", "sq",
                        people)
    title, _s = frames.render(frame, people, (dt.date(2022, 5, 1), "day"))
    assert title.endswith("Armend Mehaj visits Croatia")
    assert title != "Armend Mehaj visits Croatia"  # an office precedes the name


def test_a_frame_without_who_or_what_is_not_complete(people):
    # a place and a date, nothing done: no headline from it
    assert not frames.find("Në Kosovë, të martën e kaluar", "sq", people).complete
    # a kind that needs its object does not borrow one it does not take
    frame = frames.find("Kosova nënshkruan me ushtarë", "sq", people)
    assert frame.obj != "troops"


def test_code_of_language():
    assert frames.code_of("sr-Cyrl") == "sr"
    assert frames.code_of(None) == "en"
    assert frames.code_of("de") == "en"


def _ingest_one(tmp_path: Path, name: str, text: str, language: str):
    from briefings.entryfile import read_entry
    from tests.ingest.conftest import ingest, new_content

    src = tmp_path / "sources" / name
    src.parent.mkdir()
    src.write_text(text, encoding="utf-8")
    src.with_suffix(".meta.yaml").write_text(
        f"publisher: Test Desk\npublished: 2024-01-12\nlanguage: {language}\n", encoding="utf-8")
    content = new_content(tmp_path / "content")
    ingest([src], content)
    return [read_entry(p)[0] for p in sorted((content / "briefings").rglob("*.md"))]


def test_albanian_source_gets_an_english_headline_and_summary(tmp_path):
    entries = _ingest_one(tmp_path, "albanian_handover.txt",
                          "Kosova furnizohet me 12 autoblinda nga SHBA.\n\nMë 10 janar 2024, "
                          "Kosova pranoi 12 autoblinda nga SHBA në Prishtinë.\n", "sq")
    dated = [e for e in entries if e.date == dt.date(2024, 1, 10)]
    assert dated and dated[0].title.startswith("Kosovo receives 12 armoured vehicles")
    assert "title-needs-review" not in dated[0].flags
    assert "The date comes from" not in dated[0].body
    assert dated[0].summary.endswith("the source gives the date.")


def test_source_without_the_parts_is_flagged_for_review(tmp_path):
    entries = _ingest_one(tmp_path, "albanian_without_actors.txt",
                          "Më 10 janar 2024 u mbajt një ceremoni e shkurtër në qytet.\n", "sq")
    assert entries
    for entry in entries:
        assert "title-needs-review" in entry.flags
        # English and no fragment; at worst a placeholder an editor sees flagged and replaces
        assert set(failures(entry.title)) <= {"says-nothing"}


def test_english_title_kept_in_headline_form():
    assert frames._headline_form("Task Force Eagle was formed") == "Task Force Eagle formed"
    assert frames._headline_form("The depot was operational") == "The depot was operational"
    assert not frames._sentence_like("Gashi said here")
    assert frames._sentence_like("Gashi opens the depot")


def test_unregistered_speaker_is_named_as_written(people):
    frame = frames.find("Dje Petrović tha se është i shqetësuar për Kosovën dhe Shqipërinë",
                        "sq", people)
    assert frame.complete
    title, _s = frames.render(frame, people, AT)
    assert title == "Petrović voices concern over Kosovo and Albania"
    # a pronoun before the verb of saying is nobody's name
    assert frames.find("Ai tha se është i shqetësuar për Kosovën", "sq", people).subject == []


@pytest.mark.parametrize("code", frames.LANGUAGES)
def test_lexicon_loads_and_holds_only_words(code):
    """YAML reads a bare on/no/yes as a boolean: every item of a lexicon must stay a string."""
    import yaml

    data = yaml.safe_load((frames.DATA / code / "events.yaml").read_text(encoding="utf-8"))
    for key, value in data.items():
        items = value if isinstance(value, list) else [
            w for ws in value.values() for w in (ws if isinstance(ws, list) else [ws])]
        assert all(isinstance(w, str) for w in items), key
    assert frames.lexicon(code).kinds


def test_a_title_cut_mid_phrase_is_told_apart_from_a_whole_one():
    clause = ("Kosovo sent a small platoon of engineers to Kuwait to take part in the country's "
              "first ever international training mission")
    cut = " ".join(clause.split()[:16])
    assert frames._cut(cut, clause)
    whole = "The corps will be disbanded and a new force will be stood up on the same day now"
    assert not frames._cut(whole, f'"{whole}," a spokesman said')


def test_passive_headline_when_nobody_is_named(people):
    frame = frames.find("Automjetet e blinduara kanë hyrë në shërbim", "sq", people)
    assert not frame.subject and frame.kind == "enter_service"
    title, _s = frames._passive(frame, people, AT)
    assert title == "Armoured vehicles enter service"


def test_a_planned_development_nobody_is_named_for_is_one_to_be_done(people):
    """Not "A constitution is adopted" for what a source says will be adopted."""
    adopt = frames.Frame("adopt", [], [], None, "a constitution")
    assert frames._passive(adopt, people, AT, planned=True) == (
        "A constitution to be adopted", "A constitution is to be adopted")
    service = frames.Frame("enter_service", [], [], None, "armoured vehicles")
    assert frames._passive(service, people, AT, planned=True)[0] == \
        "Armoured vehicles to enter service"



def test_a_source_headline_in_title_case_is_written_in_sentence_case(people):
    text = ("The alliance said it will send more troops after the security situation in the "
            "north got worse. Soldiers from Camp Bondsteel will join them, officials said.")
    title = "NATO Says It Will Send More Troops To Kosovo Amid Worsening Security Situation"
    assert frames.sentence_case(title, text + " " + title, people) == \
        "NATO says it will send more troops to Kosovo amid worsening security situation"
    # names keep their capitals: the registry's, and those the text writes only so
    assert frames.sentence_case("Troops From Camp Bondsteel Join Kosovo Security Force Drill",
                                text + " The drill was held.", people) == \
        "Troops from Camp Bondsteel join Kosovo Security Force drill"
    # a headline already in sentence case is left as it is
    sentence = "Croatia, Albania and Kosovo sign a declaration in Tirana"
    assert frames.sentence_case(sentence, text, people) == sentence
