"""The folders a build makes beside ``output/``, owned while it runs; and the sweep of those that
a killed build left.

A build works in folders beside its output: the new site (staging), the site it replaces while
the two are swapped, the old search index on its way out. They are named after the build's lock
file, ``.output-TOKEN.lock``: ``.output-TOKEN``, ``.output-TOKEN-old``, ``.output-TOKEN-trash``.
The build holds the lock file locked (``flock``) from before it makes any of them until it has
removed them. The system lets go of a lock when the process holding it ends, however it ends:
SIGKILL, or a machine that lost power, included. Ctrl-C, SIGTERM and failures remove the folders
themselves (briefings/build.py); a folder whose lock is free, or that has no lock file (a build
from before this scheme), is what a build killed outright left, and the next build removes it
(:func:`sweep`).

The site a build replaced is removed after the build by a process of its own
(:meth:`Claim.remove_in_background`), which takes over the build's lock and lets it go once the
site is gone: a build does not wait for the removal, and if that process is killed the next
build's sweep finishes its work.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PREFIX = ".output-"
LOCK = ".lock"
#: A build's folders and lock file (TOKEN: what ``tempfile`` puts in a name, 8 characters).
_OURS = re.compile(r"\.output-(?P<token>[a-z0-9_]{8})(?:-(?:old|trash))?(?P<lock>\.lock)?")
#: What builds made before the lock files: ``.output-old-*`` and ``.output-trash-*``.
_EARLIER = re.compile(r"\.output-(?:old|trash)-[a-z0-9_]+")


class Claim:
    """The lock of one build, and the names of its folders in ``parent``. Release it (it
    removes the lock file) once the folders are gone."""

    def __init__(self, parent: Path):
        self.parent = parent
        while True:
            fd, path = tempfile.mkstemp(prefix=PREFIX, suffix=LOCK, dir=parent)
            if _lock(fd) is not False and _same_file(fd, path):
                break
            # a sweep took the new lock file for a dead build's and removes it: take another
            os.close(fd)
        self.fd: int | None = fd
        self.lock = Path(path)
        self.token = self.lock.name[len(PREFIX):-len(LOCK)]

    def folder(self, kind: str = "") -> Path:
        """``.output-TOKEN`` (the staging folder), or ``.output-TOKEN-KIND``."""
        return self.parent / f"{PREFIX}{self.token}{'-' + kind if kind else ''}"

    def remove_in_background(self, folder: Path) -> subprocess.Popen:
        """Remove ``folder`` (one of this build's) in a process of its own that holds the lock
        until it is gone, then removes the lock file; this claim is then released."""
        assert self.fd is not None
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefings.staging", str(folder), str(self.lock)],
            pass_fds=(self.fd,), start_new_session=True, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self.fd)  # the lock stays held: the process holds the same open file
        self.fd = None
        return proc

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.lock.unlink()
        os.close(self.fd)
        self.fd = None


def _lock(fd: int) -> bool | None:
    """Lock ``fd`` if no one holds it: True if locked, False if someone holds it, None if the
    file system cannot lock."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _same_file(fd: int, path: str) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


class Sweep:
    """The folders in ``parent`` left by builds that no longer run, removed in a thread (join
    it); ``mine`` is the running build's own claim."""

    def __init__(self, parent: Path, mine: Claim):
        self.gone: list[str] = []
        stale: list[tuple[list[Path], int | None, Path | None]] = []
        tokens: dict[str, list[Path]] = {}
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(parent):
                name = entry.name
                if _EARLIER.fullmatch(name):
                    stale.append(([Path(entry.path)], None, None))
                    continue
                m = _OURS.fullmatch(name)
                if m is None or m["token"] == mine.token:
                    continue
                folders = tokens.setdefault(m["token"], [])
                if not m["lock"]:
                    folders.append(Path(entry.path))
        for token, folders in tokens.items():
            lock = parent / f"{PREFIX}{token}{LOCK}"
            try:  # its lock file is made before its folders: looked for after them
                fd = os.open(lock, os.O_RDWR)
            except FileNotFoundError:
                stale.append((folders, None, None))
                continue
            if _lock(fd) is True and _same_file(fd, str(lock)):
                stale.append((folders, fd, lock))  # held until its folders are gone
            else:
                os.close(fd)  # a running build's (or a file system that cannot tell)
        self.stale = stale
        self.thread: threading.Thread | None = None
        if stale:
            self.thread = threading.Thread(target=self._remove, name="build-sweep", daemon=True)
            self.thread.start()

    def _remove(self) -> None:
        for folders, fd, lock in self.stale:
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
                self.gone.append(folder.name)
            if lock is not None:
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()
            if fd is not None:
                os.close(fd)

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()


def _remove(folder: str, lock: str) -> None:
    """What :meth:`Claim.remove_in_background` runs (holding the lock it inherited)."""
    os.nice(10)
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(lock)


if __name__ == "__main__":
    _remove(*sys.argv[1:3])
