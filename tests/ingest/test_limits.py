"""The limits of ``data/settings.yaml`` that keep ingest linear in the size of a source: each one
reached gives one warning with the place where it was reached, and leaves the rest alone."""

from __future__ import annotations

import re

from briefings.ingest.actors import name_checks
from briefings.ingest.pipeline import process
from briefings.ingest.read import settings
from tests.ingest.conftest import ROOT, in_root

LINE_RE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>W-[A-Z-]+) .+ \(.+\)$")


def _source(folder, name, text, published="2025-08-01"):
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.yaml").write_text(
        f"url: https://example.org/{name}\npublisher: Example News\npublished: {published}\n",
        encoding="utf-8")
    return path


def _ingest(path):
    with in_root():
        return process(path, {}, ROOT / "content" / "actors.yaml")


def _warnings(src, code):
    hits = [LINE_RE.match(p.format()) for p in src.problems if p.code == code]
    assert all(hits), [p.format() for p in src.problems]
    return hits


def test_a_sentence_without_an_end_is_read_in_pieces_with_one_warning(tmp_path, monkeypatch):
    monkeypatch.setitem(settings(), "max_sentence_chars", 300)
    run = " ".join(f"the minister met officials in Prishtina on {d} March 2025 about training"
                   for d in range(1, 21))
    src = _ingest(_source(tmp_path, "run_on_sentence", f"A heading\n\n{run}\n"))
    dated = [ev for ev in src.events if ev.date is not None]
    assert len(dated) == 20
    for ev in dated:
        assert all(len(s) <= 300 and s in src.text for s in ev.sentences)
        assert ev.evidence and all(e in src.text for e in ev.evidence)
        assert any(f"{ev.date.day} March 2025" in s for s in ev.sentences)
    (hit,) = _warnings(src, "W-LONG-SENTENCE")
    first = run.index("on 1 March 2025")  # the mention holds its preposition
    assert (int(hit["line"]), int(hit["col"])) == (3, first + 1)
    assert "20 date mention(s)" in hit.string and "max_sentence_chars" in hit.string


def test_sentences_under_the_limit_give_no_warning(tmp_path):
    text = "The minister met officials in Prishtina on 3 March 2025. They agreed on training.\n"
    src = _ingest(_source(tmp_path, "short_sentences", text))
    assert not [p for p in src.problems if p.code == "W-LONG-SENTENCE"]


def test_developments_over_the_limit_are_left_out_with_one_warning(tmp_path, monkeypatch):
    monkeypatch.setitem(settings(), "max_developments_per_source", 3)
    lines = [f"The minister met officials in Prishtina on {d} March 2025." for d in range(1, 6)]
    lines.append("Officials recalled the talks of 1 March 2025 in Tirana.")
    src = _ingest(_source(tmp_path, "more_developments_than_the_limit", "\n".join(lines)))
    assert [ev.date.day for ev in src.events] == [1, 2, 3]
    # a later mention of a development already found still counts
    assert any("Tirana" in s for s in src.events[0].sentences)
    (hit,) = _warnings(src, "W-TOO-MANY-DEVELOPMENTS")
    assert (int(hit["line"]), int(hit["col"])) == (4, lines[3].index("on 4 March") + 1)
    assert "more than 3 developments" in hit.string and "2 date mention(s)" in hit.string


def test_conflicting_names_listed_in_an_entry_are_capped():
    conflicts = {f"Surname{i:02d}": [(i, f"First{j} Surname{i:02d}") for j in range(12)]
                 for i in range(12)}
    checks = name_checks(conflicts, 10)
    assert len(checks) == 11 and "2 more surnames" in checks[-1]
    assert checks[0].count("First") == 10 and checks[0].endswith(", 2 more names.")
    few = {"Zemaj": [(0, "Donika Zemaj"), (9, "Armend Zemaj")]}
    assert name_checks(few, 10) == [
        "The source gives the surname Zemaj several first names: Donika Zemaj, Armend Zemaj."]
