"""Stopping ``briefings build`` (issue 25, item 15): Ctrl-C and SIGTERM leave ``output/`` as it
was, no folder beside it and no process; a build killed outright (SIGKILL) leaves its folders,
and the next build removes them, but never a running build's.

Each build runs as ``make site`` runs it, a process of its own, with a probe plugin that holds
Pelican's run once every page is written (the site is whole in the staging folder, not yet
swapped in) and, if asked, starts one more process, as Pagefind and the workers are.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sitecheck import ROOT

from briefings.build import build
from tests.conftest import settings_with_probe
from tests.stopping import kill_session, session_processes, snapshot, wait_until

PROBE = '''
import os, subprocess, time
from pelican import signals

def hold(_pelican):
    if os.environ.get("PROBE_CHILD"):  # one more process of Pelican's (Pagefind, a worker)
        subprocess.Popen(["sleep", "120"])
    open(os.environ["PROBE_READY"], "w").close()
    deadline = time.monotonic() + 120
    while not os.path.exists(os.environ["PROBE_GO"]) and time.monotonic() < deadline:
        time.sleep(0.05)

def register():
    signals.finalized.connect(hold)
'''


class Build:
    """``briefings build`` of ``content`` into ``out``, held at the end of its Pelican step."""

    def __init__(self, tmp: Path, content: Path, out: Path, name: str, child: bool = False):
        probe = tmp / f"probe-{name}"
        probe.mkdir()
        self.ready, self.go = probe / "ready", probe / "go"
        settings = settings_with_probe(probe, "probe_hold", PROBE)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(probe), str(ROOT)]),
               "PROBE_READY": str(self.ready), "PROBE_GO": str(self.go),
               "PROBE_CHILD": "1" if child else ""}
        self.log = probe / "log"
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "briefings.cli", "build", "--content", str(content),
                 "--output", str(out), "--settings", str(settings), "--skip", "pdf"],
                cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)

    def held(self) -> None:
        """Wait until the build is held inside its Pelican step."""
        ok = wait_until(lambda: self.ready.exists() or self.proc.poll() is not None, 60)
        assert ok and self.ready.exists(), self.log.read_text()

    def said(self) -> str:
        return self.log.read_text()

    def cleanup(self) -> None:
        self.go.touch()
        kill_session(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@pytest.fixture
def previous(root, fixture_content, tmp_path) -> tuple[Path, dict]:
    """A first, good build of the fixture content; the builds under test come after it."""
    out = tmp_path / "site" / "output"
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    return out, snapshot(out)


@pytest.fixture
def builds(tmp_path):
    started: list[Build] = []
    yield started
    for b in started:
        b.cleanup()


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


@pytest.mark.parametrize("stop", ["SIGTERM", "Ctrl-C"])
def test_a_stopped_build_leaves_output_and_nothing_else(fixture_content, tmp_path, previous,
                                                        builds, stop):
    out, before = previous
    b = Build(tmp_path, fixture_content, out, "stopped", child=True)
    builds.append(b)
    b.held()
    if stop == "SIGTERM":  # `kill`, a service manager, make passing on its own SIGTERM
        os.kill(b.proc.pid, signal.SIGTERM)
    else:  # a terminal sends SIGINT to its foreground process group
        os.killpg(b.proc.pid, signal.SIGINT)
    code = b.proc.wait(timeout=60)
    assert snapshot(out) == before
    assert beside(out) == ["output"]  # no staging folder, no lock
    # Pelican's process, and the process it started, ended with the build
    assert wait_until(lambda: not session_processes(b.proc.pid), 10), \
        session_processes(b.proc.pid)
    assert code == (143 if stop == "SIGTERM" else 130), b.said()  # as a shell reports it


def test_the_next_build_removes_what_a_killed_build_left(root, fixture_content, tmp_path,
                                                         previous, builds):
    out, before = previous
    b = Build(tmp_path, fixture_content, out, "killed")
    builds.append(b)
    b.held()
    os.kill(b.proc.pid, signal.SIGKILL)  # no clean-up at all
    b.proc.wait(timeout=30)
    # but Pelican's process does not go on writing into the folder it left
    assert wait_until(lambda: not session_processes(b.proc.pid), 10), \
        session_processes(b.proc.pid)
    left = [n for n in beside(out) if n != "output"]
    assert left, "the killed build left nothing to sweep"
    assert snapshot(out) == before
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    # the site it replaced goes in a process of its own (briefings/staging.py)
    assert wait_until(lambda: beside(out) == ["output"], 30), beside(out)


def test_a_build_leaves_a_running_build_s_folders_alone(root, fixture_content, tmp_path,
                                                        previous, builds):
    out, _ = previous
    first = Build(tmp_path, fixture_content, out, "first")
    builds.append(first)
    first.held()
    its = [n for n in beside(out) if n != "output"]
    assert its  # its staging folder and its lock
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    assert set(its) <= set(beside(out)), "a build removed a running build's folders"
    first.go.touch()
    assert first.proc.wait(timeout=60) == 0, first.said()
    assert wait_until(lambda: beside(out) == ["output"], 30), beside(out)
    assert (out / "index.html").is_file()
