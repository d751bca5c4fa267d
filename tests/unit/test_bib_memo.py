"""The citations plugin reads an unchanged bibliography once per process when runs follow each
other in it (``make serve``), and never keeps it for a one-run build."""

from __future__ import annotations

import briefings.plugins.citations as citations
from briefings.problems import Problem

BIB = "@online{a-key,\n title = {A title},\n organization = {NATO},\n date = {2025-01-02},\n}\n"


def test_unchanged_bibliography_is_read_once_and_changes_are_read(tmp_path, monkeypatch):
    path = tmp_path / "bibliography.bib"
    path.write_text(BIB, encoding="utf-8")
    reads = []
    real = citations.load
    monkeypatch.setattr(citations, "load", lambda p: reads.append(p) or real(p))
    monkeypatch.setattr(citations, "_BIB", None)

    first = citations._load(path, keep=True)
    first.problems.append(Problem("x", 1, "E-X", "a problem of the first run", "none"))
    second = citations._load(path, keep=True)
    assert len(reads) == 1
    assert list(second.entries) == ["a-key"] and second.problems == []  # its own list

    path.write_text(BIB.replace("A title", "Another title"), encoding="utf-8")
    third = citations._load(path, keep=True)
    assert len(reads) == 2
    assert third.entries["a-key"].fields["title"] == "Another title"


def test_a_one_run_build_keeps_nothing(tmp_path, monkeypatch):
    path = tmp_path / "bibliography.bib"
    path.write_text(BIB, encoding="utf-8")
    monkeypatch.setattr(citations, "_BIB", None)
    citations._load(path, keep=False)
    assert citations._BIB is None


def _renderer(tmp_path, incremental: bool):
    pending = citations.Pending({"INCREMENTAL": incremental, "CACHE_PATH": None}, tmp_path)
    return pending.result()


def test_the_renderer_is_made_again_only_when_what_it_renders_changes(tmp_path, monkeypatch):
    (tmp_path / "bibliography.bib").write_text(BIB, encoding="utf-8")
    monkeypatch.setattr(citations, "_BIB", None)
    monkeypatch.setattr(citations, "_RENDERER", None)
    first = _renderer(tmp_path, True)
    assert _renderer(tmp_path, True) is first  # the next run of `make serve`
    assert "A Title" in first.references["a-key"].html

    (tmp_path / "bibliography.bib").write_text(BIB.replace("A title", "Another title"),
                                               encoding="utf-8")
    changed = _renderer(tmp_path, True)
    assert changed is not first
    assert "Another Title" in changed.references["a-key"].html
    assert _renderer(tmp_path, False) is not changed  # a one-run build makes its own
    assert citations._RENDERER is None
