"""``briefings validate --fix``: messy-but-valid files become canonical, a fixed file stays as it
is, values never change, and ingest's checksum keeps its meaning."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefings.entryfile import add_checksum, edited_by_person, read_entry
from briefings.validate import validate
from briefings.validate.fix import fix_file, fix_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTENT = FIXTURES / "content"
BAD = FIXTURES / "validate"

MESSY = """title:   Kosovo and NATO officials meet in Pristina  
Slug: 2025-03-20-kosovo-nato-officials-meet
date: 2025-3-20
Date-Precision: day
Event-Status: occurred
Category: meetings-and-visits
Actors: nato, kosovo, nato
Location: Pristina, Kosovo
Sources: rksnews-2025-kosovo-albania-croatia
Review: unreviewed
Flags: single-source
Summary: Officials of Kosovo and NATO
    met in Pristina.


Officials of Kosovo and NATO met in Pristina [@rksnews-2025-kosovo-albania-croatia].


"""  # noqa: W291

CANONICAL = """Title: Kosovo and NATO officials meet in Pristina
Date: 2025-03-20
Date-Precision: day
Event-Status: occurred
Slug: 2025-03-20-kosovo-nato-officials-meet
Category: meetings-and-visits
Actors: kosovo, nato
Location: Pristina, Kosovo
Sources: rksnews-2025-kosovo-albania-croatia
Review: unreviewed
Flags: single-source
Summary: Officials of Kosovo and NATO met in Pristina.

Officials of Kosovo and NATO met in Pristina [@rksnews-2025-kosovo-albania-croatia].
"""


def test_messy_but_valid_file_becomes_canonical_and_says_what_changed():
    result = fix_text(MESSY)
    assert result.text == CANONICAL
    assert result.changes == [
        "field name title -> Title", "field name date -> Date", "Date 2025-3-20 -> 2025-03-20",
        "Actors sorted, repeats removed", "fields put in the schema's order", "whitespace tidied",
    ]


def test_fixing_a_fixed_file_changes_nothing():
    once = fix_text(MESSY).text
    again = fix_text(once)
    assert again.text == once and again.changes == [] and again.refused is None


def test_fixed_file_is_valid(tmp_path):
    path = tmp_path / "messy.md"
    path.write_text(MESSY, encoding="utf-8")
    before = {p.code for p in validate([path], CONTENT)}
    assert {"E-DATE-FORMAT", "W-FIELD-CASE", "W-FIELD-ORDER", "W-LIST-DUPLICATE",
            "W-WHITESPACE"} <= before
    fix_file(path)
    assert validate([path], CONTENT) == []


def test_fixture_entries_round_trip_and_only_their_sets_are_sorted(tmp_path):
    for src in sorted((CONTENT / "briefings").rglob("*.md")):
        text = src.read_text(encoding="utf-8")
        result = fix_text(text, src)
        assert result.refused is None
        assert set(result.changes) <= {"Actors sorted", "Flags sorted"}, src.name
        entry, _ = read_entry(src)
        fixed_path = tmp_path / src.name
        fixed_path.write_text(result.text, encoding="utf-8")
        fixed, _ = read_entry(fixed_path)
        assert sorted(fixed.actors) == fixed.actors == sorted(entry.actors)
        assert (fixed.title, fixed.date, fixed.sources, fixed.body) == \
            (entry.title, entry.date, entry.sources, entry.body)
        assert fix_text(result.text).changes == []


def test_a_fix_never_adds_a_value():
    text = CANONICAL.replace("Review: unreviewed\n", "").replace("Event-Status: occurred\n", "")
    result = fix_text(text.replace("Actors: kosovo, nato", "Actors: nato, kosovo"))
    assert "Review:" not in result.text and "Event-Status:" not in result.text
    assert result.changes == ["Actors sorted"]


def test_unsafe_files_are_left_alone_with_the_reason(tmp_path):
    for name, words in [("entry_with_impossible_date.md", "cannot be read safely"),
                        ("entry_with_stray_header_line.md", "lines that are not fields"),
                        ("entry_with_field_written_twice.md", "written twice"),
                        ("entry_with_malformed_date_evidence.md", "a value would change")]:
        path = tmp_path / name
        shutil.copy(BAD / name, path)
        before = path.read_bytes()
        result = fix_file(path)
        assert result.refused and words in result.refused, (name, result.refused)
        assert path.read_bytes() == before


def test_untouched_ingest_output_is_left_to_ingest():
    text = add_checksum(MESSY.replace("date: 2025-3-20", "date: 2025-03-20"))
    result = fix_text(text)
    assert result.refused and "briefings ingest" in result.refused
    assert result.text == text


def test_a_persons_edit_keeps_its_checksum_line_and_stays_a_persons_edit():
    ingest_wrote = add_checksum(CANONICAL)
    edited = ingest_wrote.replace("Actors: kosovo, nato", "Actors: nato, kosovo")
    assert edited_by_person(edited)
    result = fix_text(edited)
    assert result.changes == ["Actors sorted"]
    checksum_line = [ln for ln in ingest_wrote.splitlines() if ln.startswith("Ingest-Checksum")]
    assert [ln for ln in result.text.splitlines() if ln.startswith("Ingest-")] == checksum_line
    # the fixed text is what ingest wrote: ingest may take it back, which is what it would
    # have written anyway; any other edit stays a person's edit
    assert not edited_by_person(result.text)


def test_windows_line_ends_are_fixed_in_the_file(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(CANONICAL.replace("\n", "\r\n").encode("utf-8"))
    assert [p.code for p in validate([path], CONTENT)] == ["W-WHITESPACE"]
    assert fix_file(path).changes == ["whitespace tidied"]
    assert path.read_bytes() == CANONICAL.encode("utf-8")
