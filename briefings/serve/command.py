"""``briefings serve``: the preview's processes, started as one process group and stopped whole.

The rebuild loop (:mod:`.loop`) runs in a process group of its own, and everything it starts
(the web server, ``briefings validate``, the processes Pelican's plugins fork) stays in it. This
process only waits: on Ctrl-C, SIGTERM or SIGHUP (which ``briefings`` turns into an interrupt:
briefings/interrupt.py; ``make`` passes its own SIGTERM on to it), or when the loop ends (the
port is taken, say), it kills that group, SIGTERM first and SIGKILL after :data:`GRACE`
seconds. It stays in the terminal's process group itself, so that Ctrl-C reaches it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

HELP = ("preview the site on http://127.0.0.1:8000, rebuilt on every change to the content, "
        "the theme or the settings (what `make serve` runs)")

#: Seconds the loop has to end after SIGTERM before its whole group gets SIGKILL.
GRACE = 5.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--settings", type=Path, default=Path("pelican.conf.py"))
    parser.add_argument("--output", "-o", type=Path, default=Path("output"))
    parser.add_argument("--bind", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on")


def main(args: argparse.Namespace) -> int:
    cmd = [sys.executable, "-m", "briefings.serve.loop", "--content", str(args.content),
           "--settings", str(args.settings), "--output", str(args.output),
           "--bind", args.bind, "--port", str(args.port), "--launcher", str(os.getpid())]
    loop = subprocess.Popen(cmd, process_group=0, stdin=subprocess.DEVNULL)
    try:
        code = loop.wait()
    finally:
        stop(loop)
    return code if code >= 0 else 128 - code  # killed by a signal: as a shell says it


def stop(loop: subprocess.Popen) -> None:
    """Kill the loop's process group: SIGTERM, then SIGKILL for whatever is left (its members
    other than the loop are not this process's children: nothing here can wait for them)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(loop.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        loop.wait(timeout=GRACE)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(loop.pid, signal.SIGKILL)
    loop.wait()
