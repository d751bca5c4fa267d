"""The Pagefind index of the finished site (``briefings build``'s search step).

Pagefind indexes only what ``data-pagefind-body`` marks, which is on entry pages alone
(``theme/templates/article.html``; ``ARTICLE_SAVE_AS`` puts them under ``briefings/``), and not
on those of background entries (``Scope: background``; README, "Cooperation and background").
So it reads only the entry pages, and of each only the marked element: the same index as
reading every whole page (``tests/site/test_search_index.py``), in less time.

The index depends on those pages only, so it is kept in the cache folder under a hash of them
(with Pagefind's release and options: :class:`IndexCache`); a build whose entry pages are the
same, byte for byte, as those of the build that made it takes the index from there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefings.procs import die_with_parent, one_core

#: The entry pages (ARTICLE_SAVE_AS in pelican.conf.py), of the root's site and of each language's
#: under its folder: the only pages with data-pagefind-body. Pagefind makes an index for each
#: language (by the pages' ``<html lang>``), and the search page loads its own language's.
SEARCH_GLOB = "**/briefings/**/*.html"
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
        # killed when the build ends, however it ends (a signal runs no exit handler); on one
        # core, as its memory grows with its threads and its time hardly shrinks with them
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, text=True,
                                     preexec_fn=_child_setup)
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


def _child_setup() -> None:
    die_with_parent()
    one_core()


class IndexCache:
    """Pagefind's output for one set of entry pages, in ``cache/pagefind/KEY/`` (KEY: a hash of
    the pages, Pagefind's release and options). One is kept: the folders of other keys are
    removed when a new one is stored."""

    def __init__(self, cache: Path, site: Path):
        self.root = Path(cache) / "pagefind"
        self.site = Path(site)
        self.folder = self.root / self.key(self.site)

    @staticmethod
    def key(site: Path) -> str:
        from importlib.metadata import version

        h = hashlib.sha256(json.dumps([version("pagefind"), PAGEFIND_ARGS]).encode())
        for path in sorted(site.glob(SEARCH_GLOB)):
            data = path.read_bytes()
            h.update(f"{path.relative_to(site).as_posix()}\0{len(data)}\0".encode())
            h.update(data)
        return h.hexdigest()[:24]

    def available(self) -> bool:
        """Whether an index of these pages is kept."""
        return (self.folder / "complete").is_file()

    def restore(self) -> bool:
        """Put the kept index into the site; False if there is none for these pages."""
        if not self.available():
            return False
        shutil.copytree(self.folder / "pagefind", self.site / "pagefind",
                        copy_function=_link_or_copy)
        return True

    def keep(self) -> None:
        """Keep the site's index (made by Pagefind) for a next build with the same pages."""
        tmp = self.root / f".{self.folder.name}.{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(self.site / "pagefind", tmp / "pagefind", copy_function=_link_or_copy)
        (tmp / "complete").touch()
        shutil.rmtree(self.folder, ignore_errors=True)
        os.rename(tmp, self.folder)
        for other in self.root.iterdir():
            if other != self.folder and not other.name.startswith("."):
                shutil.rmtree(other, ignore_errors=True)


def _link_or_copy(src: str, dst: str) -> None:
    """A hard link (the files are written once and never changed in place), or a copy where
    the two folders are on different file systems."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
