"""Ingest time against the size of one source (issue 25): one source of repetitive text at each
size, ingested alone into an empty content directory, reported as time per 100 KB.

Three texts, each one sentence repeated (paragraphs of five sentences, except the run-on one):

- **dated**: a sentence with a date ("… held talks in Prishtina on 3 March 2025 with US
  officials."): every sentence is a date mention of the same development;
- **run-on**: the same words without a sentence end, so that the whole source is one sentence;
- **undated**: the sentence without its date, for comparison.

Linear ingest gives the same time per 100 KB at every size, once the command's start-up (the
CPU time of the ingest of a 1 KB source of the same text) is taken off; the ratio row compares
the largest size with the smallest that way (CPU time: less sensitive to other work on the
machine than wall time).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.bench.measure import Run, median
from briefings.bench.report import INFO, Row, absent, budget_row

if TYPE_CHECKING:
    from briefings.bench.steps import Bench

#: name -> (the repeated sentence, what follows it)
TEXTS: dict[str, tuple[str, str]] = {
    "dated": ("The Minister of Defence held talks in Prishtina on 3 March 2025 with US officials "
              "about training.", " "),
    "run-on": ("the minister held talks in Prishtina on 3 March 2025 with US officials about "
               "training and", " "),
    "undated": ("The Minister of Defence held talks in Prishtina with US officials about "
                "training and cooperation.", " "),
}
DESCRIBED = {"dated": "repetitive dated text", "run-on": "dated text with no sentence end",
             "undated": "undated prose"}
SIDECAR = ("url: https://example.org/{name}\ntitle: A source of {size:,} bytes\n"
           "publisher: Example News\npublished: 2025-08-01\nlanguage: en\n")
PER = 100_000  # bytes: "time per 100 KB"
STARTUP = 1_000  # bytes of the source whose ingest gives the command's start-up time
WARNING_RE = re.compile(r"^[^\n]*?:\d+:\d+: (W-[A-Z-]+) ", re.MULTILINE)
SENTENCES_PER_PARAGRAPH = 5


def source_text(kind: str, size: int) -> str:
    """At most ``size`` bytes (less than one sentence fewer) of the text ``kind``: a source of
    2 MB stays within the 2 MB an article may have (``max_bytes``)."""
    sentence, gap = TEXTS[kind]
    if kind == "run-on":
        unit = sentence + gap
        return unit * (size // len(unit.encode("utf-8")))
    parts: list[str] = []
    length, n, count = 0, len(sentence.encode("utf-8")), 0
    while True:
        sep = "" if not count else "\n\n" if count % SENTENCES_PER_PARAGRAPH == 0 else gap
        if length + len(sep) + n > size:
            return "".join(parts)
        parts += [sep, sentence]
        length += len(sep) + n
        count += 1


def write_source(folder: Path, kind: str, size: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{size}"
    path = folder / f"{name}.txt"
    path.write_text(source_text(kind, size), encoding="utf-8")
    (folder / f"{name}.meta.yaml").write_text(SIDECAR.format(name=name, size=size),
                                             encoding="utf-8")
    return path


def size_label(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 100_000 else f"{size / 1e3:g} KB"


def _ingest(bench: Bench, kind: str, size: int, registry: Path) -> tuple[list[Run], Path, int]:
    """``bench.repeat`` runs of ``briefings ingest`` of one source into an empty content; the
    content directory and the bytes of the source."""
    from briefings.bench.steps import PY

    source = write_source(bench.workdir / "ingest-size", kind, size)
    target = bench.workdir / f"ingest-size-content-{kind}-{size}"
    runs: list[Run] = []
    for _i in range(bench.repeat):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if registry.exists():
            shutil.copy(registry, target / "actors.yaml")
        runs.append(bench.run([PY, "-m", "briefings.cli", "ingest", "--content", target, source],
                              cwd=bench.workdir))
        if runs[-1].returncode != 0:
            break
    return runs, target, source.stat().st_size


def measure(bench: Bench, sizes: list[int], kinds: tuple[str, ...] = tuple(TEXTS)) -> list[Row]:
    """Rows for :class:`briefings.bench.steps.Bench` (``bench.run`` runs each command)."""
    from briefings.bench.steps import fail_row, secs

    rows: list[Row] = []
    registry = bench.root / "content" / "actors.yaml"
    for kind in kinds:
        measure_name = f"Ingest time per 100 KB of one source: {DESCRIBED[kind]}"
        bench.say(f"ingest of one {size_label(STARTUP)} source of {DESCRIBED[kind]} (start-up)")
        runs, target, _bytes = _ingest(bench, kind, STARTUP, registry)
        shutil.rmtree(target, ignore_errors=True)
        if runs[-1].returncode != 0:
            rows.append(fail_row(measure_name, STARTUP, runs[-1]))
            continue
        startup = median([r.cpu for r in runs])
        net: dict[int, float] = {}  # size -> CPU seconds per 100 KB after the start-up
        for size in sizes:
            bench.say(f"ingest of one {size_label(size)} source of {DESCRIBED[kind]}, "
                      f"{bench.repeat}×")
            runs, target, source_bytes = _ingest(bench, kind, size, registry)
            if runs[-1].returncode != 0:
                rows.append(fail_row(measure_name, size, runs[-1]))
                continue
            seconds, cpu = median([r.seconds for r in runs]), median([r.cpu for r in runs])
            units = source_bytes / PER
            net[size] = max(0.0, cpu - startup) / units
            entries = len(list((target / "briefings").rglob("*.md")))
            warnings = sorted(set(WARNING_RE.findall(runs[-1].stderr)))
            rows.append(Row(measure_name, size,
                            f"{seconds / units:.3f} s ({secs(seconds)} for {size_label(size)})",
                            INFO, peak=max(r.peak for r in runs),
                            notes=f"CPU {secs(cpu)}, {net[size]:.3f} s per 100 KB after the "
                                  f"start-up (CPU {secs(startup)} for {size_label(STARTUP)}); "
                                  f"{entries} entries"
                                  + (f"; warnings {', '.join(warnings)}" if warnings else "")))
            shutil.rmtree(target, ignore_errors=True)
        if len(net) >= 2 and net[min(net)] <= 0:
            # the smaller source's CPU time is within the start-up's noise (a busy machine)
            rows.append(absent(f"Ingest time per 100 KB at {size_label(max(net))} ÷ at "
                               f"{size_label(min(net))}: {DESCRIBED[kind]}", None,
                               "the smaller source took no more CPU time than the start-up; "
                               "measure larger sizes (--ingest-sizes)", "ingest_linear"))
        elif len(net) >= 2:
            small, large = min(net), max(net)
            ratio = net[large] / net[small]
            rows.append(budget_row(
                f"Ingest time per 100 KB at {size_label(large)} ÷ at {size_label(small)}: "
                f"{DESCRIBED[kind]}", None, "ingest_linear", ratio, f"{ratio:.2f} ×",
                notes="CPU time per 100 KB after the start-up; linear in the size of a "
                      "source: about 1 ×; work growing with the square of the size: about "
                      f"{large / small:.0f} ×"))
    return rows
