"""How a file is named in a problem: relative to where the command runs, when it is inside."""

from __future__ import annotations

import os

from briefings.problems import display_path


def test_paths_are_shown_from_the_working_directory_it_was_asked_in(tmp_path, monkeypatch):
    entry = tmp_path / "content" / "briefings" / "2025" / "a.md"
    entry.parent.mkdir(parents=True)
    entry.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert display_path(entry) == os.path.join("content", "briefings", "2025", "a.md")
    assert display_path("content/briefings/2025/a.md") == "content/briefings/2025/a.md"
    assert display_path("content/briefings/../briefings/2025/a.md") == \
        "content/briefings/2025/a.md"
    assert display_path(entry, root=tmp_path / "content") == "briefings/2025/a.md"
    # the same relative name, asked from another folder, is that folder's file
    monkeypatch.chdir(tmp_path / "content")
    assert display_path("briefings/2025/a.md") == "briefings/2025/a.md"
    assert display_path(entry) == "briefings/2025/a.md"
    assert display_path(tmp_path / "elsewhere.md") == str(tmp_path / "elsewhere.md")


def test_a_folder_reached_through_a_symbolic_link_is_shown_where_it_is(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "content").symlink_to(real)
    monkeypatch.chdir(tmp_path / "work" / "content")
    assert display_path(tmp_path / "real" / "a.md") == "a.md"
    assert display_path(tmp_path / "work" / "content" / "a.md") == "a.md"
