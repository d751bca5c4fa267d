"""The measured steps. Each runs the real command as a subprocess (see :mod:`measure`) and
returns rows for the table; a piece missing from this checkout gives a "not measured" row.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from briefings.bench import corpus as corpus_mod
from briefings.bench.measure import Run, median, run_measured
from briefings.bench.report import BUDGETS, FAILED, INFO, Row, absent, budget_row, mib

PY = sys.executable
PLAIN_SETTINGS = '''"""Plain Pelican for the benchmark: default theme, no plugins, same Markdown."""
SITENAME = "Plain Pelican"
PATH = {path!r}
ARTICLE_PATHS = ["briefings"]
PAGE_PATHS = ["pages"]
TIMEZONE = "UTC"
PLUGINS = []
'''


#: The project's settings with the root's language only: the site plain Pelican is compared with.
ONE_LANGUAGE = '''"""The project's settings, the root's language only (briefings bench)."""
import runpy

globals().update({{k: v for k, v in runpy.run_path({conf!r}).items() if k.isupper()}})
LANGUAGES = dict(list(LANGUAGES.items())[:1])
'''


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def command_options(module: str) -> set[str]:
    """The option strings a ``briefings`` subcommand accepts (read from its own parser)."""
    mod = importlib.import_module(module)
    parser = argparse.ArgumentParser()
    mod.add_arguments(parser)
    return set(parser._option_string_actions)


@contextlib.contextmanager
def one_entry_edited(content: Path):
    """As a maintainer's next build: one entry's summary changed since the last build, so its
    page (and the search index) are made again, not found in a cache; put back after."""
    dated = sorted((content / "briefings").glob("[12]*/*.md"))
    target = dated[len(dated) // 2]
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("\nSummary: ", "\nSummary: Edited. ", 1),
                      encoding="utf-8")
    try:
        yield target
    finally:
        target.write_text(original, encoding="utf-8")


def fail_row(measure: str, size: int | None, run: Run, budget_key: str | None = None) -> Row:
    tail = run.tail(3).replace("\n", " / ")
    return Row(measure, size, f"failed (exit {run.returncode})", FAILED,
               BUDGETS[budget_key].text if budget_key else "", run.peak, tail[-300:])


@dataclass
class Bench:
    root: Path
    workdir: Path
    repeat: int
    seed: int = 1
    timeout: float = 3600
    log: bool = True
    browser_options: list[str] = field(default_factory=list)
    browser_repeat: int = 5  # page loads per size (a few seconds each, and noisy)
    full_build: dict[int, float] = field(default_factory=dict)
    full_build_cpu: dict[int, float] = field(default_factory=dict)
    plain_build: dict[int, tuple[float, float]] = field(default_factory=dict)  # wall, CPU
    sites: dict[int, Path] = field(default_factory=dict)
    warm_build_seconds: dict[int, float] = field(default_factory=dict)
    contents: dict[int, Path] = field(default_factory=dict)

    def say(self, text: str) -> None:
        if self.log:
            print(f"[bench] {text}", file=sys.stderr, flush=True)

    def run(self, cmd: list[str], cwd: Path | None = None, cache: Path | None = None,
            cold: bool = True) -> Run:
        """Run ``cmd``; with ``cache``, Pelican's CACHE_PATH is that directory, emptied first
        when ``cold`` (no rendered references kept from an earlier run)."""
        env = None
        if cache is not None:
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            env = {**os.environ, "BRIEFINGS_CACHE_PATH": str(cache)}
        return run_measured([str(c) for c in cmd], cwd=cwd or self.root, env=env,
                            timeout=self.timeout)

    def cold_cache(self, size: int) -> Path:
        return self.workdir / f"cache-{size}"

    def repeated(self, make_cmd, repeat: int | None = None, before=None) -> list[Run]:
        """Run ``make_cmd(i)`` ``repeat`` times (``before(i)`` first, unmeasured); stop at the
        first failure."""
        runs = []
        for i in range(repeat or self.repeat):
            if before:
                before(i)
            run = self.run(make_cmd(i))
            runs.append(run)
            if not run.ok:
                break
        return runs

    # --- corpus ---------------------------------------------------------------------------------

    def content(self, size: int) -> tuple[Path, list[Row]]:
        if size in self.contents:
            return self.contents[size], []
        import time

        path = self.workdir / f"content-{size}"
        self.say(f"generating {size:,} developments in {path}")
        t0 = time.perf_counter()
        c = corpus_mod.generate_content(path, size, self.seed)
        seconds = time.perf_counter() - t0
        self.contents[size] = path
        undated = len(c.entries) - len(c.dated_entries)
        return path, [Row("Generate synthetic corpus", size, f"{seconds:.1f} s", INFO,
                          notes=f"{len(c.entries):,} entries ({undated} undated), "
                                f"{len(c.sources):,} sources, {len(c.actors)} actors")]

    # --- site build vs plain Pelican ------------------------------------------------------------

    def build_cmd(self, content: Path, out: Path, every_language: bool = False) -> list[str]:
        """The site build; of the root's language only (as plain Pelican builds one site),
        unless ``every_language``."""
        settings = self.root / "pelican.conf.py"
        if not every_language:
            settings = self.workdir / "one-language.conf.py"
            settings.write_text(ONE_LANGUAGE.format(conf=str(self.root / "pelican.conf.py")),
                                encoding="utf-8")
        return [PY, "-m", "briefings.cli", "build", "--content", content, "--settings",
                settings, "--output", out, "--skip", "pdf", "--quiet"]

    def build(self, size: int) -> list[Row]:
        """The project's build and plain Pelican, alternated (project, plain, project, …) so
        that a change of load on the machine touches both alike."""
        content, rows = self.content(size)
        out = self.workdir / f"site-{size}"
        settings = self.workdir / "plain.conf.py"
        settings.write_text(PLAIN_SETTINGS.format(path=str(content)), encoding="utf-8")
        plain_out = self.workdir / f"plain-{size}"
        plain_cmd = [PY, "-m", "pelican", content, "-s", settings, "-o", plain_out,
                     "--delete-output-directory", "-q"]
        runs: list[Run] = []
        plain_runs: list[Run] = []
        for i in range(self.repeat):
            self.say(f"site build, {size:,} developments, {i + 1}/{self.repeat}")
            runs.append(self.run(self.build_cmd(content, out), cache=self.cold_cache(size)))
            if not runs[-1].ok:
                return [*rows, fail_row("Site build (no PDF)", size, runs[-1], "build_ratio")]
            self.say(f"plain Pelican, {size:,} developments, {i + 1}/{self.repeat}")
            plain_runs.append(self.run(plain_cmd))
            if not plain_runs[-1].ok:
                return [*rows, fail_row("Plain Pelican", size, plain_runs[-1], "build_ratio")]
        shutil.rmtree(plain_out, ignore_errors=True)
        self.sites[size] = out
        project = median([r.seconds for r in runs])
        plain = median([r.seconds for r in plain_runs])
        cpu_project = median([r.cpu for r in runs])
        cpu_plain = median([r.cpu for r in plain_runs])
        self.full_build[size] = project
        self.full_build_cpu[size] = cpu_project
        self.plain_build[size] = (plain, cpu_plain)
        rows.append(Row("Site build: project theme and plugins, no PDF (`briefings build --skip "
                        "pdf`)", size, f"{secs(project)} ({size / project:.0f} entries/s)", INFO,
                        peak=max(r.peak for r in runs),
                        notes=f"CPU {secs(cpu_project)}; " + each_run(runs)
                        + step_times(runs[-1])))
        rows.append(Row("Plain Pelican: default theme, no plugins, same Markdown", size,
                        f"{secs(plain)} ({size / plain:.0f} entries/s)", INFO,
                        peak=max(r.peak for r in plain_runs),
                        notes=f"CPU {secs(cpu_plain)}; " + each_run(plain_runs)
                        + "undated entries (no Date) are skipped by plain Pelican"))
        ratio = project / plain
        pairs = ("; run by run (each build ÷ the plain run after it): "
                 + ", ".join(f"{a.seconds / b.seconds:.2f} ×"
                             for a, b in zip(runs, plain_runs, strict=True))
                 if len(runs) > 1 else "")
        rows.append(budget_row("Site build ÷ plain Pelican", size, "build_ratio", ratio,
                               f"{ratio:.2f} ×",
                               notes=f"CPU time ratio {cpu_project / cpu_plain:.2f} × (less "
                                     "sensitive to other load on the machine); the ratio of the "
                                     f"medians{pairs}"))
        peak = max(r.peak or 0 for r in runs)
        rows.append(budget_row("Site build, cold (peak memory)", size, "build_memory", peak,
                               mib(peak), peak=peak))
        return rows

    def warm_build(self, size: int) -> list[Row]:
        """One more site build that finds the caches the last measured build left (as a second
        ``make site`` finds ``cache/``, and CI, which keeps it), against the plain Pelican runs
        of :meth:`build`: issue 28's budget for the normal case."""
        measure = ("Site build, second run: the caches the last build left, one entry edited "
                   "(warm)")
        if size not in self.plain_build:
            return []
        content = self.contents[size]
        self.say(f"site build with the last build's caches, one entry edited, {size:,} "
                 "developments")
        with one_entry_edited(content):
            run = self.run(self.build_cmd(content, self.workdir / f"site-{size}"),
                           cache=self.cold_cache(size), cold=False)
        if not run.ok:
            return [fail_row(measure, size, run)]
        plain, cpu_plain = self.plain_build[size]
        ratio = run.seconds / plain
        self.warm_build_seconds[size] = run.seconds
        return [budget_row(measure, size, "warm_ratio", ratio,
                           f"{secs(run.seconds)} = {ratio:.2f} × plain Pelican", peak=run.peak,
                           notes=f"CPU {secs(run.cpu)} = {run.cpu / cpu_plain:.2f} × plain "
                                 "Pelican's; " + step_times(run)),
                budget_row("Site build, warm (peak memory)", size, "build_memory",
                           run.peak or 0, mib(run.peak), peak=run.peak)]

    def languages(self, size: int) -> list[Row]:
        """The site in every language of the settings, with the caches the last build left,
        against the warm build of the root's language alone: issue 29 lets the time grow by
        no more than the share of pages the other languages add."""
        if size not in self.warm_build_seconds or size not in self.sites:
            return []
        out = self.workdir / f"site-all-{size}"
        content = self.contents[size]
        # the same case as the warm build's: the caches of a last build in every language
        # (that one not measured), then one entry edited
        self.say(f"site build in every language, {size:,} developments (not measured)")
        first = self.run(self.build_cmd(content, out, every_language=True),
                         cache=self.cold_cache(size), cold=False)
        measure = "Site build in every language (warm), ÷ the root's language alone"
        if not first.ok:
            return [fail_row(measure, size, first)]
        self.say(f"site build in every language, one entry edited, {size:,} developments")
        with one_entry_edited(content):
            run = self.run(self.build_cmd(content, out, every_language=True),
                           cache=self.cold_cache(size), cold=False)
        if not run.ok:
            return [fail_row(measure, size, run)]
        pages = sum(1 for _p in out.rglob("*.html"))
        root_pages = sum(1 for _p in self.sites[size].rglob("*.html"))
        one = self.warm_build_seconds[size]
        growth, share = run.seconds / one, pages / root_pages
        shutil.rmtree(out, ignore_errors=True)
        return [budget_row(measure, size, "languages_growth", growth / share,
                           f"{secs(run.seconds)} = {growth:.2f} × for {share:.2f} × the pages",
                           peak=run.peak,
                           notes=f"{pages:,} pages against {root_pages:,}; CPU "
                                 f"{secs(run.cpu)}; " + step_times(run))]

    def ensure_site(self, size: int) -> Path | None:
        if size in self.sites:
            return self.sites[size]
        content, _rows = self.content(size)
        out = self.workdir / f"site-{size}"
        self.say(f"building the site of {size:,} developments (not measured)")
        run = self.run(self.build_cmd(content, out), cache=self.cold_cache(size))
        if not run.ok:
            self.say("build failed:\n" + run.tail())
            return None
        self.sites[size] = out
        return out

    # --- rebuild after one change ---------------------------------------------------------------

    def rebuild(self, size: int, cache: bool = False) -> list[Row]:
        """The rebuild of ``make serve``; with ``cache`` a what-if with Pelican's content cache
        on (not the project's settings: an information row)."""
        content, rows = self.content(size)
        measure = "Rebuild after one entry changes (as `make serve`)"
        if cache:
            rows = []
            measure = "What-if: the same rebuild with Pelican's content cache on"
        copy = self.workdir / f"content-{size}-rebuild"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(content, copy)
        dated = sorted((copy / "briefings").glob("[12]*/*.md"))
        step = max(1, len(dated) // (self.repeat + 1))
        entries = [dated[(i + 1) * step % len(dated)] for i in range(self.repeat)]
        out = self.workdir / f"rebuild-{size}"
        self.say(f"rebuild after one change, {size:,} developments, {self.repeat}×")
        cmd = [PY, "-m", "briefings.bench.rebuild_driver", "--settings",
               self.root / "pelican.conf.py", "--content", copy, "--output", out]
        for e in entries:
            cmd += ["--entry", e]
        if cache:
            cmd += ["--cache", self.workdir / f"cache-{size}"]
        # As after `make site`: the cache of the last full build is there when `make serve`
        # starts (only the rebuild is measured, not that first build).
        run = self.run(cmd, cache=self.cold_cache(size), cold=False)
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(copy, ignore_errors=True)
        if not run.ok:
            return [*rows, fail_row(measure, size, run, None if cache else "rebuild_fraction")]
        data = json.loads(run.stdout.strip().splitlines()[-1])
        seconds = median(data["rebuilds"])
        full = self.full_build.get(size)
        cpu = median(data["rebuilds_cpu"])
        full_cpu = self.full_build_cpu.get(size)
        notes = (f"in-process Pelican re-run as `make serve` does; CPU {secs(cpu)}"
                 + (f" = {cpu / full_cpu:.0%} of the full build's" if full_cpu else "")
                 + f"; first build in that process {secs(data['initial'])} "
                 f"(CPU {secs(data['initial_cpu'])})")
        if cache:
            shown = secs(seconds) + (f" = {seconds / full:.0%} of the full build" if full else "")
            return [Row(measure, size, shown, INFO, "", run.peak,
                        notes + "; CACHE_CONTENT, LOAD_CONTENT_CACHE, md5 (`--rebuild-cache`)")]
        if full is None:
            return [*rows, Row(measure, size, secs(seconds), INFO,
                               BUDGETS["rebuild_fraction"].text, run.peak,
                               notes + "; no full build measured to compare with "
                               "(run with --only build,rebuild)")]
        fraction = seconds / full
        return [*rows, budget_row(measure, size, "rebuild_fraction", fraction,
                                  f"{secs(seconds)} = {fraction:.0%} of the full build",
                                  run.peak, notes)]

    # --- browser --------------------------------------------------------------------------------

    def browser(self, size: int) -> list[Row]:
        site = self.ensure_site(size)
        if site is None:
            return [absent("Home page and timeline in Chromium", size, "the site did not build")]
        rows: list[Row] = []
        index = site / "index.html"
        if index.exists():
            raw = index.read_bytes()
            gz = len(gzip.compress(raw, 6))
            rows.append(budget_row("Home page HTML, gzipped (level 6)", size, "home_gzip", gz,
                                   f"{gz / 1000:,.1f} KB", notes=f"{len(raw) / 1000:,.0f} KB "
                                   "uncompressed"))
        else:
            rows.append(absent("Home page HTML, gzipped", size, "the build wrote no index.html",
                               "home_gzip"))
        if not has_module("playwright") or not Path("/usr/bin/chromium").exists():
            why = "Playwright or /usr/bin/chromium is not installed"
            return rows + [absent(m, size, why, k) for m, k in (
                ("Timeline ready", "ready_ms"), ("Slide change", "slide_ms"),
                ("Filter change", "filter_ms"))]
        self.say(f"browser, {size:,} developments, {self.browser_repeat}×")
        run = self.run([PY, "-m", "briefings.bench.browser", site, "--repeat",
                        str(self.browser_repeat), *self.browser_options])
        if not run.ok:
            return [*rows, fail_row("Home page in Chromium", size, run, "ready_ms")]
        data = json.loads(run.stdout.strip().splitlines()[-1])
        notes = "; ".join(dict.fromkeys(data.get("notes", [])))
        errors = data.get("errors", [])
        err_note = f"{len(errors)} console errors, first: {errors[0][:120]}" if errors else ""
        peak = run.peak
        if data.get("load_bytes") is not None:
            foreign = data.get("foreign_count", 0)
            rows.append(Row("Home page load in Chromium (cold cache, all requests)", size,
                            f"{data['load_requests']} requests, {data['load_bytes'] / 1000:,.0f} "
                            "KB", INFO, notes="bytes as served, uncompressed; requests to other "
                            f"hosts: {foreign}" + (" (" + ", ".join(
                                data.get("foreign_requests", [])) + ")" if foreign else "")))
        if data.get("ready_median_ms") is None:
            why = notes or "the timeline never became ready"
            rows += [absent("Timeline ready", size, why, "ready_ms"),
                     absent("Slide change", size, "no timeline ready", "slide_ms")]
        else:
            rows.append(budget_row("Timeline ready (from navigation start)", size, "ready_ms",
                                   data["ready_median_ms"], f"{data['ready_median_ms']:.0f} ms",
                                   peak, "; ".join(x for x in (
                                       err_note, notes, "peak memory: Chromium and the "
                                       "measuring process together") if x)))
            if data.get("slide_median_ms") is not None:
                rows.append(budget_row("Slide change", size, "slide_ms", data["slide_median_ms"],
                                       f"{data['slide_median_ms']:.0f} ms",
                                       notes=f"by {data.get('slide_how')}"))
            else:
                rows.append(absent("Slide change", size, "no arrow key and no next/previous "
                                   "button changed the slide", "slide_ms"))
        if not data.get("filter_found"):
            rows.append(absent("Filter change", size, "no filter control on the home page",
                               "filter_ms"))
        elif data.get("filter_median_ms") is None:
            rows.append(absent("Filter change", size, "setting a filter changed nothing",
                               "filter_ms"))
        else:
            rows.append(budget_row(
                "Filter change", size, "filter_ms", data["filter_median_ms"],
                f"{data['filter_median_ms']:.0f} ms",
                notes=f"{data.get('filter_what')}; URL "
                      f"{'changed' if data.get('filter_url_changed') else 'unchanged'}"))
        return rows

    # --- PDF ------------------------------------------------------------------------------------

    def pdf(self, size: int) -> list[Row]:
        measure = "PDF: whole-chronology book"
        if not has_module("briefings.pdf.command"):
            return [absent(measure, size, "`briefings pdf` is not in this checkout",
                           "pdf_seconds")]
        content, rows = self.content(size)
        opts = command_options("briefings.pdf.command")
        site = self.ensure_site(size)
        book = self.workdir / f"book-{size}.pdf"
        cmd: list = [PY, "-m", "briefings.cli", "pdf"]
        if "--content" in opts:
            cmd += ["--content", content]
        if "--settings" in opts:
            cmd += ["--settings", self.root / "pelican.conf.py"]
        if "--site" in opts and site is not None:
            cmd += ["--site", site]
        if "--from" in opts and "--to" in opts and "-o" in opts:
            cmd += ["--from", "1990-01", "--to", "2099-12", "-o", book]
            how = "`briefings pdf --from 1990-01 --to 2099-12 -o book.pdf`"
        elif site is not None and "--output" in opts:
            cmd += ["--output", site]
            book = site / "pdf" / "chronology.pdf"
            how = "`briefings pdf` (every PDF of the site), book at output/pdf/chronology.pdf"
        else:
            return [*rows, absent(measure, size, "`briefings pdf` has neither --from/--to/-o "
                                  "nor --output", "pdf_seconds")]
        self.say(f"PDF book, {size:,} developments, {self.repeat}×")
        runs = self.repeated(lambda i: cmd, before=lambda i: book.unlink(missing_ok=True))
        if not runs[-1].ok:
            return [*rows, fail_row(measure, size, runs[-1], "pdf_seconds")]
        if not book.exists():
            return [*rows, absent(measure, size, f"{how} wrote no {book.name}", "pdf_seconds")]
        pages = pdf_pages(book)
        seconds = median([r.seconds for r in runs])
        peak = max(r.peak for r in runs)
        per_page = f"{seconds / pages:.3f} s/page, {pages} pages" if pages else "pages unknown"
        return [*rows,
                budget_row(measure + " (time)", size, "pdf_seconds", seconds,
                           f"{seconds:.1f} s ({per_page})", None,
                           how + f"; CPU {secs(median([r.cpu for r in runs]))} (both cores)"),
                budget_row(measure + " (peak memory)", size, "pdf_memory", peak,
                           f"{peak / (1 << 20):,.0f} MiB", peak)]

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(self, count: int) -> list[Row]:
        measure = "Ingest throughput (`briefings ingest`)"
        if not has_module("briefings.ingest.command"):
            return [absent(measure, count, "`briefings ingest` is not in this checkout",
                           "ingest_rate")]
        sources = self.workdir / f"sources-{count}"
        registry = self.workdir / f"ingest-actors-{count}.yaml"
        if not sources.exists():
            self.say(f"generating {count:,} raw sources in {sources}")
            corpus_mod.generate_sources(sources, count, self.seed, actors=registry)
        target = self.workdir / f"ingest-content-{count}"

        def fresh(_i: int) -> None:
            shutil.rmtree(target, ignore_errors=True)
            (target / "briefings").mkdir(parents=True)
            shutil.copy(registry, target / "actors.yaml")

        self.say(f"ingest, {count:,} sources, {self.repeat}×")
        runs: list[Run] = []
        for i in range(self.repeat):
            fresh(i)
            runs.append(self.run([PY, "-m", "briefings.cli", "ingest", "--content", target,
                                  sources], cwd=self.workdir))
            if runs[-1].returncode not in (0, 1):
                return [fail_row(measure, count, runs[-1], "ingest_rate")]
        entries = len(list((target / "briefings").rglob("*.md")))
        seconds = median([r.seconds for r in runs])
        rate = count / seconds
        notes = f"{count:,} sources of ~600 words in {seconds:.1f} s → {entries:,} entries"
        if runs[-1].returncode == 1:
            notes += "; exit 1: " + runs[-1].tail(2).replace("\n", " / ")[-200:]
        if entries == 0:
            return [Row(measure, count, "ingest wrote no entries", FAILED,
                        BUDGETS["ingest_rate"].text, runs[-1].peak, notes)]
        return [budget_row(measure, count, "ingest_rate", rate, f"{rate:.1f} sources/s",
                           max(r.peak for r in runs), notes)]

    # --- ingest of one source of growing size ---------------------------------------------------

    def ingest_size(self, sizes: list[int]) -> list[Row]:
        """Time per 100 KB of one repetitive source at each size (:mod:`.ingest_size`)."""
        from briefings.bench import ingest_size

        measure = "Ingest time per 100 KB of one source"
        if not has_module("briefings.ingest.command"):
            return [absent(measure, None, "`briefings ingest` is not in this checkout",
                           "ingest_linear")]
        return ingest_size.measure(self, sizes)


def each_run(runs: list[Run]) -> str:
    """"runs: 61.0 s, 63.2 s, 58.9 s (CPU 104 s, …); " when there was more than one."""
    if len(runs) < 2:
        return ""
    return (f"runs: {', '.join(secs(r.seconds) for r in runs)} "
            f"(CPU {', '.join(secs(r.cpu) for r in runs)}); ")


def step_times(run: Run) -> str:
    """"steps of the last run: pelican 25.6s, validate 9.1s; 3.1 s outside them" from the
    summary line of ``briefings build``. A step that runs beside the others
    (:data:`briefings.build.ALONGSIDE`: validation) is not counted in what they cover."""
    from briefings.build import ALONGSIDE

    m = re.search(r"\(([^()]*)\)\s*$", run.stdout.strip())
    if not m:
        return ""
    total = sum(float(t) for name, t in re.findall(r"([\w-]+) ([\d.]+)s\b", m.group(1))
                if name not in ALONGSIDE)
    return (f"steps of the last run: {m.group(1)}; {secs(max(0.0, run.seconds - total))} "
            "outside the steps that do not run beside others (start-up, the swap, removing "
            "the site it replaced)")


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def pdf_pages(path: Path) -> int | None:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                             timeout=60, check=False).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    except (OSError, subprocess.TimeoutExpired):
        pass
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:
        return None
