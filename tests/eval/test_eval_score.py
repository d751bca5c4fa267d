"""The figures of ``briefings eval`` on entries written by hand for the synthetic corpus in
tests/fixtures/eval/ (see its README), so that every figure can be counted by hand and does not
depend on what ingest finds today."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from briefings.entryfile import render_entry
from briefings.eval.corpus import load_corpus, read_entries
from briefings.eval.score import OVERALL, Scores, score
from briefings.model import Entry, Evidence

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "eval"
FILES = {"k1": "01_gazette_2024_joint_course.txt", "k2": "02_wire_2024_course_opens.txt",
         "k3": "03_lajmet_2024_kursi_i_perbashket_sq.txt",
         "k4": "04_vesti_2024_ambasador_poseta_sr.txt", "k5": "05_notes_noyear_first_team.txt"}


def entry(title: str, date: str | None, sources: list[str], status: str = "occurred",
          evidence: tuple[tuple[str, str], ...] = (), scope: str = "cooperation") -> Entry:
    """``date`` as eval compares it: 2024-03-12 (day), 2024-05 (month), 2024 (year) or None."""
    day = None
    if date:
        parts = [*map(int, date.split("-")), 1, 1][:3]
        day = dt.date(*parts)
    precision = {10: "day", 7: "month", 4: "year"}[len(date)] if date else None
    return Entry(title=title, slug="x", category="agreements", summary="S.", sources=sources,
                 date=day, date_precision=precision, event_status=status,
                 date_evidence=[Evidence(k, w) for k, w in evidence],
                 flags=[] if date else ["undated"], scope=scope)


#: A: the cluster's course, citing two of its three files (one evidence item not verbatim);
#: B: the planned exercise with the wrong status (its evidence spans a blank line);
#: C: the 2008 background event; D: file 03's course one day off; E: undated, a two-word
#: title; F: the Serbian visit, right.
BASE = {
    "a": entry("Kosovo Security Force opens a joint course with Iowa", "2024-03-12",
               ["k1", "k2"], evidence=(("k1", "on 12 March 2024"),
                                       ("k2", "a joint medical course on Tuesday, March 13"))),
    "b": entry("On 5 May the exercise begins", "2024-05", ["k1"], evidence=(
        ("k1", "officials said. A larger field exercise with US troops is planned for May"),)),
    "c": entry("Kosovo declares independence from Serbia", "2008-02-17", ["k1"]),
    "d": entry("Iowa Guard and KSF start a course in Pristina", "2024-03-11", ["k3"],
               evidence=(("k3", "Më 12 mars 2024"),)),
    "e": entry("KFOR", None, ["k5"]),
    "f": entry("US ambassador visits a KSF barracks in Prizren", "2024-04-02", ["k4"]),
}


def scored(tmp_path: Path, **changes: Entry | None) -> Scores:
    """Write BASE (with ``changes``; None drops an entry) and a bibliography, then score."""
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    (content / "bibliography.bib").write_text("".join(
        f"@online{{{key},\n  title = {{A source}},\n  file = {{tests/fixtures/eval/articles/"
        f"{name}}},\n}}\n\n" for key, name in FILES.items()), encoding="utf-8")
    for name, e in {**BASE, **changes}.items():
        if e is not None:
            (content / "briefings" / f"{name}.md").write_text(render_entry(e), encoding="utf-8")
    return score(load_corpus(CORPUS), read_entries(content))


def figure(s: Scores, metric: str, col: str = OVERALL) -> tuple[int, int] | None:
    r = s.figures[metric].get(col)
    return (r.n, r.of) if r else None


def test_recall_overall_and_per_language(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert s.languages == ["en", "sq", "sr"]
    assert figure(s, "recall") == (4, 6)  # 03's course (one day off) and its 2023 are missed
    assert [figure(s, "recall", c) for c in s.languages] == [(3, 3), (0, 2), (1, 1)]
    assert {(m["file"][:2], m["date"]) for m in s.lists["missed"]} == {
        ("03", "2024-03-12"), ("03", "2023")}


def test_recall_on_the_timeline_counts_what_background_takes_off(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "recall_timeline") == figure(s, "recall") == (4, 6)
    assert s.lists["relevant_off_timeline"] == []
    off = scored(tmp_path / "off", a=dataclasses.replace(BASE["a"], scope="background"))
    assert figure(off, "recall") == (4, 6)  # still found: recall counts every entry
    assert figure(off, "recall_timeline") == (2, 6)  # 01's and 02's course: off the timeline
    assert sorted(x["file"][:2] for x in off.lists["relevant_off_timeline"]) == ["01", "02"]


def test_a_wrong_date_is_counted_as_wrong(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "precision") == (5, 6)
    assert figure(s, "precision", "sq") == (0, 1)
    assert figure(s, "precision_same_year") == (6, 6)  # 2024-03-11: right year, wrong day
    assert [(w["file"][:2], w["date"], w["truth_dates"]) for w in s.lists["wrong_dated"]] == [
        ("03", "2024-03-11", ["2023", "2024-03-12"])]
    right = scored(tmp_path / "right", d=dataclasses.replace(BASE["d"],
                                                            date=dt.date(2024, 3, 12)))
    assert figure(right, "precision") == (6, 6)
    assert figure(right, "recall", "sq") == (1, 2)
    assert right.lists["wrong_dated"] == []


@pytest.mark.parametrize(("date", "precision"), [
    (dt.date(2024, 3, 1), "month"),  # the right month, but truth says the day
    (dt.date(2023, 1, 1), "day"),  # truth says only 2023: a day is more than the text gives
])
def test_a_wrong_precision_is_counted_as_wrong(tmp_path: Path, date: dt.date,
                                               precision: str) -> None:
    s = scored(tmp_path, d=dataclasses.replace(BASE["d"], date=date, date_precision=precision))
    assert figure(s, "precision", "sq") == (0, 1)
    assert figure(s, "recall", "sq") == (0, 2)


def test_year_less_events_are_counted_apart(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert s.year_less[OVERALL].as_dict() == {"total": 1, "any_year": 0, "undated": 1,
                                              "missed": 0}
    found = scored(tmp_path / "found", e=entry("Iowa sends a first team", "2019-06-03", ["k5"]))
    assert found.year_less["en"].any_year == 1
    assert figure(found, "recall") == (4, 6)  # not in recall's denominator either way
    missed = scored(tmp_path / "missed", e=None)
    assert missed.year_less[OVERALL].missed == 1


def test_status(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "status") == (4, 5)  # B says occurred, truth says planned
    assert [w["file"][:2] for w in s.lists["wrong_status"]] == ["01"]
    fixed = scored(tmp_path / "fixed", b=dataclasses.replace(BASE["b"], event_status="planned"))
    assert figure(fixed, "status") == (5, 5)


def test_background_on_and_off_the_timeline(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "background_on_timeline") == (1, 4)  # C, of A, B, C, F (D matches nothing)
    assert figure(s, "background_on_timeline", "en") == (1, 3)
    assert figure(s, "background_kept_off") == (0, 1)
    off = scored(tmp_path / "off", c=entry("Kosovo declares independence from Serbia",
                                           "2008-02-17", ["k1"], scope="background"))
    assert figure(off, "background_on_timeline") == (0, 3)
    assert figure(off, "background_kept_off") == (1, 1)
    assert figure(off, "precision") == (5, 6)  # still a dated entry, and rightly dated


def test_evidence_verbatim_after_whitespace_normalisation(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "evidence") == (3, 4)
    assert [(x["file"][:2], x["words"][:20]) for x in s.lists["evidence_not_verbatim"]] == [
        ("02", "a joint medical cour")]
    assert figure(s, "evidence", "sq") == (1, 1)


def test_titles(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "titles") == (2, 6)
    assert figure(s, "titles", "en") == (2, 4)
    assert {(t["title"], tuple(t["checks"])) for t in s.lists["failing_titles"]} == {
        ("On 5 May the exercise begins", ("starts-with-date", "starts-with-preposition")),
        ("KFOR", ("too-short",))}


def test_clusters(tmp_path: Path) -> None:
    s = scored(tmp_path)
    assert figure(s, "clusters_one_entry") == (1, 1)  # A; B (2024-05) is another period
    assert figure(s, "clusters_complete") == (0, 1)  # A cites 01 and 02, not 03
    assert figure(s, "cluster_sources") == (2, 3)
    assert s.clusters[0]["entry_paths"] == ["briefings/a.md"]
    both = scored(tmp_path / "both", a=dataclasses.replace(BASE["a"], sources=["k1", "k2", "k3"]),
                  d=dataclasses.replace(BASE["d"], date=dt.date(2024, 3, 12)))
    assert figure(both, "clusters_one_entry") == (0, 1)  # A and D: split in two
    assert figure(both, "cluster_sources") == (3, 3)
    assert figure(both, "clusters_complete") == (0, 1)  # every file cited, but not one entry
    merged = scored(tmp_path / "merged", a=dataclasses.replace(BASE["a"],
                                                                sources=["k1", "k2", "k3"]))
    assert figure(merged, "clusters_complete") == (1, 1)


def test_a_source_joined_without_its_date_is_counted_apart(tmp_path: Path) -> None:
    # A cites 04 as well, which gives no evidence of 12 March: 04 (only 2 April in its truth)
    # is a wrong join, and it does not count in precision, which is about the dating sources
    s = scored(tmp_path, a=dataclasses.replace(BASE["a"], sources=["k1", "k2", "k4"]))
    assert figure(s, "precision") == (5, 6)
    assert figure(s, "joined") == (0, 1)
    assert [(w["file"][:2], w["date"]) for w in s.lists["wrong_joined"]] == [("04", "2024-03-12")]
    # 03 gives 12 March 2024 too (A's evidence just does not quote it): a right join
    fine = scored(tmp_path / "fine", a=dataclasses.replace(BASE["a"], sources=["k1", "k2", "k3"]))
    assert figure(fine, "joined") == figure(fine, "joined", "sq") == (1, 1)
    assert fine.lists["wrong_joined"] == []


def test_a_join_is_right_by_a_date_without_a_year_or_by_the_clusters(tmp_path: Path) -> None:
    import shutil

    # 05 gives 3 June without a year: an entry of 3 June 2023 may cite it without its date
    june = entry("A first team is sent", "2023-06-03", ["k4", "k5"], evidence=(("k4", "x"),))
    s = scored(tmp_path / "june", f=june)
    assert figure(s, "joined") == (1, 1) and s.lists["wrong_joined"] == []
    s = scored(tmp_path / "july", f=dataclasses.replace(june, date=dt.date(2023, 7, 3)))
    assert figure(s, "joined") == (0, 1)
    # 04's truth has only its own visit; a corpus whose clusters say 04 reports the course
    # too counts it right
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    clusters = corpus / "clusters.json"
    clusters.write_text(clusters.read_text(encoding="utf-8").replace(
        '"03_lajmet_2024_kursi_i_perbashket_sq.txt"',
        '"03_lajmet_2024_kursi_i_perbashket_sq.txt", "04_vesti_2024_ambasador_poseta_sr.txt"'),
        encoding="utf-8")
    wider = dataclasses.replace(BASE["a"], sources=["k1", "k2", "k4"])
    scored(tmp_path / "wider", a=wider)
    s = score(load_corpus(corpus), read_entries(tmp_path / "wider" / "content"))
    assert figure(s, "joined") == (1, 1)


def test_a_merged_entry_at_a_finer_date_of_another_source_counts_for_both() -> None:
    from briefings.eval.corpus import EntryView

    corpus = load_corpus(CORPUS)
    may = next(ev for ev in corpus.files[FILES["k1"]].events if ev.date == "2024-05")
    # 04 gives the day of 01's May exercise: an entry at that day citing both finds 01's event
    corpus.files[FILES["k4"]].events.append(dataclasses.replace(
        may, file=FILES["k4"], date="2024-05-20", language="sr"))
    merged = EntryView(path="m.md", title="Exercise begins", date="2024-05-20",
                       status="planned", timeline=True, files=[FILES["k1"], FILES["k4"]],
                       evidence=[(FILES["k1"], "x"), (FILES["k4"], "y")])
    alone = dataclasses.replace(merged, files=[FILES["k1"]], evidence=[(FILES["k1"], "x")])
    found = score(corpus, [merged])
    assert {m["date"] for m in found.lists["missed"] if m["file"] == FILES["k1"]} == {
        "2024-03-12"}  # May is found
    assert figure(found, "precision") == (2, 2)
    # without the other source, a day in May is more than 01 gives
    wrong = score(corpus, [alone])
    assert "2024-05" in {m["date"] for m in wrong.lists["missed"]}
    assert figure(wrong, "precision") == (0, 1)
