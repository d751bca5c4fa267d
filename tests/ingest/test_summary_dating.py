"""The summary says how sure the date is in the source's own terms: the relative words it is
worked out from, and how many of the cited sources give it."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.conftest import entries, ingest, new_content


def _source(folder: Path, name: str, text: str, publisher: str, published: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.yaml").write_text(
        f"url: https://example.org/{name}\ntitle: A report\npublisher: {publisher}\n"
        f"published: {published}\n", encoding="utf-8")


def _summaries(content: Path) -> list[str]:
    return [e.summary for e in entries(content).values()]


def test_relative_words_are_quoted_with_the_publication_date(tmp_path):
    content = new_content(tmp_path / "content")
    _source(tmp_path / "in", "wire", "The Kosovo Security Force received ten trucks from the "
            "United States yesterday, the ministry said.\n", "North Wire", "2024-05-08")
    ingest([tmp_path / "in"], content)
    (summary,) = _summaries(content)
    assert "(7 May 2024)" in summary
    assert "relative words (\u201cyesterday\u201d) and the publication date (8 May 2024)" \
        in summary, summary
    assert "such as" not in summary


def test_two_sources_giving_the_date_are_counted_not_named_twice(tmp_path):
    content = new_content(tmp_path / "content")
    words = "On 3 June 2024 the Kosovo Security Force received ten trucks from the United States."
    _source(tmp_path / "in", "north", words + "\n", "North Wire", "2024-06-04")
    _source(tmp_path / "in", "south", words.replace("ten", "10") + "\n", "South Daily",
            "2024-06-04")
    ingest([tmp_path / "in"], content)
    (summary,) = _summaries(content)
    assert summary.endswith("both give the date."), summary
    assert summary.count("North Wire") == 1


def test_date_metadata_glued_before_the_first_sentence_is_not_quoted(tmp_path):
    content = new_content(tmp_path / "content")
    _source(tmp_path / "in", "wire", " date 2024-05-08 PRISTINA (Wire) - The Kosovo Security "
            "Force received ten trucks from the United States on 7 May 2024.\n", "North Wire",
            "2024-05-08")
    ingest([tmp_path / "in"], content)
    (entry,) = entries(content).values()
    assert all(not ev.text.startswith("date") for ev in entry.date_evidence), entry.date_evidence
    assert "\u201cPRISTINA (Wire)" in entry.body and "date 2024-05-08" not in entry.body
