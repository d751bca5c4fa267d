"""CSL rendering with citeproc-py: citations (one item at a time, so each links to its own
reference) and references (each source once, in the style's order), as escaped HTML.

citeproc-py 0.11 gaps handled here:

- it inserts variables unescaped: the CSL-JSON items arrive escaped
  (:func:`briefings.bibliography.csl_text`), and what is not rich text there (the URL, a year
  suffix) is HTML-escaped here;
- it renders a ``cs:label`` whose variable is empty ("Edition." on every newspaper article in
  Chicago 18): :func:`briefings.patches.patch_citeproc` makes such a label render nothing, as
  CSL 1.0.2 says;
- it has no ``author-in-text`` mode (Pandoc's ``@key``): :meth:`Renderer.cite` builds
  "Author (Year, locator)" from the item's parenthetical form and its author label;
- it knows no archive URL and prints ``accessed`` only where the style asks: both are appended to
  the reference when the style did not print them (the issue asks for them on every reference).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import cmp_to_key
from html import escape
from pathlib import Path

from briefings import patches
from briefings.bibliography import Bibliography
from briefings.citesyntax import CiteItem
from briefings.procs import usable_cores
from briefings.urls import is_web_url

from . import htmlformat

URL_RE = re.compile(r"https?://[^\s<>\"]+")
TAG_RE = re.compile(r"<[^>]+>")
#: CSL-JSON strings that are no rich text: an address (written as it is) and the year suffix
#: (added here).
NOT_RICH_TEXT = ("URL", "year-suffix")
NAME_PARTS = ("literal", "family", "given", "dropping-particle", "non-dropping-particle", "suffix")
#: Names of publishers are written as they are ("europ.info", not "Europ.info").
KEEP_CASE = ("publisher",)
#: CSL-JSON keys citeproc-py 0.11 does not know (it warns on each); kept in the JSON download.
NOT_FOR_CITEPROC = ("custom",)


@dataclass
class RenderedReference:
    key: str
    html: str  # the reference in the style, URLs linked, archive URL and access date added
    publisher: str
    url: str | None
    archive_url: str | None
    accessed: str | None  # ISO date
    #: the page of the Sources list that holds this source (set per build: see
    #: :func:`briefings.plugins.citations.source_pages`)
    sources_url: str = "sources/"

    @property
    def text_id(self) -> str:
        """The id of this reference's text in an entry's reference list
        (partials/references.html): each citation of it is described by it
        (``aria-describedby``), and site.js copies it into their tooltips."""
        return "ref-text-" + self.key


def for_citeproc(item: dict) -> dict:
    """A CSL-JSON item as citeproc-py needs it: its rich text as it is (escaped already by
    :mod:`briefings.bibliography`), the other strings HTML-escaped, unknown keys left out."""
    out: dict = {}
    for key, value in item.items():
        if key in NOT_FOR_CITEPROC:
            continue
        if key in ("id", "type", "language") or isinstance(value, dict):
            out[key] = value
        elif isinstance(value, list):
            out[key] = [{k: v for k, v in name.items() if k in NAME_PARTS} for name in value]
        elif key in KEEP_CASE:
            out[key] = f'<span class="nocase">{value}</span>'
        elif key in NOT_RICH_TEXT:
            out[key] = escape(str(value), quote=False)
        else:
            out[key] = str(value)
    return out


def author_label(item: dict) -> str | None:
    """How Pandoc's ``@key`` names the author in running text ("Doe and Roe", "NATO")."""
    names = item.get("author") or []
    labels = [x for x in (n.get("literal") or n.get("family") for n in names) if x]
    if not labels:
        return None
    if len(labels) == 1:
        return labels[0]
    if len(labels) == 2:
        return f"{labels[0]} and {labels[1]}"
    if len(labels) == 3:
        return f"{labels[0]}, {labels[1]}, and {labels[2]}"
    return f"{labels[0]} et al."


def punctuation_in_quote(html: str, locale: str) -> str:
    """American usage (the en-US locale's ``punctuation-in-quote``), which citeproc-py skips:
    ``“Title”.`` -> ``“Title.”``."""
    if not locale.startswith("en-US"):
        return html
    return re.sub(r"”([.,])", r"\1”", html)


#: On a reference's URLs and its date of access: words no reader searches for, and nearly every
#: URL's words are its own (slugs, numbers), so they would make most of the search index.
NOT_INDEXED = "data-pagefind-ignore"


def linkify(html: str) -> str:
    def link(m: re.Match) -> str:
        url = m.group(0)
        trail = ""
        while url and url[-1] in ".,;:)":
            trail = url[-1] + trail
            url = url[:-1]
        return f'<a class="ref-url" {NOT_INDEXED} href="{url}">{url}</a>{trail}'

    return URL_RE.sub(link, html)


def format_date(parts: list[int], locale: str) -> str:
    d = dt.date(*([*parts, 1, 1])[:3])
    month = d.strftime("%B")
    if len(parts) == 1:
        return str(d.year)
    if len(parts) == 2:
        return f"{month} {d.year}"
    return f"{month} {d.day}, {d.year}" if locale == "en-US" else f"{d.day} {month} {d.year}"


CACHE_VERSION = 2  # the cache is also keyed by this module's source, style, locale, citeproc


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


def _memo_of(item: CiteItem, in_text: bool) -> tuple:
    """What makes one citation text: the key of a rendered citation in the cache."""
    return (item.key, item.locator_term, item.locator, item.prefix, item.suffix, in_text)


#: Sort keys rendered for every source; the others (in Chicago: the title, container and archive
#: macros, over half the cost) only when two sources tie on these, which is rare once the year
#: suffixes are in.
EAGER_SORT_KEYS = 4


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


class _KeyList(list):
    """citeproc-py's list of registered keys, with set/dict look-ups: ``register``, ``is_bad``
    and ``render_citation`` scan it with ``in`` and ``index`` (O(n) each, O(n²) a build)."""

    def __init__(self):
        super().__init__()
        self._index: dict[str, int] = {}

    def append(self, key) -> None:
        self._index.setdefault(key, len(self))
        super().append(key)

    def __contains__(self, key) -> bool:
        return key in self._index

    def index(self, key, *args) -> int:
        if args:
            return super().index(key, *args)
        try:
            return self._index[key]
        except KeyError:
            raise ValueError(f"{key!r} is not in list") from None


class Core:
    """citeproc-py's style, source and processor for one set of items: what renders sort keys,
    references and citations. The :class:`Renderer` has one; so has each worker process."""

    def __init__(self, style: str, locale: str | None, items: dict[str, dict]):
        from citeproc import CitationStylesStyle

        patches.patch_citeproc()  # the empty-label fix and two style-level memos
        self.style_name = style
        self.style = CitationStylesStyle(style, locale=locale, validate=False)
        self.locale = locale or self.style.root.get("default-locale", "en-US")
        layout = self.style.root.citation.layout
        self.prefix = layout.get("prefix", "")
        self.suffix = layout.get("suffix", "")
        self.delimiter = layout.get("delimiter", "; ")
        self.items = dict(items)
        self.missing: list[str] = []
        self._raw: dict[tuple, str] = {}
        # citeproc-py's source and processor, made at first use (:attr:`processor`): a
        # Renderer whose texts all come from worker processes or the cache never needs them
        self._processor = None

    def set_suffixes(self, suffixes: dict[str, str]) -> None:
        """Give the items their year suffixes (key -> "a", "b", …): into ``items``, and into
        citeproc-py's source if it is made already (making it anew took 1.7 s for 13,279
        sources, twice in every worker process)."""
        for key, suffix in suffixes.items():
            self.items[key] = {**self.items[key], "year-suffix": suffix}
        self._raw = {}
        if self._processor is None:
            return
        patches.reset_citations(self._processor)
        for key, suffix in suffixes.items():
            # what CiteProcJSON makes of the item's "year-suffix" (for_citeproc escapes it)
            value = for_citeproc({"year-suffix": suffix})["year-suffix"]
            self.source[key.lower()]["year_suffix"] = self.source.parse_string(value)

    @property
    def processor(self):
        """citeproc-py's bibliography processor, every item registered (made at first use)."""
        if self._processor is None:
            from citeproc import CitationStylesBibliography
            from citeproc.source.json import CiteProcJSON

            self.source = CiteProcJSON([for_citeproc(i) for i in self.items.values()])
            processor = CitationStylesBibliography(self.style, self.source, htmlformat)
            processor.keys = _KeyList()
            self._items_by_key: dict[str, object] = {}
            for key in self.items:
                citation = self.citation([CiteItem(key)])
                processor.register(citation)
                self._items_by_key[key] = citation.cites[0]
            self._processor = processor
        return self._processor

    def citation(self, items):
        from citeproc import Citation, CitationItem, Locator

        cites = []
        for it in items:
            kwargs = {}
            if it.locator:
                kwargs["locator"] = Locator(it.locator_term or "page",
                                            escape(it.locator, quote=False))
            if it.prefix:
                kwargs["prefix"] = escape(it.prefix, quote=False) + " "
            if it.suffix:
                kwargs["suffix"] = ", " + escape(it.suffix, quote=False)
            cites.append(CitationItem(it.key, **kwargs))
        return Citation(cites)

    def sort_keys(self, key: str, upto: int | None = None) -> list[str | None]:
        """The item's bibliography sort keys (the first ``upto`` of them)."""
        bibliography = self.style.root.bibliography
        sort = bibliography.find("cs:sort", bibliography.nsmap)
        if sort is None:
            return []
        item = self._item(key)
        out = []
        for k in sort.findall("cs:key", sort.nsmap)[:upto]:
            value = k.sort_keys([item], bibliography.layout)[0]
            out.append(None if value is None else str(value))
        return out

    def reference(self, key: str) -> str:
        return "".join(str(t) for t in self.style.render_bibliography([self._item(key)]))

    def _item(self, key: str):
        """citeproc-py's registered item of ``key`` (the processor is made at first use)."""
        _ = self.processor
        return self._items_by_key[key]

    def _on_missing(self, item) -> str:
        self.missing.append(item.key)
        return f"{item.key}?"

    def cite(self, item: CiteItem, in_text: bool) -> str:
        """One item's citation text, without the style's enclosing brackets (HTML)."""
        raw = (item.key, item.locator_term, item.locator, item.prefix, item.suffix)
        text = self._raw.get(raw)
        if text is None:
            citation = self.citation([item])
            self.processor.register(citation)
            text = self._raw[raw] = punctuation_in_quote(
                str(self.processor.cite(citation, self._on_missing)), self.locale)
        if text.startswith(self.prefix) and text.endswith(self.suffix):
            inner = text[len(self.prefix):len(text) - len(self.suffix)]
        else:
            inner = text
        if not in_text:
            return inner
        label = author_label(self.items[item.key])
        if label and inner.startswith(label) and self.prefix:
            rest = inner[len(label):].lstrip(", ").strip()
            return f"{label} {self.prefix}{rest}{self.suffix}" if rest else label
        return f"{label} {text}" if label else text

    def run(self, jobs: list[tuple]) -> list[tuple[str, str, object]]:
        """Compute ``jobs``: (table, digest, kind, arg) with kind ``sort``/``sort-first``
        (every sort key, or the first :data:`EAGER_SORT_KEYS`), ``ref`` (arg: a key) or
        ``cite`` (arg: the :meth:`Renderer.cite_one` memo tuple)."""
        out = []
        for table, digest, kind, arg in jobs:
            if kind == "sort":
                value = self.sort_keys(arg)
            elif kind == "sort-first":
                value = self.sort_keys(arg, EAGER_SORT_KEYS)
            elif kind == "ref":
                value = self.reference(arg)
            else:
                key, term, locator, prefix, suffix, in_text = arg
                value = self.cite(CiteItem(key, prefix=prefix, locator=locator,
                                           locator_term=term, suffix=suffix), in_text)
            out.append((table, digest, value))
        return out


# --- worker processes ---------------------------------------------------------------------------

_WORKER: Core | None = None
_WORKER_ARGS: tuple = ()
_WORKER_SUFFIXES: dict[str, str] = {}


def _worker_init(style: str, locale: str | None, items: dict[str, dict]) -> None:
    """Keep what the worker renders from; its :class:`Core` is made at its first job (a
    rebuild whose texts are all in the cache gives it none)."""
    global _WORKER, _WORKER_ARGS, _WORKER_SUFFIXES
    _WORKER, _WORKER_ARGS, _WORKER_SUFFIXES = None, (style, locale, items), {}


def _worker_run(suffixes: dict[str, str], jobs: list[tuple]) -> tuple[list, list[str]]:
    global _WORKER, _WORKER_SUFFIXES
    if _WORKER is None:
        _WORKER = Core(*_WORKER_ARGS)
    core = _WORKER
    if suffixes != _WORKER_SUFFIXES:
        core.set_suffixes(suffixes)
        _WORKER_SUFFIXES = dict(suffixes)
    core.missing = []
    return core.run(jobs), core.missing


class Pool:
    """Worker processes that render for a :class:`Renderer`. Spawned, not forked: the build
    that starts them runs validation in another thread."""

    def __init__(self, style: str, locale: str | None, items: dict[str, dict], workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.executor = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init, initargs=(style, locale, items))

    def map(self, suffixes: dict[str, str], jobs: list[tuple]) -> tuple[list, list[str]]:
        size = max(1, -(-len(jobs) // (self.workers * 4)))
        futures = [self.executor.submit(_worker_run, suffixes, jobs[i:i + size])
                   for i in range(0, len(jobs), size)]
        out, missing = [], []
        for f in futures:
            done, miss = f.result()
            out.extend(done)
            missing.extend(miss)
        return out, missing

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


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
    - every reference, its sort keys and every distinct citation are kept in a cache file per
      style (``cache_dir``, Pelican's ``CACHE_PATH``): a rebuild renders only new or changed
      sources.
    """

    def __init__(self, bibliography: Bibliography, style: str, locale: str | None = None,
                 cache_dir: Path | None = None, workers: int | None = 1,
                 pool_min_jobs: int = POOL_MIN_JOBS):
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
                       for m in (sys.modules[__name__], htmlformat, patches))
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
            self._render_all()
        finally:
            self._close_pool()

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def prepare(self, citations: list[tuple[CiteItem, bool]]) -> None:
        """Render into the cache the citations (item, in-text) it lacks, on the pool."""
        memos = {_memo_of(item, in_text) for item, in_text in citations}
        try:
            self._compute([("cites", self._cite_digest(m), "cite", m) for m in sorted(
                memos, key=lambda m: tuple("" if v is None else str(v) for v in m))])
        finally:
            self._close_pool()

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

    def _render_all(self) -> None:
        has_bib = self.style.has_bibliography()
        has_cites = self.style.root.citation is not None
        sort = self.style.root.bibliography.find("cs:sort", self.style.root.nsmap) \
            if has_bib else None
        self._descending = ([k.get("sort", "ascending").lower() == "descending"
                             for k in sort.findall("cs:key", sort.nsmap)]
                            if sort is not None else [])
        self._sort_key_count = len(self._descending)
        bare = {k: _memo_of(CiteItem(k), False) for k in self.items}
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
        if extras:
            html += " " + " ".join(extras)
        return RenderedReference(key, html, self.bib.entries[key].publisher,
                                 item.get("URL"), archive, accessed)

    def cite_one(self, item: CiteItem, in_text: bool = False) -> str:
        """One item's citation text, without the style's enclosing brackets (HTML).

        Author-date citations do not depend on what was cited before, so each distinct
        (key, locator, prefix, suffix, form) is rendered once per build."""
        memo = _memo_of(item, in_text)
        hit = self._memo.get(memo)
        if hit is None:
            digest = self._cite_digest(memo)
            self._compute([("cites", digest, "cite", memo)])
            hit = self._memo[memo] = self.cache["cites"][digest]
        return hit
