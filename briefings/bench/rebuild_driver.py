"""Run in its own process by the rebuild step: what ``make serve`` (``briefings serve``) does.

One Pelican instance builds the site once; then, ``--repeat`` times, one entry file changes (a
sentence is appended to its summary and its body) and the same instance runs again, exactly as
``make serve`` calls ``pelican.run()`` after a change. Printed as JSON on stdout:
``{"initial": s, "rebuilds": [s, ...]}``. The time the watcher takes to notice the change is not
included.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path


def touch_entry(path: Path, n: int) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    lines = [
        (ln + f" Revised ({n}).") if ln.startswith("Summary:") else ln for ln in head.splitlines()
    ]
    body = body.rstrip("\n") + f"\n\nA correction was added to this entry (revision {n}).\n"
    path.write_text("\n".join(lines) + sep + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settings", type=Path, required=True)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--entry", type=Path, action="append", required=True)
    parser.add_argument("--cache", type=Path, default=None,
                        help="what-if: turn Pelican's content cache on, kept in this folder")
    args = parser.parse_args(argv)

    from pelican import Pelican
    from pelican.settings import read_settings

    logging.basicConfig(level=logging.ERROR)
    override = {"PATH": str(args.content.resolve()), "OUTPUT_PATH": str(args.output.resolve()),
                "DELETE_OUTPUT_DIRECTORY": False}  # as `make serve` (no --delete-output-directory)
    if args.cache:
        override.update({"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                         "CACHE_PATH": str(args.cache.resolve()), "CHECK_MODIFIED_METHOD": "md5"})
    settings = read_settings(str(args.settings), override=override)
    pelican = Pelican(settings)
    t0, c0 = time.perf_counter(), time.process_time()
    pelican.run()
    result: dict[str, object] = {"initial": time.perf_counter() - t0,
                                 "initial_cpu": time.process_time() - c0,
                                 "rebuilds": [], "rebuilds_cpu": []}
    for n, entry in enumerate(args.entry, 1):
        touch_entry(entry, n)
        t0, c0 = time.perf_counter(), time.process_time()
        pelican.run()
        result["rebuilds"].append(time.perf_counter() - t0)  # type: ignore[union-attr]
        result["rebuilds_cpu"].append(time.process_time() - c0)  # type: ignore[union-attr]
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
