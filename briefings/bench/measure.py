"""Run one benchmark step as a subprocess and measure it: wall time and peak memory.

Peak memory is reported two ways, both without psutil:

- ``maxrss``: ``ru_maxrss`` of the child from :func:`os.wait4`. On Linux this is the peak resident
  set of the largest single process in the child's tree (the child or any descendant it waited
  for), not a sum;
- ``tree_peak``: the largest sum of the resident sets of the child and all its descendants,
  sampled from ``/proc`` every ``interval`` seconds (catches parallel workers, may miss spikes
  shorter than the interval).

:attr:`Run.peak` is the larger of the two.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    cmd: list[str]
    returncode: int
    seconds: float
    maxrss: int  # bytes
    tree_peak: int  # bytes
    stdout: str
    stderr: str
    cpu: float = 0.0  # user + system seconds of the child and the descendants it waited for

    @property
    def peak(self) -> int:
        return max(self.maxrss, self.tree_peak)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def tail(self, lines: int = 15) -> str:
        text = (self.stderr.strip() + "\n" + self.stdout.strip()).strip()
        return "\n".join(text.splitlines()[-lines:])


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name is in parentheses and may contain spaces: split after the last ')'
        rest = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(rest[1]), []).append(int(name))
    return children


def tree_rss(pid: int) -> int:
    """The summed resident set (bytes) of ``pid`` and all its descendants, now."""
    children = _children_map()
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(p, []))
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.stop.wait(self.interval)


def run_measured(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float | None = None, interval: float = 0.1) -> Run:
    """Run ``cmd`` to completion; its output is captured (in files, so no pipe can fill)."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err,
                                start_new_session=True)
        sampler = _Sampler(proc.pid, interval)
        sampler.start()
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, 9)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _pid, status, rusage = os.wait4(proc.pid, 0)
        if timer:
            timer.cancel()
        seconds = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if killed.is_set():
        stderr += f"\n[bench] killed after {timeout:.0f} s"
    return Run(cmd, proc.returncode, seconds, rusage.ru_maxrss * 1024, sampler.peak,
               stdout, stderr, rusage.ru_utime + rusage.ru_stime)


def median(values: list[float]) -> float:
    return statistics.median(values)
