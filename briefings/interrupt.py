"""Stopping a ``briefings`` command: SIGTERM and SIGHUP take the path Ctrl-C takes.

Python ends at once on SIGTERM (a service manager's stop, ``kill``, ``make`` passing on its own
SIGTERM) and on SIGHUP (the terminal closed), without running a single ``finally``: a build
left its staging folder behind and its Pelican process writing into it. Inside
:func:`as_interrupt` both raise :class:`Terminated`, a :class:`KeyboardInterrupt`, so every
clean-up written for Ctrl-C runs for them too. :func:`deferred` holds these signals back for a
few lines that must not be cut in two (the renames that swap a new site in).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

#: The signals that stop a command, besides Ctrl-C (SIGINT, already a KeyboardInterrupt).
STOPPING = (signal.SIGTERM, signal.SIGHUP)


class Terminated(KeyboardInterrupt):
    """A stop by a signal other than Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(exc: KeyboardInterrupt) -> int:
    """The exit status of a command stopped by ``exc``: 128 + the signal's number, as a shell
    reports a process killed by it (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


def _raise(signum: int, _frame) -> None:
    raise Terminated(signum)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def as_interrupt() -> Iterator[None]:
    """Inside: SIGTERM and SIGHUP raise :class:`Terminated` in the main thread. Elsewhere than
    in the main thread (where Python cannot set handlers) it changes nothing."""
    if not _in_main_thread():
        yield
        return
    before = {s: signal.signal(s, _raise) for s in STOPPING}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Inside: Ctrl-C, SIGTERM and SIGHUP are noted, not acted on; on leaving, the first one
    noted is raised again and does what it did before (raise :class:`KeyboardInterrupt` or
    :class:`Terminated`, end the process, or nothing if it was ignored). Only in the main
    thread (elsewhere it changes nothing, as no handler runs there)."""
    if not _in_main_thread():
        yield
        return
    noted: list[int] = []

    def note(signum: int, _frame) -> None:
        noted.append(signum)

    before = {s: signal.signal(s, note) for s in (signal.SIGINT, *STOPPING)}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
        if noted:
            signal.raise_signal(noted[0])
