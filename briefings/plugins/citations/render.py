"""CSL rendering with citeproc-py: citations (one item at a time, so each links to its own
reference) and references (each source once, in the style's order), as escaped HTML.

citeproc-py 0.11 gaps handled here:

- it inserts variables unescaped: every string is HTML-escaped before it reaches it;
- it renders a ``cs:label`` whose variable is empty ("Edition." on every newspaper article in
  Chicago 18): :func:`_patch_empty_labels` makes such a label render nothing, as CSL 1.0.2 says;
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

from briefings.bibliography import Bibliography
from briefings.citesyntax import CiteItem

from . import htmlformat

URL_RE = re.compile(r"https?://[^\s<>\"]+")
TAG_RE = re.compile(r"<[^>]+>")
NOCASE_OPEN = escape('<span class="nocase">', quote=False)
NOCASE_CLOSE = escape("</span>", quote=False)
NAME_PARTS = ("literal", "family", "given", "dropping-particle", "non-dropping-particle", "suffix")
#: Names of publishers are written as they are ("europ.info", not "Europ.info").
KEEP_CASE = ("publisher",)
#: CSL-JSON keys citeproc-py 0.11 does not know (it warns on each); kept in the JSON download.
NOT_FOR_CITEPROC = ("custom",)


@dataclass
class RenderedReference:
    key: str
    html: str  # the reference in the style, URLs linked, archive URL and access date added
    tooltip: str  # the same without links (a tooltip holds no focusable content)
    publisher: str
    url: str | None
    archive_url: str | None
    accessed: str | None  # ISO date


def _escape_text(value: str) -> str:
    return (escape(value, quote=False).replace(NOCASE_OPEN, '<span class="nocase">')
            .replace(NOCASE_CLOSE, "</span>"))


def for_citeproc(item: dict) -> dict:
    """A CSL-JSON item with every string HTML-escaped and unknown keys left out."""
    out: dict = {}
    for key, value in item.items():
        if key in NOT_FOR_CITEPROC:
            continue
        if key in ("id", "type", "language") or isinstance(value, dict):
            out[key] = value
        elif isinstance(value, list):
            out[key] = [{k: escape(v, quote=False) for k, v in name.items() if k in NAME_PARTS}
                        for name in value]
        elif key in KEEP_CASE:
            out[key] = f'<span class="nocase">{escape(str(value), quote=False)}</span>'
        else:
            out[key] = _escape_text(str(value))
    return out


def author_label(item: dict) -> str | None:
    """How Pandoc's ``@key`` names the author in running text ("Doe and Roe", "NATO")."""
    names = item.get("author") or []
    labels = [n.get("literal") or n.get("family") for n in names]
    labels = [escape(x, quote=False) for x in labels if x]
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


def linkify(html: str) -> str:
    def link(m: re.Match) -> str:
        url = m.group(0)
        trail = ""
        while url and url[-1] in ".,;:)":
            trail = url[-1] + trail
            url = url[:-1]
        return f'<a class="ref-url" href="{url}">{url}</a>{trail}'

    return URL_RE.sub(link, html)


def format_date(parts: list[int], locale: str) -> str:
    d = dt.date(*([*parts, 1, 1])[:3])
    month = d.strftime("%B")
    if len(parts) == 1:
        return str(d.year)
    if len(parts) == 2:
        return f"{month} {d.year}"
    return f"{month} {d.day}, {d.year}" if locale == "en-US" else f"{d.day} {month} {d.year}"


_patched = False


def _patch_empty_labels() -> None:
    """CSL 1.0.2, cs:label: "must not render when the variable is empty". citeproc-py 0.11.1
    renders it anyway; this wraps ``Label.process`` once."""
    global _patched
    if _patched:
        return
    from citeproc import model
    from citeproc.source import VariableError

    original = model.Label.process

    def process(self, item, variable=None, *args, **kwargs):
        name = variable or self.get("variable")
        if name and name != "locator" and not name.startswith("page"):
            try:
                value = item.reference[name.replace("-", "_")]
            except (VariableError, KeyError):
                value = None
            if value in (None, ""):
                return None
        return original(self, item, variable, *args, **kwargs)

    model.Label.process = process
    _patched = True


_fast = False


def _speed_up_citeproc() -> None:
    """Memoise what citeproc-py 0.11.1 recomputes for every item and never changes for a style.

    With Chicago 18 (a 3,000-line style) it spends over 90 % of its time in
    ``CitationStylesElement.get_macro`` (an XPath query per macro call) and in the recursive
    ``calls_variable`` of groups: about 0.06 s per citation, minutes for a few hundred entries.
    Both depend on the style's elements only. The caches hold the elements, so that lxml
    keeps returning the same Python proxy for each (and the ``repressed`` state citeproc-py keeps
    on its layout proxies survives).
    """
    global _fast
    if _fast:
        return
    from citeproc import model

    macros: dict = {}
    layouts: dict = {}
    calls: dict = {}
    original_get_macro = model.CitationStylesElement.get_macro
    original_get_layout = model.CitationStylesElement.get_layout

    def get_macro(self, name):
        root = self.get_root()
        hit = macros.get((root, name))
        if hit is None:
            hit = macros[(root, name)] = original_get_macro(self, name)
        return hit

    def get_layout(self):
        hit = layouts.get(self)
        if hit is None:
            hit = layouts[self] = original_get_layout(self)
        return hit

    def memoised(original):
        def calls_variable(self):
            hit = calls.get(self)
            if hit is None:
                hit = calls[self] = bool(original(self))
            return hit
        return calls_variable

    model.CitationStylesElement.get_macro = get_macro
    model.CitationStylesElement.get_layout = get_layout
    for cls in [model.Parent, *(c for c in vars(model).values() if isinstance(c, type))]:
        if "calls_variable" in vars(cls):
            cls.calls_variable = memoised(vars(cls)["calls_variable"])
    _fast = True


CACHE_VERSION = 1  # the cache is also keyed by this module's source, style, locale, citeproc


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()[:24]


def _compare(left: list, right: list, descending: list[bool]) -> int:
    """citeproc-py's ``Sort.sort`` comparison (missing keys last; numbers as numbers)."""
    for lk, rk, desc in zip(left, right, descending, strict=True):
        if lk is not None and rk is not None:
            lk, rk = lk.lower(), rk.lower()
            with contextlib.suppress(ValueError):
                lk, rk = int(lk), int(rk)
            result = (lk > rk) - (lk < rk)
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


class Renderer:
    """One style, one bibliography: renders every citation and reference of the build.

    citeproc-py needs about 0.05 s per reference and 0.005 s per citation with Chicago 18, and
    what it makes of an item depends on that item only (it does no disambiguation). So every
    reference, its sort keys and every distinct citation are kept in a cache file per style
    (``cache_dir``, Pelican's ``CACHE_PATH``): a rebuild renders only new or changed sources.
    """

    def __init__(self, bibliography: Bibliography, style: str, locale: str | None = None,
                 cache_dir: Path | None = None):
        import citeproc
        from citeproc import CitationStylesStyle
        from lxml import etree

        _patch_empty_labels()
        _speed_up_citeproc()
        self.bib = bibliography
        self.style = CitationStylesStyle(style, locale=locale, validate=False)
        self.locale = locale or self.style.root.get("default-locale", "en-US")
        self.items = {e.key: e.csl for e in bibliography.entries.values()}
        layout = self.style.root.citation.layout
        self.prefix = layout.get("prefix", "")
        self.suffix = layout.get("suffix", "")
        self.delimiter = layout.get("delimiter", "; ")
        self.missing: list[str] = []
        self._memo: dict[tuple, str] = {}
        self.fresh = 0  # texts rendered by citeproc in this build (the rest came from the cache)
        code = "".join(Path(m.__file__).read_text(encoding="utf-8")
                       for m in (sys.modules[__name__], htmlformat))
        fingerprint = _digest([CACHE_VERSION, citeproc.__version__, self.locale, code,
                               etree.tostring(self.style.xml).decode("utf-8")])
        self.cache_file = (cache_dir / f"citations-{fingerprint[:16]}.json"
                           if cache_dir else None)
        self.cache: dict[str, dict] = {"refs": {}, "sort": {}, "cites": {}}
        self._cache_dirty = False
        if self.cache_file and self.cache_file.exists():
            with contextlib.suppress(ValueError):  # a damaged cache is rebuilt
                self.cache.update(json.loads(self.cache_file.read_text(encoding="utf-8")))
        self._load()
        self.suffixes = self._disambiguate()
        if self.suffixes:
            for key, suffix in self.suffixes.items():
                self.items[key] = {**self.items[key], "year-suffix": suffix}
            self._load()

    def _load(self) -> None:
        """(Re)build citeproc's source and processor from ``self.items``, render references."""
        from citeproc import CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        self.source = CiteProcJSON([for_citeproc(i) for i in self.items.values()])
        self.processor = CitationStylesBibliography(self.style, self.source, htmlformat)
        self._memo = {}
        self._items_by_key: dict[str, object] = {}
        self._register_all()
        self.references = self._render_references()
        #: key -> position in the style's bibliography order
        self.order = {k: i for i, k in enumerate(self.references)}

    def _disambiguate(self) -> dict[str, str]:
        """Year suffixes (2025a, 2025b) for sources whose citations would read the same.

        citeproc-py does no disambiguation, but renders a ``year-suffix`` given with the item.
        Suffixes follow the style's bibliography order, as the Chicago manual asks."""
        if self.style.root.citation is None or not self.references:
            return {}
        groups: dict[str, list[str]] = {}
        for key in self.references:
            groups.setdefault(self.cite_one(CiteItem(key)), []).append(key)
        out: dict[str, str] = {}
        for keys in groups.values():
            if len(keys) > 1:
                for i, key in enumerate(keys):
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

    def _cached(self, table: str, key: str, make):
        hit = self.cache[table].get(key)
        if hit is None:
            hit = self.cache[table][key] = make()
            self.fresh += 1
            self._cache_dirty = True
        return hit

    def _citation(self, items):
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

    def _register_all(self) -> None:
        for key in self.items:
            citation = self._citation([CiteItem(key)])
            self.processor.register(citation)
            self._items_by_key[key] = citation.cites[0]

    def _sort_keys(self, key: str) -> list[str | None]:
        bibliography = self.style.root.bibliography
        sort = bibliography.find("cs:sort", bibliography.nsmap)
        if sort is None:
            return []
        item = self._items_by_key[key]
        out = []
        for k in sort.findall("cs:key", sort.nsmap):
            value = k.sort_keys([item], bibliography.layout)[0]
            out.append(None if value is None else str(value))
        return out

    def _render_references(self) -> dict[str, RenderedReference]:
        if not self.style.has_bibliography():
            return {}
        digests = {k: _digest(item) for k, item in self.items.items()}
        sort_keys = {k: self._cached("sort", digests[k], lambda k=k: self._sort_keys(k))
                     for k in self.items}
        sort = self.style.root.bibliography.find("cs:sort", self.style.root.nsmap)
        descending = ([k.get("sort", "ascending").lower() == "descending"
                       for k in sort.findall("cs:key", sort.nsmap)] if sort is not None else [])
        order = list(self.items)
        if descending:
            order.sort(key=cmp_to_key(lambda a, b: _compare(sort_keys[a], sort_keys[b],
                                                           descending)))
        out: dict[str, RenderedReference] = {}
        for key in order:
            text = self._cached("refs", digests[key], lambda key=key: "".join(
                str(t) for t in self.style.render_bibliography([self._items_by_key[key]])))
            out[key] = self._reference(key, text)
        return out

    def _reference(self, key: str, text: str) -> RenderedReference:
        item = self.items[key]
        text = punctuation_in_quote(text, self.locale)
        html = linkify(text)
        extras = []
        archive = (item.get("custom") or {}).get("archive-url")
        if archive and not re.match(r"https?://", str(archive), re.IGNORECASE):
            archive = None  # a javascript: or data: "archive" never becomes a link
        if archive:
            a = escape(archive)
            extras.append(f'<span class="ref-archive">Archived copy: '
                          f'<a class="ref-url" href="{a}">{a}</a>.</span>')
        accessed = None
        if "accessed" in item:
            parts = item["accessed"]["date-parts"][0]
            accessed = "-".join(f"{p:02d}" for p in parts)
            if "accessed" not in TAG_RE.sub("", text).lower():
                extras.append(f'<span class="ref-accessed">Accessed <time datetime="{accessed}">'
                              f"{format_date(parts, self.locale)}</time>.</span>")
        if extras:
            html += " " + " ".join(extras)
        tooltip = re.sub(r"</?a\b[^>]*>", "", html)
        return RenderedReference(key, html, tooltip, self.bib.entries[key].publisher,
                                 item.get("URL"), archive, accessed)

    def _on_missing(self, item) -> str:
        self.missing.append(item.key)
        return f"{item.key}?"

    def cite_one(self, item: CiteItem, in_text: bool = False) -> str:
        """One item's citation text, without the style's enclosing brackets (HTML).

        Author-date citations do not depend on what was cited before, so each distinct
        (key, locator, prefix, suffix, form) is rendered once per build."""
        memo = (item.key, item.locator_term, item.locator, item.prefix, item.suffix, in_text)
        if memo not in self._memo:
            digest = _digest([self.items[item.key], *memo[1:]])
            self._memo[memo] = self._cached("cites", digest,
                                            lambda: self._cite_one(item, in_text))
        return self._memo[memo]

    def _cite_one(self, item: CiteItem, in_text: bool) -> str:
        citation = self._citation([item])
        self.processor.register(citation)
        text = punctuation_in_quote(str(self.processor.cite(citation, self._on_missing)),
                                    self.locale)
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
