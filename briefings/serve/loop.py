"""The rebuild loop of ``briefings serve`` (``python -m briefings.serve.loop``, started by
:mod:`.command`): Pelican run again after every change, in one process.

What it watches is what ``pelican --autoreload`` watches (the settings file, the theme, the
content and its static paths, less ``IGNORE_FILES``), with ``watchfiles``. It differs from
Pelican's own loop (``pelican.autoreload`` in Pelican 4.12) in two ways, each a bug there:

- A failed run waits for the next change. Pelican's loop waits only after a run that succeeded:
  after a failure it runs again at once, for ever (an unknown citation key printed its error
  again and again, on most of a core, until the entry was fixed).
- One watcher lives as long as the loop, started before the first run, so a change saved while a
  run is under way starts the next run. Pelican's loop starts a watcher after each run: what was
  saved during the run was seen only with the next change, and the page kept the old text.

After every change to the content, ``briefings validate`` runs on the whole content beside
Pelican (a change that comes before it ends starts it again) and prints what is wrong, as
``briefings build`` does before building; a problem both it and a plugin find is printed once.

After every run, the site in each other language (``/sq/``, ``/sr/``: briefings/languages.py)
is made anew beside the loop, each by a Pelican process of its own (:class:`LanguageSites`):
the root's pages show at once, the other languages' a moment later.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import watchfiles
from pelican import DEFAULT_CONFIG_NAME, get_instance, parse_arguments
from pelican.log import DEFAULT_LOG_HANDLER, console
from pelican.log import init as init_logging
from pelican.utils import FileChangeFilter

from briefings import languages
from briefings.buildlog import PROBLEM_RE

#: Milliseconds between two looks at whether the server and ``briefings serve`` still run, while
#: nothing changes.
ALIVE_EVERY_MS = 500


def watched(settings_file: str, settings: dict) -> list[str]:
    """The paths to watch: those of Pelican's autoreload (``pelican.utils.wait_for_changes``)."""
    content = settings.get("PATH", "")
    candidates = [settings_file, settings.get("THEME", ""), content,
                  *(os.path.join(content, p) for p in settings.get("STATIC_PATHS", []))]
    paths: list[str] = []
    for path in candidates:
        if not path:
            continue
        path = os.path.abspath(path)
        if not os.path.exists(path):
            print(f"serve: cannot watch {path}: it does not exist", file=sys.stderr)
        elif path not in paths:
            paths.append(path)
    return paths


class Watcher:
    """Changes to ``paths``, from the moment it is made: what changes while the caller is busy
    is kept for its next :meth:`wait`.

    A file watched by itself (the settings file) is watched by its inode: once an editor saves
    it by writing a new file in its place, its changes are no longer seen. Make a new watcher
    after each change to it (as :func:`serve` does)."""

    def __init__(self, paths: list[str], ignore: list[str]):
        self.paths = paths
        self._changes: Iterator[set] = watchfiles.watch(
            *paths, watch_filter=FileChangeFilter(ignore_file_patterns=ignore),
            rust_timeout=ALIVE_EVERY_MS, yield_on_timeout=True, raise_interrupt=False)
        # the watch is set up by the generator's first step: take it now, keep what it saw
        self._pending = next(self._changes)

    def wait(self, alive: Callable[[], bool]) -> set[str] | None:
        """The paths changed since the last call (blocks until there is one); None once
        ``alive()`` is false."""
        batch, self._pending = self._pending, set()
        while not batch:
            if not alive():
                return None
            batch = next(self._changes, None)
            if batch is None:
                return None
        return {path for _change, path in batch}

    def close(self) -> None:
        self._changes.close()


class Once(io.TextIOBase):
    """A stream that passes on each problem line (``path:line:col: CODE …``) once per change:
    the validator beside the run and the citations plugin in it find some of the same ones."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.said: set[str] = set()
        self.partial = ""
        self.lock = threading.Lock()

    def reset(self) -> None:
        with self.lock:
            self.said.clear()

    def write(self, text: str) -> int:
        with self.lock:
            *lines, self.partial = (self.partial + text).split("\n")
            for line in lines:
                if PROBLEM_RE.match(line):
                    if line in self.said:
                        continue
                    self.said.add(line)
                self.stream.write(line + "\n")
            self.stream.flush()
        return len(text)


class Validator:
    """``briefings validate CONTENT`` in a process of its own, beside the rebuild; what it says
    goes to ``out``."""

    def __init__(self, content: str, out: Once):
        self.cmd = [sys.executable, "-m", "briefings.cli", "validate", content]
        self.proc: subprocess.Popen | None = None
        self.out = out

    def start(self) -> None:
        self.stop()  # what it would say is out of date
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._relay, args=(self.proc,), daemon=True).start()

    def _relay(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.out.write(line)

    def poll(self) -> None:
        """Collect its exit status once it has ended (no zombie left meanwhile)."""
        if self.proc is not None and self.proc.poll() is not None:
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()  # it only reads; SIGTERM would have it say it was stopped
            self.proc.wait()
            self.proc = None


class LanguageSites:
    """The site in each other language of the settings, made whole into its folder of the
    output by ``python -m briefings.pelicanrun`` (a process per language, beside the loop);
    their problems go to ``out``. A change before they end starts them again."""

    def __init__(self, content: str, settings_file: str, output: str, out: Once):
        self.content, self.settings_file, self.output = content, settings_file, output
        self.out = out
        self.procs: list[subprocess.Popen] = []

    def start(self, settings: dict) -> None:
        self.stop()  # what they would write is out of date
        for lang in languages.others(settings):
            overrides = languages.overrides(settings, lang)
            cmd = [sys.executable, "-m", "briefings.pelicanrun", self.content, "-s",
                   self.settings_file, "-o", os.path.join(self.output, languages.folder(lang)),
                   "--fatal", "errors", "-q", "-e", "INCREMENTAL=false",
                   *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            threading.Thread(target=self._relay, args=(proc,), daemon=True).start()
            self.procs.append(proc)

    def _relay(self, proc: subprocess.Popen) -> None:
        for line in proc.stderr:
            self.out.write(line)

    def poll(self) -> None:
        """Collect the exit status of those that ended (no zombie left meanwhile)."""
        self.procs = [p for p in self.procs if p.poll() is None]

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        self.procs = []


def start_server(bind: str, port: int, output: str) -> subprocess.Popen | None:
    """The web server (:mod:`.server`), once it listens; None if it could not (it said why)."""
    read, write = os.pipe()
    server = subprocess.Popen([sys.executable, "-m", "briefings.serve.server", bind, str(port),
                               output, str(write)], stdin=subprocess.DEVNULL, pass_fds=(write,))
    os.close(write)
    with os.fdopen(read, "rb") as ready:
        listening = ready.read()  # empty: it ended without listening
    if listening:
        return server
    server.wait()
    return None


def rebuild(pelican, out: Once) -> None:
    """One run; a failure is reported once, here, and the loop waits for the next change."""
    try:
        with contextlib.redirect_stderr(out):  # the plugins print their problems there
            pelican.run()
    except Exception as exc:
        print(f"serve: the build failed: {type(exc).__name__}: {exc}\n"
              "serve: waiting for the next change", file=sys.stderr, flush=True)


def cite_first(content: str, settings_file: str) -> None:
    """``briefings build``'s cite step before the first build: what the citation cache lacks,
    rendered on every core (later runs render the few new citations in Pelican's process)."""
    from briefings.plugins.citations.cite import cite

    # what goes wrong is reported by the citations plugin in the build that follows
    with contextlib.suppress(Exception):
        cite(Path(content), Path(settings_file))


def under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def serve(args: argparse.Namespace) -> int:
    pelican_args = parse_arguments([str(args.content), "-s", str(args.settings),
                                    "-o", str(args.output)])
    init_logging(level=pelican_args.verbosity, fatal=pelican_args.fatal, name="pelican",
                 handler=DEFAULT_LOG_HANDLER,
                 logs_dedup_min_level=getattr(logging, pelican_args.logs_dedup_min_level))
    settings_file = os.path.abspath(pelican_args.settings or DEFAULT_CONFIG_NAME)
    content = os.path.abspath(args.content)
    server = start_server(args.bind, args.port, str(args.output))
    if server is None:
        return 1
    out = Once(sys.stderr)
    validator = Validator(content, out)
    # the root's arguments: a problem they find is the same line, said once (Once)
    sites = LanguageSites(str(args.content), str(args.settings), str(args.output), out)

    def alive() -> bool:
        validator.poll()
        sites.poll()
        if server.poll() is not None:
            print(f"serve: the web server ended (exit status {server.returncode})",
                  file=sys.stderr)
            return False
        return os.getppid() == args.launcher  # else `briefings serve` was killed outright

    watcher: Watcher | None = None
    try:
        try:
            pelican, settings = get_instance(pelican_args)
        except Exception as exc:
            print(f"serve: cannot read the settings: {type(exc).__name__}: {exc}",
                  file=sys.stderr, flush=True)
            return 1
        watcher = Watcher(watched(settings_file, settings), settings.get("IGNORE_FILES", []))
        console.print("  --- Rebuilding on every change to the content, the theme and the "
                      "settings; Ctrl-C stops. ---")
        validator.start()
        cite_first(content, settings_file)
        while True:
            if pelican is not None:
                rebuild(pelican, out)
                sites.start(settings)
            changed = watcher.wait(alive)
            if changed is None:
                return 1
            out.reset()
            console.print(f"\n-> Modified: {', '.join(sorted(changed))}. re-generating...")
            if settings_file in changed or pelican is None:
                try:
                    pelican, settings = get_instance(pelican_args)
                except Exception as exc:  # the settings file does not run: wait for a fix
                    print(f"serve: cannot read the settings: {type(exc).__name__}: {exc}",
                          file=sys.stderr, flush=True)
                    pelican = None
                old, watcher = watcher, Watcher(watched(settings_file, settings),
                                                settings.get("IGNORE_FILES", []))
                old.close()
                if pelican is None:
                    continue
            if any(under(path, content) for path in changed):
                validator.start()
    finally:
        validator.stop()
        sites.stop()
        if watcher is not None:
            watcher.close()
        if server.poll() is None:
            server.terminate()
        server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefings.serve.loop")
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--settings", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--bind", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--launcher", type=int, required=True,
                        help="the process id of `briefings serve` (the loop ends without it)")
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
