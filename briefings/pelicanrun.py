"""``python -m briefings.pelicanrun ARGS``: ``python -m pelican ARGS`` for a process that runs
Pelican once (``briefings build``).

When the run succeeds the process ends at once, without Python's teardown of everything the
build holds: at 10,000 entries freeing those objects took about 3 s after Pelican's "Done". Every
file is written and closed by then, and the plugins' worker processes have exited. A failed run
ends as ``python -m pelican`` does (its exit handlers stop what it started, such as Pagefind).

Python's cyclic garbage collector is off for the run. The process lives for one build, and
what the build makes is kept to its end; the collector's passes over a heap of millions of
objects found next to nothing to free, and they wrote to every object they visited, so that the
forked workers (briefings/plugins/cores, the citations plugin's renderers) copied pages of
memory they only read. At 10,000 entries the Pelican step went from 33.7 s to 29.7 s (CPU
60.8 s to 54.4 s) with the same peak memory (722 and 715 MB; without the search index). Memory
freed by reference counting, which is nearly all of it, is freed as before.

The process is killed when the build that started it dies, however it dies (``briefings build``
stops it with its process group on Ctrl-C, SIGTERM or a failure; this covers SIGKILL).
"""

from __future__ import annotations

import gc
import logging
import os
import sys

from pelican import main

from briefings.plugins.cores.output import die_with_parent


def run(argv: list[str] | None = None) -> None:
    die_with_parent()  # the build killed outright (SIGKILL): nothing goes on writing its site
    gc.disable()  # inherited by the processes the plugins fork
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
