"""The Pagefind index of the finished site (``briefings build``'s search step).

Pagefind indexes only what ``data-pagefind-body`` marks, which is on entry pages alone
(``theme/templates/article.html``; ``ARTICLE_SAVE_AS`` puts them under ``briefings/``), and not
on those of background entries (``Scope: background``; README, "Cooperation and background").
So it reads only the entry pages, and of each only the marked element: the same index as
reading every whole page (``tests/site/test_search_index.py``), in less time.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefings.procs import die_with_parent

#: The entry pages (ARTICLE_SAVE_AS in pelican.conf.py): the only pages with data-pagefind-body.
SEARCH_GLOB = "briefings/**/*.html"
#: Of each, only the element that ``data-pagefind-body`` marks.
ROOT_SELECTOR = "[data-pagefind-body]"
#: Pagefind's options, after ``--site``.
PAGEFIND_ARGS = ["--glob", SEARCH_GLOB, "--root-selector", ROOT_SELECTOR]


class Indexing:
    """One run of Pagefind on ``site`` (``cmd``: another command, for tests), started now."""

    def __init__(self, site: str | Path, cmd: list[str] | None = None):
        self.site = Path(site)
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed in wait)
        cmd = cmd or [sys.executable, "-m", "pagefind", "--site", str(self.site),
                      *PAGEFIND_ARGS]
        # killed when the build ends, however it ends (a signal runs no exit handler)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, text=True,
                                     preexec_fn=die_with_parent)
        self.started = time.perf_counter()

    def wait(self) -> str:
        """Pagefind's report ("Indexed 10000 pages in 3.1 s"); raises if it failed."""
        code = self.proc.wait()
        self.log.seek(0)
        said = self.log.read()
        self.log.close()
        if code != 0:
            raise RuntimeError(f"search: pagefind exited with {code}:\n{said.strip()}")
        pages = re.search(r"Indexed [\d,]+ pages?\b", said)
        return (f"{pages.group(0) if pages else 'indexed'} in "
                f"{time.perf_counter() - self.started:.1f} s")

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the build failed or was stopped)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
