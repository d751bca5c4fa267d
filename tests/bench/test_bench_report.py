"""BENCHMARKS.md: the table and the hand-written Notes section a rewrite keeps."""

from __future__ import annotations

import sys

from briefings.bench import report
from briefings.bench.measure import run_measured


def test_rewrite_keeps_the_hand_written_notes(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    rows = [report.budget_row("Slide change", 10_000, "slide_ms", 140.0, "140 ms")]
    report.write(out, rows, {"Run": {"Date": "today"}}, ["a definition"])
    text = out.read_text(encoding="utf-8")
    assert report.DEFAULT_NOTES in text
    notes = "We profiled X.\n\n| a | table |\n\nIt is fine."
    out.write_text(text.replace(report.DEFAULT_NOTES, notes), encoding="utf-8")
    rows = [report.budget_row("Slide change", 10_000, "slide_ms", 80.0, "80 ms")]
    report.write(out, rows, {"Run": {"Date": "tomorrow"}}, ["a definition"])
    text = out.read_text(encoding="utf-8")
    assert notes in text and report.DEFAULT_NOTES not in text
    assert "tomorrow" in text and "today" not in text
    assert "| Slide change | 10,000 | ≤ 100 ms | 80 ms | ✅ met |" in text
    assert "140 ms" not in text


def test_budgets_are_checked_in_their_direction():
    assert report.BUDGETS["ingest_rate"].check(25) == report.MET
    assert report.BUDGETS["ingest_rate"].check(15) == report.MISSED
    assert report.BUDGETS["build_ratio"].check(2.5) == report.MET  # cold
    assert report.BUDGETS["build_ratio"].check(2.6) == report.MISSED
    assert report.BUDGETS["warm_ratio"].check(1.5) == report.MET
    assert report.BUDGETS["warm_ratio"].check(1.6) == report.MISSED
    assert report.BUDGETS["build_memory"].check(1.4 * (1 << 30)) == report.MET
    row = report.absent("PDF", 1000, "`briefings pdf` is not in this checkout", "pdf_seconds")
    line = report.table([row]).splitlines()[-1]
    assert "not measured: `briefings pdf` is not in this checkout" in line and "met" not in line


def test_peak_memory_of_a_child_and_its_children_is_measured():
    code = ("import subprocess, sys, time; b = bytearray(60_000_000); "
            "subprocess.run([sys.executable, '-c', "
            "'import time; c = bytearray(120_000_000); time.sleep(0.6)'])")
    run = run_measured([sys.executable, "-c", code], interval=0.05)
    assert run.ok
    assert run.maxrss >= 120_000_000  # the largest single process (the grandchild)
    assert run.tree_peak >= 180_000_000  # both at once
    assert run.peak == run.tree_peak
    assert run.seconds >= 0.6


def test_time_outside_the_steps_leaves_out_the_step_run_beside_them():
    from briefings.bench.steps import Run, step_times

    run = Run(["briefings", "build"], 0, 48.1, 0, 0,
              "built out (pelican 43.8s, validate 27.2s)\n", "")
    said = step_times(run)
    assert said.startswith("steps of the last run: pelican 43.8s, validate 27.2s; 4.30 s outside")
    # with no step beside, every step counts
    assert "; 2.00 s outside" in step_times(
        Run(["briefings", "build"], 0, 10.0, 0, 0, "built out (pelican 5.0s, search 3.0s)", ""))



def _canned_bench(tmp_path, seconds, repeat):
    """A :class:`Bench` whose commands are not run: each gives the next of ``seconds`` (CPU twice
    that), in the order the bench runs them."""
    from briefings.bench.steps import Bench, Run

    times = iter(seconds)

    class Canned(Bench):
        def content(self, size):
            return tmp_path, []

        def run(self, cmd, cwd=None, cache=None, cold=True):
            took = next(times)
            return Run([str(c) for c in cmd], 0, took, 0, 0, "", "", cpu=took * 2)

    return Canned(tmp_path, tmp_path, repeat=repeat, log=False)


def test_repeated_builds_show_every_run_and_every_pair(tmp_path):
    """With three alternated pairs, the rows give the medians and, in their notes, each run and
    each build ÷ plain pair in the order they ran (the spread a single figure hides)."""
    # build, plain, build, plain, ...
    bench = _canned_bench(tmp_path, [60.0, 40.0, 66.0, 40.0, 63.0, 50.0], repeat=3)
    build, plain, ratio, memory = bench.build(10_000)
    assert memory.budget == "≤ 1.5 GiB" and memory.measured.endswith("MiB")
    assert build.measured.startswith("63.0 s")  # the median of 60, 66, 63
    assert "runs: 60.0 s, 66.0 s, 63.0 s (CPU 120.0 s, 132.0 s, 126.0 s)" in build.notes
    assert plain.measured.startswith("40.0 s")
    assert "runs: 40.0 s, 40.0 s, 50.0 s" in plain.notes
    assert ratio.measured == "1.57 ×"  # 63 / 40: the ratio of the medians
    assert ratio.notes.endswith("run by run (each build ÷ the plain run after it): "
                                "1.50 ×, 1.65 ×, 1.26 ×")


def test_a_single_build_has_no_run_by_run_notes(tmp_path):
    build, plain, ratio, _memory = _canned_bench(tmp_path, [10.0, 10.0], repeat=1).build(5_000)
    assert "runs:" not in build.notes and "runs:" not in plain.notes
    assert "run by run" not in ratio.notes


def test_the_projects_notes_are_a_short_decision_log():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "BENCHMARKS.md").read_text(encoding="utf-8")
    start, end = text.index("<!-- notes:start"), text.index("<!-- notes:end -->")
    lines = text[start:end].splitlines()[1:]
    assert 0 < len(lines) <= 60, f"Notes hold {len(lines)} lines: keep a decision log of 60"
