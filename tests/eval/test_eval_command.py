"""``briefings eval DIR`` end to end on the synthetic corpus tests/fixtures/eval/: the real
ingest runs, the output has its shape. The figures themselves are tested on hand-written
entries (test_eval_score.py): what ingest finds changes as ingest improves."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from briefings.cli import COMMANDS, main
from briefings.eval.report import LABELS
from briefings.eval.score import METRICS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "eval"
ACTORS = ROOT / "content" / "actors.yaml"


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("eval") / "content"


@pytest.fixture(scope="module")
def report(kept: Path) -> dict:
    """One run for the module (capsys is per test)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["eval", str(CORPUS), "--json", "--actors", str(ACTORS),
                     "--content", str(kept), "--jobs", "1"])
    assert code == 0
    return json.loads(out.getvalue())


def test_json_shape(report: dict) -> None:
    assert report["languages"] == ["en", "sq", "sr"]
    assert set(report["metrics"]) == set(METRICS)
    for metric, columns in report["metrics"].items():
        assert set(columns["overall"]) == {"n", "of", "share"}, metric
    assert report["metrics"]["recall"]["overall"]["of"] == 6  # six relevant full dates
    assert report["metrics"]["recall"]["en"]["of"] == 3
    assert report["year_less"]["overall"]["total"] == 1
    assert report["ingest"]["sources"] == report["ingest"]["ingested"] == 5
    assert report["ingest"]["sources_per_second"] > 0
    assert len(report["clusters"]) == 1 and report["clusters"][0]["date"] == "2024-03-12"
    for name in ("missed", "wrong_dated", "wrong_status", "background_on_timeline",
                 "evidence_not_verbatim", "failing_titles", "year_less_events"):
        assert isinstance(report[name], list), name
    assert set(report["legend"]) == {*METRICS, "year_less"}
    found = report["metrics"]["recall"]["overall"]["n"]
    assert found + len(report["missed"]) == 6


def test_figures_agree_with_the_entries_written(report: dict, kept: Path) -> None:
    entries = sorted((kept / "briefings").rglob("*.md"))
    assert report["counts"]["entries"] == len(entries) > 0
    assert report["metrics"]["titles"]["overall"]["of"] == len(entries)
    assert len(report["failing_titles"]) == report["metrics"]["titles"]["overall"]["n"]
    assert (kept / "actors.yaml").read_bytes() == ACTORS.read_bytes()


def test_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["eval", str(CORPUS), "--list-titles", "--actors", str(ACTORS),
                 "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("metric"))
    assert header.split() == ["metric", "overall", "en", "sq", "sr"]
    for metric in METRICS:
        assert out.count(LABELS[metric]) == 2, metric  # its row and its legend
    assert re.search(r"^recall: relevant dated developments +\d+/6 ", out, re.M)
    assert "year-less" in out and "not in recall's denominator" in out
    assert "Titles failing the headline checks (" in out


def test_not_a_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    assert main(["eval", str(tmp_path)]) == 2
    assert "truth.json: no such file" in capsys.readouterr().err
    assert main(["eval", str(tmp_path / "nowhere")]) == 2


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert re.search(rf"^\| `{re.escape(name)}[ `]", readme, re.M), name


def test_runs_ingest_the_articles_in_turn_into_one_folder(tmp_path: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["eval", str(CORPUS), "--json", "--actors", str(ACTORS), "--runs", "2",
                     "--content", str(tmp_path / "content"), "--jobs", "1"])
    assert code == 0
    report = json.loads(out.getvalue())
    articles = [p for p in (CORPUS / "articles").iterdir() if not p.name.endswith(".meta.yaml")]
    assert report["ingest"]["sources"] == len(articles)  # each read once, over the two runs
    assert report["counts"]["entries"] == len(list((tmp_path / "content").rglob("*.md")))
