"""Headlines for review when the frame of a development's dated words is wanting
(briefings/ingest/frames.py, ``_fallback`` and ``_more``): each class of sentence that used to
end in the placeholder "<publisher> reports a development in …". Sentences written for these
tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefings.headline_checks import failures
from briefings.ingest import frames
from briefings.ingest.headline import People
from briefings.ingest.model import Event, Source
from briefings.ingest.pipeline import registry
from briefings.model import SourceMeta

ROOT = Path(__file__).resolve().parents[2]
AT = (dt.date(2024, 5, 6), "day")


@pytest.fixture(scope="module")
def people() -> People:
    actors, reg = registry(ROOT / "content" / "actors.yaml")
    return People(actors, reg, publisher="Test Desk", published=AT)


def _event(clause: str, sentence: str = "", category: str = "statements",
           actors: list[str] | None = None, date: dt.date | None = dt.date(2024, 5, 6)) -> Event:
    sentence = sentence or clause
    return Event("test-key", date, "day" if date else None, "occurred", clause, clause,
                 sentence, 0, category, sentences=[sentence], actors=actors or [])


def _source(language: str, title: str | None = None) -> Source:
    meta = SourceMeta(Path("test.txt"), publisher="Test Desk", language=language)
    return Source(Path("test.txt"), "test.txt", meta, language=language, title=title)


def _title(ev: Event, src: Source, people: People) -> str:
    best = max((frames.find(t, frames.code_of(src.language), people)
                for t in (ev.clause, ev.sentence)), key=lambda f: f.parts)
    title, _sentence = frames._fallback(best, ev, src, people, AT)
    return title


def _headline(title: str) -> None:
    assert not failures(title), (title, failures(title))
    assert "reports a development" not in title


# --- English: the clause rewritten to a headline -------------------------------------------


def test_subordinating_conjunction_is_taken_off(people):
    ev = _event("once the Kosovo Security Force had completed (May 2024) its first exercise "
                "abroad", "The unit flew home once the Kosovo Security Force had completed "
                "(May 2024) its first exercise abroad.")
    title = _title(ev, _source("en"), people)
    _headline(title)
    assert title.startswith("Kosovo Security Force completes its first exercise abroad")


def test_relative_clause_takes_the_name_it_is_about(people):
    ev = _event("who was wounded near Mitrovica in 2011; the camp still bears his name",
                "The new gym honours Corporal Anna Berisha, who was wounded near Mitrovica "
                "in 2011; the camp still bears his name.")
    title = _title(ev, _source("en"), people)
    _headline(title)
    assert title == "Corporal Anna Berisha wounded near Mitrovica"  # no date, no auxiliary


def test_phrase_between_subject_and_verb_is_taken_out(people):
    ev = _event("after a fortnight of drills in April", "The engineer company, after a "
                "fortnight of drills in April, was certified ready and moved to the north.")
    title = _title(ev, _source("en"), people)
    _headline(title)
    assert title == "Engineer company certified ready"


def test_progressive_told_in_the_simple_present(people):
    ev = _event("Throughout June", "Throughout June, medics of the Ohio unit were training "
                "with medics of the Kosovo Security Force.")
    title = _title(ev, _source("en"), people)
    _headline(title)
    assert title.startswith("Medics of the Ohio unit train with medics of the Kosovo")


@pytest.mark.parametrize(("told", "present"), [
    ("they were working with", "they work with"),
    ("the team is operating in", "the team operates in"),
    ("they were planning", "they plan"),
    ("the unit was training", "the unit trains"),
    ("the camp was closed", "the camp was closed"),  # not a progressive: unchanged
])
def test_progressive_forms(told, present):
    assert frames._progressive(told) == present


def test_date_words_are_not_kept_in_the_rewritten_clause():
    ev = _event("Since 3 March 2022, the battalion has been stationed in Peja",
                "Since 3 March 2022, the battalion has been stationed in Peja.")
    clauses = frames._english_clauses(ev)
    assert clauses and all("2022" not in c and "March" not in c for c in clauses)


# --- frames around another verb; a reinforcement in troops ---------------------------------


def test_complete_frame_around_a_later_verb(people):
    # the first verb ("strengthened") has no subject ("we"); the second makes a frame, whose
    # subject is the actor named right before it, not the first one of the sentence
    ev = _event("we have strengthened KFOR's presence along the boundary, and a week later "
                "NATO approved additional forces for the mission")
    title = _title(ev, _source("en"), people)
    _headline(title)
    assert title == "NATO approves additional forces"


@pytest.mark.parametrize(("code", "text"), [
    ("sq", "KFOR-i: kemi shtuar edhe 500 ushtarë në veri"),
    ("sr", "KFOR je pojačao prisustvo sa još 500 vojnika na severu"),
    ("sr", "КФОР је појачао присуство са још 500 војника на северу"),
])
def test_reinforcement_in_troops_deploys_more(people, code, text):
    frame = frames._troops(text, code, people)
    assert frame.complete
    title, _s = frames.render(frame, people, AT)
    _headline(title)
    assert title.startswith("KFOR deploys 500 additional troops")


def test_reinforcement_without_troops_is_no_deployment(people):
    assert not frames._troops("KFOR-i ka forcuar praninë në veri", "sq", people).kind


# --- who the entry names when the words do not ---------------------------------------------


@pytest.mark.parametrize(("code", "text"), [
    ("sq", "Ministrat e këtyre vendeve janë takuar përsëri javën e kaluar."),
    ("sr", "Ministri ovih zemalja su se ponovo sastali prošle nedelje."),
    ("en", "Their ministers met again last week."),
])
def test_officials_of_the_countries_the_entry_names(people, code, text):
    ev = _event(text, actors=["nato", "kosovo", "albania", "croatia"], category="statements")
    title = _title(ev, _source(code), people)
    _headline(title)
    # countries only: an alliance is no country whose officials meet
    assert title == "Officials of Kosovo, Albania and Croatia meet"


def test_person_the_lead_names_comments_on_the_object(people):
    ev = _event("Besoj se deri në verë do t'i kemi të gjitha.")
    src = _source("sq", "Mehaj: dronët e rinj vijnë deri në verë")
    title = _title(ev, src, people)
    _headline(title)
    assert "Armend Mehaj comments on drones" in title


def test_no_parts_at_all_still_ends_in_the_placeholder(people):
    ev = _event("Më 10 janar u mbajt një ceremoni e shkurtër në qytet.")
    title = _title(ev, _source("sq"), people)
    assert failures(title) == ["says-nothing"]


def test_the_placeholder_summary_says_whom_the_words_name(people):
    """The reviewer who writes the headline learns from the summary who is involved."""
    ev = _event("Od 2004. godine ta zemlja ima poseban status.", category="statements",
                actors=["kuwait", "nato"])
    best = frames.find(ev.clause, "sr", people)
    _title, summary = frames._fallback(best, ev, _source("sr"), people, AT)
    assert summary == "The source reports a development in statements and positions " \
        "involving Kuwait and NATO"


# --- who acted and the kind, with the object the kind implies ------------------------------


@pytest.mark.parametrize(("code", "text"), [
    ("sq", "Dërgimi i Gardës Kombëtare të Iowa-s atje vazhdoi çdo vit."),
    ("sr", "Slanje Nacionalne garde Ajove tamo se nastavilo svake godine."),
    ("en", "Deployment of the Iowa National Guard there went on every year."),
])
def test_subject_and_kind_take_the_object_the_kind_implies(people, code, text):
    ev = _event(text, category="missions-and-deployments")
    title = _title(ev, _source(code), people)
    _headline(title)
    assert title == "The Iowa National Guard deploys troops"


def test_kind_without_an_implied_object_is_not_completed(people):
    # a meeting takes a counterpart, which the words do not give: no headline of the kind
    ev = _event("Zyrtari i KFOR-it u takua dje.")
    assert not _title(ev, _source("sq"), people).startswith("KFOR meets")


@pytest.mark.parametrize(("code", "text", "kind", "obj"), [
    ("sq", "Dërgimi i trupave amerikane në Kosovë", "deploy", "troops"),
    ("sr", "Slanje dodatnih snaga na Kosovo", "deploy", "additional forces"),
    ("en", "Deployments of troops to Kosovo go on", "deploy", "troops"),
    ("sq", "Deputetët miratuan dy projektligje për mbrojtjen", "approve", "laws"),
])
def test_nominal_forms_of_the_lexicon(people, code, text, kind, obj):
    frame = frames.find(text, code, people)
    assert (frame.kind, frame.obj) == (kind, obj)


# --- a pronoun that opens the clause; a quote is no headline -------------------------------


def _with_text(ev: Event, src: Source, text: str) -> tuple[Event, Source]:
    src.text = text
    return ev, src


@pytest.mark.parametrize(("before", "subject"), [
    ("The Balkan Rescue Brigade is a volunteer unit.", "Balkan Rescue Brigade"),  # as written
    ("The Kosovo Security Force is a small force.", "Kosovo Security Force"),  # the registry's
])
def test_pronoun_is_the_subject_of_the_sentence_before(people, before, subject):
    sentence = "It was founded in March 2001 as a successor of an older unit that was disbanded."
    ev, src = _with_text(_event(sentence), _source("en"), f"Intro line.\n\n{before} {sentence}")
    title = _title(ev, src, people)
    _headline(title)
    assert title.startswith(f"{subject} founded as a successor of an older unit")


def test_pronoun_is_not_an_actor_named_after_the_subject(people):
    # "it" is the unit, not Kosovo, which the sentence before names later on
    sentence = "It was founded in March 2001 as a successor of an older unit."
    ev, src = _with_text(_event(sentence), _source("en"),
                         f"The unit serves Kosovo and Albania. {sentence}")
    assert not _title(ev, src, people).startswith("Kosovo")


def test_quote_is_told_apart():
    assert frames._quote("Test Desk: \u201cWe will be there soon\u201d")
    assert frames._quote("\u201cWe will be there soon\u201d")
    assert not frames._quote("NATO approves additional forces")


# --- signers named after the verb; the name of the object ----------------------------------


@pytest.mark.parametrize(("code", "text"), [
    ("sr", "Sporazum su u Skoplju potpisali ministri Kosova, Albanije i Hrvatske."),
    ("sr", "Споразум су у Скопљу потписали министри Косова, Албаније и Хрватске."),
])
def test_signers_named_after_the_verb_sign(people, code, text):
    ev = _event(text, category="agreements")
    title = _title(ev, _source(code), people)
    _headline(title)
    assert title.startswith("Kosovo, Albania and Croatia sign an agreement")


def test_english_passive_takes_the_name_of_the_object(people):
    ev = _event("After the Border Security Agreement was signed, patrols resumed.",
                category="agreements")
    assert frames._named_object(ev, _source("en"), "an agreement") == \
        "Border Security Agreement"
    assert frames._named_object(ev, _source("sq"), "an agreement") is None
    assert frames._named_object(ev, _source("en"), "a contract") is None
    title, _s = frames._passive(frames.Frame("sign", [], [], None, "Border Security Agreement"),
                                people, AT)
    assert title == "Border Security Agreement signed"


# --- the words of someone quoted are not the development -----------------------------------


@pytest.mark.parametrize(("code", "text"), [
    ("sr", 'Komandant je rekao da su vojnici "najbolje što NATO može da ponudi".'),
    ("sq", "Komandanti tha se ushtarët janë “më të mirët që NATO mund të ofrojë”."),
    ("en", "The commander said the soldiers were \u201cthe best NATO can offer\u201d."),
])
def test_verb_inside_a_quote_is_no_kind(people, code, text):
    frame = frames.find(text, code, people)
    assert frame.kind != "offer"
    assert not frame.complete


def test_quote_that_is_the_whole_text_is_read(people):
    frame = frames.find("\u201cKosova nënshkruan marrëveshjen me SHBA\u201d", "sq", people)
    assert frame.kind == "sign"


def test_subject_is_not_named_inside_a_quote_before_the_verb(people):
    text = ("\u201cKFOR stays on the ground,\u201d the spokesman said, and NATO approved "
            "additional forces")
    frame = frames.find(text, "en", people)
    assert frame.subject == ["nato"]


@pytest.mark.parametrize(("code", "text"), [
    ("sq", "Deklaratë e SHBA-ve për Forcën e Sigurisë së Kosovës"),
    ("sr", "Deklaracija SAD o Kosovskim bezbednosnim snagama"),
])
def test_declaration_without_a_verb_is_a_statement(people, code, text):
    ev = _event(text)
    title = _title(ev, _source(code), people)
    _headline(title)
    assert title == "The United States issues a statement on the Kosovo Security Force"


def test_summary_tells_the_rewritten_clause_as_the_source_does(people):
    ev = _event("after a fortnight of drills in April", "The engineer company, after a "
                "fortnight of drills in April, was certified ready and moved to the north.")
    best = frames.find(ev.sentence, "en", people)
    title, sentence = frames._fallback(best, ev, _source("en"), people, AT)
    assert title == "Engineer company certified ready"
    assert sentence == "The engineer company was certified ready"
    ev = _event("Declaration", category="statements")
    _t, sentence = frames._statement(frames.Frame("announce", ["united-states"], [], None,
                                                  "a declaration"), ["ksf"], people, AT)
    assert sentence == "The United States issued a statement on the Kosovo Security Force"


# --- a sentence that tells two developments: the one of the date ---------------------------


def _dated(sentence: str, date_words: str, date: dt.date) -> tuple[Event, Source]:
    text = "A first line.\n\n" + sentence + "\n"
    ev = _event(sentence, sentence, date=date)
    ev.start = text.index(date_words)
    src = _source("en")
    src.text = text
    return ev, src


def test_frame_of_the_verb_nearest_the_date(people):
    sentence = ("\u201cIn March we strengthened KFOR's presence,\u201d he said, adding that "
                "last week NATO approved additional forces.")
    ev, src = _dated(sentence, "last week", dt.date(2024, 4, 29))
    assert frames._nearest(sentence, ev, src, people).kind == "approve"
    ev, src = _dated(sentence, "In March", dt.date(2024, 3, 1))
    near = frames._nearest(sentence, ev, src, people)
    assert near.kind == "reinforce"  # the date is in the quote: so is its development
    # only the frame of that verb is offered for review, not the other's
    titles = [frames.render(f, people, AT)[0] for f in frames._other_frames(ev, src, people)
              if f.complete]
    assert "NATO approves additional forces" not in titles


def test_quote_holding_the_dated_words_is_read(people):
    sentence = ("\u201cIn March we strengthened KFOR's presence,\u201d he said, adding that "
                "last week NATO approved additional forces.")
    assert frames.find(sentence, "en", people).kind == "approve"
    kept = frames.find(sentence, "en", people, keep="we strengthened KFOR's presence")
    assert kept.kind == "reinforce"


@pytest.mark.parametrize(("code", "text"), [
    ("sr", "NATO je rasporedio dodatne vojnike u sastavu KFOR-a"),
    ("sq", "NATO ka dërguar ushtarë shtesë në Kosovë"),
    ("en", "NATO sent extra soldiers to Kosovo"),
])
def test_additional_soldiers_are_additional_forces(people, code, text):
    frame = frames.find(text, code, people)
    assert (frame.kind, frame.obj) == ("deploy", "additional forces")


@pytest.mark.parametrize(("word", "kind"), [
    # Albanian verbs in -oj: the past plural and the participle have -u- ("dhuroi", "dhuruan",
    # "dhuruar"), which the present's patterns miss
    ("dhuruan", "donate"), ("dorëzuar", "donate"), ("autorizuar", "approve"),
    ("themeluan", "establish"), ("krijuar", "establish"), ("emëruar", "appoint"),
    ("kërkuan", "request"), ("ofruar", "offer"), ("lejuan", "offer"), ("forcuar", "reinforce"),
    ("dyfishuan", "reinforce"), ("filluar", "begin"), ("përkujtuan", "mark"),
])
def test_albanian_past_and_participle_forms(word, kind):
    assert kind in [k for k, _s, _e in frames.verbs_in(f"Ata e kanë {word} dje", "sq")]


@pytest.mark.parametrize(("code", "text", "kind"), [
    ("sq", "Kosova pranoi dje automjetet e blinduara", "receive"),
    ("sq", "Ushtria mori dje dronët e parë", "receive"),
    ("sr", "Ministri se sastaju sutra u Beogradu", "meet"),
    ("sr", "Ministar posećuje kasarnu", "visit"),
    ("sr", "Министар посећује касарну", "visit"),
    ("sr", "Vozila su primljena juče", "receive"),
    ("sr", "Vojnici su poslati na sever", "deploy"),
])
def test_more_inflected_forms(code, text, kind):
    assert kind in [k for k, _s, _e in frames.verbs_in(text, code)]


def test_year_range_goes_and_leaves_its_noun():
    ev = _event("The brigade fought in the north during the 1998-1999 war and left.")
    clauses = frames._english_clauses(ev)
    assert any("fought in the north during the war" in c for c in clauses)
    assert not any("1998" in c or "-" in c for c in clauses)


def test_long_clause_loses_its_complement(people):
    clause = ("The Western Balkans Disaster Response Battalion officially came into being as a "
              "successor of the regional civil protection units of the last decade")
    ev = _event(clause)
    title, _s = frames._clause_headline(clause, ev, people, AT)
    assert title == "Western Balkans Disaster Response Battalion officially comes into being"


@pytest.mark.parametrize(("code", "text"), [
    ("sq", "Vizita e Sekretarit të Përgjithshëm të NATO-s, Mark Rutte, në Kosovë"),
    ("sr", "Poseta generalnog sekretara NATO-a Marka Ruttea Kosovu"),
    ("en", "Visit of the NATO Secretary General, Mark Rutte, to Kosovo"),
])
def test_visit_of_an_office_holder_names_the_person(people, code, text):
    frame = frames.find(text, code, people)
    title, _s = frames.render(frame, people, AT)
    assert title.endswith("Mark Rutte visits Kosovo")


def test_visit_of_an_organisation_names_it(people):
    frame = frames.find("Vizita e NATO-s në Kosovë", "sq", people)
    assert frame.subject == ["nato"]


def test_troops_named_with_no_verb_are_deployed_not_announced(people):
    ev = _event("Trupat e NATO-s në Kosovë që nga viti 1999", actors=["nato", "kosovo"])
    title = _title(ev, _source("sq"), people)
    _headline(title)
    assert title.startswith("NATO deploys troops"), title


def test_this_organization_before_a_relative_clause_is_the_actor_named_before(people):
    sentence = ("The minister thanked the NATO allies, recalling that this organization which "
                "ten years ago stepped in to protect civilians in Kosovo remains a partner.")
    ev = _event("recalling that this organization which ten years ago stepped in to protect "
                "civilians in Kosovo", sentence, actors=["nato", "kosovo"],
                date=dt.date(2014, 1, 1))
    src = _source("en")
    src.text = sentence
    clauses = frames._english_clauses(ev, src, people)
    assert clauses[0] == "NATO stepped in to protect civilians in Kosovo", clauses


def test_a_state_brought_about_is_told_in_the_present():
    assert frames.becomes("The brigade headquarters was operational at the new camp") == \
        "The brigade headquarters becomes operational at the new camp"
    assert frames.becomes("Two companies were mission-ready by June") == \
        "Two companies become mission-ready by June"
    # not a state of the list: left for the other rules
    assert frames.becomes("The base was larger than expected") == \
        "The base was larger than expected"


def test_some_of_its_names_its_owner_from_the_sentence_before(people):
    text = ("The Kosovo Security Force is changing. Some of its units will train with the "
            "Iowa National Guard in May.")
    ev = _event("Some of its units will train with the Iowa National Guard in May",
                date=dt.date(2024, 5, 1))
    ev.sentence = "Some of its units will train with the Iowa National Guard in May."
    src = _source("en")
    src.text = text
    assert frames._antecedent(ev.clause, ev, src, people).startswith(
        "Some of the Kosovo Security Force’s units will train")
