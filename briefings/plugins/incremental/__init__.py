"""incremental: a re-run of Pelican in the same process (``make serve``) redoes only what changed.

``make serve`` (``briefings serve``, briefings/serve/) keeps one Pelican instance, and after
every change to content/, the theme or the settings runs ``Pelican.run()`` again. Without this
plugin each run reads every Markdown file and renders every page. With it, from the second run
in a process:

- **Reading**: the Markdown readers' output (HTML and metadata, before Pelican builds the content
  object) is kept in memory, keyed by file path and checked by the MD5 the file had before it
  was read (:class:`_Stamps`; the ``reader`` layer of Pelican's content cache, held in memory
  rather than pickled to ``CACHE_PATH``). Content objects are still built anew every run, so
  ``content_object_init``, ``article_generator_context`` and every later signal fire as in a
  full build: the project's plugins (entries, citations, chronology) see the same objects as in
  a full build.
- **Templates**: compiled once per process (an in-memory Jinja bytecode cache; Jinja compares
  each template's source, so an edited template is compiled again).
- **Writing**: :class:`IncrementalWriter` (from the ``get_writer`` signal) digests, for each page
  and feed, the template sources and exactly the context values its templates read (see
  :mod:`.fingerprint`). A page whose digest equals the one it had when this process last wrote it,
  and whose file is still there, is not rendered again. A changed entry thus re-renders its own
  page, its previous/next neighbours (they show its title), and the lists and feeds that hold it
  (home, its year, its actors, sources, the Atom feeds); the other thousands are skipped.
- **Removing**: a page or feed this process wrote in the previous run and not in this one (a
  deleted or renamed entry) is deleted, with the folders it leaves empty.

The first run in a process always renders everything, so ``briefings build`` and ``make site``
(one run each) write exactly what they wrote without the plugin. A run that fails forgets every
digest: the run after it is full again. A change to the settings file makes ``make serve``
build a new Pelican instance with new settings; that also starts from scratch.

Outputs that plugins write without Pelican's writer (the chronology's JSON and CSV, the
bibliography downloads, the sitemap) are written by them on every run, as before.

Setting: ``INCREMENTAL = False`` in the settings turns the plugin off (every run full).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time

from jinja2 import BytecodeCache
from pelican import signals
from pelican.contents import Content
from pelican.utils import sanitised_join
from pelican.writers import Writer

from briefings import patches
from briefings.plugins.incremental.fingerprint import (
    ALL,
    Fingerprinter,
    lookup,
    template_deps,
)

log = logging.getLogger(__name__)


class _State:
    """What one successful run left for the next run in this process."""

    def __init__(self, settings: dict):
        self.settings = settings  # identity: a new settings object means a new Pelican instance
        self.reader_caches: dict[str, dict] = {}  # readers' cache name -> {path: (md5, data)}
        self.written: dict[str, bytes] | None = None  # output path -> digest, last good run
        self.templates = _MemoryBytecodeCache()


_STATE: _State | None = None
_LAST_WRITER: list = []  # the writer of the run in progress


def _enabled(settings: dict) -> bool:
    return bool(settings.get("INCREMENTAL", True))


def _state_for(settings: dict) -> _State:
    global _STATE
    if _STATE is None or _STATE.settings is not settings:
        _STATE = _State(settings)
    return _STATE


def _md5(filename: str) -> bytes:
    with open(filename, "rb") as fh:
        return hashlib.md5(fh.read()).digest()


#: The stamp of a file that changed while it was read: no MD5 digest (16 bytes) equals it.
CHANGED_WHILE_READ = b"changed while read"


class _Stamps:
    """The readers' stamp function for one run: a file's MD5, as it was *before* Pelican read it.

    Pelican takes a file's stamp before reading it (to look in the cache) and again after (to
    store what it read with it). A save landing in between (an editor saving while ``make
    serve`` runs) would be stored under the new text's stamp with the old text, and the next
    run, started for that very save, would find the stamp unchanged and show the old text until
    the file changed again. So the second stamp is the first one, or, if the file changed in
    between, :data:`CHANGED_WHILE_READ`, which no file has: the next run reads it again.
    """

    def __init__(self) -> None:
        self.before: dict[str, bytes] = {}

    def __call__(self, filename: str) -> bytes:
        now = _md5(filename)
        before = self.before.setdefault(filename, now)
        return now if now == before else CHANGED_WHILE_READ


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, kept in memory across runs (Jinja checks each template's source)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def on_generator_init(generator) -> None:
    """Give the generator's template environment and readers in-memory caches kept across
    runs of this process."""
    from pelican.generators import CachingGenerator

    if not _enabled(generator.settings):
        return
    state = _state_for(generator.settings)
    env = getattr(generator, "env", None)
    if env is not None and env.bytecode_cache is None:
        env.bytecode_cache = state.templates
    readers = getattr(generator, "readers", None)
    if readers is None or not isinstance(generator, CachingGenerator):
        return
    # not when Pelican's own reader cache is on (CACHE_CONTENT): left alone
    if patches.use_reader_cache(readers, state.reader_caches.setdefault(
            type(generator).__name__, {}), _Stamps()):  # stamps: each run anew, before reading
        readers.save_cache = _no_save


def _no_save() -> None:
    """The in-memory cache is never pickled to CACHE_PATH."""


class IncrementalWriter(Writer):
    """Pelican's writer, skipping pages and feeds whose inputs are unchanged since this process
    last wrote them."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        state = _state_for(self.settings)
        self.previous = state.written or {}
        state.written = None  # until this run ends well (see on_finalized)
        self.current: dict[str, bytes] = {}
        self.fingerprints = Fingerprinter()
        self._deps: dict[tuple[int, str], object] = {}
        self._context_digests: dict[tuple[int, str, str | None], bytes] = {}
        self.rendered = 0
        self.digest_seconds = 0.0  # CPU time spent deciding (reported in the log)
        self.skipped = 0
        _LAST_WRITER[:] = [self]

    # --- decisions ------------------------------------------------------------------------

    def _template_deps(self, template):
        key = (id(template.environment), template.name)
        deps = self._deps.get(key)
        if deps is None:
            deps = self._deps[key] = template_deps(template.environment, template.name)
        return deps

    def _value_digest(self, value, attrs) -> bytes:
        fp = self.fingerprints
        if attrs is ALL or isinstance(value, Content):
            # A content object whole: its attributes are cheap to digest, while some of what
            # templates read (url, content, summary) are properties that compute
            return fp.digest(value)
        return fp.digest([(a, lookup(value, a)) for a in sorted(attrs)])

    def _page_digest(self, name, template, context, relative_urls, override_output, url,
                     kwargs) -> bytes | None:
        deps = self._template_deps(template)
        if deps.dynamic or template.name is None:
            return None
        h = hashlib.blake2b(digest_size=20)
        h.update(deps.source)
        h.update(repr((name, bool(relative_urls), bool(override_output), url)).encode())
        for var in sorted(deps.names):
            attrs = deps.names[var]
            h.update(b"\x00" + var.encode() + b"\x00")
            if var in kwargs:
                h.update(self._value_digest(kwargs[var], attrs))
            elif var in ("output_file", "localsiteurl"):
                continue  # output_file is ``name``; localsiteurl is SITEURL or relative_urls
            elif var in context:
                key = (id(context), var, None if attrs is ALL else ",".join(sorted(attrs)))
                got = self._context_digests.get(key)
                if got is None:
                    got = self._context_digests[key] = self._value_digest(context[var], attrs)
                h.update(got)
            else:
                h.update(b"<missing>")
        return h.digest()

    def _skip(self, name: str, digest: bytes | None, override_output: bool) -> bool:
        path = sanitised_join(self.output_path, name)
        self.current[path] = digest or b""  # b"": written, never skipped
        if not digest or self.previous.get(path) != digest or override_output:
            return False
        if not os.path.isfile(path) or path in self._written_files:
            return False
        self._written_files.add(path)  # as if written: a second write still gets Pelican's check
        self.skipped += 1
        return True

    # --- Pelican's writer API ---------------------------------------------------------------

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        paginates = bool(paginated) and template_name in self.settings.get(
            "PAGINATED_TEMPLATES", {})
        digest = None
        if not paginates:  # a paginated page writes several files: always rendered
            t0 = time.process_time()
            digest = self._page_digest(name, template, context, relative_urls,
                                       override_output, url, kwargs)
            self.digest_seconds += time.process_time() - t0
        if self._skip(name, digest, override_output):
            if relative_urls:  # what rendering would have left in the shared context
                from pelican.utils import get_relative_path, path_to_url

                context["localsiteurl"] = path_to_url(get_relative_path(name))
            return None
        self.rendered += 1
        return super().write_file(name, template, context, relative_urls, paginated,
                                  template_name, override_output, url, **kwargs)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):
        if path:
            t0 = time.process_time()
            fp = self.fingerprints
            h = hashlib.blake2b(digest_size=20)
            h.update(repr((path, url, feed_type, feed_title, bool(override_output))).encode())
            key = (id(context), "<settings>", None)
            settings_digest = self._context_digests.get(key)
            if settings_digest is None:
                settings_digest = self._context_digests[key] = fp.digest(
                    {k: v for k, v in context.items() if k.isupper()})
            h.update(settings_digest)
            limit = self.settings.get("FEED_MAX_ITEMS")
            for element in elements[:limit]:
                h.update(fp.digest(element))
            digest = h.digest()
            self.digest_seconds += time.process_time() - t0
            if self._skip(path, digest, override_output):
                return None  # Pelican's callers (and ours) do not use the returned feed
            self.rendered += 1
        return super().write_feed(elements, context, path, url, feed_type, override_output,
                                  feed_title)


def get_writer(pelican_object):
    if not _enabled(pelican_object.settings):
        return None
    return IncrementalWriter


def on_finalized(pelican_object) -> None:
    """The run ended well: keep its digests for the next run, remove what it no longer makes."""
    if not _enabled(pelican_object.settings):
        return
    writer = _current_writer()
    if writer is None:
        return
    stale = [p for p in writer.previous if p not in writer.current
             and p not in patches.written_files(writer)]
    for path in stale:
        _remove(path, pelican_object.output_path)
    state = _state_for(pelican_object.settings)
    state.written = writer.current
    if writer.previous:
        log.info("incremental: %d pages and feeds rendered, %d unchanged (%.1f s CPU to tell), "
                 "%d removed", writer.rendered, writer.skipped, writer.digest_seconds, len(stale))


def _remove(path: str, root: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    log.info("incremental: removed %s (no longer generated)", path)
    folder = os.path.dirname(path)
    root = os.path.abspath(root)
    while os.path.abspath(folder).startswith(root + os.sep):
        try:
            os.rmdir(folder)  # only if empty
        except OSError:
            break
        folder = os.path.dirname(folder)


def _current_writer() -> IncrementalWriter | None:
    return _LAST_WRITER[-1] if _LAST_WRITER else None


def register() -> None:
    signals.generator_init.connect(on_generator_init)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(on_finalized)
