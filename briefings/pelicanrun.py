"""``python -m briefings.pelicanrun ARGS``: ``python -m pelican ARGS`` for a process that runs
Pelican once (``briefings build``).

When the run succeeds the process ends at once, without Python's teardown of everything the
build holds: at 10,000 entries freeing those objects took about 3 s after Pelican's "Done". Every
file is written and closed by then, and the plugins' worker processes have exited. A failed run
ends as ``python -m pelican`` does (its exit handlers stop what it started, such as Pagefind).
"""

from __future__ import annotations

import logging
import os
import sys

from pelican import main


def run(argv: list[str] | None = None) -> None:
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
