"""``python -m briefings.pelicanrun ARGS``: ``python -m pelican ARGS`` for a process that runs
Pelican once (``briefings build``).

When the run succeeds the process ends at once, without Python's teardown of everything the
build holds (every file is written and closed by then). A failed run ends as ``python -m
pelican`` does. Python's cyclic garbage collector is off for the run: the process lives for one
build, what it makes is kept to its end, and the collector's passes over a heap of millions of
objects find next to nothing to free (measurements: BENCHMARKS.md).

The process is killed when the build that started it dies, however it dies.
"""

from __future__ import annotations

import gc
import logging
import os
import sys

from pelican import main

from briefings.procs import die_with_parent


def run(argv: list[str] | None = None) -> None:
    die_with_parent()  # the build killed outright (SIGKILL): nothing goes on writing its site
    gc.disable()
    try:
        main(argv)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    run()
