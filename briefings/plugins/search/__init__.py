"""search: the Pagefind index of the entry pages, made while Pelican writes the rest of the site.

Pagefind reads the written pages, and indexes only what ``data-pagefind-body`` marks, which is on
entry pages alone (``theme/templates/article.html``; ``ARTICLE_SAVE_AS`` puts them under
``briefings/``). So it can start as soon as every entry page is on disk: after
``article_writer_finalized`` in every process that writes pages
(:func:`briefings.plugins.cores.output.all_passed`), while Pelican goes on with the year, actor
and Sources pages, the feeds and the timeline's data. At ``finalized`` Pelican waits for it; if
Pagefind fails, the build fails with its messages.

Setting: ``SEARCH_INDEX`` (default ``False``: ``make serve`` makes no index); ``briefings build``
turns it on (``-e SEARCH_INDEX=true``).
"""

from __future__ import annotations

import atexit
import logging
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pelican import signals

from briefings.plugins.cores import output

log = logging.getLogger(__name__)

#: The entry pages (ARTICLE_SAVE_AS in pelican.conf.py): the only pages with data-pagefind-body.
#: Reading only these gives the same index without parsing year, actor and Sources pages.
SEARCH_GLOB = "briefings/**/*.html"


class Indexing:
    """One run of Pagefind on the site being written (``cmd``: another command, for tests)."""

    def __init__(self, site: str | Path, cmd: list[str] | None = None):
        self.site = Path(site)
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed in wait)
        self.started = time.perf_counter()
        cmd = cmd or [sys.executable, "-m", "pagefind", "--site", str(self.site), "--glob",
                      SEARCH_GLOB]
        # killed when Pelican ends, however it ends: a failed build stops Pelican with a
        # signal, and no exit handler runs then (preexec_fn calls only prctl, looked up before)
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, text=True,
                                     preexec_fn=output.die_with_parent)

    def wait(self) -> str:
        """Pagefind's report ("Indexed 10000 pages"); raises if it failed."""
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
        self.log.close()


_RUNNING: Indexing | None = None


def _start(site: str) -> None:
    global _RUNNING
    if _RUNNING is None:
        _RUNNING = Indexing(site)


def on_articles_written(generator, writer=None) -> None:
    if generator.settings.get("SEARCH_INDEX"):
        output.all_passed(lambda: _start(generator.output_path))


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
    signals.article_writer_finalized.connect(on_articles_written)
    # after the cores plugin's finalized (its workers exit first): this plugin comes later in
    # PLUGINS
    signals.finalized.connect(on_finalized)
