"""The project's Pelican plugins (listed in ``PLUGINS`` in pelican.conf.py)."""

from __future__ import annotations

import contextlib
import os


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
