"""Stage 8, merge: one development, one entry, across outlets and languages; and never two
developments in one entry (two meetings on different days, a plan and its execution, a report
that fits two developments equally)."""

from __future__ import annotations

import datetime as dt
import html

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
    conflicting = [e for e in made if "conflicting-dates" in e.flags]
    assert len(conflicting) == 2, [e.title for e in made]
    for e in conflicting:
        page = html.unescape((out / "briefings" / e.slug / "index.html").read_text("utf-8"))
        other = "12 June 1999" if e.date == D(1999, 6, 11) else "11 June 1999"
        assert f"Outlet {'b' if other.startswith('12') else 'a'}: {other}" in page
        assert "The sources disagree on the date" in page
    (both,) = [e for e in made if len(e.sources) == 2]
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
