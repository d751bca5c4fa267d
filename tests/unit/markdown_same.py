"""For the tests of the project's Markdown extensions, which change no HTML: the same HTML as
without them, on every Markdown file of the project."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def assert_same_html_on_the_projects_files(before, after) -> None:
    """``after`` (a ``markdown.Markdown``) makes of every entry and page of content/ and every
    test fixture what ``before`` makes."""
    files = [*ROOT.glob("content/**/*.md"), *ROOT.glob("tests/**/*.md")]
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert after.reset().convert(text) == before.reset().convert(text), path
