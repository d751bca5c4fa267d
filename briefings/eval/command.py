"""``briefings eval DIR``: run the real ingest pipeline on ``DIR/articles`` into a fresh content
directory (with the project's actor registry), read back the entries and the bibliography it
wrote, and score them against ``DIR/truth.json`` and ``DIR/clusters.json``.

It is a measurement: it exits 0 whatever the figures (2 when DIR is not a corpus).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefings.eval.corpus import Corpus

HELP = "score ingestion on an evaluation corpus (articles/, truth.json, clusters.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", type=Path, metavar="DIR",
                        help="a corpus folder: articles/NN_slug.txt with .meta.yaml sidecars, "
                        "truth.json and (optionally) clusters.json")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: the figures and the lists behind them "
                        "(missed events, wrong dates, failing titles, …)")
    parser.add_argument("--list-titles", action="store_true",
                        help="after the table, list the titles that fail the headline checks")
    parser.add_argument("--actors", type=Path, default=Path("content/actors.yaml"),
                        help="the actor registry ingest uses (default: content/actors.yaml)")
    parser.add_argument("--content", type=Path, metavar="NEW-DIR",
                        help="ingest into this new folder and keep it (default: a temporary "
                        "folder, removed afterwards)")
    parser.add_argument("--jobs", "-j", type=int, default=None,
                        help="ingest's worker processes (default: one per core)")
    parser.add_argument("--runs", type=int, default=1, metavar="N",
                        help="ingest the articles in N runs into the same folder, article i in "
                        "run i mod N (reports of one development arriving in several runs, as "
                        "sources reach a maintainer over time; default 1)")


def main(args: argparse.Namespace) -> int:
    from briefings.eval.corpus import CorpusError, load_corpus

    try:
        corpus = load_corpus(args.corpus)
    except CorpusError as exc:
        print(f"briefings eval: {exc}", file=sys.stderr)
        return 2
    if args.content is not None and args.content.exists() and any(args.content.iterdir()):
        print(f"briefings eval: {args.content} is not empty: give a new folder",
              file=sys.stderr)
        return 2
    if not args.actors.is_file():
        print(f"briefings eval: no actor registry at {args.actors}: entries are not tagged "
              "with actors (give --actors FILE)", file=sys.stderr)
    if args.content is not None:
        return _evaluate(args, corpus, args.content)
    with tempfile.TemporaryDirectory(prefix="briefings-eval-") as tmp:
        return _evaluate(args, corpus, Path(tmp) / "content")


def _evaluate(args: argparse.Namespace, corpus: Corpus, content: Path) -> int:
    from briefings.eval.corpus import read_entries
    from briefings.eval.report import IngestRun, as_json, failing_titles, table
    from briefings.eval.score import score
    from briefings.ingest.pipeline import run

    content.mkdir(parents=True, exist_ok=True)
    if args.actors.is_file():
        shutil.copy(args.actors, content / "actors.yaml")
    articles = (corpus.root / "articles").resolve()
    runs = max(1, args.runs)
    files = sorted(p for p in articles.iterdir() if p.is_file() and not p.name.endswith(
        ".meta.yaml")) if runs > 1 else []
    batches = [[articles]] if runs == 1 else [files[i::runs] for i in range(runs)]
    start = time.perf_counter()
    results = [run(batch, content, jobs=args.jobs) for batch in batches if batch]
    seconds = time.perf_counter() - start
    problems = [p for r in results for p in r.problems]
    errors = sum(1 for p in problems if p.is_error)
    sources = sum(len(r.sources) for r in results)
    failed = [s.path.name for r in results for s in r.failed]
    ingest = IngestRun(sources, sources - len(failed), seconds, errors, len(problems) - errors,
                       failed)
    scores = score(corpus, read_entries(content))
    where = str(args.corpus)
    if args.json:
        sys.stdout.write(as_json(scores, ingest, where))
        return 0
    sys.stdout.write(table(scores, ingest, where))
    if args.list_titles:
        sys.stdout.write("\n" + failing_titles(scores))
    return 0
