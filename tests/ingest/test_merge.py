"""Stage 8, merge: one development, one entry, across outlets and languages; and never two
developments in one entry (two meetings on different days, a plan and its execution, a report
that fits two developments equally)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from tests.ingest.conftest import ROOT, entries, in_root, ingest, new_content

D = dt.date


def _event(source, date, words, actors=(), precision="day", status="occurred",
           category="statements"):
    from briefings.ingest.events import content_words
    from briefings.ingest.model import Event

    return Event(source=source, date=date, precision=precision if date else None,
                 status=status, title=words, clause=words, sentence=words, start=0,
                 category=category, evidence=[words] if date else [], sentences=[words],
                 words=content_words(words), actors=list(actors),
                 flags=[] if date else ["undated"])


def _groups(devs) -> list[list[str]]:
    return sorted(sorted(e.source for e in dev.events) for dev in devs)


MEETING = ("kosovo", "ejup-maqedonci", "us-department-of-defense")


def test_reports_in_other_languages_with_the_same_day_and_actors_are_one_development():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("en", D(2024, 5, 7), "Maqedonci held talks at the Pentagon", MEETING,
               category="meetings-and-visits"),
        _event("sq", D(2024, 5, 7), "Maqedonci u prit sot në Pentagon", MEETING),
        _event("sr", D(2024, 5, 1), "Makedonci se sastao u Pentagonu", MEETING, "month"),
    ])
    assert _groups(devs) == [["en", "sq", "sr"]]
    assert devs[0].date == D(2024, 5, 7) and devs[0].precision == "day"


def test_the_same_people_on_two_days_a_plan_and_its_execution_stay_apart():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("a", D(2024, 6, 3), "Maqedonci met Pentagon officials", MEETING,
               category="meetings-and-visits"),
        _event("b", D(2024, 6, 5), "Maqedonci u takua me zyrtarë të Pentagonit", MEETING),
        _event("c", D(2024, 6, 1), "Maqedonci will visit the Pentagon", MEETING, "month",
               status="planned"),
        # another kind of development on the same day, among the same actors
        _event("d", D(2024, 6, 3), "nënshkruan marrëveshje", MEETING, category="agreements"),
        _event("e", D(2024, 6, 3), "a different story", ("croatia",)),
    ])
    assert _groups(devs) == [["a"], ["b"], ["c"], ["d"], ["e"]]


def test_a_report_further_down_an_article_needs_more_than_one_common_actor():
    from briefings.ingest.merge import merge

    aside = _event("x", D(2024, 5, 7), "Kosova priti një delegacion", ("kosovo",))
    aside.start = 400  # the article's own story comes first
    devs = merge([
        _event("x", D(2024, 3, 1), "Kosova nënshkroi marrëveshje", ("kosovo", "croatia")),
        aside,
        _event("y", D(2024, 5, 7), "Kosovo opened a KSF barracks", ("kosovo", "ksf")),
    ])
    assert _groups(devs) == [["x"], ["x"], ["y"]]


def test_a_month_that_holds_two_developments_of_the_same_actors_joins_neither():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("a", D(2024, 6, 3), "Maqedonci met Pentagon officials", MEETING),
        _event("b", D(2024, 6, 5), "Maqedonci u takua me zyrtarë të Pentagonit", MEETING),
        _event("c", D(2024, 6, 1), "Makedonci u Pentagonu", MEETING, "month"),
    ])
    assert _groups(devs) == [["a"], ["b"], ["c"]]


def test_a_report_with_no_date_joins_the_development_published_days_after_it():
    from briefings.ingest.merge import merge

    events = [
        _event("dated", D(2024, 5, 7), "Maqedonci held talks at the Pentagon", MEETING),
        _event("soon", None, "Maqedonci pas takimit në Pentagon", MEETING),
        _event("late", None, "Maqedonci flet për Pentagonin", MEETING),
        # publication date unknown: words in common, or two uncommon actors (a person, a body)
        _event("unknown", None, "Ministri flet për partneritetin", ("kosovo", "united-states")),
        _event("same-words", None, "Maqedonci held talks with Pentagon", ("kosovo",)),
        _event("same-people", None, "Ministri flet për partneritetin", MEETING),
    ]
    published = {"dated": "2024-05-07", "soon": "2024-05-09", "late": "2024-06-20"}
    devs = merge(events, published)
    assert _groups(devs) == [["dated", "same-people", "same-words", "soon"], ["late"],
                             ["unknown"]]
    joined = next(d for d in devs if len(d.events) == 4)
    assert all("undated" not in e.flags for e in joined.events)
    assert joined.source_dates() == [("dated", D(2024, 5, 7), "day")]


def test_a_report_with_no_date_that_fits_two_developments_joins_neither():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("a", D(2024, 5, 7), "Maqedonci held talks at the Pentagon", MEETING),
        _event("b", D(2024, 5, 8), "Maqedonci visited a Pentagon training centre", MEETING),
        _event("c", None, "Maqedonci në Pentagon", MEETING),
    ], {"a": "2024-05-08", "b": "2024-05-08", "c": "2024-05-09"})
    assert _groups(devs) == [["a"], ["b"], ["c"]]


def test_the_most_precise_date_given_outright_dates_the_development():
    from briefings.ingest.merge import merge

    relative = _event("a-relative", D(2024, 5, 7), "Maqedonci u prit sot në Pentagon", MEETING)
    relative.basis, relative.flags = "relative", ["relative-date"]
    devs = merge([relative,
                  _event("b-explicit", D(2024, 5, 7), "Maqedonci at the Pentagon", MEETING)])
    assert len(devs) == 1 and devs[0].best.source == "b-explicit"


def _write(folder, name, text, published, language):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.yaml").write_text(
        f"url: https://example.org/{name}\npublisher: Outlet {name}\npublished: {published}\n"
        f"language: {language}\ntitle: {text.splitlines()[0]}\n", encoding="utf-8")


def test_sources_in_other_languages_arriving_in_later_runs_join_the_entry(tmp_path):
    first, second, third = (tmp_path / n for n in ("first", "second", "third"))
    for folder in (first, second, third):
        folder.mkdir()
    _write(first, "en", "Maqedonci at the Pentagon\n\nKosovo's Minister of Defence Ejup "
           "Maqedonci held talks at the Pentagon on 7 May 2024 about training.", "2024-05-08",
           "en")
    _write(second, "sr", "Makedonci u Pentagonu\n\nMinistar odbrane Kosova Ejup Makedonci "
           "sastao se juče u Pentagonu sa zvaničnicima SAD.", "2024-05-08", "sr")
    _write(third, "sq", "Maqedonci pas takimit\n\nMinistri i Mbrojtjes Ejup Maqedonci deklaroi "
           "pas takimit në Pentagon se partneriteti me SHBA-në mbetet prioritet.", "2024-05-09",
           "sq")
    content = new_content(tmp_path / "content")
    for folder in (first, second, third):
        ingest([folder], content)
        written = list(entries(content).values())
        assert len(written) == 1, [e.title for e in written]
    (entry,) = written
    assert entry.date == D(2024, 5, 7) and len(entry.sources) == 3
    assert "single-source" not in entry.flags and "undated" not in entry.flags


def test_a_source_with_no_date_at_all_joins_when_its_opening_names_the_same_people(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    _write(sources, "en", "Maqedonci at the Pentagon\n\nKosovo's Minister of Defence Ejup "
           "Maqedonci held talks at the Pentagon on 7 May 2024 about training.", "2024-05-08",
           "en")
    # neither a date nor a publication date; its headline names only the two countries
    _write(sources, "sq", "Kosova dhe SHBA forcojnë partneritetin e tyre ushtarak\n\n"
           "Ministri i Mbrojtjes Ejup Maqedonci zhvilloi bisedime në Pentagon. Në takim u "
           "fol për stërvitjet.", "null", "sq")
    content = new_content(tmp_path / "content")
    ingest([sources], content)
    (entry,) = entries(content).values()
    assert entry.date == D(2024, 5, 7) and len(entry.sources) == 2


@pytest.mark.slow
def test_the_page_says_which_source_gives_which_date(tmp_path):
    from briefings.build import build

    sources = tmp_path / "sources"
    sources.mkdir()
    _write(sources, "a", "KFOR enters\n\nThe first KFOR troops entered Kosovo from North "
           "Macedonia on 11 June 1999.", "1999-06-20", "en")
    _write(sources, "b", "KFOR enters Kosovo\n\nThe first KFOR troops entered Kosovo from North "
           "Macedonia on 12 June 1999.", "1999-06-20", "en")
    _write(sources, "c", "Maqedonci at the Pentagon\n\nKosovo's Minister of Defence Ejup "
           "Maqedonci held talks at the Pentagon on 7 May 2024 about training.", "2024-05-08",
           "en")
    _write(sources, "d", "Makedonci u Pentagonu\n\nMinistar odbrane Kosova Ejup Makedonci "
           "sastao se u maju u Pentagonu sa zvaničnicima SAD.", "2024-05-20", "sr")
    content = new_content(tmp_path / "content", pages=True)
    with in_root():
        ingest([sources], content)
        out = tmp_path / "output"
        build(ROOT, content, ROOT / "pelican.conf.py", out, skip=("pdf",))
    made = list(entries(content).values())
    # a day apart on one development: one entry, dated by the earlier day when as many
    # sources give each, the other day's source cited, and the page says who gives which
    (conflicting,) = [e for e in made if "conflicting-dates" in e.flags]
    assert conflicting.date == D(1999, 6, 11) and len(conflicting.sources) == 2
    assert {x.source for x in conflicting.date_evidence} == {conflicting.sources[0]}
    page = html.unescape((out / "briefings" / conflicting.slug / "index.html")
                         .read_text("utf-8"))
    assert "Outlet a: 11 June 1999" in page and "Outlet b: 12 June 1999" in page
    assert "The sources disagree on the date" in page
    (both,) = [e for e in made if len(e.sources) == 2 and e is not conflicting]
    page = html.unescape((out / "briefings" / both.slug / "index.html").read_text("utf-8"))
    assert "Outlet c: 7 May 2024" in page and "Outlet d: May 2024" in page
    assert f'href="#ref-{both.sources[0]}"' in page


def test_one_uncommon_actor_in_common_outweighs_every_common_one():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("a", D(2021, 10, 15), "Mehaj në Pentagon",
               ("armend-mehaj", "us-department-of-defense")),
        _event("b", D(2022, 5, 21), "an embassy statement",
               ("us-department-of-defense", "kosovo", "united-states", "nato")),
        # neither a date nor a publication date: the person decides
        _event("c", None, "Kosova ofron bazë", ("armend-mehaj", "us-department-of-defense",
                                                "kosovo", "united-states", "nato")),
        # published a month at a time: too loose to date anything by
        _event("d", None, "Mehaj flet", ("armend-mehaj",)),
    ], {"a": "2021-10-15", "b": "2022-05-21", "d": "2021-10"})
    assert _groups(devs) == [["a", "c"], ["b"], ["d"]]


VOTE = ("kosovo", "serbia")  # two common actors: as much as one uncommon


def test_a_day_one_source_announces_and_another_reports_done_is_one_development():
    from briefings.ingest.merge import merge

    devs = merge([
        # read against an early publication date, the vote looks planned for that day
        _event("early", D(2024, 4, 12), "deputies are to vote on the defence budget", VOTE,
               status="planned"),
        _event("later", D(2024, 4, 12), "Kuvendi miratoi buxhetin e mbrojtjes", VOTE,
               category="institutions-and-decisions"),
        _event("third", D(2024, 4, 12), "Skupština usvojila budžet odbrane", VOTE),
    ])
    assert _groups(devs) == [["early", "later", "third"]]
    assert devs[0].status == "occurred"


def test_a_plan_and_a_report_of_the_same_day_stay_apart_unless_they_share_enough():
    from briefings.ingest.merge import merge

    day = D(2024, 4, 12)
    # one common actor only: not enough to make a plan and a done thing one
    assert len(merge([
        _event("plan", day, "ministri do të vizitojë kazermat", ("kosovo",), status="planned"),
        _event("done", day, "Kosovo signed a loan", ("kosovo",))])) == 2
    # another kind of development on the same day among the same actors
    assert len(merge([
        _event("deal", day, "do të nënshkruhet marrëveshja", VOTE, status="planned",
               category="agreements"),
        _event("vote", day, "Kuvendi votoi", VOTE, category="institutions-and-decisions")])) == 2
    # a plan for the month of a done day, or for the next day: not the same
    for date, precision in ((D(2024, 4, 1), "month"), (D(2024, 4, 13), "day")):
        assert len(merge([
            _event("later", date, "Kuvendi do të votojë", VOTE, precision, status="planned"),
            _event("vote", day, "Kuvendi votoi", VOTE)])) == 2
    # one source's own plan and report of a day stay its two developments
    assert len(merge([
        _event("same", day, "Kuvendi do të votojë", VOTE, status="planned"),
        _event("same", day, "Kuvendi votoi", VOTE)])) == 2


def _lede(source, words, actors, named=None):
    """The undated lede of a source whose dated reports are all history (joins only); its
    headline names ``named`` (every actor but people, unless told)."""
    ev = _event(source, None, words, actors)
    ev.joins_only = ev.stands = True
    ev.named = list(named if named is not None else actors)
    return ev


def test_an_undated_lede_joins_the_lede_of_other_sources_it_names_two_actors_of():
    from briefings.ingest.merge import attach, merge

    history = _event("h", D(2004, 1, 1), "Kuvajt postao saveznik", ("kuwait",), "year")
    history.scope = "background"
    devs = merge([
        _event("a", D(2021, 3, 9), "Kosovo sent soldiers to Kuwait", ("kosovo", "kuwait"),
               category="missions-and-deployments"),
        # the same two actors, but named by a news agency's report of something else
        _event("b", D(2023, 9, 29), "the alliance voiced concern", ("kosovo", "kuwait", "nato")),
        history,
        _lede("h", "Kosova šalje vojnike u Kuvajt", ("kosovo", "kuwait", "united-states")),
    ])
    attach(devs, [], {"a", "b", "h"})
    assert _groups(devs) == [["a", "h"], ["b"], ["h"]]
    (joined,) = [d for d in devs if len(d.events) == 2]
    assert joined.date == D(2021, 3, 9) and joined.source_dates() == [("a", D(2021, 3, 9), "day")]


def test_an_undated_lede_that_joins_nothing_is_an_undated_entry_of_its_own():
    """Too little in common to join: the lede of a source that dates only history stays a
    development of its own, with no date (an undated entry, off the timeline), so that its
    source is still cited and a later run can join it to the development it reports (this
    rule replaced "makes no entry", which lost the citation of a source read before the
    sources that date its development)."""
    from briefings.ingest.merge import attach, merge

    aside = _event("a", D(2021, 3, 9), "Kosovo sent soldiers to Kuwait", ("kosovo", "kuwait"))
    aside.start = 500  # further down its article: not its lede
    devs = merge([
        _event("a", D(2021, 3, 1), "Kosovo signed a contract", ("kosovo",), "month"),
        aside,
        # common actors only
        _lede("x", "Kosova dhe SHBA", ("kosovo", "united-states")),
        # one uncommon actor, and a development that is not the lede of its source
        _lede("y", "Kosova dërgon ushtarë në Kuvajt", ("kosovo", "kuwait")),
        # a report with no date that is not a lede of history: as before, not on so little
        _event("z", None, "Kosova dërgon ushtarë në Kuvajt", ("kosovo", "kuwait")),
    ])
    attach(devs, [], {"a", "x", "y", "z"})
    assert _groups(devs) == [["a"], ["a"], ["x"], ["y"], ["z"]]
    assert all(d.date is None for d in devs if d.sources[0] in "xyz")
    # the uncommon actor in common is a person its headline does not name
    devs = merge([
        _event("p", D(2022, 5, 2), "Kurti opened a barracks", ("kosovo", "albin-kurti")),
        _lede("q", "Kosova blen dronë", ("kosovo", "albin-kurti"), named=("kosovo",)),
    ])
    attach(devs, [], {"p", "q"})
    assert _groups(devs) == [["p"], ["q"]]


def test_the_lede_of_a_source_another_development_cites_makes_no_entry():
    from briefings.ingest.merge import attach, merge

    # the source's report further down joins another source's development: it has its
    # development, and its undated lede adds nothing
    further = _event("h", D(2021, 3, 9), "vod je otišao u Kuvajt", ("kosovo", "kuwait"))
    further.start = 400
    devs = merge([
        _event("a", D(2021, 3, 9), "Kosovo sent soldiers to Kuwait", ("kosovo", "kuwait"),
               category="missions-and-deployments"),
        further,
        _lede("h", "Kosova i Kuvajt", ("kosovo", "kuwait"), named=("kosovo",)),
    ])
    attach(devs, [], {"a", "h"})
    assert _groups(devs) == [["a", "h"]]


def test_an_undated_lede_that_fits_two_ledes_alike_joins_neither():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("a", D(2021, 3, 9), "Kosovo sent soldiers to Kuwait", ("kosovo", "kuwait")),
        _event("b", D(2022, 5, 2), "Kuwait hosted Kosovo officers", ("kosovo", "kuwait")),
        _lede("h", "Kosova šalje vojnike u Kuvajt", ("kosovo", "kuwait")),
    ])
    assert _groups(devs) == [["a"], ["b"], ["h"]]



def test_an_undated_lede_naming_a_day_joins_no_development_of_another_day():
    """A source with no year names the day of its story ("on 18 March"): a development that
    shares its actors but happened on another day is not its story, whatever else fits (in a
    later run, the development of that day may still come)."""
    from dataclasses import replace

    from briefings.ingest.merge import attach, merge

    pact = ("kosovo", "albania", "croatia")
    lede = replace(_lede("h", "Nisma e mbrojtjes Kosovë, Shqipëri, Kroaci", pact),
                   month_days=frozenset({(3, 18)}))
    # the same countries, named by a story of a summer day of another year
    other = _event("a", D(2019, 6, 12), "Albania and Croatia sent troops to Kosovo",
                   ("kosovo", "albania", "croatia", "nato"))
    devs = merge([other, lede])
    attach(devs, [], {"a", "h"})
    assert _groups(devs) == [["a"], ["h"]]  # apart: an undated entry of its own
    # the development of the day it names: joined
    devs = merge([replace(other, date=D(2025, 3, 18)), replace(lede)])
    assert _groups(devs) == [["a", "h"]]
    # an entry of an earlier run on another day: not joined either
    entry = _entry("Albania and Croatia send troops to Kosovo", D(2019, 6, 12), "day", ["a"],
                   other.actors)
    devs = merge([_event("h", None, "Nisma e mbrojtjes Kosovë, Shqipëri, Kroaci", pact)])
    devs[0].events[0].month_days = frozenset({(3, 18)})
    attach(devs, [entry], {"h"})
    assert devs[0].seed is None

@pytest.mark.parametrize(("runs", "body", "joined"), [(1, False, True), (2, True, True),
                                                      (2, False, False)])
def test_a_source_dating_only_history_adds_its_citation_to_the_development_it_reports(
        tmp_path, runs, body, joined):
    sources = tmp_path / "sources"
    sources.mkdir()
    _write(sources, "en", "Kosovo soldiers leave for Kuwait\n\nKosovo sent a platoon of its "
           "security force to Kuwait on 9 March 2021 for its first mission abroad, with the Iowa "
           "National Guard.", "2021-03-10", "en")
    # neither a date of its own story nor a publication date; its one date is old history.
    # In a later run, the entry's lede is not known: it joins on a person or a body more
    if not body:
        _write(sources, "sr", "Vojnici sa Kosova putuju u Kuvajt\n\nNa ceremoniji u Prištini "
               "vod vojnika ispraćen je u Kuvajt. Kuvajt je nezavisnost stekao 1961. godine.",
               "null", "sr")
    else:
        _write(sources, "sr", "Vojnici sa Kosova putuju u Kuvajt\n\nNa ceremoniji u Prištini "
               "vod vojnika ispraćen je u Kuvajt, uz Iowa National Guard. Kuvajt je nezavisnost "
               "stekao 1961. godine.", "null", "sr")
    content = new_content(tmp_path / "content")
    if runs == 1:
        ingest([sources], content)
    else:  # the dated report first, the other in a later run
        ingest([sources / "en.txt"], content)
        ingest([sources / "sr.txt"], content)
    made = list(entries(content).values())
    dated = [e for e in made if e.date == D(2021, 3, 9)]
    assert len(dated) == 1, [(e.title, e.sources) for e in made]
    assert len(dated[0].sources) == (2 if joined else 1)
    # joined, the lede makes no entry of its own; not joined, an undated one keeps its citation
    undated = [e for e in made if e.date is None]
    assert len(undated) == (0 if joined else 1), [(e.title, e.sources) for e in made]
    assert all("undated" in e.flags and e.path.parent.name == "undated" for e in undated)


@pytest.mark.parametrize("third", [False, True])
def test_a_source_dating_only_history_read_first_joins_the_development_read_later(
        tmp_path, third):
    """The undated lede of a history-only source read in an early run is an undated entry;
    the run that reads a source dating its development moves it into that entry."""
    lede = ("sr", "Vojnici sa Kosova putuju u Kuvajt\n\nNa ceremoniji u Prištini vod vojnika "
            "ispraćen je u Kuvajt. Kuvajt je nezavisnost stekao 1961. godine.", "null", "sr")
    dated = ("en", "Kosovo soldiers leave for Kuwait\n\nKosovo sent a platoon of its security "
             "force to Kuwait on 9 March 2021 for its first mission abroad.", "2021-03-10", "en")
    other = ("fr", "Kosovo at a summit\n\nKosovo's president attended a summit in Brussels "
             "on 2 June 2021.", "2021-06-03", "en")
    runs = [[lede], [other], [dated]] if third else [[lede], [dated]]
    first = _runs(tmp_path / "first", runs[0])
    assert [(e.date, "undated" in e.flags) for e in first if e.date is None or
            e.date.year != 1961] == [(None, True)], [(e.title, e.date) for e in first]
    made = _runs(tmp_path / "all", *runs)
    (entry,) = [e for e in made if e.date == D(2021, 3, 9)]
    assert len(entry.sources) == 2, [(e.title, e.date, e.sources) for e in made]
    assert not [e for e in made if e.date is None], [(e.title, e.sources) for e in made]


def _text_year(source, date, words, actors):
    """A day whose year the words do not give: taken from another date of the article."""
    ev = _event(source, date, words, actors)
    ev.basis, ev.flags = "text-year", ["year-inferred"]
    return ev


PACT = ("kosovo", "albania", "croatia")


def test_a_day_without_a_year_joins_that_day_of_another_year_that_others_report():
    from briefings.ingest.merge import merge

    devs = merge([
        _event("a", D(2025, 3, 18), "ministrat nënshkruan deklaratën në Tiranë", PACT),
        _event("b", D(2025, 3, 18), "ministri su potpisali deklaraciju", PACT),
        # "on 18 March", its year read off an older date the article names
        _text_year("c", D(2011, 3, 18), "the declaration signed on 18 March", PACT),
    ])
    assert _groups(devs) == [["a", "b", "c"]]
    assert devs[0].date == D(2025, 3, 18) and devs[0].best.source in ("a", "b")
    assert {e.date for e in devs[0].events} == {D(2025, 3, 18)}


def test_a_day_without_a_year_stays_when_its_year_was_given_or_little_is_shared():
    from briefings.ingest.merge import merge

    # the year given outright: another development on that day of another year
    assert len(merge([
        _event("a", D(2025, 3, 18), "ministrat nënshkruan deklaratën", PACT),
        _event("c", D(2011, 3, 18), "a declaration was signed on 18 March 2011", PACT)])) == 2
    # common actors only, or another month and day
    assert len(merge([
        _event("a", D(2025, 3, 18), "KFOR patrols", ("kosovo", "kfor")),
        _text_year("c", D(2011, 3, 18), "KFOR patrolled", ("kosovo", "kfor"))])) == 2
    assert len(merge([
        _event("a", D(2025, 3, 18), "ministrat nënshkruan deklaratën", PACT),
        _text_year("c", D(2011, 3, 19), "the declaration signed on 19 March", PACT)])) == 2
    # two such days of other years alike: neither
    assert len(merge([
        _event("a", D(2025, 3, 18), "ministrat nënshkruan deklaratën", PACT),
        _event("b", D(2023, 3, 18), "ministri su potpisali deklaraciju", PACT),
        _text_year("c", D(2011, 3, 18), "the declaration signed on 18 March", PACT)])) == 3


@pytest.mark.parametrize("runs", [1, 2, "plan first"])
def test_a_later_report_of_a_plan_joins_the_entry_that_reports_it_done(tmp_path, runs):
    done, plan = tmp_path / "done", tmp_path / "plan"
    done.mkdir()
    plan.mkdir()
    _write(done, "done", "Assembly passes army laws\n\nKosovo's assembly passed three laws on "
           "14 December 2018 that turn its security force into an army, a step Serbia "
           "condemned.", "2018-12-14", "en")
    # read against a publication date the day before: the vote looks planned
    _write(plan, "plan", "Army laws before the assembly\n\nKosovo's lawmakers will vote on "
           "Friday on laws that create an army, which Serbia condemns.", "2018-12-13", "en")
    content = new_content(tmp_path / "content")
    if runs == 1:
        ingest([done, plan], content)
    elif runs == 2:
        ingest([done], content)
        ingest([plan], content)
    else:  # the announcement's entry is written first; the report that it happened joins it
        ingest([plan], content)
        (planned,) = entries(content).values()
        assert planned.event_status == "planned" and "planned for" in planned.summary
        ingest([done], content)
    made = [e for e in entries(content).values() if e.date == D(2018, 12, 14)]
    assert len(made) == 1, [(e.title, e.event_status, e.sources) for e in made]
    assert made[0].event_status == "occurred" and len(made[0].sources) == 2
    assert "planned for" not in made[0].summary
    assert "At the time of the report it was planned." not in made[0].body


def test_a_report_naming_an_institution_of_kosovo_names_kosovo_too():
    from briefings.ingest.merge import merge, with_country

    assert with_country(["assembly-of-kosovo", "serbia"]) == {
        "assembly-of-kosovo", "serbia", "kosovo"}
    assert with_country(["croatia"]) == {"croatia"}
    day = D(2024, 4, 12)
    devs = merge([
        _event("a", day, "the parliament passed the law", ("assembly-of-kosovo", "serbia"),
               category="institutions-and-decisions"),
        _event("b", day, "Kosova miratoi ligjin", ("kosovo",),
               category="institutions-and-decisions"),
        # another kind of development that day: still apart
        _event("c", day, "Kosovo signed a loan", ("kosovo",), category="agreements"),
    ])
    assert _groups(devs) == [["a", "b"], ["c"]]
    # on a day a month holds, the institution alone does not stand for the country
    assert len(merge([
        _event("a", D(2024, 4, 1), "the KSF opened a centre", ("ksf", "united-states"), "month"),
        _event("b", day, "Kosovo bought vehicles", ("kosovo", "united-states")),
    ])) == 2


def test_a_later_source_that_gives_the_day_refines_an_entry_dated_to_the_month(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _write(first, "month", "Three ministers sign a pact\n\nIn March 2025 the defence ministers "
           "of Kosovo, Albania and Croatia signed a declaration on defence cooperation.",
           "2025-04-02", "en")
    _write(second, "day", "Pact signed in Tirana\n\nThe defence ministers of Kosovo, Albania "
           "and Croatia signed a declaration on defence cooperation on 18 March 2025.",
           "2025-03-19", "en")
    content = new_content(tmp_path / "content")
    ingest([first], content)
    (month,) = entries(content).values()
    assert month.date_precision == "month"
    ingest([second], content)
    (entry,) = entries(content).values()
    assert (entry.date, entry.date_precision) == (D(2025, 3, 18), "day"), entry
    assert len(entry.sources) == 2 and "(18 March 2025)" in entry.summary
    assert entry.slug.startswith("2025-03-18-")
    assert "The date each source gives: Outlet month: March 2025 [@" in entry.body
    assert "Outlet day: 18 March 2025 [@" in entry.body
    assert {p.name for p in (content / "briefings" / "2025").iterdir()} == {f"{entry.slug}.md"}


def _undated_then_dated(tmp_path: Path) -> tuple[Path, Path]:
    """Run 1: a report with no date in its words (published the day after); run 2 is left to
    the caller: a report of the same development with its day. Returns (content, run 2)."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _write(first, "undated", "NATO to send more troops to Kosovo\n\nThe North Atlantic "
           "Council sent additional troops to KFOR after the attack in the north of "
           "Kosovo, NATO said.", "2023-09-29", "en")
    _write(second, "dated", "Council sends troops to KFOR\n\nOn 28 September 2023 the North "
           "Atlantic Council sent additional troops to KFOR in Kosovo.",
           "2023-09-29", "en")
    content = new_content(tmp_path / "content")
    ingest([first], content)
    return content, second


def test_an_undated_entry_of_an_earlier_run_joins_the_development_a_later_run_dates(tmp_path):
    content, second = _undated_then_dated(tmp_path)
    (undated,) = entries(content).values()
    assert undated.date is None
    ingest([second], content)
    (entry,) = entries(content).values()
    assert entry.date == D(2023, 9, 28) and len(entry.sources) == 2, entry.sources
    assert "single-source" not in entry.flags
    assert entry.summary.endswith("; Outlet dated gives the date."), entry.summary
    assert "without a date of its own" in entry.body
    assert not list((content / "briefings" / "undated").glob("*.md"))


def test_an_undated_entry_a_person_edited_is_kept_apart(tmp_path):
    content, second = _undated_then_dated(tmp_path)
    (path,) = (content / "briefings" / "undated").glob("*.md")
    path.write_text(path.read_text(encoding="utf-8").replace("Summary: ", "Summary: Edited. "),
                    encoding="utf-8")
    ingest([second], content)
    assert path.exists() and "Edited." in path.read_text(encoding="utf-8")
    assert len(entries(content)) == 2


def _kind(ev, kind):
    ev.kind = kind
    return ev


def test_sources_a_day_apart_on_one_development_make_one_entry_dated_by_most():
    from briefings.ingest.merge import merge

    enter = ("kfor", "kosovo")
    devs = merge([
        _kind(_event("a", D(1999, 6, 11), "KFOR first entered Kosovo", enter), "enter"),
        _kind(_event("b", D(1999, 6, 12), "NATO troops entered Kosovo", enter), "enter"),
        _kind(_event("c", D(1999, 6, 12), "Advance elements entered Kosovo", enter), "enter"),
        # c dates the day before too, for something else: that report stays where it is
        _kind(_event("c", D(1999, 6, 11), "European Command has supplied logistics",
                     ("us-european-command", "kosovo")), None),
        # the same actors and kind two days apart: two developments
        _kind(_event("d", D(1999, 6, 14), "KFOR entered Prizren", enter), "enter"),
    ])
    assert _groups(devs) == [["a", "b", "c"], ["c"], ["d"]]
    (joined,) = [d for d in devs if len(d.sources) == 3]
    assert joined.date == D(1999, 6, 12) and "conflicting-dates" in joined.flags
    assert sorted(joined.source_dates()) == [("a", D(1999, 6, 11), "day"),
                                             ("b", D(1999, 6, 12), "day"),
                                             ("c", D(1999, 6, 12), "day")]


def test_a_day_apart_other_kinds_or_one_source_giving_both_days_stay_apart():
    from briefings.ingest.merge import merge

    actors = ("kfor", "kosovo")
    devs = merge([
        _kind(_event("a", D(1999, 6, 11), "KFOR entered Kosovo", actors), "enter"),
        _kind(_event("b", D(1999, 6, 12), "KFOR trained in Kosovo", actors), "train"),
        # one source tells both days: a visit's two days, not a disagreement
        _kind(_event("c", D(2024, 2, 22), "Talks in Washington", ("kosovo", "vjosa-osmani")),
              "meet"),
        _kind(_event("c", D(2024, 2, 23), "Talks in New York", ("kosovo", "vjosa-osmani")),
              "meet"),
    ])
    assert _groups(devs) == [["a"], ["b"], ["c"], ["c"]]
    assert not any("conflicting-dates" in d.flags for d in devs)


def _runs(tmp_path, *runs):
    """Ingest each list of (name, text, published, language) in a run of its own."""
    content = new_content(tmp_path / "content")
    for i, sources in enumerate(runs):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        for name, text, published, language in sources:
            _write(folder, name, text, published, language)
        ingest([folder], content)
    return list(entries(content).values())


def test_a_later_day_refining_a_month_entry_takes_the_day_reports_headline(tmp_path):
    made = _runs(tmp_path, [
        ("m", "Base work\n\nWork on the new barracks started within weeks of the alliance's "
         "arrival in Kosovo in June 1999.", "2001-03-01", "en")], [
        ("d", "Allied troops\n\nNATO troops entered Kosovo on 12 June 1999 from the south.",
         "1999-06-13", "en")])
    (entry,) = [e for e in made if e.date == D(1999, 6, 12)]
    assert len(entry.sources) == 2 and "enter" in entry.title.lower(), entry.title


def test_a_later_report_joins_the_entry_of_its_day_before_one_of_its_month(tmp_path):
    made = _runs(tmp_path, [
        ("a", "Task force\n\nThe first elements of the US task force entered Kosovo on 12 June "
         "1999 as part of the NATO force.", "1999-06-20", "en")], [
        ("m", "Base work\n\nWork on the new barracks started within weeks of NATO's arrival in "
         "Kosovo in June 1999.", "2001-03-01", "en")], [
        ("b", "Peacekeepers arrive\n\nNATO troops entered Kosovo on 12 June 1999 to keep the "
         "peace.", "1999-06-13", "en")])
    (entry,) = [e for e in made if any(k.startswith("outlet-b") for k in e.sources)]
    assert entry.date == D(1999, 6, 12) and len(entry.sources) >= 2, [
        (e.title, e.date, e.sources) for e in made]


def test_an_undated_report_of_an_unknown_day_joins_the_entry_whose_headline_it_echoes(tmp_path):
    # the report with neither a date nor a publication date comes first: a later run's dated
    # entry takes it in, the one of two of that source whose headline it echoes
    made = _runs(tmp_path, [
        ("b", "NATO authorizes additional forces for Kosovo\n\nThe alliance authorized "
         "additional forces for its Kosovo mission, officials in Brussels said.", "null",
         "en")], [
        ("a", "Alliance decision\n\nNATO said on Friday, 29 September 2023, that its ambassadors "
         "had authorised additional forces for Kosovo. Since May the alliance has reinforced "
         "its presence in Kosovo.", "2023-09-29", "en")])
    joined = [e for e in made if any(k.startswith("outlet-b") for k in e.sources)]
    assert len(joined) == 1 and joined[0].date == D(2023, 9, 29), [
        (e.title, e.date, e.sources) for e in made]


def _entry(title, date, precision, sources, actors, body=""):
    from briefings.model import Entry

    return Entry(title=title, slug=title.lower().replace(" ", "-"), category="statements",
                 summary=title, sources=list(sources), date=date, date_precision=precision,
                 actors=list(actors), body=body)


def test_a_report_that_fits_a_day_entry_and_its_month_entry_alike_joins_the_day():
    from briefings.ingest.merge import attach, merge

    enter = ("kosovo", "nato")
    day = _entry("Advance elements enter Kosovo", D(1999, 6, 12), "day", ["a"], enter)
    month = _entry("Base work starts", D(1999, 6, 1), "month", ["m"], enter)
    (dev,) = merge([_kind(_event("b", D(1999, 6, 12), "troops crossed the border", enter),
                          "enter")])
    dev.lede = True
    attach([dev], [day, month], {"b"})
    assert dev.seed is day


def test_an_undated_report_that_fits_two_entries_alike_joins_the_one_its_headline_echoes():
    from briefings.ingest.merge import attach, merge

    who = ("kosovo", "nato")
    body = "NATO authorised additional forces; the alliance reinforced its presence."
    may = _entry("NATO reinforces its presence", D(2023, 5, 1), "month", ["a"], who, body)
    sept = _entry("NATO approves additional forces", D(2023, 9, 28), "day", ["a"], who, body)
    (dev,) = merge([_event("b", None, "authorized additional forces", who)])
    attach([dev], [may, sept], {"b"})
    assert dev.seed is sept


def test_two_undated_reports_an_entry_took_in_read_again_make_no_new_entry():
    """Two sources with no date of their own joined one dated entry in earlier runs; read
    again, one continues the entry and the other is told there already: no undated entry."""
    from briefings.ingest.merge import attach, merge
    from briefings.model import Evidence

    pact = ("kosovo", "albania", "croatia")
    entry = _entry("Kosovo, Albania and Croatia sign a declaration", D(2025, 3, 18), "day",
                   ["a", "u", "h"], pact)
    entry.date_evidence = [Evidence("a", "signed on 18 March 2025")]
    devs = merge([_event("u", None, "tri vende nënshkruan deklaratë", pact),
                  _lede("h", "Nisma e mbrojtjes Kosovë, Shqipëri, Kroaci", pact)])
    attach(devs, [entry], {"u", "h"})
    assert [d.seed for d in devs] == [entry]

def test_british_and_american_spellings_are_one_word_for_merging():
    from briefings.ingest.events import content_words

    assert content_words("NATO authorised the organisation's defence plan") == \
        content_words("NATO authorized the organization's defense plan")


def test_a_later_report_of_a_kosovo_body_joins_the_entry_naming_kosovo_that_day():
    from briefings.ingest.merge import attach, merge

    entry = _entry("Laws adopted in Kosovo", D(2018, 12, 14), "day", ["a"], ("kosovo", "serbia"))
    other = _entry("Kosovo receives vehicles", D(2018, 12, 14), "day", ["c"], ("kosovo",))
    (dev,) = merge([_kind(_event("b", D(2018, 12, 14), "Kuvendi votoi ligjet",
                                 ("assembly-of-kosovo",)), "adopt")])
    dev.lede = False
    attach([dev], [entry, other], {"b"})
    assert dev.seed is entry


def test_a_day_without_a_year_joins_that_day_of_an_entry_of_an_earlier_run(tmp_path):
    made = _runs(tmp_path, [
        ("a", "Three-way pact\n\nThe defence ministers of Kosovo, Albania and Croatia signed a "
         "joint declaration in Tirana on 18 March 2025.", "2025-03-18", "en")], [
        # no year in its words: the year its other date gives (1996) is not the day's
        ("b", "Deklarata e Tiranës\n\nMë 18 mars, ministrat e mbrojtjes së Kosovës, Shqipërisë "
         "dhe Kroacisë nënshkruan një deklaratë në Tiranë. Shqipëria dhe Kroacia bashkëpunojnë "
         "që nga viti 1996.", "null", "sq")])
    cited = [e for e in made if any(k.startswith("outlet-b") for k in e.sources)]
    assert [(e.date, len(e.sources)) for e in cited if e.date != D(1996, 1, 1)] == [
        (D(2025, 3, 18), 2)], [(e.title, e.date, e.sources) for e in made]


def test_a_landmark_named_in_passing_joins_the_development_of_its_kind():
    from dataclasses import replace

    from briefings.ingest.merge import merge

    actors = ("nato", "kosovo")
    entered = replace(_event("a", D(1999, 6, 12), "NATO troops entered Kosovo", actors),
                      kind="enter")
    deployed = replace(_event("b", D(1999, 6, 24), "NATO deployed troops to Pristina", actors),
                       kind="deploy")
    landmark = replace(_event("c", D(1999, 6, 1), "NATO's takeover of Kosovo in June 1999",
                              actors, precision="month"), kind="enter", landmark=True)
    built = replace(_event("c", D(1999, 1, 1), "Building the camp began within weeks of "
                           "NATO's takeover of Kosovo in June 1999", actors, precision="year"),
                    kind="begin")
    devs = merge([landmark, built, entered, deployed])
    assert _groups(devs) == [["a", "c"], ["b"], ["c"]]
    joined = next(d for d in devs if "a" in d.sources)
    assert (joined.date, joined.precision) == (D(1999, 6, 12), "day")
    # not a landmark: a month report further down a source joins no day by actors alone
    devs = merge([built, replace(landmark, landmark=False), entered, deployed])
    assert _groups(devs) == [["a"], ["b"], ["c"], ["c"]]


def test_a_report_whose_source_gives_no_year_joins_the_development_of_the_day_it_names(
        tmp_path):
    made = _runs(tmp_path, [
        ("a", "Council decision\n\nNATO's North Atlantic Council yesterday authorised "
         "additional forces for KFOR in Kosovo, the alliance said.", "2023-09-29", "en"),
        ("b", "Incident\n\nOn 24 September 2023 armed men attacked police in northern Kosovo.",
         "2023-09-25", "en"),
        # no year anywhere: its days ("September 29", an attack's "September 24") and a plan
        ("c", "NATO will send more troops to Kosovo\n\nNATO on September 29 said it would send "
         "more KFOR troops to Kosovo after the attack of September 24 in the north.", "null",
         "en")])
    cited = {e.date: e.sources for e in made}
    assert len(cited[D(2023, 9, 28)]) == 2, cited
    assert any(k.startswith("outlet-c") for k in cited[D(2023, 9, 28)]), cited
    assert len(cited[D(2023, 9, 24)]) == 1, cited  # the day of an incident it counts from
    assert None not in cited, cited


def test_an_undated_entry_naming_a_day_without_a_year_joins_that_day_in_a_later_run(tmp_path):
    no_year = ("c", "NATO will send more troops to Kosovo\n\nNATO on September 29 said it would "
               "send more KFOR troops to Kosovo after the attack of September 24 in the north.",
               "null", "en")
    content = new_content(tmp_path / "content")
    folder = tmp_path / "run0"
    folder.mkdir()
    _write(folder, *no_year)
    ingest([folder], content)
    (undated,) = entries(content).values()
    assert undated.date is None and "Its words name 29 September without a year." in undated.body
    folder = tmp_path / "run1"
    folder.mkdir()
    _write(folder, "a", "Council decision\n\nNATO's North Atlantic Council yesterday authorised "
           "additional forces for KFOR in Kosovo, the alliance said.", "2023-09-29", "en")
    ingest([folder], content)
    (joined,) = entries(content).values()
    assert joined.date == D(2023, 9, 28) and len(joined.sources) == 2, joined


@pytest.mark.parametrize("later", [["b"], ["b", "c"]])
def test_sources_a_day_apart_in_later_runs_join_the_entry_of_the_day_more_give(tmp_path,
                                                                              later):
    """As in one run (join_next_days): a later run's reports of the same kind of development,
    among the same actors, a day from an entry's day join it, flagged ``conflicting-dates``;
    the day more sources give dates it, and its date evidence is of that day."""
    texts = {
        "a": ("NATO troops enter Kosovo\n\nNATO troops entered Kosovo on 11 June 1999, the "
              "alliance said in Brussels.", "1999-06-13"),
        "b": ("Peacekeepers cross the border\n\nNATO peacekeepers entered Kosovo on 12 June "
              "1999 from the south.", "1999-06-14"),
        "c": ("The first convoys\n\nOn 12 June 1999 NATO forces entered Kosovo in long "
              "convoys.", "1999-06-20"),
    }
    made = _runs(tmp_path, [("a", *texts["a"], "en")],
                 [(k, *texts[k], "en") for k in later])
    (entry,) = [e for e in made if e.date is not None]
    assert len(entry.sources) == 1 + len(later), [(e.title, e.date, e.sources) for e in made]
    assert "conflicting-dates" in entry.flags
    day = D(1999, 6, 12) if len(later) == 2 else D(1999, 6, 11)  # a tie: the earlier day
    assert entry.date == day
    slugs = {"a": "nato-troops", "b": "peacekeepers", "c": "first-convoys"}
    dating = {n for x in entry.date_evidence for n, w in slugs.items() if w in x.source}
    assert dating == ({"b", "c"} if day.day == 12 else {"a"}), entry.date_evidence
    assert "11 June 1999" in entry.body and "12 June 1999" in entry.body
    assert entry.summary.endswith("; the sources disagree on the date."), entry.summary


def test_a_later_report_of_another_kind_a_day_from_an_entry_stays_apart(tmp_path):
    made = _runs(tmp_path, [
        ("a", "NATO troops enter Kosovo\n\nNATO troops entered Kosovo on 11 June 1999, the "
         "alliance said in Brussels.", "1999-06-13", "en")], [
        ("b", "An agreement\n\nNATO and Kosovo signed an agreement on 12 June 1999 in "
         "Pristina.", "1999-06-14", "en")])
    assert sorted(e.date for e in made) == [D(1999, 6, 11), D(1999, 6, 12)], [
        (e.title, e.date, e.sources) for e in made]


def test_of_two_developments_fitting_one_entry_the_kind_its_headline_names_joins_it():
    """A report of another kind on an entry's very day, and one of the kind its headline
    names a day later: the entry continues the second; the first makes an entry of its own."""
    from briefings.ingest.merge import attach, merge

    who = ("kosovo", "nato", "united-states")
    entry = _entry("NATO troops enter Kosovo", D(1999, 6, 11), "day", ["a"], who)
    devs = merge([_kind(_event("b", D(1999, 6, 11), "the command provided forces", who),
                        "provide"),
                  _kind(_event("b", D(1999, 6, 12), "advance elements entered Kosovo", who),
                        "enter")])
    for d in devs:
        d.lede = True
    attach(devs, [entry], {"b"})
    assert {d.date: d.seed for d in devs} == {D(1999, 6, 11): None, D(1999, 6, 12): entry}


def test_a_later_day_of_another_kind_does_not_date_a_year_entry_its_words_recall(tmp_path):
    """An entry dated only to a year (a resolution, recalled in a later piece) and a later
    run's report of a day that year: words in common (KFOR, Kosovo) are not enough when the
    kinds differ, so the day keeps its own entry and the year entry its own date."""
    made = _runs(tmp_path, [
        ("a", "KFOR stays\n\nThe United Nations Security Council adopted Resolution 1244 in "
         "1999, and KFOR keeps its mandate in Kosovo under it.", "2023-10-02", "en")], [
        ("b", "KFOR arrives\n\nKFOR first entered Kosovo on 11 June 1999.", "1999-06-13",
         "en")])
    dates = {(e.date, e.date_precision): e.sources for e in made}
    assert (D(1999, 6, 11), "day") in dates and (D(1999, 1, 1), "year") in dates, dates


def _army_laws_entry_and_two_reports():
    """An entry of earlier runs, and two reports of its day that share too little to be one
    development by themselves (one a plan), each fitting the entry."""
    from briefings.ingest.merge import merge

    entry = _entry("Assembly adopts the army laws", D(2018, 12, 14), "day", ["a"],
                   ("assembly-of-kosovo", "kosovo", "serbia"))
    return entry, merge([
        _kind(_event("b", D(2018, 12, 14), "Kuvendi miratoi ligjet",
                     ("assembly-of-kosovo", "ksf")), "adopt"),
        _kind(_event("c", D(2018, 12, 14), "lawmakers would vote on the laws",
                     ("kosovo", "serbia"), status="planned"), "adopt"),
    ])


def test_two_developments_of_a_run_that_both_fit_one_entry_join_it_together():
    """Two reports of one day that share too little to be one development by themselves, but
    each fits the entry of earlier runs (its sources bridge them): one development continuing
    the entry, as when they come in two runs. A plan that another reports done included."""
    from briefings.ingest.merge import attach, merge

    entry, devs = _army_laws_entry_and_two_reports()
    assert len(devs) == 2
    for d in devs:
        d.lede = True
    attach(devs, [entry], {"b", "c"})
    assert _groups(devs) == [["b", "c"]] and devs[0].seed is entry
    assert devs[0].status == "occurred"
    # a source's two developments stay two, whatever entry they fit
    devs = merge([_kind(_event("b", D(2018, 12, 14), "Kuvendi miratoi ligjet",
                               ("assembly-of-kosovo", "ksf")), "adopt"),
                  _kind(_event("b", D(2018, 12, 14), "the lawmakers would vote again",
                               ("kosovo", "serbia"), status="planned"), "adopt")])
    for d in devs:
        d.lede = True
    attach(devs, [entry], {"b"})
    assert len(devs) == 2


@pytest.mark.parametrize("dated", [1, 2])
def test_a_history_only_source_read_last_joins_an_entry_that_several_sources_date(tmp_path,
                                                                                 dated):
    """Read after the sources that date its development, a history-only source's lede joins
    their entry on two shared actors its headline names when several of them date it (their
    lede, as far as an entry tells); one source's entry needs more (an uncommon body)."""
    first = [("en", "Kosovo soldiers leave for Kuwait\n\nKosovo sent a platoon of its security "
              "force to Kuwait on 9 March 2021 for its first mission abroad.", "2021-03-10",
              "en"),
             ("wire", "Kuwait mission\n\nA Kosovo platoon flew to Kuwait on 9 March 2021, its "
              "first deployment abroad.", "2021-03-11", "en")][:dated]
    made = _runs(tmp_path, first, [
        ("sr", "Vojnici sa Kosova putuju u Kuvajt\n\nNa ceremoniji u Prištini vod vojnika "
         "ispraćen je u Kuvajt. Kuvajt je nezavisnost stekao 1961. godine.", "null", "sr")])
    (entry,) = [e for e in made if e.date == D(2021, 3, 9)]
    assert len(entry.sources) == dated + (dated == 2), [(e.title, e.sources) for e in made]
    assert len([e for e in made if e.date is None]) == (dated == 1)


def test_an_undated_report_naming_an_incidents_day_does_not_join_the_incident():
    """A source with no year names the day of its story and, further on, the day of an
    incident (an attack) that other sources count from: the incident is not its story."""
    from dataclasses import replace

    from briefings.ingest.merge import merge

    who = ("nato", "kfor", "kosovo")
    attack = replace(_event("a", D(2023, 9, 24), "the attack in the north", who),
                     incident=True)
    report = replace(_event("r", None, "NATO will send more KFOR troops", who),
                     month_days=frozenset({(9, 24), (9, 29)}))
    assert _groups(merge([attack, report])) == [["a"], ["r"]]
    # the day of its story, told by another source: joined
    council = _event("c", D(2023, 9, 28), "the council authorised more KFOR troops", who)
    assert _groups(merge([attack, council, replace(report)])) == [["a"], ["c", "r"]]


def test_two_undated_reports_of_a_run_that_fit_one_entry_both_join_it():
    """Two sources with no date of their own, each naming the day of an entry of earlier
    runs: both join it (one development), as they would in two runs."""
    from dataclasses import replace

    from briefings.ingest.merge import attach, merge

    who = ("nato", "kfor", "kosovo")
    entry = _entry("NATO approves additional forces for KFOR", D(2023, 9, 28), "day", ["a"],
                   who)
    devs = merge([
        replace(_event("b", None, "the alliance authorised more troops", who),
                month_days=frozenset({(9, 28)})),
        replace(_event("c", None, "NATO said it would send more troops", who,
                       status="planned"), month_days=frozenset({(9, 29)})),
    ])
    attach(devs, [entry], {"b", "c"})
    assert _groups(devs) == [["b", "c"]] and devs[0].seed is entry


def test_a_landmark_read_after_the_day_it_names_joins_that_day_entry(tmp_path):
    """The reverse order of the test above: the day's entry first; a later source names the
    development in passing ("within weeks of … in June 1999"), as a landmark, which joins
    the entry of its kind as it does in one run (a landmark counts as a lede)."""
    made = _runs(tmp_path, [
        ("d", "Allied troops\n\nNATO troops entered Kosovo on 12 June 1999 from the south.",
         "1999-06-13", "en")], [
        ("m", "Base work\n\nWork on the new barracks started within weeks of NATO's takeover "
         "of Kosovo in June 1999.", "2001-03-01", "en")])
    (entry,) = [e for e in made if e.date == D(1999, 6, 12)]
    assert len(entry.sources) == 2, [(e.title, e.date, e.sources) for e in made]
    assert not [e for e in made if (e.date, e.date_precision) == (D(1999, 6, 1), "month")]


def test_an_undated_entry_is_compared_by_its_sources_words_not_the_drafted_headline():
    """An undated entry of an earlier run, its source's date unknown: a later run's dated
    report takes it in on words in common with the sentence its source led with, as in one
    run, not with the English headline and summary ingest drafted for it."""
    from briefings.ingest.merge import absorb, merge

    body = ("Reported by Outlet u [@u]. None of the sources dates this development.\n\n"
            "Key points:\n\n- Outlet u: \u201cKFOR-i ka shtuar trupat në veri pas sulmit\u201d "
            "[@u]\n")
    undated = _entry("KFOR deploys additional troops to Kosovo", None, None, ["u"],
                     ("kfor", "kosovo"), body)
    undated.summary = "KFOR deployed additional troops to Kosovo (date not known)."
    devs = merge([_event("d", D(2023, 12, 26), "Iowa Guard troops deploy to Kosovo with KFOR",
                         ("kfor", "kosovo"))])
    absorb(devs, [undated], {0}, {"d"}, {})
    assert devs[0].absorbed == []
    # the words its source led with: taken in
    devs = merge([_event("d", D(2023, 12, 26), "KFOR-i shtoi trupat në veri pas sulmit",
                         ("kfor", "kosovo"))])
    absorb(devs, [undated], {0}, {"d"}, {})
    assert devs[0].absorbed == [undated]


def test_an_undated_report_naming_an_incidents_day_does_not_join_its_entry():
    """As in one run: the entry of an incident ("The attack in …", as ingest titles one) is
    not the story of a later report that names its day among others."""
    from dataclasses import replace

    from briefings.ingest.merge import attach, merge

    who = ("nato", "kfor", "kosovo")
    attack = _entry("The attack in Banjska", D(2023, 9, 24), "day", ["a"], who)
    council = _entry("NATO approves additional forces", D(2023, 9, 28), "day", ["c"], who)
    report = replace(_event("r", None, "NATO will send more KFOR troops", who),
                     month_days=frozenset({(9, 24), (9, 29)}))
    devs = merge([report])
    attach(devs, [attack], {"r"})
    assert devs[0].seed is None
    devs = merge([replace(report)])
    attach(devs, [attack, council], {"r"})
    assert devs[0].seed is council


def test_a_dated_report_and_an_undated_one_that_fit_one_entry_join_it_together():
    """The dated report continues the entry (it has the date) and the undated report of a
    source published that day joins it, whatever order they come in."""
    from briefings.ingest.merge import attach, merge

    entry = _entry("The Assembly of Kosovo adopts laws", D(2018, 12, 14), "day", ["a"],
                   ("assembly-of-kosovo", "kosovo", "ksf"))
    for order in (1, -1):
        devs = merge([
            _kind(_event("b", D(2018, 12, 14), "parliament approved an army",
                         ("assembly-of-kosovo", "serbia")), "approve"),
            _event("u", None, "Kosovo got an army", ("kosovo", "nato"))][::order],
            {"b": "2018-12-14", "u": "2018-12-14"})
        devs.sort(key=lambda d: d.date is not None, reverse=order == 1)
        for d in devs:
            d.lede = True
        attach(devs, [entry], {"b", "u"}, {"b": "2018-12-14", "u": "2018-12-14"})
        assert _groups(devs) == [["b", "u"]], order
        assert devs[0].seed is entry and devs[0].date == D(2018, 12, 14)


def test_an_undated_entry_taken_in_keeps_its_sources_words_when_its_headline_is_unsure():
    """The headline of an undated entry taken into a dated one becomes a key point; one drafted
    without all its parts (``title-needs-review``) is no fact: the source's words it quoted
    first are kept instead."""
    from briefings.ingest.write import Context, with_absorbed

    ctx = Context(publishers={"a": "Outlet A", "u": "Outlet U"}, source_flags={}, speakers={})
    dated = _entry("Three countries sign a declaration", D(2025, 3, 18), "day", ["a"], ())
    dated.body = "Reported by Outlet A [@a].\n\nKey points:\n\n- Outlet A: \u201cx\u201d [@a]\n"
    unsure = _entry("Kosovo deploys troops", None, None, ["u"], (),
                    "Reported by Outlet U [@u].\n\nKey points:\n\n"
                    "- Outlet U: \u201cNisma e tre vendeve për mbrojtje\u201d [@u]\n")
    unsure.flags = ["undated", "title-needs-review"]
    body = with_absorbed(dated, [unsure], ctx).body
    assert "\u201cNisma e tre vendeve për mbrojtje\u201d [@u]" in body.splitlines()[-1]
    assert "deploys" not in body
    unsure.flags = ["undated"]  # a sure headline: kept as it is
    assert "\u201cKosovo deploys troops\u201d" in with_absorbed(dated, [unsure], ctx).body


def test_two_developments_fitting_an_edited_entry_stay_two():
    """An entry a person edited takes in no reports: two developments of a run that both fit
    it are not made one through it (each keeps its own citation)."""
    from briefings.ingest.merge import attach

    entry, devs = _army_laws_entry_and_two_reports()
    for d in devs:
        d.lede = True
    attach(devs, [entry], {"b", "c"}, edited=frozenset({0}))
    assert _groups(devs) == [["b"], ["c"]]


@pytest.mark.parametrize("case", ["day apart", "two bridged"])
def test_reading_the_runs_again_changes_nothing(tmp_path, case):
    """Re-running ingest on each run's sources, in the same order: every source is already
    cited where it belongs, so no entry is added, moved or rewritten (a source whose date an
    entry leaves out, or whose report another development of its run continues, included)."""
    from tests.ingest.conftest import tree

    if case == "day apart":
        runs = [[("a", "NATO troops enter Kosovo\n\nNATO troops entered Kosovo on 11 June 1999, "
                  "the alliance said in Brussels.", "1999-06-13", "en")],
                [("b", "Peacekeepers cross the border\n\nNATO peacekeepers entered Kosovo on 12 "
                  "June 1999 from the south.", "1999-06-14", "en"),
                 ("c", "The first convoys\n\nOn 12 June 1999 NATO forces entered Kosovo in "
                  "long convoys.", "1999-06-20", "en")]]
    else:
        runs = [[("a", "Kuvendi voton\n\nMë 14 dhjetor 2018 Kuvendi i Kosovës miratoi tri "
                  "ligjet për Forcën e Sigurisë.", "2018-12-14", "sq")],
                [("b", "Army laws\n\nKosovo's parliament on Friday approved three laws that "
                  "form an army, which Serbia opposes.", "2018-12-14", "en"),
                 ("c", "Skupština\n\nSkupština Kosova usvojila je danas tri zakona o "
                  "vojsci.", "2018-12-14", "sr")]]
    content = new_content(tmp_path / "content")
    folders = []
    for i, sources in enumerate(runs):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        for name, text, published, language in sources:
            _write(folder, name, text, published, language)
        folders.append(folder)
        ingest([folder], content)
    before = tree(content)
    for folder in folders:
        ingest([folder], content)
    after = tree(content)
    assert sorted(after) == sorted(before)
    assert after == before


def test_a_later_source_that_bridges_two_entries_a_day_apart_makes_them_one(tmp_path):
    """Two entries of earlier runs a day apart, each of one source, with too little in common
    to be one; a later source reports the development as both do (its kind, two actors shared
    with each): one entry citing all three, dated by the day more of them give, flagged
    ``conflicting-dates``; the other entry's file is gone (the run lists the move)."""
    made = _runs(tmp_path, [
        ("a", "KFOR arrives\n\nKFOR troops first entered Kosovo on 11 June 1999, a KFOR "
         "spokesman said.", "1999-06-13", "en")], [
        ("b", "Task Force Falcon\n\nTask Force Falcon entered Kosovo on 12 June 1999 with NATO "
         "forces.", "1999-06-14", "en")], [
        ("c", "The first day\n\nOn 12 June 1999 NATO troops of KFOR entered Kosovo from the "
         "south.", "1999-06-20", "en")])
    dated = [e for e in made if e.date is not None]
    assert len(dated) == 1, [(e.title, e.date, e.sources) for e in made]
    (entry,) = dated
    assert entry.date == D(1999, 6, 12) and len(entry.sources) == 3
    assert "conflicting-dates" in entry.flags
    assert "11 June 1999" in entry.body and "12 June 1999" in entry.body
    assert not any("outlet-a" in x.source or "kfor-arrives" in x.source
                   for x in entry.date_evidence)


def test_an_entry_a_person_edited_or_of_another_kind_is_not_bridged():
    from briefings.ingest.merge import bridge, merge

    seed = _entry("NATO troops enter Kosovo", D(1999, 6, 12), "day", ["b"],
                  ("nato", "kosovo", "task-force-falcon"))
    other = _entry("KFOR first enters Kosovo", D(1999, 6, 11), "day", ["a"], ("kfor", "kosovo"))
    signed = _entry("KFOR signs an agreement", D(1999, 6, 11), "day", ["s"], ("kfor", "kosovo"))

    def run(movable, entries):
        (dev,) = merge([_kind(_event("c", D(1999, 6, 12), "KFOR troops entered Kosovo",
                                     ("kfor", "kosovo", "nato")), "enter")])
        dev.seed = seed
        bridge([dev], entries, movable, {"c"})
        return dev.joined

    assert run({0, 1}, [seed, other]) == [other]
    assert run({0}, [seed, other]) == []  # a person edited it
    assert run({0, 1}, [seed, signed]) == []  # another kind of development
