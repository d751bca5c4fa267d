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

import datetime as dt
import re
from dataclasses import dataclass
from html import escape

from briefings.bibliography import Bibliography
from briefings.citesyntax import CiteItem

from . import htmlformat

URL_RE = re.compile(r"https?://[^\s<>\"]+")
TAG_RE = re.compile(r"<[^>]+>")
NOCASE_OPEN = escape('<span class="nocase">', quote=False)
NOCASE_CLOSE = escape("</span>", quote=False)
NAME_PARTS = ("literal", "family", "given", "dropping-particle", "non-dropping-particle", "suffix")
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


class Renderer:
    """One style, one bibliography: renders every citation and reference of the build."""

    def __init__(self, bibliography: Bibliography, style: str, locale: str | None = None):
        from citeproc import CitationStylesBibliography, CitationStylesStyle
        from citeproc.source.json import CiteProcJSON

        _patch_empty_labels()
        self.bib = bibliography
        self.style = CitationStylesStyle(style, locale=locale, validate=False)
        self.locale = locale or self.style.root.get("default-locale", "en-US")
        self.items = {e.key: e.csl for e in bibliography.entries.values()}
        self.source = CiteProcJSON([for_citeproc(i) for i in self.items.values()])
        self.processor = CitationStylesBibliography(self.style, self.source, htmlformat)
        layout = self.style.root.citation.layout
        self.prefix = layout.get("prefix", "")
        self.suffix = layout.get("suffix", "")
        self.delimiter = layout.get("delimiter", "; ")
        self.missing: list[str] = []
        self._register_all()
        self.references = self._render_references()
        #: key -> position in the style's bibliography order
        self.order = {k: i for i, k in enumerate(self.references)}

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
            self.processor.register(self._citation([CiteItem(key)]))
        self.processor.sort()

    def _render_references(self) -> dict[str, RenderedReference]:
        out: dict[str, RenderedReference] = {}
        by_lower = {k.lower(): k for k in self.items}
        for citeproc_key, text in zip(self.processor.keys, self.processor.bibliography(),
                                      strict=True):
            key = by_lower[citeproc_key]
            out[key] = self._reference(key, str(text))
        return out

    def _reference(self, key: str, text: str) -> RenderedReference:
        item = self.items[key]
        text = punctuation_in_quote(text, self.locale)
        html = linkify(text)
        extras = []
        archive = (item.get("custom") or {}).get("archive-url")
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
        """One item's citation text, without the style's enclosing brackets (HTML)."""
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
