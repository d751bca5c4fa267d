"""Rendering with citeproc-py: one item's citation (so each links to its own reference), sort
keys and reference, as escaped HTML (:class:`Core`), and worker processes that render for the
cache (:class:`Pool`). The CSL data comes from :mod:`.csl`; what is kept is in :mod:`.cache`.

citeproc-py 0.11 gaps handled here:

- it inserts variables unescaped: the CSL-JSON items arrive escaped (:mod:`.csl`);
- it renders a ``cs:label`` whose variable is empty ("Edition." on every newspaper article in
  Chicago 18): :func:`briefings.patches.patch_citeproc` makes such a label render nothing, as
  CSL 1.0.2 says;
- it has no ``author-in-text`` mode (Pandoc's ``@key``): :meth:`Core.cite` builds
  "Author (Year, locator)" from the item's parenthetical form and its author label;
- it knows no archive URL and prints ``accessed`` only where the style asks: both are appended to
  the reference when the style did not print them, and so is the source's language when it
  is not English ("In Albanian."): :meth:`.cache.Renderer._reference`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from html import escape

from briefings import patches
from briefings.citesyntax import CiteItem
from briefings.procs import die_with_parent

from . import htmlformat
from .csl import author_label, for_citeproc

URL_RE = re.compile(r"https?://[^\s<>\"]+")
TAG_RE = re.compile(r"<[^>]+>")
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


#: Sort keys rendered for every source; the others (in Chicago: the title, container and archive
#: macros, over half the cost) only when two sources tie on these, which is rare once the year
#: suffixes are in.
EAGER_SORT_KEYS = 4


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


@functools.cache
def _citation_item():
    """citeproc-py's ``CitationItem`` that finds its reference once: citeproc-py looks it up
    anew at every use (``item.reference``, three look-ups through ``CustomDict.__getattr__``),
    about a million times for a thousand sources. The reference is the same object for the
    item's whole life (year suffixes are set on it in place: :meth:`Core.set_suffixes`)."""
    from citeproc import CitationItem

    class SourceCitationItem(CitationItem):
        @functools.cached_property
        def reference(self):
            return self.bibliography.source[self.key]

    return SourceCitationItem


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
        citeproc-py's source if it is made already (cheaper than making it anew)."""
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
        from citeproc import Citation, Locator

        CitationItem = _citation_item()

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
    die_with_parent()  # a stopped or killed cite step leaves no worker behind
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


