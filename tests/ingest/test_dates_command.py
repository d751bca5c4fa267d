"""``briefings dates FILE``: the date expressions of a source with offsets into the file as read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.cli import main


def _rows(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert main(["dates", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_offsets_are_into_the_file_as_read(tmp_path: Path, capsys) -> None:
    # CRLF line ends, a removed zero-width space, a trailing blank and a cleaned-away footer:
    # the cleaned text the resolver reads is not the file's text, the offsets are the file's.
    text = ("Army news\r\n\r\nTIRANA, 3 March 2025 \u2013 The ministers\u200b met in Tirana "
            "and will meet again on 9 April.   \r\n\r\nLast modified: 4 March 2025\r\n")
    src = tmp_path / "crlf_and_invisible.txt"
    src.write_bytes(text.encode("utf-8"))
    rows = _rows(capsys, str(src))
    assert [(text[r["start"]:r["end"]], r["value"], r["role"]) for r in rows] == [
        ("3 March 2025", "2025-03-03", "publication"),
        ("on 9 April", "2025-04-09", "development"),
    ]
    assert rows[1]["basis"] == "publication-year"
    assert rows[1]["tense"] == "planned"


def test_published_option_and_relative_words(tmp_path: Path, capsys) -> None:
    src = tmp_path / "relative.txt"
    src.write_text("The platoon left for Kuwait yesterday and will return in August.", "utf-8")
    rows = _rows(capsys, "--published", "2021-03-10", str(src))
    assert [(r["text"], r["value"], r["precision"], r["tense"], r["basis"]) for r in rows] == [
        ("yesterday", "2021-03-09", "day", "occurred", "relative"),
        ("in August", "2021-08", "month", "planned", "publication-year"),
    ]


def test_html_offsets_are_found_in_the_page(tmp_path: Path, capsys) -> None:
    page = ("<html><head><title>Visit</title></head><body><article><h1>Visit</h1>"
            "<p>The delegation arrived in Pristina on 12 May 2022 and met the commander of "
            "KFOR at Film City, where the two sides discussed training.</p>"
            "<p>The next round of talks is planned for June 2022 in Brussels, the "
            "ministry said in a statement.</p></article></body></html>")
    src = tmp_path / "page.html"
    src.write_text(page, "utf-8")
    rows = _rows(capsys, str(src))
    assert rows, "no dates found in the page"
    for r in rows:
        assert page[r["start"]:r["end"]] == r["text"]


def test_table_and_bad_published(tmp_path: Path, capsys) -> None:
    src = tmp_path / "plain.txt"
    src.write_text("The exercise ended on 30 June 2023.", "utf-8")
    assert main(["dates", str(src)]) == 0
    out = capsys.readouterr().out
    assert "2023-06-30" in out and "published not known" in out
    assert main(["dates", "--published", "30.06.2023", str(src)]) == 2
    assert "not YYYY, YYYY-MM or YYYY-MM-DD" in capsys.readouterr().err
