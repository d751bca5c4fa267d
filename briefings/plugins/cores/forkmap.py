"""One loop of a build shared with forked copies of the process: ``[func(x) for x in items]``.

For work that needs the whole build in memory (the entries, the bibliography, the rendered
references) and gives back small, picklable results: each copy takes every ``procs``-th item
(so that slow and quick items spread evenly), sends its results back through a pipe, and exits.
The results come back in the order of ``items``, as the plain loop gives them.

Where forking is unsafe (the process runs threads other than the console's status display,
:func:`briefings.plugins.cores.output._console_threads_only`), for one process, or when a copy
fails (an exception, a crash: nothing comes back), the calling process does that share itself,
so an error is raised exactly as the plain loop would raise it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from .output import _console_threads_only, _fresh_console_locks, die_with_parent

T = TypeVar("T")
R = TypeVar("R")


def fork_map(func: Callable[[T], R], items: Sequence[T], procs: int,
             after: Callable[[], object] | None = None) -> tuple[list[R], list[object]]:
    """``[func(x) for x in items]`` over ``procs`` processes (this one and ``procs - 1`` forked
    copies); and what ``after()`` returned in each copy whose share came back (what the copies
    learnt that this process should keep, such as texts rendered there)."""
    procs = max(1, min(procs, len(items)))
    if procs == 1 or not _console_threads_only():
        return [func(x) for x in items], []
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int, int]] = []  # (share, pid, read end of its pipe)
    for share in range(1, procs):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # a copy: its share, sent back whole, then exit (no atexit, no flush)
            os.close(read)
            status = 1
            try:
                die_with_parent()
                _fresh_console_locks()
                done = [func(items[i]) for i in range(share, len(items), procs)]
                data = pickle.dumps((done, after() if after else None),
                                    protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        children.append((share, pid, read))
    results: list = [None] * len(items)
    try:
        for i in range(0, len(items), procs):
            results[i] = func(items[i])
    except BaseException:  # the plain loop would stop here too: stop the copies
        for _share, pid, read in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read)
        raise
    afters: list[object] = []
    for share, pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        done = None
        if os.waitstatus_to_exitcode(status) == 0:
            with contextlib.suppress(Exception):
                done, extra = pickle.loads(data)
        indices = range(share, len(items), procs)
        if done is None or len(done) != len(indices):  # that copy failed: its share, here
            done = [func(items[i]) for i in indices]
        else:
            afters.append(extra)
        for i, result in zip(indices, done, strict=True):
            results[i] = result
    return results, afters
