"""``briefings build``: the whole site, built beside ``output/`` and swapped in only on success.

Steps, in order (each a function taking the build context; each reads what the one before wrote):

1. ``validate`` the checks of ``briefings validate`` (in a process of its own); any error stops
                the build;
2. ``cite``     every reference and citation the content-addressed citation cache lacks, rendered
                by a process pool (``briefings/plugins/citations/cite.py``, in a process of its
                own), holding the cache's lock; it goes on while Pelican starts, and Pelican's
                citations plugin waits for the lock, then finds them all in the cache;
3. ``pelican``  the pages, feeds and chronology data: one ordinary Pelican process
                (``briefings/pelicanrun.py``) with ``--fatal errors`` per language of the site
                (``briefings/languages.py``: the root's into the staging directory, each other
                one's into its folder there), as many at once as there are cores; their output
                is captured and passed on once validation is done, each problem once and no
                traceback (``briefings/buildlog.py``; ``--verbose`` shows it all);
4. ``search``   the Pagefind index of the entry pages, one per language (``briefings/search.py``),
                started as soon as every Pelican run has written its entry pages (the search
                plugin says so through a pipe) while Pelican writes the rest, or after Pelican;
5. ``pdf``      the briefing books and development PDFs (``briefings pdf``), in English
                (``pdf/``), Albanian (``sq/pdf/``) and Serbian (``sr/pdf/``).

A failed step leaves the previous ``output/`` exactly as it was and says why. So does a stop:
Ctrl-C, SIGTERM and SIGHUP (:mod:`briefings.interrupt`) stop the running step's processes (the
Pelican step's in a process group of their own, killed whole: :func:`stop_step`) and remove the
staging directory. The folders a build makes beside ``output/`` are its own while it runs (a
lock, :mod:`briefings.staging`); the next build removes those of a build killed outright.

Validation (:data:`ALONGSIDE`) runs from a thread beside the steps after it, at a lower CPU
priority: it gives way to them, without starving when other work keeps the machine busy (the
Pelican step waits for it). It starts when the cite step ends: while that step renders, its pool
and Pelican's reading fill the cores; after it, Pelican writes and Pagefind indexes on one core
each in turn, and validation takes the other. It still comes first in every other sense: if it
fails, the build fails with its error (the steps beside it are stopped), and nothing is swapped
in.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefings import interrupt
from briefings.buildlog import Printed, capture, text
from briefings.procs import die_with_parent, lower_priority
from briefings.staging import Claim, Sweep

HELP = "build the site into output/ (atomically: the old site stays until the new one is whole)"


def _done() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


@dataclass
class BuildContext:
    root: Path  # the project root (where pelican.conf.py is)
    content: Path
    settings: Path
    output: Path  # the final output directory
    staging: Path  # where this build writes
    options: argparse.Namespace | None = None
    timings: dict[str, float] = field(default_factory=dict)
    #: the names of the steps this build runs
    todo: tuple[str, ...] = ()
    #: subprocesses of running steps (stopped when a step beside them fails)
    procs: list[subprocess.Popen] = field(default_factory=list)
    #: this build's lock, and the names of its folders beside ``output`` (briefings/staging.py)
    claim: Claim | None = None
    #: the problems printed so far (briefings/buildlog.py: each once)
    printed: Printed = field(default_factory=Printed)
    #: set when the step running beside the others (validation) has ended
    beside_done: threading.Event = field(default_factory=_done)
    #: Pelican's settings, read once (see _settings)
    pelican_settings: dict | None = None
    #: the cite step's thread while it runs beside the Pelican step, and its error
    cite_thread: threading.Thread | None = None
    #: set when the cite step has ended (or will not run): validation starts then
    cite_done: threading.Event = field(default_factory=_done)
    cite_error: BaseException | None = None
    #: the process removing the site this build replaced (briefings/staging.py), if any
    removal: subprocess.Popen | None = None
    #: the search step, once started (by the Pelican step when the entry pages are written)
    search: _Search | None = None

    @property
    def quiet(self) -> bool:
        return self.options is not None and bool(getattr(self.options, "quiet", False))

    @property
    def verbose(self) -> bool:
        return self.options is not None and bool(getattr(self.options, "verbose", False))


class BuildError(Exception):
    pass


class _StepError(BuildError):
    """A step's error raised by a later step (the cite step's, by the Pelican step): it names
    its own step already."""


def step_validate(ctx: BuildContext) -> None:
    """The checks of ``briefings validate`` on the whole content, in a process of its own (its
    memory goes with it; it keeps this thread's priority): errors stop the build."""
    from briefings.problems import Problem

    cmd = [sys.executable, "-m", "briefings.cli", "validate", "--content", str(ctx.content),
           "--format", "json", str(ctx.content)]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          check=False, preexec_fn=die_with_parent)
    try:
        problems = [Problem(**p) for p in json.loads(proc.stdout)]
    except (ValueError, TypeError):
        raise BuildError(f"validate exited with {proc.returncode}:\n{proc.stderr.strip()}") \
            from None
    problems = [p for p in problems if p.is_error or not ctx.quiet]
    for p in problems:
        ctx.printed.problem(p)
    errors = sum(p.is_error for p in problems)
    if errors:
        raise BuildError(f"validation found {errors} error{'s' * (errors != 1)} (listed above; "
                         "`briefings validate --fix` repairs the safe ones)")


def step_cite(ctx: BuildContext) -> None:
    """Render, with a process pool, what the citation cache lacks, in a process of its own
    (plugins/citations/cite.py; its memory goes with it), watched by a thread: the Pelican
    step starts beside it once it holds the cache's lock (Pelican's citations plugin waits for
    the lock before it reads the cache: plugins/citations/cache.py), and waits for it."""
    from briefings.plugins.citations.cite import LOCKED

    locked = threading.Event()
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "briefings.plugins.citations.cite", str(ctx.content),
           str(ctx.settings)]

    def run() -> None:
        try:
            # in a process group of its own with its pool, stopped whole (stop_step); it dies
            # with this thread's process
            with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as err:
                proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=err, text=True, process_group=0,
                                        preexec_fn=die_with_parent)
                ctx.procs.append(proc)
                try:
                    said = [proc.stdout.readline().strip()]
                    if said[0] == LOCKED:
                        locked.set()
                    said += [line.strip() for line in proc.stdout]
                    returncode = proc.wait()
                finally:
                    ctx.procs.remove(proc)
                    stop_step(proc)
                err.seek(0)
                if returncode != 0:
                    raise BuildError(f"exited with {returncode}:\n{err.read().strip()}")
            if said[-1:] and said[-1] != LOCKED and ctx.verbose:
                print(f"cite: {said[-1]}")
            ctx.cite_done.set()  # only on success: after a failure or a stop, build() decides
        except BaseException as exc:  # raised by finish_cite()
            ctx.cite_error = exc
        finally:
            locked.set()
            ctx.timings["cite"] = time.perf_counter() - t0

    ctx.cite_thread = threading.Thread(target=run, name="build-cite", daemon=True)
    ctx.cite_thread.start()
    locked.wait()


def finish_cite(ctx: BuildContext) -> None:
    """Wait for the cite step (if it runs); raise its error."""
    if ctx.cite_thread is None:
        return
    ctx.cite_thread.join()
    ctx.cite_thread = None
    if ctx.cite_error is not None:
        try:
            _raise_for("cite", ctx.cite_error)
        except BuildError as exc:
            raise _StepError(str(exc)) from ctx.cite_error


def step_pelican(ctx: BuildContext) -> None:
    """One Pelican run per language (briefings/languages.py): the root's into the staging
    directory, each other one's into its folder there; as many at once as there are cores.
    Once every run has written its entry pages, the search step starts beside them."""
    from briefings import languages

    settings = _settings(ctx)
    runs = [(lang, ctx.staging if i == 0 else ctx.staging / languages.folder(lang),
             {} if i == 0 else languages.overrides(settings, lang))
            for i, lang in enumerate(languages.languages(settings))]
    with contextlib.ExitStack() as stack:
        # their output is passed on once validation is done, each problem once (buildlog.py)
        files = [None if ctx.verbose else stack.enter_context(capture()) for _run in runs]
        waiting = list(zip(runs, files, strict=True))
        started: list[tuple[subprocess.Popen, tuple | None]] = []
        written = _EntriesWritten(ctx, len(runs)) if "search" in ctx.todo else None
        try:
            for _i in range(min(len(waiting), os.cpu_count() or 1)):
                started.append(_start_pelican(ctx, *waiting.pop(0), written))
            finish_cite(ctx)  # a failure stops Pelican (below)
            returncode, i = 0, 0
            while i < len(started):
                proc = started[i][0]
                code = proc.wait()
                returncode = returncode or code
                if code != 0:
                    break  # the others say the same, or nothing more useful
                if waiting:
                    started.append(_start_pelican(ctx, *waiting.pop(0), written))
                i += 1
        finally:
            for proc, _files in started:
                ctx.procs.remove(proc)
                stop_step(proc)  # interrupted (Ctrl-C, SIGTERM): do not leave Pelican writing
            if written is not None:
                written.close()
        shown = 0
        if not ctx.verbose:
            ctx.beside_done.wait()
            for proc, out in started:
                if proc.returncode == 0 or proc.returncode == returncode:
                    shown += ctx.printed.relay(*text(out), ok=returncode == 0)
    if returncode != 0:
        if ctx.verbose:
            said = " (its messages are above)"
        elif shown:
            said = (f" ({shown} problem{'s' * (shown != 1)} listed above; `briefings build "
                    "--verbose` shows all of Pelican's messages)")
        else:
            said = (" without naming a problem of the content (`briefings build --verbose` "
                    "shows Pelican's messages)")
        raise BuildError(f"pelican exited with {returncode}{said}")


def _start_pelican(ctx: BuildContext, run: tuple[str, Path, dict], files: tuple | None,
                   written: _EntriesWritten | None = None,
                   ) -> tuple[subprocess.Popen, tuple | None]:
    # one run per process: nothing to keep for a next run (briefings/plugins/incremental), and
    # the process ends without Python's teardown of what it built (briefings/pelicanrun.py);
    # its output folder is empty, so no --delete-output-directory
    lang, output, overrides = run
    cmd = [sys.executable, "-m", "briefings.pelicanrun", str(ctx.content), "-s",
           str(ctx.settings), "-o", str(output), "--fatal", "errors",
           "-e", "INCREMENTAL=false", *content_cache(ctx, lang),
           *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
    if ctx.quiet:
        cmd.append("-q")
    # in a process group of its own with all it starts, so that a stop stops them all
    # (stop_step); it dies with this process (briefings/pelicanrun.py)
    proc = subprocess.Popen(cmd, cwd=ctx.root, stdout=files and files[0],
                            stderr=files and files[1], process_group=0,
                            **(written.child_args() if written else {}))
    ctx.procs.append(proc)
    return proc, files


class _EntriesWritten:
    """The pipe through which each Pelican run says it has written its entry pages (the search
    plugin, briefings/plugins/search), and the thread that starts the search step once all
    ``runs`` have said so."""

    def __init__(self, ctx: BuildContext, runs: int):
        from briefings.plugins.search import ENV

        self.ctx, self.runs, self.env = ctx, runs, ENV
        self.read_fd, self.write_fd = os.pipe()
        self.thread = threading.Thread(target=self._wait, name="build-written", daemon=True)
        self.thread.start()

    def child_args(self) -> dict:
        return {"pass_fds": (self.write_fd,),
                "env": {**os.environ, self.env: str(self.write_fd)}}

    def _wait(self) -> None:
        from briefings.plugins.search import WRITTEN

        said = 0
        with open(self.read_fd, "rb", buffering=0, closefd=True) as pipe:
            for line in pipe:  # until every run's copy and close() closed the writing end
                said += line == WRITTEN
                if said == self.runs and self.ctx.search is None:
                    self.ctx.search = _Search(self.ctx)

    def close(self) -> None:
        """After the Pelican runs ended: no more lines; wait for the thread."""
        os.close(self.write_fd)
        self.thread.join()


class _Search:
    """The search step's work, in a thread of its own (the thread that starts Pagefind must
    outlive it: Pagefind dies with it): the kept index for these entry pages, or Pagefind's."""

    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self.t0 = time.perf_counter()
        self.seconds = 0.0
        self.proc: subprocess.Popen | None = None
        self.said = ""
        self.error: BaseException | None = None
        self.stopped = False
        self.lock = threading.Lock()  # stop() and Pagefind's start: one before the other
        self.thread = threading.Thread(target=self._run, name="build-search", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from briefings.search import IndexCache, Indexing

        ctx = self.ctx
        try:
            # Pagefind starts at once; the pages' hash, read meanwhile, may find its index kept
            with self.lock:
                if self.stopped:
                    return
                run = Indexing(ctx.staging)
                self.proc = run.proc
                ctx.procs.append(run.proc)  # stopped if a step beside fails
            try:
                cache = _cache_path(ctx)
                kept = IndexCache(cache, ctx.staging) if cache else None
                if kept is not None and kept.available():
                    stop_step(run.proc)
                    shutil.rmtree(ctx.staging / "pagefind", ignore_errors=True)
                    kept.restore()
                    self.said = "the index of the same entry pages, from the cache"
                    return
                self.said = run.wait()
            finally:
                with contextlib.suppress(ValueError):
                    ctx.procs.remove(run.proc)
                run.stop()
            if kept is not None:
                kept.keep()
        except BaseException as exc:  # raised by finish()
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - self.t0

    def finish(self) -> None:
        self.thread.join()
        if isinstance(self.error, RuntimeError):  # Pagefind failed: its message
            raise BuildError(str(self.error)) from None
        if self.error is not None:
            raise self.error
        self.ctx.timings["search"] = self.seconds
        if not self.ctx.quiet:
            print(f"search: {self.said}")

    def stop(self) -> None:
        """Stop Pagefind if it runs (or keep it from starting), and wait for the thread."""
        with self.lock:
            self.stopped = True
            proc = self.proc
        if proc is not None:
            stop_step(proc)
        self.thread.join()


def content_cache(ctx: BuildContext, lang: str) -> list[str]:
    """Pelican's ``-e`` settings for its own reader cache, in a folder of the cache keyed by
    the settings and code, one subfolder per language (briefings/contentcache.py); the
    citations plugin keeps reading the cache folder itself (``CITATIONS_CACHE_PATH``), which
    every language shares. None without a ``CACHE_PATH``."""
    from briefings import contentcache

    cache = _cache_path(ctx)
    if not cache:
        return []
    return [*contentcache.overrides(cache, ctx.settings, _settings(ctx), lang),
            f"CITATIONS_CACHE_PATH={json.dumps(str(cache))}"]


def _settings(ctx: BuildContext) -> dict:
    """Pelican's settings for this build (read once)."""
    if ctx.pelican_settings is None:
        from pelican.settings import read_settings

        ctx.pelican_settings = read_settings(str(ctx.settings),
                                             override={"PATH": str(ctx.content)})
    return ctx.pelican_settings


def _cache_path(ctx: BuildContext) -> Path | None:
    cache = _settings(ctx).get("CACHE_PATH")
    return Path(cache) if cache else None


def stop_step(proc: subprocess.Popen) -> None:
    """Kill a step's process, with its process group if it leads one (the Pelican step's:
    nothing it started may go on writing into a staging folder being removed); then wait
    for it. Nothing if it has ended (its group ended with it: see step_pelican)."""
    if proc.poll() is not None:
        return
    try:
        if os.getpgid(proc.pid) == proc.pid:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except ProcessLookupError:
        pass
    proc.wait()


def step_search(ctx: BuildContext) -> None:
    """The Pagefind index of the finished site's entry pages (briefings/search.py), or the one
    kept in the cache for the same entry pages; started here unless the Pelican step started
    it when they were written."""
    if ctx.search is None:
        ctx.search = _Search(ctx)
    ctx.search.finish()


def step_pdf(ctx: BuildContext) -> None:
    """Briefing books and development PDFs into ``<staging>/pdf`` (see briefings.pdf)."""
    from briefings.pdf.command import step_pdf as run

    run(ctx)


#: (name, function), in order. `briefings build --skip NAME` skips one.
STEPS: list[tuple[str, Callable[[BuildContext], None]]] = [
    ("validate", step_validate),
    ("cite", step_cite),
    ("pelican", step_pelican),
    ("search", step_search),
    ("pdf", step_pdf),
]

#: Steps that run in a thread beside the steps after them (see the module's docstring).
ALONGSIDE = frozenset({"validate"})
#: Their CPU priority (nice; Linux sets it per thread): below every process of the build, not so
#: low that other work on the machine starves it (the Pelican step waits for it).
ALONGSIDE_NICE = 5


class _Beside:
    """A step running in a thread beside the next one."""

    def __init__(self, name: str, func: Callable[[BuildContext], None], ctx: BuildContext):
        self.name, self.func, self.ctx = name, func, ctx
        self.error: BaseException | None = None
        self.seconds = 0.0
        ctx.beside_done = self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"build-{name}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.ctx.cite_done.wait()  # the cite step's pool and Pelican's reading fill the cores
        t0 = time.perf_counter()
        lower_priority(ALONGSIDE_NICE)  # this thread only
        try:
            self.func(self.ctx)
        except BaseException as exc:  # raised in the main thread by finish()
            self.error = exc
            for proc in list(self.ctx.procs):  # the build fails: stop the step beside
                stop_step(proc)
        finally:
            self.done.set()
        self.seconds = time.perf_counter() - t0

    def finish(self) -> None:
        self.thread.join()
        if self.error is not None:
            _raise_for(self.name, self.error)
        self.ctx.timings[self.name] = self.seconds


def _raise_for(name: str, exc: BaseException) -> None:
    if isinstance(exc, _StepError):
        raise exc
    if isinstance(exc, BuildError):
        raise BuildError(f"step '{name}': {exc}") from exc
    if isinstance(exc, Exception):
        raise BuildError(f"step '{name}' failed: {type(exc).__name__}: {exc}") from exc
    raise exc


def build(root: Path, content: Path, settings: Path, output: Path,
          options: argparse.Namespace | None = None, skip: tuple[str, ...] = (),
          steps: Sequence[tuple[str, Callable[[BuildContext], None]]] | None = None,
          ) -> BuildContext:
    """Run every step into a staging directory, then replace ``output`` with it.

    ``steps`` defaults to :data:`STEPS`. Any failure (a :class:`BuildError`, or any other
    exception of a step, turned into a :class:`BuildError` naming the step) removes the staging
    directory and leaves ``output`` exactly as it was.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    claim = Claim(output.parent)  # this build's folders beside output/ (briefings/staging.py)
    sweep: Sweep | None = None
    staging = claim.folder()
    ctx = BuildContext(root.resolve(), content.resolve(), settings.resolve(), output, staging,
                       options, claim=claim)
    beside: _Beside | None = None
    try:
        sweep = Sweep(output.parent, claim)  # what killed builds left
        staging.mkdir(mode=0o700)
        todo = [(n, f) for n, f in (STEPS if steps is None else steps) if n not in skip]
        ctx.todo = tuple(n for n, _f in todo)
        if "cite" in ctx.todo:
            ctx.cite_done = threading.Event()  # set by the cite step, or below if it never runs
        for i, (name, func) in enumerate(todo):
            if name in ALONGSIDE and i + 1 < len(todo) and beside is None:
                beside = _Beside(name, func, ctx)
                continue
            t0 = time.perf_counter()
            try:
                func(ctx)
            except BaseException as exc:
                if beside is not None and isinstance(exc, Exception):
                    ctx.cite_done.set()  # validation need not wait for a step that failed
                    beside.finish()  # its failure comes first: it is the earlier step
                beside = None
                _raise_for(name, exc)
            # a step timed from its own start (search: beside Pelican) keeps that time
            ctx.timings.setdefault(name, time.perf_counter() - t0)
            if beside is not None and beside.error is not None:
                break  # it failed: stop here (finish() below raises its error)
        stopped = False
        try:
            finish_cite(ctx)  # when the Pelican step was skipped
        except Exception:
            ctx.cite_done.set()  # validation still runs: its failure comes first
            raise
        except BaseException:
            stopped = True  # Ctrl-C, SIGTERM: validation may not have started; not waited for
            raise
        finally:
            if beside is not None and not stopped:  # its failure comes first
                beside, running = None, beside
                running.finish()
        old = swap_in(staging, output, old=claim.folder("old"), remove=False)
        if old is not None:  # the replaced site: removed after the build, by its own process
            ctx.removal = claim.remove_in_background(old)
    except BaseException:
        if ctx.search is not None:
            ctx.search.stop()  # Pagefind, if it runs, writes into staging
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if sweep is not None:
            sweep.join()
        claim.release()
    return ctx


def swap_in(staging: Path, output: Path, old: Path | None = None,
            remove: bool = True) -> Path | None:
    """Replace ``output`` by ``staging`` with two renames; the old tree is then removed (with
    ``remove``), or its folder returned (None when there was no ``output``).

    The old tree waits in ``old`` (a folder to make: the build's own, briefings/staging.py; by
    default a new one beside ``output``). If the second rename fails, the old tree is renamed
    back, so ``output`` is never left missing or half-written; Ctrl-C and SIGTERM wait until
    the renames are done (:func:`briefings.interrupt.deferred`).
    """
    with interrupt.deferred():
        if output.exists():
            if old is None:
                old = Path(tempfile.mkdtemp(prefix=".output-old-", dir=output.parent))
            else:
                old.mkdir(mode=0o700)
            os.rename(output, old / "site")
        else:
            old = None
        try:
            staging.chmod(0o755)
            os.rename(staging, output)
        except BaseException:
            if old is not None:
                os.rename(old / "site", output)
                shutil.rmtree(old, ignore_errors=True)
            raise
    if old is not None and remove:
        shutil.rmtree(old, ignore_errors=True)
    return old


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--settings", type=Path, default=Path("pelican.conf.py"))
    parser.add_argument("--output", "-o", type=Path, default=Path("output"))
    parser.add_argument("--skip", action="append", default=[],
                        help="skip a step by name (" + ", ".join(n for n, _ in STEPS) + ")")
    parser.add_argument("--quiet", "-q", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="show every message of Pelican, tracebacks included (by default "
                        "a failed build prints only its problems, each once)")


def main(args: argparse.Namespace) -> int:
    try:
        ctx = build(Path.cwd(), args.content, args.settings, args.output, args, tuple(args.skip))
    except BuildError as exc:
        print(f"build failed: {exc}; {args.output}/ was left as it was", file=sys.stderr)
        return 1
    steps = ", ".join(f"{k} {v:.1f}s" for k, v in ctx.timings.items())
    print(f"built {ctx.output} ({steps})")
    return 0
