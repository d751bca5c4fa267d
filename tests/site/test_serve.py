"""``make serve`` (``briefings serve``, briefings/serve/), as a reader of the preview sees it:
a process on a free port, the fixture content edited under it, its pages fetched over HTTP.

Issue 25, item 14: a failed run is reported once and waits for the next change (Pelican's own
loop ran again at once, for ever), and the next good change always shows, even one saved while
a run is under way. Item 15: Ctrl-C or SIGTERM stops every process of it and frees the port; so
does a failure (the port taken).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import settings_plus, settings_with_probe
from tests.stopping import (
    free_port,
    kill_session,
    listening,
    session_processes,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]
SLUG = "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
OTHER = "2025-09-implementation-plan-presented-for-approval"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return ""  # not served yet, or a page cut short while Pelican rewrites it: ask again


class Served:
    """``briefings serve`` (or ``cmd``) on a free port, run from ``tmp`` with its own copy of the
    fixture content; its output (stdout and stderr) in ``log``."""

    def __init__(self, tmp: Path, content: Path, cmd: list[str] | None = None,
                 settings: Path | None = None, env: dict | None = None):
        self.tmp, self.content = tmp, content
        self.port = free_port()
        self.log = tmp / "serve.log"
        cmd = cmd or [sys.executable, "-m", "briefings.cli", "serve", "--content", str(content),
                      "--output", str(tmp / "output"), "--port", str(self.port),
                      "--settings", str(settings or ROOT / "pelican.conf.py")]
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                [part.replace("{port}", str(self.port)) for part in cmd], cwd=tmp,
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env={**os.environ, "COLUMNS": "400", **(env or {})},  # a line per message
                start_new_session=True)

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def page(self, slug: str = SLUG) -> str:
        return fetch(self.url(f"briefings/{slug}/"))

    def ready(self) -> None:
        """Wait for the first build, served."""
        ok = wait_until(lambda: ("Done: Processed" in self.said() and self.page())
                        or self.proc.poll() is not None, 60, step=0.1)
        assert ok and self.proc.poll() is None, self.said()

    def entry(self, slug: str = SLUG) -> Path:
        return next(self.content.glob(f"briefings/*/{slug}.md"))

    def stop(self) -> None:
        kill_session(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@pytest.fixture
def serve(tmp_path, fixture_content):
    started: list[Served] = []

    def start(**kwargs) -> Served:
        s = Served(tmp_path, fixture_content, **kwargs)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def save(path: Path, text: str) -> None:
    """As an editor saves: a new file renamed over the old one (the watcher sees one change)."""
    new = path.with_name(f".{path.name}.new")
    new.write_text(text, encoding="utf-8")
    os.replace(new, path)


def retitled(text: str, title: str) -> str:
    head, _, rest = text.partition("\n")
    assert head.startswith("Title: ")
    return f"Title: {title}\n{rest}"


def test_an_error_is_reported_once_and_the_next_good_change_shows(serve):
    s = serve()
    s.ready()
    path = s.entry()
    good = path.read_text(encoding="utf-8")
    time.sleep(1)
    assert "Modified" not in s.said()  # the first build changed nothing it watches

    save(path, good + "\nAlso reported [@nosuchkey].\n")
    assert wait_until(lambda: "nosuchkey" in s.said(), 30), s.said()
    time.sleep(3)  # Pelican's own loop ran again ~200 times a second from here
    said = s.said().splitlines()
    about = [line for line in said if "nosuchkey" in line]
    # found by the run (the citations plugin) and by `briefings validate` beside it: said once
    assert len(about) == 1, about
    assert sum("the build failed" in line for line in said) == 1
    assert sum("re-generating" in line for line in said) == 1

    save(path, retitled(good, "A good change after a bad one"))
    assert wait_until(lambda: "A good change after a bad one" in s.page(), 30), s.said()
    assert s.said().count("the build failed") == 1
    # and a browser asks for it again rather than show the copy it has
    with urllib.request.urlopen(s.url(f"briefings/{SLUG}/"), timeout=5) as response:
        assert response.headers["Cache-Control"] == "no-cache"


def test_the_albanian_and_serbian_pages_follow_each_change(serve):
    s = serve()
    s.ready()
    for lang in ("sq", "sr"):
        assert wait_until(lambda lang=lang: f'<html lang="{lang}">' in fetch(
            s.url(f"{lang}/briefings/{SLUG}/")), 30), s.said()
    # (without its Albanian title, which the Albanian site would show instead)
    text = re.sub(r"(?m)^(?:Title|Summary)-sq:.*\n", "", s.entry().read_text(encoding="utf-8"))
    save(s.entry(), retitled(text, "Retitled in the preview"))
    assert wait_until(lambda: all("Retitled in the preview" in fetch(s.url(f"{lang}/")) for
                                  lang in ("sq", "sr")), 30), s.said()


PROBE = '''
import os
from pelican import signals

def save_during_the_run(generator):
    """An editor's save of one entry, landing while Pelican's run is under way (after the
    entries were read): written beside it, then renamed over it."""
    pending = os.environ["PROBE_PENDING"]
    if os.path.exists(pending):
        os.replace(pending, os.environ["PROBE_TARGET"])

def register():
    signals.article_generator_finalized.connect(save_during_the_run)
'''


def test_a_change_saved_while_a_run_is_under_way_shows(serve, tmp_path):
    probe = tmp_path / "probe"
    probe.mkdir()
    settings = settings_with_probe(probe, "probe_save", PROBE)
    pending = probe / "pending.md"
    target = next(tmp_path.glob(f"content/briefings/*/{SLUG}.md"))
    s = serve(settings=settings, env={"PYTHONPATH": os.pathsep.join([str(probe), str(ROOT)]),
                                      "PROBE_PENDING": str(pending),
                                      "PROBE_TARGET": str(target)})
    s.ready()
    pending.write_text(retitled(target.read_text(encoding="utf-8"), "Saved during a run"),
                       encoding="utf-8")
    other = s.entry(OTHER)  # an edit of another entry starts the run the save lands in
    save(other, other.read_text(encoding="utf-8") + "\nOne more line.\n")
    assert wait_until(lambda: not pending.exists(), 30), s.said()
    assert wait_until(lambda: "Saved during a run" in s.page(), 15), s.said()


@pytest.mark.parametrize("stop", ["SIGTERM", "Ctrl-C"])
def test_a_stop_ends_every_process_and_frees_the_port(serve, stop):
    s = serve()
    s.ready()
    assert len(session_processes(s.proc.pid)) >= 3  # the command, the loop, the web server
    if stop == "SIGTERM":
        os.kill(s.proc.pid, signal.SIGTERM)
    else:  # a terminal sends SIGINT to its foreground process group
        os.killpg(s.proc.pid, signal.SIGINT)
    code = s.proc.wait(timeout=15)
    assert wait_until(lambda: not session_processes(s.proc.pid), 10), \
        session_processes(s.proc.pid)
    assert not listening(s.port)
    assert code == (143 if stop == "SIGTERM" else 130), s.said()


def test_make_serve_stops_whole_on_sigterm(serve, tmp_path):
    """``make serve`` itself, from a folder set up as a checkout (links to this one's files)."""
    for name in (".venv", "requirements.lock", "pyproject.toml", "pelican.conf.py"):
        (tmp_path / name).symlink_to(ROOT / name)
    s = serve(cmd=["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "serve",
                   "PORT={port}"])
    s.ready()
    os.kill(s.proc.pid, signal.SIGTERM)  # make passes it on to what it runs
    s.proc.wait(timeout=15)
    assert wait_until(lambda: not session_processes(s.proc.pid), 10), \
        session_processes(s.proc.pid)
    assert not listening(s.port)


def test_a_taken_port_is_a_failure_that_leaves_nothing(serve, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        s = serve(cmd=[sys.executable, "-m", "briefings.cli", "serve", "--content",
                       str(tmp_path / "content"), "--output", str(tmp_path / "output"),
                       "--port", str(port),
                       "--settings", str(ROOT / "pelican.conf.py")])
        assert s.proc.wait(timeout=30) == 1
    assert f"port {port}" in s.said()
    assert wait_until(lambda: not session_processes(s.proc.pid), 10), \
        session_processes(s.proc.pid)


def test_each_save_of_the_settings_shows(serve, tmp_path):
    """Editors save a file by renaming a new one over it, which ends a watch on the old file:
    the loop watches the new one after each change."""
    def save(name: str) -> Path:
        new = settings_plus(tmp_path, f"SITENAME = {name!r}", name="saving.conf.py")
        os.replace(new, tmp_path / "site.conf.py")
        return tmp_path / "site.conf.py"

    s = serve(settings=save("First name of the site"))
    s.ready()
    for name in ("Second name of the site", "Third name of the site"):
        save(name)
        assert wait_until(lambda name=name: name in s.page(), 30), s.said()
