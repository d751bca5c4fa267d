"""Re-running never loses work: nothing new changes nothing; a person's edit is never
overwritten and never changes any other entry; a changed source updates only untouched entries;
an entry its sources no longer give is kept and reported, never deleted; a source that arrives in
a later run joins the entry of the development it reports."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil

import pytest

from tests.ingest.conftest import SEEDS, entries, ingest, new_content, tree

RKS = "rks-news-kosovo-albania-croatia-implementation-plan"
BALKAN = "balkaneu-balkan-defense-pact"


def _copy_seeds(dest, names=None):
    dest.mkdir(parents=True, exist_ok=True)
    for p in SEEDS.iterdir():
        if p.name != "README.md" and (names is None or p.name.split(".")[0] in names):
            shutil.copy(p, dest / p.name)
    return dest


def test_rerun_with_nothing_new_changes_no_file(tmp_path):
    content = new_content(tmp_path / "content")
    sources = _copy_seeds(tmp_path / "sources")
    first = ingest([sources], content)
    assert first.outcome.new and not first.failed
    before = tree(content)
    mtimes = {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()}
    second = ingest([sources], content)
    assert tree(content) == before
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()} == mtimes
    o = second.outcome
    assert (o.new, o.updated, o.moved, o.stale, o.kept) == ([], [], [], [], [])
    assert len(o.unchanged) == len(first.outcome.new)
    assert not second.bibliography_changed
    assert not list(content.rglob(".*.tmp"))


def test_an_entry_a_person_edited_is_never_overwritten_but_reported(tmp_path):
    content = new_content(tmp_path / "content")
    sources = _copy_seeds(tmp_path / "sources")
    ingest([sources], content)
    path = next(p for p, e in entries(content).items()
                if e.date and e.date.isoformat() == "2025-07-18")
    edited = path.read_text(encoding="utf-8").replace(
        "Review: unreviewed", "Review: reviewed")
    path.write_text(edited, encoding="utf-8")
    # the source changes too: ingest would now write something else for this development
    src = sources / f"{RKS}.txt"
    src.write_text(src.read_text(encoding="utf-8") + "\nThe ministers praised the work.\n",
                   encoding="utf-8")
    result = ingest([sources], content)
    assert path.read_text(encoding="utf-8") == edited
    assert path in result.outcome.kept
    dated = [e for e in entries(content).values()
             if e.date and e.date.isoformat() == "2025-07-18"]
    assert len(dated) == 1, "no duplicate of the edited entry"


def _summary_edit(text: str) -> str:
    return re.sub(r"(?m)^Summary: ", "Summary: A person's words. ", text, count=1)


def _title_and_date_edit(text: str) -> str:
    """A person's own headline, and a date one day earlier (or a date where there was none)."""
    text = re.sub(r"(?m)^Title: .*$", "Title: A headline of a person's own", text, count=1)
    m = re.search(r"(?m)^Date: (\d{4}-\d{2}-\d{2})$", text)
    if m:
        day = dt.date.fromisoformat(m.group(1)) - dt.timedelta(days=1)
        return text.replace(m.group(0), f"Date: {day.isoformat()}")
    return re.sub(r"(?m)^Slug: ", "Date: 2016-05-01\nDate-Precision: year\nSlug: ", text,
                  count=1)


@pytest.mark.parametrize("edit", [_summary_edit, _title_and_date_edit])
def test_editing_any_one_entry_leaves_every_other_file_as_it_was(tmp_path, edit):
    content = new_content(tmp_path / "content")
    sources = _copy_seeds(tmp_path / "sources")
    ingest([sources], content)
    pristine = tree(content)
    paths = sorted(entries(content))
    assert len(paths) >= 10
    for path in paths:
        for name, data in pristine.items():
            (content / name).write_bytes(data)
        edited = edit(path.read_text(encoding="utf-8"))
        path.write_text(edited, encoding="utf-8")
        expected = {**pristine, str(path.relative_to(content)): edited.encode("utf-8")}
        result = ingest([sources], content)
        assert tree(content) == expected, f"editing {path.name} changed other files"
        o = result.outcome
        assert (o.new, o.updated, o.moved, o.stale, o.kept) == ([], [], [], [], [path])


def test_an_entry_its_sources_no_longer_give_is_kept_reported_and_retired_on_request(
        tmp_path):
    content = new_content(tmp_path / "content")
    sources = _copy_seeds(tmp_path / "sources", {RKS})
    ingest([sources], content)
    [planned] = [p for p, e in entries(content).items() if e.event_status == "planned"]
    text = planned.read_text(encoding="utf-8")
    src = sources / f"{RKS}.txt"
    src.write_text(re.sub(r"(?m)^The military cooperation.*\n", "", src.read_text(
        encoding="utf-8")).replace(", which will be presented to all three defense ministries "
                                   "for approval in September", ""), encoding="utf-8")
    result = ingest([sources], content)
    assert planned.read_text(encoding="utf-8") == text, "kept as it was"
    assert result.outcome.stale == [planned]
    [warning] = [p for p in result.problems if p.code == "W-NOT-GIVEN"]
    assert warning.path.endswith(planned.name) and "--retire" in warning.hint
    retired = ingest([sources], content, retire=True)
    moved = content / "retired" / planned.relative_to(content / "briefings")
    assert retired.outcome.retired == [(planned, moved)]
    assert not planned.exists() and moved.read_text(encoding="utf-8") == text
    again = ingest([sources], content, retire=True)
    assert (again.outcome.new, again.outcome.retired, again.outcome.stale) == ([], [], [])


def test_a_changed_source_updates_only_the_entries_nobody_edited(tmp_path):
    content = new_content(tmp_path / "content")
    sources = _copy_seeds(tmp_path / "sources")
    ingest([sources], content)
    before = tree(content)
    src = sources / f"{RKS}.txt"
    src.write_text(src.read_text(encoding="utf-8").replace(
        "declaration signed in Tirana commits", "declaration signed in Tirana binds"),
        encoding="utf-8")
    result = ingest([sources], content)
    after = tree(content)
    changed = sorted(k for k in after if before.get(k) != after[k])
    assert len(changed) == 1 and "2025-03-18" in changed[0], changed
    assert len(result.outcome.updated) == 1


def test_a_source_arriving_in_a_later_run_joins_the_existing_entries(tmp_path):
    content = new_content(tmp_path / "content")
    _copy_seeds(tmp_path / "a", {RKS})
    _copy_seeds(tmp_path / "b", {BALKAN})
    ingest([tmp_path / "a"], content)
    first = {e.date.isoformat() for e in entries(content).values() if e.date}
    assert {"2025-03-18", "2025-07-18", "2025-09-01"} <= first
    ingest([tmp_path / "b"], content)
    by_date = {}
    for e in entries(content).values():
        by_date.setdefault(e.date.isoformat() if e.date else None, []).append(e)
    for date in ("2025-03-18", "2025-07-18", "2025-09-01"):
        [e] = by_date[date]
        assert len(e.sources) == 2, (date, e.sources)
        assert "single-source" not in e.flags
        assert "according to RKS News and BalkanEU; " in e.summary, e.summary
        assert e.summary.endswith("give the date.") or "inferred" in e.summary, e.summary
        assert e.body.startswith("Reported by RKS News and BalkanEU [@")
    # and once more: nothing new, nothing changes
    before = tree(content)
    ingest([tmp_path / "b"], content)
    assert tree(content) == before


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path):
    from briefings.ingest.write import atomic_write

    target = tmp_path / "x" / "entry.md"
    atomic_write(target, "one\n")
    atomic_write(target, "two\n")
    assert target.read_text() == "two\n"
    assert os.listdir(target.parent) == ["entry.md"]


def test_a_pool_of_workers_writes_what_one_process_writes(tmp_path, monkeypatch):
    from briefings.ingest.read import settings
    from tests.ingest.conftest import FIXTURES

    serial = new_content(tmp_path / "serial")
    ingest([FIXTURES / "corpus"], serial, jobs=1)
    monkeypatch.setitem(settings(), "pool_min_sources", 2)
    pooled = new_content(tmp_path / "pooled")
    ingest([FIXTURES / "corpus"], pooled, jobs=2)
    a, b = tree(serial), tree(pooled)
    assert a.keys() == b.keys() and a == b
