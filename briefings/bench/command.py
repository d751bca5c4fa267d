"""``briefings bench``: measure the whole pipeline on synthetic corpora and write BENCHMARKS.md.

For each size (developments): generate a corpus, build the site (no PDF) and plain Pelican on the
same Markdown, rebuild after one entry changes, open the home page in headless Chromium. Then the
whole-chronology PDF book (``--pdf-size`` developments), ingestion (``--ingest-sources`` raw
sources) and the time per 100 KB of ingesting one source of each of ``--ingest-sizes`` bytes.
Every figure is a median of ``--repeat`` runs; every step runs as a subprocess whose peak memory
is recorded. Pieces missing from the checkout are reported as "not measured".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

HELP = "measure ingest, build, rebuild, browser and PDF on synthetic corpora; write BENCHMARKS.md"

PARTS = ("ingest", "ingest-size", "build", "rebuild", "browser", "pdf")

DEFINITIONS = [
    "**Peak memory**: the larger of `ru_maxrss` of the step's process (from `os.wait4`: the "
    "largest single process of its tree) and the largest sum of the resident sets of the whole "
    "process tree, sampled from /proc every 0.1 s.",
    "**CPU** (in notes): user + system seconds of the step's process tree (`os.wait4`); less "
    "sensitive than wall time to other work on the machine.",
    "**Site build**: `briefings build --skip pdf --quiet` of the root's language alone (the "
    "project's settings with `LANGUAGES` cut to its first: the one site plain Pelican makes) "
    "into a directory of its own, cold: "
    "every run starts with an empty cache directory (`BRIEFINGS_CACHE_PATH`), so no reference "
    "rendered by an earlier run is reused (every step except PDFs: the cite step, "
    "Pelican with the project's theme and plugins, and any further build steps such "
    "as the search index), wall time of the whole command.",
    "**Plain Pelican**: `python -m pelican` with a generated settings file (default theme, "
    "`PLUGINS = []`, same `PATH`, `ARTICLE_PATHS`, `PAGE_PATHS`), on the same content. Its "
    "default settings also write tag, category, author and archive pages. Project and plain "
    "runs alternate, so that a change of load touches both alike.",
    "**Site build, second run** (warm): one more site build, after the measured ones, that "
    "finds the caches the last of them left (as a maintainer's next `make site` finds "
    "`cache/`, and CI, which keeps it), with one entry's summary edited since (its page and "
    "the search index are made again), compared with the same plain Pelican runs. Issue 28's "
    "budgets: warm ≤ 1.5 ×, cold ≤ 2.5 ×, peak memory ≤ 1.5 GiB.",
    "**Site build in every language**: after the warm build, `briefings build --skip pdf` with "
    "the project's settings (every language of `LANGUAGES`, each another Pelican run) and the "
    "same caches, once unmeasured (it fills the other languages' caches), then measured with "
    "the same edited entry as the warm build; its time ÷ the warm build's, against the number "
    "of HTML pages of both sites "
    "(issue 29: the time may grow by the share of pages added, no more). Measured at 10,000 "
    "developments (or at the one size asked for).",
    "**Rebuild after one entry changes**: what `make serve` does: one Pelican instance with the "
    "project's settings builds once (starting, as after `make site`, with the citations cache "
    "the last full build left), then one entry file changes (its summary and body) and the "
    "same instance runs again (`Pelican.run()`, as Pelican's autoreload loop does). Only that "
    "second run is timed (not the watcher's delay); compared with the median full site build.",
    "**Timeline ready**: home page opened in a fresh browser context (cold cache); time from "
    "navigation start to the first animation frame at which the readiness predicate holds "
    "(default: a TimelineJS `.tl-slide` and a `.tl-timenav .tl-timemarker` exist; change it "
    "with `--ready`). The browser's first load, in a context of its own, is not counted (it "
    "pays for the browser's own start-up); the median of `--browser-repeat` loads is "
    "reported.",
    "**Slide change**: from the ArrowRight (or, at the last slide, ArrowLeft) keydown, by its "
    "event time stamp, or else the click on `.tl-slidenav-next`/`-previous`, to the first "
    "animation frame at which the URL hash or the active "
    "time-marker (`.tl-timemarker-active`) has changed; the slide animation that follows is "
    "not counted. Median of three changes per page load.",
    "**Filter change**: the first visible filter control (`--filters` selector) gets its next "
    "option (a checkbox is toggled) with `input` and `change` events; time to the animation "
    "frame after the last DOM change it caused (child lists, text, `class`/`hidden`/"
    "`aria-hidden`), the view being settled after 500 ms without change.",
    "**Home page HTML**: `index.html` of the built site compressed with gzip level 6 (what a "
    "web server sends); 1 KB = 1,000 bytes.",
    "**Ingest**: `briefings ingest --content NEW SOURCES` (NEW holds only the generated actor "
    "registry) on freshly generated raw articles "
    "(~600 words, datelines, month-day mentions, relative dates, boilerplate; 75 % .txt, "
    "10 % .md, 15 % .html) with `.meta.yaml` sidecars; sources divided by the command's wall time.",
    "**Ingest time per 100 KB of one source** (`--only ingest-size`, sizes `--ingest-sizes` in "
    "bytes): `briefings ingest --content NEW SOURCE` (NEW holds only the project's actor "
    "registry) on one generated source that repeats one sentence up to the size: a dated "
    "sentence in paragraphs of five, the same words with no sentence end (one sentence as long "
    "as the source), and the sentence without its date (undated prose); the command's wall time "
    "divided by the size in units of 100 KB. The notes give the CPU time per 100 KB after the "
    "start-up (the CPU time of the same ingest of a 1 KB source taken off), and the ratio row "
    "divides that figure at the largest size by that at the smallest.",
    "**PDF book**: `briefings pdf --site SITE --content CONTENT --from 1990-01 --to 2099-12 "
    "-o book.pdf` (a book spanning every date: the whole chronology, on the site built for that "
    "size), or plain `briefings pdf` and its `pdf/chronology.pdf` when the command has no "
    "`--from/--to/-o`; seconds per page is the wall time of the whole command (set-up included) "
    "divided by the book's pages (pdfinfo).",
]


def parse_sizes(text: str) -> list[int]:
    sizes = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 1000,5000,10000")
    return sizes


def parse_only(text: str) -> list[str]:
    parts = [x.strip() for x in text.split(",") if x.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown part(s) {', '.join(unknown)}; "
                                         f"choose from {', '.join(PARTS)}")
    return parts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 5000, 10000],
                        help="corpus sizes in developments (default 1000,5000,10000)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per measurement, the median is reported (default: 3 at "
                             "≤ 1,000 and at 10,000 developments, where the budgets apply; 1 "
                             "between and for the PDF book and ingest, so that `make bench` "
                             "stays under 20 minutes on 2 cores)")
    parser.add_argument("--browser-repeat", type=int, default=5,
                        help="page loads in Chromium per size, after one that is not counted; "
                             "the median is reported (default 5)")
    parser.add_argument("--only", type=parse_only, default=list(PARTS),
                        help="comma-separated parts: " + ",".join(PARTS) + " (default all)")
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"),
                        help="the file to (re)write; its Notes section is kept")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where corpora and sites go (default a new directory under .bench/, "
                             "removed at the end unless --keep)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--rebuild-cache", action="store_true",
                        help="also measure the rebuild with Pelican's content cache on (a what-if "
                             "row, not the project's settings)")
    parser.add_argument("--no-warm-build", dest="warm_build", action="store_false",
                        help="leave out the second site build that finds the caches the last "
                             "one left (as a maintainer's next `make site` and CI do)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the synthetic corpora (same seed, same bytes)")
    parser.add_argument("--ingest-sources", type=int, default=1000,
                        help="raw sources for the ingest measurement (default 1000)")
    parser.add_argument("--ingest-sizes", type=parse_sizes, default=[100_000, 500_000, 2_000_000],
                        help="bytes of the one source of the ingest-size part (default "
                             "100000,500000,2000000)")
    parser.add_argument("--pdf-size", type=int, default=1000,
                        help="developments in the PDF book (default 1000)")
    parser.add_argument("--browser-sizes", type=parse_sizes, default=None,
                        help="sizes opened in Chromium (default: every size)")
    parser.add_argument("--ready", default=None,
                        help="JavaScript expression that is true when the timeline is ready")
    parser.add_argument("--filters", default=None, help="CSS selector of the filter controls")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds after which one measured command is killed")


#: Where issue 9's budgets apply (developments): its site build and rebuild are repeated.
BUDGET_SIZE = 10_000


def default_repeat(size: int) -> int:
    """Runs per measurement at ``size``: three at the budget size (one project build against one
    plain Pelican run moved by up to 0.45 × between pairs of the same code within an hour) and
    at 1,000 developments (seconds each); one between, where rows are for orientation."""
    return 3 if size <= 1000 or size >= BUDGET_SIZE else 1


def project_root() -> Path:
    cwd = Path.cwd()
    if (cwd / "pelican.conf.py").exists():
        return cwd
    return Path(__file__).resolve().parents[2]


def cpu_probe(n: int = 10_000_000) -> float:
    """Seconds of wall time for a fixed pure-Python loop (``n`` additions): how fast the machine
    runs Python at that moment. On a shared machine this varies, and every figure with it."""
    started = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return time.perf_counter() - started


def main(args: argparse.Namespace) -> int:
    from briefings.bench import report
    from briefings.bench.steps import Bench

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    probe_before = cpu_probe()
    root = project_root()
    if args.workdir is None:
        (root / ".bench").mkdir(exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix="run-", dir=root / ".bench"))
        remove = not args.keep
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        remove = False
    browser_options: list[str] = []
    if args.ready:
        browser_options += ["--ready", args.ready]
    if args.filters:
        browser_options += ["--filters", args.filters]
    bench = Bench(root, workdir, repeat=1, seed=args.seed, timeout=args.timeout,
                  browser_options=browser_options, browser_repeat=args.browser_repeat)
    bench.say(f"work directory {workdir}" + (" (removed at the end)" if remove else ""))
    rows: list[report.Row] = []
    only = args.only
    browser_sizes = args.browser_sizes or args.sizes
    try:
        for size in args.sizes:
            bench.repeat = args.repeat or default_repeat(size)
            if "build" in only:
                rows += bench.build(size)
                if args.warm_build:
                    rows += bench.warm_build(size)
                    if size == BUDGET_SIZE or len(args.sizes) == 1:
                        rows += bench.languages(size)
            if "rebuild" in only:
                rows += bench.rebuild(size)
                if args.rebuild_cache:
                    rows += bench.rebuild(size, cache=True)
            if "browser" in only and size in browser_sizes:
                rows += bench.browser(size)
            bench.say(f"{size:,} done after {time.perf_counter() - started:.0f} s")
        if "pdf" in only:
            bench.repeat = args.repeat or 1
            rows += bench.pdf(args.pdf_size)
        if "ingest" in only:
            bench.repeat = args.repeat or 1  # one run of 1,000 sources is ~1 min: noise is small
            rows += bench.ingest(args.ingest_sources)
        if "ingest-size" in only:
            bench.repeat = args.repeat or 1
            rows += bench.ingest_size(args.ingest_sizes)
    finally:
        if remove:
            shutil.rmtree(workdir, ignore_errors=True)
    minutes = (time.perf_counter() - started) / 60
    defaults = (args.sizes == [1000, 5000, BUDGET_SIZE] and args.repeat is None
                and set(args.only) == set(PARTS))
    if defaults:
        rows.append(report.budget_row("Whole benchmark run (`make bench`)", None,
                                      "bench_minutes", minutes, f"{minutes:.1f} min"))
    else:
        rows.append(report.Row("Whole benchmark run", None, f"{minutes:.1f} min", report.INFO,
                               notes="not the default run: the < 20 min budget of `make bench` "
                                     "is not judged"))
    argv = " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:] else "bench"
    info = {
        "Run": {
            "Date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "Command": f"`briefings {argv}`",
            "Commit": report.git_commit(root),
            "Sizes": ", ".join(f"{s:,}" for s in args.sizes) + " developments",
            "Repeats": (str(args.repeat) if args.repeat else
                        "3 at ≤ 1,000 and at 10,000 developments (where the budgets apply), "
                        "1 between, 1 for the PDF book and ingest")
            + f"; {args.browser_repeat} page loads in Chromium per size, after one not "
            "counted; median reported",
            "Seed": str(args.seed),
            "Load average (1 min) at start and end": f"{load_before:.1f}, "
            f"{os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores; other work on the machine "
            "slows every figure)",
            "CPU probe at start and end": f"{probe_before:.2f} s, {cpu_probe():.2f} s (a fixed "
            "Python loop of 10 million additions; a slower machine slows every figure)",
        },
        "Machine": report.machine(),
        "Versions": report.versions(),
    }
    report.write(args.out, rows, info, DEFINITIONS)
    print(report.table(rows))
    print(f"\nwrote {args.out} in {minutes:.1f} min")
    return 0
