"""Process helpers shared by the build, the preview server and the citation step."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lower_priority(nice: int) -> None:
    """The calling thread's CPU priority lowered to ``nice`` at least (Linux sets it per thread;
    a higher one is kept, and nothing is raised: an ordinary user could not lower it again)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, 0, max(nice, os.getpriority(os.PRIO_PROCESS, 0)))


def _libc_prctl():
    """Linux's prctl, looked up once, here: a forked child calls it before anything else, and
    looking it up there (dlopen) could wait on a lock another thread held at the fork."""
    with contextlib.suppress(Exception):
        return ctypes.CDLL(None, use_errno=True).prctl
    return None


_PRCTL = _libc_prctl()


def die_with_parent() -> None:
    """In a child process (also as ``subprocess``'s ``preexec_fn``: kept across exec): killed
    when the process that started it ends, however it ends."""
    if _PRCTL is not None:
        with contextlib.suppress(Exception):
            _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)


def quiet_worker() -> None:
    """In a pool's worker: the pool's end (SIGTERM) or a Ctrl-C at the terminal (its parent
    handles that) ends it without a traceback, and it dies with its parent."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def one_core() -> None:
    """In a child process (as ``preexec_fn``): run on one core only, so that a program that
    starts a thread per core (Pagefind) starts one."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
