"""search: the Pagefind index of the entry pages, made while Pelican writes the rest of the site.

Pagefind reads the written pages, and indexes only what ``data-pagefind-body`` marks, which is on
entry pages alone (``theme/templates/article.html``; ``ARTICLE_SAVE_AS`` puts them under
``briefings/``), and not on those of background entries (``Scope: background``: context, not
developments; README, "Cooperation and background"). So it can start as soon as every entry
page is on disk: after ``article_writer_finalized`` in every process that writes pages
(:func:`briefings.plugins.cores.output.all_passed`), while Pelican goes on with the year, actor
and Sources pages, the feeds and the timeline's data. At ``finalized`` Pelican waits for it; if
Pagefind fails, the build fails with its messages.

Pagefind's process is made, held, when the entries have been read (``article_generator_finalized``),
and told to go when the entry pages are written. Each Pelican process then drops to the lowest
CPU priority: what it still writes is not waited for (Pagefind takes longer), and it takes only
what Pagefind leaves idle. Pagefind keeps the priority its process was made with.

``briefings build`` writes over the files of the site before (``briefings.build.Leftovers``):
before Pagefind goes, the entry pages this run did not write (a development since removed or
renamed) are removed, so that Pagefind indexes only this run's.

Setting: ``SEARCH_INDEX`` (default ``False``: ``make serve`` makes no index); ``briefings build``
turns it on (``-e SEARCH_INDEX=true``).
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pelican import signals

from briefings.plugins import lower_priority
from briefings.plugins.cores import output

log = logging.getLogger(__name__)

#: The entry pages (ARTICLE_SAVE_AS in pelican.conf.py): the only pages with data-pagefind-body.
#: Reading only these gives the same index without parsing year, actor and Sources pages.
SEARCH_GLOB = "briefings/**/*.html"
#: And of each, only the element that ``data-pagefind-body`` marks (the entry's article, half
#: of its page): the same index as reading the whole page (``tests/site/test_search_index.py``)
#: for less of Pagefind's time.
ROOT_SELECTOR = "[data-pagefind-body]"
#: Pagefind's options, after ``--site``.
PAGEFIND_ARGS = ["--glob", SEARCH_GLOB, "--root-selector", ROOT_SELECTOR]


#: Holds the command until told to go (a line on its stdin), then becomes it (``exec``).
HOLD = ["sh", "-c", 'read go && exec "$@"', "pagefind"]


class Indexing:
    """One run of Pagefind on the site being written (``cmd``: another command, for tests).

    ``held``: the process is made now and Pagefind starts at :meth:`go`. Pagefind then runs at
    the CPU priority its process had when it was made, whatever the priority of the process
    that says go (see :func:`on_articles_written`).
    """

    def __init__(self, site: str | Path, cmd: list[str] | None = None, held: bool = False):
        self.site = Path(site)
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed in wait)
        self.started: float | None = None
        cmd = cmd or [sys.executable, "-m", "pagefind", "--site", str(self.site),
                      *PAGEFIND_ARGS]
        # killed when Pelican ends, however it ends: a failed build stops Pelican with a
        # signal, and no exit handler runs then (preexec_fn calls only prctl, looked up before);
        # held, it also ends when its stdin closes before the word to go
        self.proc = subprocess.Popen([*HOLD, *cmd] if held else cmd,
                                     stdin=subprocess.PIPE if held else subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, text=True,
                                     preexec_fn=output.die_with_parent)
        if not held:
            self.started = time.perf_counter()

    def go(self) -> None:
        """Start Pagefind (``held``; once started, nothing more)."""
        if self.started is not None:
            return
        self.started = time.perf_counter()
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.close()

    def wait(self) -> str:
        """Pagefind's report ("Indexed 10000 pages"); raises if it failed."""
        self.go()
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
        """The build failed before ``finalized``: Pagefind must not go on writing into it."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        self.log.close()


_RUNNING: Indexing | None = None


def on_articles_finalized(generator) -> None:
    """Pagefind's process made, held, while Pelican's run is at its starting priority (before
    the pages are written, and before the cores plugin forks its writers)."""
    global _RUNNING
    if generator.settings.get("SEARCH_INDEX") and _RUNNING is None:
        _RUNNING = Indexing(generator.output_path, held=True)


#: The CPU priority (nice) of the Pelican processes once their entry pages are written, below
#: Pagefind's (see :func:`on_articles_written`).
AFTER_ENTRIES_NICE = 19


def remove_unwritten_pages(site: str | Path, written: set[str]) -> list[str]:
    """Remove the HTML files under the entry pages' directory (:data:`SEARCH_GLOB`) that are
    not in ``written`` (absolute paths, as Pelican's writer notes them); returns them."""
    top = Path(site, SEARCH_GLOB.split("/", 1)[0])
    gone = []
    for folder, _dirs, names in os.walk(top):
        for name in names:
            path = os.path.abspath(os.path.join(folder, name))
            if name.endswith(".html") and path not in written:
                os.unlink(path)
                gone.append(path)
    return gone


_WRITTEN: tuple[str, set[str]] | None = None  # the output path, and what the writer wrote there


def _go() -> None:
    if _RUNNING is not None:
        if _WRITTEN is not None:
            remove_unwritten_pages(*_WRITTEN)
        _RUNNING.go()


def on_articles_written(generator, writer=None) -> None:
    global _WRITTEN
    if not generator.settings.get("SEARCH_INDEX"):
        return
    if writer is not None:  # every page of every process (briefings.plugins.cores.output)
        _WRITTEN = (generator.output_path, writer._written_files)
    # What this process writes from now on (the year, actor and Sources pages, the feeds, the
    # timeline's data) is not waited for: the run ends by waiting for Pagefind, which takes
    # longer. At the lowest priority it takes only what Pagefind leaves idle, which is one
    # core for most of its last phase; at Pagefind's priority it slowed Pagefind's first phase.
    # Only in a run that makes the index (briefings build), whose process ends with it: an
    # ordinary user cannot raise a priority again.
    lower_priority(AFTER_ENTRIES_NICE)
    output.all_passed(_go)


def on_finalized(pelican) -> None:
    global _RUNNING
    running, _RUNNING = _RUNNING, None
    if running is not None:
        said = running.wait()
        # shown as Pelican's own "Done: ..." is: not with -q
        if logging.getLogger("pelican").getEffectiveLevel() <= logging.WARNING:
            print(f"search: {said}, beside the pages written after the entries", flush=True)


@atexit.register
def _stop() -> None:
    if _RUNNING is not None:
        _RUNNING.stop()


def register() -> None:
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.article_writer_finalized.connect(on_articles_written)
    # after the cores plugin's finalized (its workers exit first): this plugin comes later in
    # PLUGINS
    signals.finalized.connect(on_finalized)
