"""The output phase on every core: pages rendered by forked copies of the finished build.

When every generator has its context (``all_generators_finalized``), :func:`start` forks worker
processes. Each is a copy of the build at that moment, so the main process and every worker run
the same output phase over the same, finished context, in the same order. Every unit of output
(a ``Writer.write_file`` or ``write_feed`` call, the static files, each data file a plugin writes
itself through :func:`mine`) gets the next number in that order, and the first process to reach
a number claims it (a counter in shared memory, under a lock); the others skip it. A slow page
in one process is thus made up by the other, and nothing is written twice.

At ``finalized`` the workers exit and the main process waits for them: a worker that failed (its
error is logged as Pelican logs it) fails the build. A worker dies with the main process
(``PR_SET_PDEATHSIG``), so an interrupted build leaves no writer behind.

Not used when the process runs other threads (forking a process with threads is unsafe), or
for fewer than ``min_files`` articles. The one thread allowed is the console's status display,
whose locks a worker replaces. (``make serve`` builds in a process of its own, beside the web
server's (briefings/serve/): its first build forks, its re-runs do not. Its file watcher's
thread is not Python's: the workers never touch the watcher.)
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading

from pelican.generators import StaticGenerator
from pelican.utils import sanitised_join
from pelican.writers import Writer

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


class _Session:
    def __init__(self, workers: int):
        ctx = mp.get_context("fork")
        self.cursor = ctx.RawValue("q", 0)
        self.passed = ctx.RawValue("q", 0)  # processes past the point of all_passed()
        self.when_passed = None  # what the main process runs once they all are
        self.lock = ctx.Lock()
        self.count = 0
        self.claimed = 0  # units this process made
        self.parent = os.getpid()
        self.children: list[int] = []
        self.is_child = False
        sys.stdout.flush()
        sys.stderr.flush()
        for _ in range(workers):
            pid = os.fork()
            if pid == 0:
                self.is_child = True
                self.children = []
                die_with_parent()
                _fresh_console_locks()
                break
            self.children.append(pid)

    def mine(self) -> bool:
        """Number the next unit of output; True if this process claims it."""
        self.count += 1
        if self.is_child and os.getppid() != self.parent:
            os._exit(1)  # the main process is gone (where PR_SET_PDEATHSIG is unknown)
        if self.when_passed is not None:
            self._run_when_passed()
        with self.lock:
            if self.cursor.value < self.count:
                self.cursor.value = self.count
                self.claimed += 1
                return True
        return False

    def arrive(self, callback) -> None:
        """This process has passed the point of :func:`all_passed`; the main process keeps
        ``callback`` for when every process has."""
        with self.lock:
            self.passed.value += 1
        if not self.is_child:
            self.when_passed = callback
            self._run_when_passed()

    def _run_when_passed(self) -> None:
        if self.passed.value >= 1 + len(self.children):
            callback, self.when_passed = self.when_passed, None
            callback()

    def finish(self) -> None:
        """Workers exit here; the main process waits for them and fails if one failed."""
        if self.is_child:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        failed = []
        for pid in self.children:
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                failed.append(os.waitstatus_to_exitcode(status))
        if self.when_passed is not None and not failed:  # the workers have passed it by now
            self._run_when_passed()
        log.info("cores: %d worker(s) made %d of %d pages, feeds and files", len(self.children),
                 self.count - self.claimed, self.count)
        self.children = []
        if failed:
            raise RuntimeError(
                f"a process writing part of the site failed (exit status {failed[0]}); its "
                "error is logged above")

    def abandon(self) -> None:
        """Stop the workers (the build failed in the main process)."""
        for pid in self.children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.children = []


_SESSION: _Session | None = None


def _libc_prctl():
    """Linux's prctl, looked up once, here: a forked child calls it before anything else, and
    looking it up there (dlopen) could wait on a lock another thread held at the fork."""
    with contextlib.suppress(Exception):
        return ctypes.CDLL(None, use_errno=True).prctl
    return None


_PRCTL = _libc_prctl()


def die_with_parent() -> None:
    """In a forked child (a worker, or the child of ``subprocess`` before it runs another
    program: kept across exec): killed when the process that forked it ends, however it ends."""
    if _PRCTL is not None:
        with contextlib.suppress(Exception):
            _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)


def _console_threads_only() -> bool:
    """True if the only other threads are the console's status display (``pelican`` shows
    "Generating..." with rich, which refreshes it from a thread)."""
    return all(t is threading.current_thread() or type(t).__module__.startswith("rich.")
               for t in threading.enumerate())


def _fresh_console_locks() -> None:
    """In a worker: new locks for Pelican's console and its status display, which the refresh
    thread (not copied by the fork) may have held at that moment."""
    with contextlib.suppress(Exception):
        from pelican.log import console

        console._lock = threading.RLock()
        for live in getattr(console, "_live_stack", []):
            live._lock = threading.RLock()


def mine() -> bool:
    """True if this process makes the next unit of output (always, when nothing is shared).

    Plugins call it before each file they write themselves, in a fixed order."""
    return True if _SESSION is None else _SESSION.mine()


def all_passed(callback) -> None:
    """Call at the same point of the output phase in every process (a signal that each sends,
    such as ``article_writer_finalized``): ``callback`` runs in the main process once every
    process has passed that point, so that what they wrote before it is all on disk (at once
    where nothing was forked; at the latest when the workers exit, at ``finalized``)."""
    if _SESSION is None:
        callback()
    else:
        _SESSION.arrive(callback)


def start(workers: int) -> None:
    global _SESSION
    stop()
    if workers <= 0 or not _console_threads_only():
        return
    _SESSION = _Session(workers)


def finish(*_args) -> None:
    global _SESSION
    session, _SESSION = _SESSION, None
    if session is not None:
        session.finish()


def stop(*_args) -> None:
    global _SESSION
    session, _SESSION = _SESSION, None
    if session is not None and not session.is_child:
        session.abandon()


# --- the units: Pelican's writer and static files -----------------------------------------------

_original_write_file = Writer.write_file
_original_write_feed = Writer.write_feed
_original_static_output = StaticGenerator.generate_output


def _write_file(self, name, template, context, relative_urls=False, paginated=None,
                template_name=None, override_output=False, url=None, **kwargs):
    if name and not mine():
        self._written_files.add(sanitised_join(self.output_path, name))
        if relative_urls:  # what rendering would have left in the shared context
            from pelican.utils import get_relative_path, path_to_url

            context["localsiteurl"] = path_to_url(get_relative_path(name))
        return None
    return _original_write_file(self, name, template, context, relative_urls, paginated,
                                template_name, override_output, url, **kwargs)


def _write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                override_output=False, feed_title=None):
    if path and not mine():
        self._written_files.add(sanitised_join(self.output_path, path))
        return None  # Pelican's callers (and the project's) do not use the returned feed
    return _original_write_feed(self, elements, context, path, url, feed_type, override_output,
                                feed_title)


def _static_output(self, writer):
    if mine():
        return _original_static_output(self, writer)
    return None


def install() -> None:
    Writer.write_file = _write_file
    Writer.write_feed = _write_feed
    StaticGenerator.generate_output = _static_output
