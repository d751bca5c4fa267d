"""Reading on every core: the articles' Markdown converted by worker processes.

Pelican reads its Markdown files one after another in one process, and converting them is most of
its reading time (about 3 ms a file with ``extra``, ``meta``, ``smarty`` and
``briefings.mdspeed``). Before the articles are read (``article_generator_init``), :func:`start`
forks worker processes that convert files from the end of Pelican's reading order while Pelican
reads from the start; each file is converted once, by whichever side claims it first (a shared
table, under a lock). A worker sends back the HTML, the raw ``Meta`` fields and the formatted
fields (``FORMATTED_FIELDS``, the summary) converted; the reader in the main process turns the
fields into metadata with Pelican's own ``MarkdownReader._parse_metadata``, and every signal
(``article_generator_context`` ...) fires there as before.

A worker runs the same Markdown extensions with the same settings (one ``Markdown`` instance,
``reset()`` between files, as Pelican itself does between a body and its summary). A file a worker
cannot convert, or any file whose worker died, is converted again in the main process, so errors
are reported exactly as Pelican reports them. Workers run at a lower priority (``NICE``): in a
cold build the citations plugin's workers need the cores more, and these only fill idle time.

Not used when Pelican's content cache or the incremental plugin's memory already hold what was
read before (``make serve`` re-runs read only the changed files), or for fewer than
``min_files`` articles.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
from multiprocessing.connection import wait

from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

log = logging.getLogger(__name__)

FREE, MAIN, WORKER = 0, 1, 2
NICE = 10

_ACTIVE: _Readahead | None = None


class _Formatted:
    """Stands in for the Markdown instance in ``MarkdownReader._parse_metadata``: the formatted
    fields (keyed by their joined text) were converted by the worker."""

    class _Registry:
        def deregister(self, name: str) -> None:
            pass

    def __init__(self, formatted: dict[str, str]):
        self.formatted = formatted
        self.preprocessors = self._Registry()

    def reset(self) -> None:
        pass

    def convert(self, text: str) -> str:
        return self.formatted[text]


def _markdowns(settings: dict):
    """Two ``Markdown`` instances for many files (``reset()`` between them): one for bodies,
    one without the ``meta`` preprocessor for formatted fields, as ``_parse_metadata`` makes
    Pelican's own instance before converting them."""
    from markdown import Markdown

    # settings["MARKDOWN"] as Pelican's MarkdownReader completed it (the readers exist by now)
    body = Markdown(**settings["MARKDOWN"])
    fields = Markdown(**settings["MARKDOWN"])
    fields.preprocessors.deregister("meta")
    return body, fields


def _convert(markdowns, formatted_fields, path: str) -> tuple[str, dict, dict]:
    """One file: its HTML, its raw ``Meta`` fields, and its formatted fields converted."""
    body, fields = markdowns
    body.reset()
    with pelican_open(path) as text:
        content = body.convert(text)
    meta = getattr(body, "Meta", {})
    formatted = {}
    for name, value in meta.items():
        if name.lower() in formatted_fields:
            joined = "\n".join(value)
            fields.reset()
            formatted[joined] = fields.convert(joined)
    return content, meta, formatted


def _convert_all(settings: dict, paths: list[str], claims, lock, conn) -> None:
    """Worker: claim files from the end of ``paths``; send (index, result or None)."""
    with contextlib.suppress(OSError):
        # below the main process and the citations plugin's workers: this only fills idle time
        os.nice(NICE)

    markdowns = _markdowns(settings)
    formatted_fields = settings["FORMATTED_FIELDS"]
    try:
        for i in range(len(paths) - 1, -1, -1):
            with lock:
                if claims[i] != FREE:
                    continue
                claims[i] = WORKER
            try:
                result = _convert(markdowns, formatted_fields, paths[i])
            except Exception:  # the main process converts it again and reports the error
                result = None
            conn.send((i, result))
    finally:
        conn.close()


class _Readahead:
    def __init__(self, settings: dict, paths: list[str], workers: int):
        ctx = mp.get_context("fork")
        self.index = {p: i for i, p in enumerate(paths)}
        self.claims = ctx.RawArray("b", len(paths))
        self.lock = ctx.Lock()
        self.results: dict[int, tuple | None] = {}
        self.received = 0
        self.conns = []
        self.procs = []
        for _ in range(workers):
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_convert_all, name="readahead", daemon=True,
                               args=(settings, paths, self.claims, self.lock, send))
            proc.start()
            send.close()
            self.conns.append(receive)
            self.procs.append(proc)

    def take(self, path: str) -> tuple | None:
        """What a worker made of ``path``, or None: convert it here."""
        i = self.index.get(path)
        if i is None:
            return None
        self._receive(block=False)  # keep the pipes flowing: a full pipe stops its worker
        with self.lock:
            if self.claims[i] == FREE:
                self.claims[i] = MAIN
                return None
            owner = self.claims[i]
        if owner == MAIN:  # read twice by Pelican: nothing kept
            return None
        while i not in self.results and self.conns:
            self._receive(block=True)
        return self.results.pop(i, None)

    def _receive(self, block: bool) -> None:
        """Take in what the workers sent (``block``: wait for at least one message)."""
        ready = wait(self.conns, timeout=None if block else 0)
        for conn in ready:
            try:
                while True:
                    j, result = conn.recv()
                    self.results[j] = result
                    self.received += result is not None
                    if not conn.poll():
                        break
            except (EOFError, OSError):  # that worker is done (or died)
                self.conns.remove(conn)

    def close(self) -> None:
        log.info("cores: %d worker(s) converted %d of %d Markdown files", len(self.procs),
                 self.received, len(self.index))
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        for conn in self.conns:
            conn.close()
        self.conns, self.procs, self.results = [], [], {}


class ReadaheadMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, taking what a worker converted when there is something.

    What it converts itself, it converts as a worker does, with two ``Markdown`` instances kept
    for every file (Pelican makes a new one per file: 0.46 ms of CPU each, measured). A file that
    fails is read again by Pelican's own reader, which reports the error as Pelican does."""

    _markdowns = None

    def read(self, source_path):
        done = _ACTIVE.take(source_path) if _ACTIVE is not None else None
        if done is None:
            try:
                if self._markdowns is None:
                    self._markdowns = _markdowns(self.settings)
                done = _convert(self._markdowns, self.settings["FORMATTED_FIELDS"],
                                source_path)
            except Exception:
                self._markdowns = None
                return super().read(source_path)
        content, meta, formatted = done
        self._source_path = source_path
        self._md = _Formatted(formatted)
        return content, self._parse_metadata(meta)


def on_readers_init(readers) -> None:
    for ext in MarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is MarkdownReader:
            readers.reader_classes[ext] = ReadaheadMarkdownReader


def start(generator, workers: int, min_files: int) -> None:
    global _ACTIVE
    stop()
    if workers <= 0:
        return
    readers = generator.readers
    settings = generator.settings
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    paths = [os.path.abspath(os.path.join(generator.path, f)) for f in files
             if isinstance(readers.readers.get(f.rpartition(".")[2]), ReadaheadMarkdownReader)]
    if len(paths) < min_files:
        return
    _ACTIVE = _Readahead(settings, paths, workers)


def stop(*_args) -> None:
    global _ACTIVE
    if _ACTIVE is not None:
        _ACTIVE.close()
        _ACTIVE = None
