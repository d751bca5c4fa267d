"""Measure the whole-chronology book on a synthetic corpus: seconds, pages, peak memory.

    python -m briefings.pdf.bench --entries 1000 [--out /tmp/book.pdf]

:func:`synthetic_corpus` makes entries and entry-page ``<article>`` HTML shaped like the real
ones (summary, a body of a few paragraphs with citations, a list, a quote, a reference list with
URLs); :func:`measure_book` renders them with :func:`briefings.pdf.book.render_book` in a fresh
process and reports wall time, CPU time, pages, the peak RSS of the main process and of the
largest worker, and an upper bound of their sum. The benchmark of
``briefings bench`` can call :func:`measure_book` with its own corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefings.model import Entry
from briefings.pdf.content import Source
from briefings.schema import CATEGORIES

WORDS = ("defence", "cooperation", "Kosovo", "NATO", "United", "States", "ministers",
         "declaration", "training", "exercise", "security", "forces", "interoperability",
         "agreement", "procurement", "Pristina", "Tirana", "delegation", "battalion", "equipment",
         "support", "partnership", "capability", "mission", "deployment", "KFOR", "reform",
         "liaison", "command", "assistance", "programme", "brigade", "regional", "transparency")
ACTORS = ("kosovo", "nato", "united-states", "albania", "croatia", "kfor", "ejup-maqedonci")


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def synthetic_corpus(n: int, seed: int = 1) -> tuple[list[Entry], dict[str, str], dict]:
    """``n`` entries over ten years (some month- and year-precision, a few undated), their
    article HTML and their sources (two or three per entry, from a pool shared by entries)."""
    rng = random.Random(seed)
    sources: dict[str, Source] = {}
    pool = [f"src-{i:04d}" for i in range(max(4, n // 2))]
    for key in pool:
        sources[key] = Source(key=key, title=_sentence(rng, 9)[:-1], author=rng.choice(
            ["RKS News", "BalkanEU", "Office of the Prime Minister of Kosovo", "NATO",
             "US Embassy Pristina"]), date=f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}",
            url=f"https://example.org/news/{key}/{rng.randint(1000, 99999)}")
    entries: list[Entry] = []
    html: dict[str, str] = {}
    start = dt.date(2016, 1, 1)
    for i in range(n):
        date = start + dt.timedelta(days=rng.randint(0, 3650))
        precision = rng.choices(["day", "month", "year"], [80, 15, 5])[0]
        undated = i % 97 == 96
        if precision == "month":
            date = date.replace(day=1)
        elif precision == "year":
            date = date.replace(month=1, day=1)
        slug = f"{date.isoformat()}-synthetic-development-{i:05d}"
        keys = rng.sample(pool, rng.randint(1, 3))
        entry = Entry(title=_sentence(rng, rng.randint(7, 14))[:-1], slug=slug,
                      category=rng.choice(list(CATEGORIES)),
                      summary=_sentence(rng, rng.randint(18, 34)), sources=keys,
                      date=None if undated else date,
                      date_precision=None if undated else precision,
                      event_status=rng.choice(["occurred"] * 5 + ["planned"]),
                      actors=rng.sample(ACTORS, rng.randint(1, 4)),
                      location=rng.choice([None, "Pristina, Kosovo", "Brussels, Belgium"]),
                      review=rng.choice(["unreviewed", "reviewed"]),
                      flags=rng.sample(["single-source", "year-inferred"], rng.randint(0, 1)))
        entries.append(entry)
        cite = " ".join(f'<a class="citation" href="#ref-{k}">({sources[k].author} '
                        f'{sources[k].date[:4]})</a>' for k in keys)
        paras = "".join(f"<p>{_sentence(rng, rng.randint(25, 60))} {cite}</p>"
                        for _ in range(rng.randint(1, 3)))
        items = "".join(f"<li>{_sentence(rng, rng.randint(8, 16))} {cite}</li>"
                        for _ in range(rng.randint(0, 3)))
        quote = (f"<blockquote><p>{_sentence(rng, 20)}</p></blockquote>"
                 if rng.random() < 0.3 else "")
        refs = "".join(f'<li id="ref-{k}">{sources[k].author}. {sources[k].date}. '
                       f'<cite>{sources[k].title}</cite>. '
                       f'<a href="{sources[k].url}">{sources[k].url}</a></li>' for k in keys)
        html[slug] = (f'<article class="entry"><header><h1>{entry.title}</h1></header>'
                      f'<div class="summary">{entry.summary}</div><div class="entry-body">'
                      f'{paras}{"<ul>" + items + "</ul>" if items else ""}{quote}</div>'
                      f'<section class="references"><h2>References</h2><ol>{refs}</ol>'
                      f'</section></article>')
    return entries, html, sources


def _child(n: int, out: str, seed: int, workers: int) -> None:
    import resource

    from briefings.pdf.book import render_book

    entries, html, sources = synthetic_corpus(n, seed)
    t0 = time.perf_counter()
    pages = render_book(entries, html, Path(out), sources=sources, workers=workers)
    seconds = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + kids.ru_utime + kids.ru_stime
    # The main process and, at most, two workers at their largest at once: an upper bound.
    bound = usage.ru_maxrss + 2 * kids.ru_maxrss
    from briefings.pdf.chunked import LAST_TIMINGS

    print(json.dumps({"entries": n, "workers": workers, "pages": pages,
                      "seconds": round(seconds, 1),
                      "phases": LAST_TIMINGS,
                      "cpu_seconds": round(cpu, 1),
                      "peak_rss_mb": round(usage.ru_maxrss / 1024),
                      "worker_peak_rss_mb": round(kids.ru_maxrss / 1024),
                      "total_rss_bound_mb": round(bound / 1024)}))


def measure_book(n: int, out: Path | None = None, seed: int = 1, workers: int = 2) -> dict:
    """Render the whole-chronology book of ``n`` synthetic entries in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(out) if out else Path(tmp) / "chronology.pdf"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "briefings.pdf.bench", "--child",
                               "--entries", str(n), "--out", str(target), "--seed", str(seed),
                               "--workers", str(workers)],
                              capture_output=True, text=True, check=True)
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result["process_seconds"] = round(time.perf_counter() - t0, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--entries", type=int, default=1000)
    p.add_argument("--out", default=None)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        _child(a.entries, a.out, a.seed, a.workers)
        return 0
    print(json.dumps(measure_book(a.entries, Path(a.out) if a.out else None, a.seed,
                                  a.workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
