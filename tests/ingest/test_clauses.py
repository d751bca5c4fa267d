"""What one sentence's clauses say: the clause a date opens after a conjunction, the verb of
the date's own clause, a past date in a future sentence, a cut title ended at a phrase, and a
source's own headline in sentence case in the summary too. Sources written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.ingest.pipeline import process

ROOT = Path(__file__).resolve().parents[2]


def _all_events(tmp_path: Path, text: str, language: str = "en",
                published: str = "2024-05-06"):
    path = tmp_path / "source.txt"
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".meta.yaml").write_text(
        f"publisher: Test Desk\npublished: {published}\nlanguage: {language}\n"
        "url: https://example.org/a\n", encoding="utf-8")
    return process(path, {}, ROOT / "content" / "actors.yaml").events


def _events(tmp_path: Path, text: str, language: str = "en", published: str = "2024-05-06"):
    return {e.date.isoformat()[:4] if e.date else None: e
            for e in _all_events(tmp_path, text, language, published)}


def test_a_date_after_and_before_a_comma_opens_the_next_clause(tmp_path):
    events = _events(tmp_path, "Guard\n\nDeployments of the Iowa National Guard to Kosovo "
                     "began in 2003 and in 2011, the Kosovo Security Force joined the State "
                     "Partnership Program with Iowa.")
    assert events["2011"].clause.startswith("in 2011, the Kosovo Security Force joined")
    assert events["2011"].kind == "join" and "joins" in events["2011"].title
    assert "joins" not in events["2003"].title  # its own clause deploys


def test_a_date_after_a_name_list_stays_in_its_clause(tmp_path):
    events = _events(tmp_path, "Talks\n\nThe prime minister met Mr Hahn and Mrs Mogherini in "
                     "2016, a meeting of the association council.")
    assert events["2016"].clause.startswith("The prime minister met")


def test_albanian_date_after_dhe_opens_the_next_clause(tmp_path):
    events = _events(tmp_path, "Garda\n\nDislokimet e Gardës Kombëtare filluan në vitin 2003 "
                     "dhe në vitin 2011, Forca e Sigurisë së Kosovës iu bashkua Programit të "
                     "Partneritetit Shtetëror.", "sq")
    assert events["2011"].kind == "join"
    assert events["2011"].title.endswith("joins the State Partnership Program")


def test_a_date_before_publication_in_a_future_sentence_occurred(tmp_path):
    events = _events(tmp_path, "Troops\n\nOnce in Kosovo, the soldiers will lead a regional "
                     "command of KFOR, the mission that has kept the peace there since 1999.",
                     published="2022-10-01")
    assert events["1999"].status == "occurred"


def test_a_title_cut_inside_a_phrase_ends_before_it():
    from briefings.ingest.frames import _uncut

    cut = "Work of turning the old territorial guard into a modern force began under the guidance"
    assert _uncut(cut) == "Work of turning the old territorial guard into a modern force began"
    # no verb before the preposition, or too few words: left as it is
    assert _uncut("Ten years of guidance under the alliance") == \
        "Ten years of guidance under the alliance"
    assert _uncut("The army began under the guidance and help") == \
        "The army began under the guidance and help"


def test_a_source_headline_in_title_case_is_in_sentence_case_in_the_summary():
    import datetime as dt

    from briefings.ingest import frames
    from briefings.ingest.headline import People
    from briefings.ingest.model import Event, Source
    from briefings.ingest.pipeline import registry
    from briefings.model import SourceMeta

    headline = "Allied Forces Restore Calm In Border Town"
    actors, reg = registry(ROOT / "content" / "actors.yaml")
    people = People(actors, reg, publisher="Test Desk", published=(dt.date(1999, 6, 22), "day"))
    src = Source(Path("t.txt"), "t.txt", SourceMeta(Path("t.txt"), publisher="Test Desk",
                 language="en"), language="en", title=headline,
                 text=headline + "\n\nPeople went back to the market on Monday.")
    ev = Event("k", dt.date(1999, 6, 21), "day", "occurred", headline, "went back to the market",
               "People went back to the market on Monday.", 0, "statements", score=2,
               summary=headline)
    src.events = [ev]
    frames.settle(src, people)
    assert ev.title == ev.summary == "Allied forces restore calm in border town"


def test_a_headline_naming_a_document_tells_what_happened():
    from briefings.ingest.frames import document_headline

    assert document_headline("Minister’s remarks at the cyber defence forum",
                             "Minister’s remarks at the cyber defence forum") == (
        "Minister speaks at the cyber defence forum", "Minister spoke at the cyber defence forum")
    assert document_headline("Statement by the embassy on the new border crossing", "x")[0] == \
        "The embassy issues a statement on the new border crossing"
    assert document_headline("Kosovo receives new vehicles", "s") == \
        ("Kosovo receives new vehicles", "s")


def test_two_days_of_one_source_do_not_share_its_headline(tmp_path):
    path = tmp_path / "source.txt"
    path.write_text("SAD šalju vojsku na Kosovo\n\nGuverner je u petak na ceremoniji ispraćaja "
                    "rekao da vojnici \"predstavljaju najbolje što država može da ponudi\". "
                    "Jedinica od 20 vojnika napustila je kamp u subotu i krenula preko Nemačke "
                    "na Kosovo.", encoding="utf-8")
    path.with_suffix(".meta.yaml").write_text(
        "publisher: Test Desk\npublished: 2022-10-05\nlanguage: sr\n"
        "url: https://example.org/a\ntitle: SAD šalju vojsku na Kosovo\n", encoding="utf-8")
    src = process(path, {}, ROOT / "content" / "actors.yaml")
    titles = [e.title for e in src.events if e.date is not None]
    assert len(titles) == 2 and len(set(titles)) == 2, titles


def test_a_state_dated_since_a_year_is_told_as_its_start():
    from briefings.ingest.frames import since_start

    assert since_start("The province has been administered by the UN") == (
        "The UN begins to administer the province", "The UN began to administer the province")
    assert since_start("Montenegro has been a member of the alliance")[0] == \
        "Montenegro becomes a member of the alliance"
    assert since_start("The base has been praised by visitors") is None  # no state it keeps


def test_since_a_year_in_an_english_source_heads_the_start(tmp_path):
    events = _events(tmp_path, "Handover\n\nThe province has been administered by the UN "
                     "since 1999, when the war ended.", published="2008-06-13")
    assert events["1999"].title == "The UN begins to administer the province"


def test_a_clause_after_a_comma_with_its_own_subject_takes_no_earlier_actor(tmp_path):
    events = _events(tmp_path, "Plans\n\nThe announcement fits with United Nations plans to "
                     "restructure the UNMIK mission in Kosovo, as the territory prepares to "
                     "adopt a new constitution this weekend.", published="2008-06-13")
    (title,) = [e.title for e in events.values() if e.date is not None]
    assert not {"UN", "UNMIK", "Nations"} & set(title.split()) and "onstitution" in title, title


def test_what_came_within_weeks_of_a_date_is_dated_by_its_year(tmp_path):
    events = _all_events(tmp_path, "Base\n\nBuilding work on the camp started within weeks of "
                         "the alliance's arrival in the province in June 1999.",
                         published="2005-01-10")
    (ev,) = [e for e in events if e.date is not None and not e.landmark]
    assert (ev.date.isoformat(), ev.precision) == ("1999-01-01", "year")
    # what it came after is a development of its own, dated by the words' month
    (landmark,) = [e for e in events if e.landmark]
    assert (landmark.date.isoformat(), landmark.precision) == ("1999-06-01", "month")
    assert landmark.evidence == ["the alliance's arrival in the province in June 1999"]
    assert landmark.kind == "deploy" and landmark.status == "occurred"


def test_what_came_days_after_a_day_is_dated_by_its_month(tmp_path):
    events = _events(tmp_path, "Vizita\n\nMinistri i Mbrojtjes e vizitoi bazën disa ditë pas "
                     "18 marsit 2025.", "sq", published="2025-04-02")
    (ev,) = [e for e in events.values() if e.date is not None]
    assert (ev.date.isoformat(), ev.precision) == ("2025-03-01", "month")


@pytest.mark.parametrize(("language", "text", "title"), [
    ("en", "Patrols\n\nFollowing the attack of 24 September 2023 near Banjska, NATO sent more "
     "troops to KFOR.", "The attack in Banjska"),
    ("sq", "Patrullat\n\nPas përleshjeve të 29 majit 2023 në Zveçan, NATO dërgoi ushtarë "
     "shtesë.", "The clashes in Zvečan"),
    ("sr", "Patrole\n\nNakon napada od 24. septembra 2023. na severu Kosova, NATO je poslao "
     "dodatne snage.", "The attack in Kosovo"),
])
def test_an_earlier_incident_a_date_names_is_headed_as_the_incident(tmp_path, language, text,
                                                                    title):
    events = _events(tmp_path, text, language, published="2023-10-03")
    assert title in [e.title for e in events.values()], [e.title for e in events.values()]


def test_a_place_in_words_naming_an_incident_is_not_where_troops_went(tmp_path):
    events = _events(tmp_path, "Pas sulmit të Banjskës, KFOR shton 1000 trupa\n\nKFOR tha se "
                     "numri i ushtarëve të tij u rrit me rreth 1000, pas sulmit në Banjskë më 24 "
                     "shtator.", "sq", published="null")
    assert not any("Banjska" in e.title for e in events.values()), [
        e.title for e in events.values()]


def test_concern_over_troops_names_who_voiced_it(tmp_path):
    events = _events(tmp_path, "Reagimi\n\nTë enjten, Vuçiq deklaroi se e sheh me shqetësim "
                     "ardhjen e trupave të reja në Kosovë.", "sq", published="2023-10-06")
    (ev,) = [e for e in events.values() if e.date is not None]
    assert "Vučić voices concern over troops" in ev.title, ev.title



def test_an_incident_is_summarised_as_having_taken_place(tmp_path):
    events = _events(tmp_path, "Patrols\n\nFollowing the attack of 24 September 2023 near "
                     "Banjska, NATO sent more troops to KFOR.", published="2023-10-03")
    (ev,) = [e for e in events.values() if e.incident]
    assert ev.summary == "The attack in Banjska took place"


@pytest.mark.parametrize(("language", "text", "year", "title"), [
    ("sq", "Reagimi\n\nPresidenti serb e quajti nismën shkelje të marrëveshjes së vitit 1996 "
     "për kontrollin e armatimeve.", "1996", "Arms control agreement signed"),
    ("sr", "Reakcija\n\nPredsednik je rekao da je to kršenje sporazuma iz 1996. godine o "
     "kontroli naoružanja.", "1996", "Arms control agreement signed"),
    ("en", "Reaction\n\nThe Serbian president called the pact a breach of the 1996 arms "
     "control agreement.", "1996", "Arms control agreement signed"),
    ("en", "Reaction\n\nThe minister recalled the law of 2019 on the Kosovo Security Force.",
     "2019", "Laws are adopted"),
    ("en", "Plan\n\nThe 18 March 2025 declaration signed in Tirana commits the three nations "
     "to closer work.", "2025", "Declaration signed in Tirana"),
    ("en", "Ties\n\nIt is the result of the conclusions of the Summit of Warsaw in July 2016, the "
     "minister said.", "2016", "Summit held in Warsaw"),
    ("sq", "Lidhjet\n\nKjo është rezultat i përfundimeve të samitit të Varshavës në korrik 2016, "
     "tha ministri.", "2016", "Summit held in Warsaw"),
])
def test_a_document_a_date_names_is_told_as_signed_or_adopted(tmp_path, language, text, year,
                                                             title):
    events = _events(tmp_path, text, language, published="2025-03-20")
    assert events[year].title == title, events[year].title
    assert " was " in events[year].summary or events[year].summary != title


def test_a_date_beside_a_document_it_does_not_name_keeps_its_clause(tmp_path):
    events = _events(tmp_path, "Tirana\n\nShqipëria, Kosova dhe Kroacia nënshkruan "
                     "deklaratën e 18 marsit 2025 në Tiranë.", "sq", published="2025-03-20")
    assert events["2025"].title == "Albania, Kosovo and Croatia sign a declaration in Tirana"


@pytest.mark.parametrize(("sentence", "first", "second"), [
    ('"On 20 January the old corps will be disbanded and on 21 January the Kosovo Security '
     'Force will be stood up," the spokesman said.', '"On 20 January the old corps will be '
     'disbanded', "on 21 January the Kosovo Security Force will be stood up"),
    ("Më 20 janar TMK shpërbëhet dhe më 21 janar FSK themelohet.", "Më 20 janar TMK shpërbëhet",
     "më 21 janar FSK themelohet."),
])
def test_each_date_fronting_its_own_clause_after_and_keeps_its_clause(sentence, first, second):
    from briefings.ingest.events import clause_of

    for day, clause in zip(("20", "21"), (first, second), strict=True):
        at = sentence.index(day)
        end = sentence.index(" ", at + 3)  # "20 January", "20 janar"
        assert clause_of(sentence, at, end)[0] == clause


def test_two_dates_of_one_clause_share_it():
    from briefings.ingest.events import clause_of

    sentence = "The talks began on 3 May and ended on 5 May with a joint statement."
    at = sentence.index("3 May")
    assert clause_of(sentence, at, at + 5)[0] == sentence


def test_a_date_opening_a_long_sentence_keeps_the_clause_after_its_comma(tmp_path):
    """"Earlier this year, X did Y, its first …": the clause is X did Y, not the date alone
    (two reprints of one wire story then read alike, and make one development)."""
    events = _events(tmp_path, "Platoon\n\nEarlier this year, Kosovo sent a platoon of its "
                     "security force to Kuwait, its first involvement in an international "
                     "peacekeeping mission abroad under a partner's command.",
                     published="2021-08-30")
    assert events["2021"].clause == "Earlier this year, Kosovo sent a platoon of its security " \
        "force to Kuwait"
    assert events["2021"].words
    listed = _events(tmp_path, "Drills\n\nLast month, the defence ministers of Kosovo, Albania "
                     "and Croatia met in Tirana to plan joint drills for the coming season with "
                     "officers of their partners, a ministry statement said.",
                     published="2024-06-10")
    assert "Kosovo, Albania and Croatia met in Tirana" in listed["2024"].clause


def test_a_progressive_clause_is_headed_in_the_present(tmp_path):
    events = _events(tmp_path, "Cyber week\n\nAll week, members of the 132nd Cyber Squadron "
                     "were working with members of the KSF cyber-security team.",
                     published="2019-10-01")
    (event,) = events.values()
    assert "were working" not in event.title and " work with " in event.title, event.title


def test_a_relative_clause_between_subject_and_verb_is_left_out(tmp_path):
    """"The session, whose agenda …, is scheduled for 14 December": the session is; a
    relative clause that holds the date is the date's own ("…, who was killed in 1969")."""
    events = _events(tmp_path, "Session\n\nThe session of the Kosovo Assembly, whose agenda "
                     "will hold the vote on the laws of the security force, is scheduled for "
                     "December 14.", published="2018-12-05")
    (event,) = events.values()
    assert event.title == "Session of the Kosovo Assembly scheduled", event.title
    named = _events(tmp_path, "Camp\n\nThe new base in the east of Kosovo is named after a "
                    "young infantry sergeant, who was killed in Vietnam in 1969.",
                    published="1999-11-20")
    assert "killed in Vietnam" in named["1969"].title and "named" not in named["1969"].title
