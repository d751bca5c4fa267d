"""The citation cache and the renderer of one build: every reference (in the style's order,
with year suffixes), sort key and citation, kept in a content-addressed file per style under
``CACHE_PATH``; what it lacks is rendered by :class:`.render.Core`, here or on a
:class:`.render.Pool`."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sys
from functools import cmp_to_key
from html import escape
from pathlib import Path

from briefings import patches
from briefings.bibliography import Bibliography, language_note
from briefings.citesyntax import CiteItem
from briefings.procs import usable_cores
from briefings.urls import is_web_url

from . import csl, htmlformat, render
from .render import (
    NOT_INDEXED,
    TAG_RE,
    Core,
    Pool,
    RenderedReference,
    format_date,
    linkify,
    punctuation_in_quote,
)

#: The cache is also keyed by the source of the modules that render, the style, the locale and
#: citeproc-py's version.
CACHE_VERSION = 2


#: The lock file in the cache folder: the cite step holds it while it renders; the plugin waits
#: for it before it reads the cache (Pelican may start while the cite step runs).
LOCK = "citations.lock"


@contextlib.contextmanager
def writing(cache_dir: Path):
    """Hold the cache folder's lock (exclusive) while the cite step renders into it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(cache_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):  # a file system that cannot lock: the plugin
            fcntl.flock(fd, fcntl.LOCK_EX)  # renders what it does not find, as without a step
        yield
    finally:
        os.close(fd)


def wait_for_writer(cache_dir: Path | None) -> None:
    """Return once no cite step is rendering into ``cache_dir`` (at once if none runs)."""
    if cache_dir is None:
        return
    try:
        fd = os.open(cache_dir / LOCK, os.O_RDONLY)
    except OSError:
        return  # no cite step ever ran here
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        pass  # a file system that cannot lock: as before the lock
    finally:
        os.close(fd)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()[:24]


def _sortable(value: str | None) -> tuple[int | None, str] | None:
    """A sort key as :func:`_compare` compares it: lowered, and as a number if it reads as one."""
    if value is None:
        return None
    low = value.lower()
    try:
        return int(low), low
    except ValueError:
        return None, low


def _compare(left, right, descending: list[bool]) -> int:
    """citeproc-py's ``Sort.sort`` comparison (missing keys last; numbers as numbers when both
    are, else lowered text).

    ``left`` and ``right`` give the j-th sort key of each side as :func:`_sortable` makes it
    (lists, or :class:`_LazyKeys`)."""
    for j, desc in enumerate(descending):
        lk, rk = left[j], right[j]
        if lk is not None and rk is not None:
            if lk[0] is not None and rk[0] is not None:
                a, b = lk[0], rk[0]
            else:
                a, b = lk[1], rk[1]
            result = (a > b) - (a < b)
            if result:
                return -result if desc else result
        elif lk is not None:
            return -1
        elif rk is not None:
            return 1
    return 0


def _letters(i: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa (year suffixes)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out


def citation_memo(item: CiteItem, in_text: bool) -> tuple:
    """What makes one citation text: the key of a rendered citation in the cache."""
    return (item.key, item.locator_term, item.locator, item.prefix, item.suffix, in_text)


class _LazyKeys:
    """One source's sort keys (as :func:`_sortable` makes them), rendered in this process past
    those the cache holds, if asked."""

    __slots__ = ("digest", "key", "renderer", "sortable")

    def __init__(self, renderer: Renderer, key: str, digest: str):
        self.renderer, self.key, self.digest = renderer, key, digest
        self.sortable = [_sortable(k) for k in renderer.cache["sort"][digest]]

    def __getitem__(self, j: int):
        if j >= len(self.sortable):
            r = self.renderer
            keys = r.cache["sort"][self.digest]
            if j >= len(keys):
                keys = r.cache["sort"][self.digest] = r.core.sort_keys(self.key)
                r.fresh += 1
                r._cache_dirty = True
            self.sortable = [_sortable(k) for k in keys]
        return self.sortable[j]


#: Below this many texts to render, worker processes cost more than they save.
POOL_MIN_JOBS = 200


class Renderer:
    """One style, one bibliography: renders every citation and reference of the build.

    What citeproc-py makes of an item depends on that item only (it does no disambiguation).
    So:

    - each reference is rendered once, after the year suffixes are known (which need only each
      source's sort keys and bare citation);
    - with ``workers`` > 1 the texts are rendered in that many processes (``None``: one per
      core; ``1``: in this process), when there are at least ``pool_min_jobs`` of them;
      ``citations`` (item, in-text), the citations written in the entries, are rendered with
      the references, on the same processes;
    - every reference, its sort keys and every distinct citation are kept in a cache file per
      style (``cache_dir``, Pelican's ``CACHE_PATH``): a rebuild renders only new or changed
      sources.
    """

    def __init__(self, bibliography: Bibliography, style: str, locale: str | None = None,
                 cache_dir: Path | None = None, workers: int | None = 1,
                 pool_min_jobs: int = POOL_MIN_JOBS,
                 citations: list[tuple[CiteItem, bool]] = ()):
        import citeproc
        from lxml import etree

        self.bib = bibliography
        self._locale_arg = locale
        self.core = Core(style, locale, {e.key: e.csl for e in bibliography.entries.values()})
        self.style = self.core.style
        self.locale = self.core.locale
        self.items = self.core.items
        self.prefix, self.suffix = self.core.prefix, self.core.suffix
        self.delimiter = self.core.delimiter
        self.missing: list[str] = self.core.missing
        self._memo: dict[tuple, str] = {}
        self.fresh = 0  # texts rendered by citeproc in this build (the rest came from the cache)
        code = "".join(Path(m.__file__).read_text(encoding="utf-8")
                       for m in (sys.modules[__name__], csl, render, htmlformat, patches))
        fingerprint = _digest([CACHE_VERSION, citeproc.__version__, self.locale, code,
                               etree.tostring(self.style.xml).decode("utf-8")])
        self.cache_file = (cache_dir / f"citations-{fingerprint[:16]}.json"
                           if cache_dir else None)
        self.cache: dict[str, dict] = {"refs": {}, "sort": {}, "cites": {}}
        self._cache_dirty = False
        if self.cache_file and self.cache_file.exists():
            with contextlib.suppress(ValueError):  # a damaged cache is rebuilt
                self.cache.update(json.loads(self.cache_file.read_text(encoding="utf-8")))
        self.workers = usable_cores() if workers is None else max(1, workers)
        self.pool_min_jobs = pool_min_jobs
        self._pool: Pool | None = None
        self.suffixes: dict[str, str] = {}
        try:
            self._render_all(citations)
        finally:
            self._close_pool()

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def prepare(self, citations: list[tuple[CiteItem, bool]]) -> None:
        """Render into the cache the citations (item, in-text) it lacks, on the pool."""
        try:
            self._compute(self._cite_jobs(citations))
        finally:
            self._close_pool()

    def _cite_jobs(self, citations) -> list[tuple]:
        memos = {citation_memo(item, in_text) for item, in_text in citations
                 if item.key in self.items}
        return [("cites", self._cite_digest(m), "cite", m) for m in sorted(
            memos, key=lambda m: tuple("" if v is None else str(v) for v in m))]

    @property
    def processor(self):
        return self.core.processor

    def _compute(self, jobs: list[tuple]) -> None:
        """Put into the cache what ``jobs`` (see :meth:`Core.run`) make and it lacks."""
        todo, seen = [], set()
        for job in jobs:
            hit = self.cache[job[0]].get(job[1])
            if job[2] == "sort" and hit is not None and len(hit) < self._sort_key_count:
                hit = None  # every key wanted, the first ones cached
            if hit is None and (job[0], job[1]) not in seen:
                seen.add((job[0], job[1]))
                todo.append(job)
        if not todo:
            return
        if self.workers > 1 and len(todo) >= self.pool_min_jobs:
            if self._pool is None:
                self._pool = Pool(self.core.style_name, self._locale_arg, dict(self.items),
                                  self.workers)
            results, missing = self._pool.map(self.suffixes, todo)
            self.missing.extend(missing)
        else:
            results = self.core.run(todo)
        for table, digest, value in results:
            self.cache[table][digest] = value
        self.fresh += len(results)
        self._cache_dirty = True

    def _digests(self) -> dict[str, str]:
        """Each item's digest (kept: :meth:`_cite_digest` uses them; made anew after the
        items change, as when the year suffixes are set)."""
        self._item_digests = {k: _digest(item) for k, item in self.items.items()}
        return self._item_digests

    def _cite_digest(self, memo: tuple) -> str:
        return _digest([self._item_digests[memo[0]], *memo[1:]])

    def _render_all(self, citations) -> None:
        has_bib = self.style.has_bibliography()
        has_cites = self.style.root.citation is not None
        sort = self.style.root.bibliography.find("cs:sort", self.style.root.nsmap) \
            if has_bib else None
        self._descending = ([k.get("sort", "ascending").lower() == "descending"
                             for k in sort.findall("cs:key", sort.nsmap)]
                            if sort is not None else [])
        self._sort_key_count = len(self._descending)
        bare = {k: citation_memo(CiteItem(k), False) for k in self.items}
        digests = self._digests()
        # 1. The year suffixes: sources whose bare citations read the same, lettered in the
        #    style's bibliography order (every sort key of those sources only).
        if has_bib and has_cites:
            self._compute([("cites", self._cite_digest(bare[k]), "cite", bare[k])
                           for k in self.items])
            self.suffixes = self._disambiguate(digests)
        if self.suffixes:
            self.core.set_suffixes(self.suffixes)
            self._memo = {}
            digests = self._digests()
        # 2. Every reference (with its suffix), the first sort keys of every source and the bare
        #    citations of the suffixed ones: each rendered once.
        jobs = []
        if has_bib:
            jobs += [("sort", digests[k], "sort-first", k) for k in self.items]
            jobs += [("refs", digests[k], "ref", k) for k in self.items]
        if has_cites:
            jobs += [("cites", self._cite_digest(bare[k]), "cite", bare[k])
                     for k in self.suffixes]
            # the citations written in the entries (the cite step), on the same pool
            jobs += self._cite_jobs(citations)
        self._compute(jobs)
        order = self._order(list(self.items), digests) if has_bib else []
        self.references = {k: self._reference(k, self.cache["refs"][digests[k]])
                           for k in order}
        #: key -> position in the style's bibliography order
        self.order = {k: i for i, k in enumerate(self.references)}

    def _order(self, keys: list[str], digests: dict[str, str]) -> list[str]:
        """``keys`` in the style's bibliography order (citeproc-py's sort, on the cached sort
        keys, rendering the later keys of a source only when a comparison needs them)."""
        descending = self._descending
        order = list(keys)
        if descending:
            lazy = {k: _LazyKeys(self, k, digests[k]) for k in keys}
            order.sort(key=cmp_to_key(lambda a, b: _compare(lazy[a], lazy[b], descending)))
        return order

    def _disambiguate(self, digests: dict[str, str]) -> dict[str, str]:
        """Year suffixes (2025a, 2025b) for sources whose citations would read the same.

        citeproc-py does no disambiguation, but renders a ``year-suffix`` given with the item.
        Suffixes follow the style's bibliography order, as the Chicago manual asks."""
        groups: dict[str, list[str]] = {}
        for key in self.items:
            groups.setdefault(self.cite_one(CiteItem(key)), []).append(key)
        groups = {t: keys for t, keys in groups.items() if len(keys) > 1}
        self._compute([("sort", digests[k], "sort", k)
                       for keys in groups.values() for k in keys])
        out: dict[str, str] = {}
        for keys in groups.values():
            for i, key in enumerate(self._order(keys, digests)):
                out[key] = _letters(i)
        return out

    def save_cache(self) -> None:
        if not (self.cache_file and self._cache_dirty):
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.cache, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.cache_file)
        self._cache_dirty = False

    def _reference(self, key: str, text: str) -> RenderedReference:
        item = self.items[key]
        text = punctuation_in_quote(text, self.locale)
        html = linkify(text)
        extras = []
        archive = (item.get("custom") or {}).get("archive-url")
        if archive and not is_web_url(str(archive)):
            archive = None  # a javascript: or data: "archive" never becomes a link
        if archive:
            a = escape(archive)
            extras.append(f'<span class="ref-archive">Archived copy: '
                          f'<a class="ref-url" {NOT_INDEXED} href="{a}">{a}</a>.</span>')
        accessed = None
        if "accessed" in item:
            parts = item["accessed"]["date-parts"][0]
            accessed = "-".join(f"{p:02d}" for p in parts)
            if "accessed" not in TAG_RE.sub("", text).lower():
                extras.append(f'<span class="ref-accessed" {NOT_INDEXED}>Accessed '
                              f'<time datetime="{accessed}">'
                              f"{format_date(parts, self.locale)}</time>.</span>")
        said = language_note(str(item.get("language") or ""))
        if said:
            extras.append(f'<span class="ref-language">{escape(said)}</span>')
        if extras:
            html += " " + " ".join(extras)
        return RenderedReference(key, html, self.bib.entries[key].publisher,
                                 item.get("URL"), archive, accessed)

    def cite_one(self, item: CiteItem, in_text: bool = False) -> str:
        """One item's citation text, without the style's enclosing brackets (HTML).

        Author-date citations do not depend on what was cited before, so each distinct
        (key, locator, prefix, suffix, form) is rendered once per build."""
        memo = citation_memo(item, in_text)
        hit = self._memo.get(memo)
        if hit is None:
            digest = self._cite_digest(memo)
            self._compute([("cites", digest, "cite", memo)])
            hit = self._memo[memo] = self.cache["cites"][digest]
        return hit
