"""The ingest-size part of `briefings bench`: one source per size, time per 100 KB, a ratio row."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from briefings.bench.ingest_size import TEXTS, source_text, write_source


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_sources_have_the_size_asked_for_and_their_shape(kind, tmp_path):
    text = source_text(kind, 50_000)
    sentence = TEXTS[kind][0]
    assert 50_000 - len(sentence) - 2 < len(text.encode("utf-8")) <= 50_000
    assert ("3 March 2025" in text) == (kind != "undated")
    if kind == "run-on":  # one sentence as long as the source
        assert "." not in text and "\n" not in text
    else:  # paragraphs of five sentences
        assert {p.count(sentence) for p in text.split("\n\n")[:-1]} == {5}
    path = write_source(tmp_path, kind, 50_000)
    assert path.read_text(encoding="utf-8") == text
    assert "published: 2025-08-01" in path.with_suffix(".meta.yaml").read_text(encoding="utf-8")


#: more bytes than any sentence (with its gap) of briefings.bench.ingest_size.TEXTS
SENTENCE_MAX = max(len((a + b).encode("utf-8")) for a, b in TEXTS.values())


@pytest.mark.slow
def test_tiny_run_writes_time_per_100_kb_and_the_ratio_rows(root, tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run(
        [sys.executable, "-m", "briefings.cli", "bench", "--only", "ingest-size",
         "--ingest-sizes", "20000,40000", "--out", str(out), "--workdir", str(tmp_path / "work")],
        cwd=root, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in text.splitlines()
            if line.startswith("| Ingest time per 100 KB")]
    per_size = [r for r in rows if r[1] in ("20,000", "40,000")]
    assert len(per_size) == 6 and len(rows) == 9
    for row in per_size:
        per, seconds = map(float, re.match(r"([\d.]+) s \(([\d.]+) s for ", row[3]).groups())
        size = int(row[1].replace(",", ""))
        # the source has at most ``size`` bytes, and less than one sentence fewer; the times
        # are printed rounded ("0.40 s", "0.123 s")
        most, least = size / 100_000, (size - SENTENCE_MAX) / 100_000
        half = 0.005 if seconds < 10 else 0.05
        assert (seconds - half) / most - 0.0005 <= per <= (seconds + half) / least + 0.0005
        assert re.search(r"\d+ MiB", row[5])
        assert re.search(r"CPU [\d.]+ s, [\d.]+ s per 100 KB after the start-up", row[6])
        assert "1 entries" in row[6]  # one development, however often it is repeated
    assert sum("W-LONG-SENTENCE" in r[6] for r in per_size) == 2  # the run-on text
    assert sum("W-UNDATED" in r[6] for r in per_size) == 2
    ratios = [r for r in rows if "÷" in r[0]]
    assert {r[0].split(": ")[1] for r in ratios} == {
        "repetitive dated text", "dated text with no sentence end", "undated prose"}
    for r in ratios:
        # at these tiny sizes a busy machine's noise can hide the work: then it says so
        assert (re.fullmatch(r"[\d.]+ ×", r[3]) and r[4] in ("✅ met", "❌ missed")) or \
            r[3].startswith("not measured: the smaller source took no more CPU time")
        assert r[2] == "≤ 2 × (linear: 1 ×)"
    assert "**Ingest time per 100 KB of one source**" in text
