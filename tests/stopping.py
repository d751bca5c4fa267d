"""Helpers of the tests that stop the project's commands (``briefings build``, ``briefings serve``,
``make serve``): what a stop leaves behind (files, processes, a port held) and waiting for it.

A command under test is started with ``start_new_session=True``: every process it starts stays
in that session (a process group of their own does not change it), so :func:`session_processes`
finds them all, whichever group they are in.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path


def snapshot(tree: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and directory (None) under ``tree``, plus the root's mode."""
    snap: dict[str, bytes | None] = {".mode": oct(tree.stat().st_mode).encode()}
    for p in sorted(tree.rglob("*")):
        snap[p.relative_to(tree).as_posix()] = p.read_bytes() if p.is_file() else None
    return snap


def session_processes(sid: int) -> list[str]:
    """The live processes of session ``sid`` (zombies left out), as ``pid command``."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            cmdline = Path(entry.path, "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            command = cmdline.replace(b"\0", b" ").decode(errors="replace")
            found.append(f"{entry.name} {command}")
    return found


def kill_session(sid: int) -> None:
    """SIGKILL to every process of session ``sid`` (a test's clean-up)."""
    for line in session_processes(sid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split()[0]), signal.SIGKILL)


def wait_until(test: Callable[[], object], timeout: float, step: float = 0.05) -> object:
    """``test()`` once it is true, or its last value after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        got = test()
        if got or time.monotonic() > deadline:
            return got
        time.sleep(step)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (never 8000, `make serve`'s)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port != 8000:
            return port


def listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:``port``."""
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0
