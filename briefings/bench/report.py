"""The table of ``BENCHMARKS.md``: every budget beside its measured figure.

The file is rewritten by each run; the hand-written part between :data:`NOTES_START` and
:data:`NOTES_END` is kept.
"""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

NOTES_START = "<!-- notes:start (kept by `briefings bench` when it rewrites this file) -->"
NOTES_END = "<!-- notes:end -->"
DEFAULT_NOTES = ("Hand-written notes go here: what was profiled, why a budget is missed and what "
                 "would meet it. `briefings bench` keeps this section when it rewrites the file.")

MET, MISSED, INFO, NOT_MEASURED, FAILED = "met", "missed", "", "not measured", "failed"


@dataclass(frozen=True)
class Budget:
    """A limit on one figure: ``value <= limit`` (or ``>=`` when ``at_least``)."""

    text: str
    limit: float
    at_least: bool = False

    def check(self, value: float) -> str:
        ok = value >= self.limit if self.at_least else value <= self.limit
        return MET if ok else MISSED


#: The budgets of issue 9 (they apply at 10,000 developments; the PDF book at 1,000), and of
#: issue 25 (ingest_linear).
BUDGETS: dict[str, Budget] = {
    # issue 28: cold (an empty citations cache) and warm (the cache a build left: the normal
    # case, a maintainer's next build and CI, which keeps cache/)
    "build_ratio": Budget("≤ 2.5 × plain Pelican (cold)", 2.5),
    "warm_ratio": Budget("≤ 1.5 × plain Pelican", 1.5),
    "build_memory": Budget("≤ 1.5 GiB", 1.5 * (1 << 30)),
    "rebuild_fraction": Budget("≤ 25 % of a full build", 0.25),
    "ready_ms": Budget("≤ 1 s", 1000),
    "slide_ms": Budget("≤ 100 ms", 100),
    "filter_ms": Budget("≤ 200 ms", 200),
    "home_gzip": Budget("≤ 100 KB gzipped", 100_000),
    "ingest_rate": Budget("≥ 20 sources/s", 20, at_least=True),
    "pdf_seconds": Budget("≤ 120 s", 120),
    "pdf_memory": Budget("≤ 1 GiB", 1 << 30),
    "bench_minutes": Budget("< 20 min", 20),
    # issue 29: the other languages' sites cost no more time than the share of pages they add
    "languages_growth": Budget("time × ≤ pages × (growth ÷ share ≤ 1)", 1.0),
    # issue 25: ingest time linear in the size of a source (time per 100 KB, largest ÷ smallest)
    "ingest_linear": Budget("≤ 2 × (linear: 1 ×)", 2.0),
}


@dataclass
class Row:
    measure: str
    size: int | None  # developments (or sources, for ingest)
    measured: str
    status: str = INFO  # met | missed | "" (information only) | not measured | failed
    budget: str = ""
    peak: int | None = None  # bytes
    notes: str = ""


def budget_row(measure: str, size: int | None, key: str, value: float, shown: str,
               peak: int | None = None, notes: str = "") -> Row:
    b = BUDGETS[key]
    return Row(measure, size, shown, b.check(value), b.text, peak, notes)


def absent(measure: str, size: int | None, why: str, key: str | None = None) -> Row:
    return Row(measure, size, f"not measured: {why}", NOT_MEASURED,
               BUDGETS[key].text if key else "")


def mib(n: int | None) -> str:
    return "" if n is None else f"{n / (1 << 20):,.0f} MiB"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(rows: list[Row]) -> str:
    lines = ["| Measure | Size | Budget | Measured | Met | Peak memory | Notes |",
             "| --- | ---: | --- | --- | --- | ---: | --- |"]
    for r in rows:
        size = "" if r.size is None else f"{r.size:,}"
        status = {MET: "✅ met", MISSED: "❌ missed", FAILED: "⚠️ failed",
                  NOT_MEASURED: "—"}.get(r.status, "")
        lines.append("| " + " | ".join(_cell(c) for c in (
            r.measure, size, r.budget, r.measured, status, mib(r.peak), r.notes)) + " |")
    return "\n".join(lines)


# --- machine and versions -----------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / (1 << 20):.1f} GiB"
                break
    except OSError:
        pass
    return {"CPU": cpu, "Cores (nproc)": str(os.cpu_count()), "Memory": mem,
            "System": f"{platform.system()} {platform.release()}"}


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def chromium_version(path: str = "/usr/bin/chromium") -> str:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30,
                             check=False)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


def versions() -> dict[str, str]:
    return {
        "Python": platform.python_version(),
        "Pelican": _version("pelican"),
        "Markdown": _version("Markdown"),
        "WeasyPrint": _version("weasyprint"),
        "Playwright": _version("playwright"),
        "Chromium": chromium_version(),
    }


def git_commit(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=10, check=False)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


# --- the file -----------------------------------------------------------------------------------


def existing_notes(path: Path) -> str | None:
    """The hand-written notes of an existing BENCHMARKS.md, or None."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    start, end = text.find(NOTES_START), text.find(NOTES_END)
    if start < 0 or end < start:
        return None
    return text[start + len(NOTES_START):end].strip("\n")


def render(rows: list[Row], info: dict[str, dict[str, str]], definitions: list[str],
           notes: str | None) -> str:
    parts = ["# Benchmarks", "",
             "Written by `briefings bench` (`make bench`; code in `briefings/bench/`). Every run "
             "rewrites this file except the Notes section at the end.", ""]
    for title, values in info.items():
        parts.append(f"## {title}")
        parts.append("")
        parts.extend(f"- {k}: {v}" for k, v in values.items())
        parts.append("")
    parts += ["## Budgets and measurements", "",
              "Budgets come from issue 9 and apply at 10,000 developments (the PDF book at 1,000); "
              "issue 28 set those of the site build: cold (an empty citations cache) ≤ 2.5 × "
              "plain Pelican, warm (the caches a build left) ≤ 1.5 ×, peak memory ≤ 1.5 GiB. "
              "Rows at other sizes show the same budget for orientation. The budget of ingest "
              "time per 100 KB of one source (sizes in bytes) comes from issue 25. Times are "
              "medians of the repeated runs; peak memory is that of the step's process tree (see "
              "Definitions).", "", table(rows), "", "## Definitions", ""]
    parts.extend(f"- {d}" for d in definitions)
    parts += ["", "## Notes", "", NOTES_START, notes if notes is not None else DEFAULT_NOTES,
              NOTES_END, ""]
    return "\n".join(parts)


def write(path: Path, rows: list[Row], info: dict[str, dict[str, str]],
          definitions: list[str], notes: str | None = None) -> None:
    """Rewrite ``path``; the Notes section of the file there (if any) is kept."""
    kept = existing_notes(path)
    text = render(rows, info, definitions, kept if kept is not None else notes)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
