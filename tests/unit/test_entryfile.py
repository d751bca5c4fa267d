import datetime as dt
from pathlib import Path

from briefings.entryfile import add_checksum, edited_by_person, read_entry, render_entry

FIXTURE = Path(__file__).parent.parent / "fixtures" / "content" / "briefings"


def test_reads_fields_lists_evidence_and_lines():
    path = FIXTURE / "2025" / "2025-03-18-kosovo-albania-croatia-sign-defence-declaration.md"
    entry, problems = read_entry(path)
    assert problems == []
    assert entry.date == dt.date(2025, 3, 18)
    assert entry.date_precision == "day"
    assert entry.actors == ["kosovo", "albania", "croatia"]
    assert entry.sources == ["rksnews-2025-kosovo-albania-croatia",
                             "balkaneu-2025-balkan-defense-pact"]
    assert [e.source for e in entry.date_evidence] == entry.sources
    assert entry.date_evidence[0].text == "The March 18 declaration signed in Tirana"
    assert entry.lines["sources"] == 9
    assert entry.display_date() == "18 March 2025"


def test_render_round_trips_every_fixture():
    for path in sorted(FIXTURE.rglob("*.md")):
        entry, _ = read_entry(path)
        assert render_entry(entry) == path.read_text(encoding="utf-8"), path.name


def test_month_and_undated_display():
    month, _ = read_entry(
        FIXTURE / "2025" / "2025-09-implementation-plan-presented-for-approval.md")
    assert month.display_date() == "September 2025"
    undated, _ = read_entry(FIXTURE / "undated" / "maqedonci-state-military-factory-planned.md")
    assert undated.undated and undated.display_date() == "Undated"


def test_impossible_date_is_a_problem_with_its_line(tmp_path):
    p = tmp_path / "bad.md"
    p.write_text("Title: X\nDate: 2025-02-30\nSlug: x\n\nBody\n", encoding="utf-8")
    _entry, problems = read_entry(p)
    assert [(pr.line, pr.code) for pr in problems] == [(2, "E-DATE")]
    assert "2025-02-30" in problems[0].message


def test_checksum_detects_a_persons_edit():
    path = FIXTURE / "2016" / "2016-12-07-nato-secretary-general-replies-to-mustafa.md"
    text = add_checksum(path.read_text(encoding="utf-8"))
    assert not edited_by_person(text)
    assert edited_by_person(text.replace("confirming", "confirms"))
    assert edited_by_person(path.read_text(encoding="utf-8"))  # no checksum: a person's file

