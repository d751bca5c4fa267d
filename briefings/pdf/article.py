"""The body of a development as the site shows it, made fit for paper.

The PDF says what the site says: the body with its citations and reference list is taken from
the built entry page (``<site>/briefings/<slug>/index.html``, its ``<article>`` element), not
rendered a second time from Markdown. What belongs to the screen goes: navigation, forms,
scripts, widgets, the page's own header (title, date line, summary: the book sets those from the
entry's metadata), links to the PDFs themselves.

Every ``id`` is prefixed with ``<slug>--`` so that many articles can live in one book, and links
are rewritten: to the same page -> the prefixed anchor; to another development in the book -> its
section; other site-internal links lose their target (a PDF cannot follow ``/briefings/x/``).
External links keep their URL and get a footnote with it (a real element, which WeasyPrint can
float into the page's footnote area). Links of any other scheme (``javascript:``, ``file:``,
``tel:``) lose their target: a PDF reader would follow them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from urllib.parse import urlsplit

from briefings.urls import LINK_SCHEMES, is_safe_link

#: Elements that never go on paper.
DROP_TAGS = ("script", "style", "noscript", "nav", "form", "button", "input", "select",
             "textarea", "iframe", "template", "dialog", "video", "audio", "canvas", "object",
             "embed")
#: Classes of screen-only parts (widgets, share and download links, the page's own header).
DROP_CLASSES = ("entry-meta", "summary", "no-print", "screen-only", "print-hide", "widget",
                "share", "downloads", "pdf-links", "pdf-link", "deep-link", "timeline",
                "timeline-link", "breadcrumbs", "skip-link", "notice", "machine-made", "flags",
                "review-status", "entry-facts", "cite-tip", "ref-sources-link", "entry-nav",
                "edit-links", "visually-hidden")
REFERENCE_MARK_RE = re.compile(r"refer|bibliograph|works-cited|citations-list|sources")
REFERENCE_HEADINGS = ("references", "sources", "bibliography", "works cited")
SLUG_PAGE_RE = re.compile(
    r"(?:^|/)briefings/(?P<slug>[^/#?]+)/?(?:index\.html)?(?:#(?P<frag>.*))?$")


def anchor_id(slug: str) -> str:
    """The id of a development's section in a book."""
    return f"dev-{slug}"


def page_path(site: Path, slug: str) -> Path:
    return site / "briefings" / slug / "index.html"


def read_article_html(site: Path, slug: str) -> str | None:
    """The ``<article>`` of a built entry page, as HTML text; ``None`` when the page is missing."""
    path = page_path(site, slug)
    if not path.exists():
        return None
    return extract_article(path.read_text(encoding="utf-8"))


def extract_article(page_html: str) -> str:
    """The first ``<article>`` of a page (or its ``<main>``) as an HTML fragment."""
    import lxml.html

    doc = lxml.html.document_fromstring(page_html)
    found = doc.xpath("//article") or doc.xpath("//main") or doc.xpath("//body")
    return lxml.html.tostring(found[0], encoding="unicode") if found else ""


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el) -> str:
    return " ".join(el.text_content().split())


def clean_article(article_html: str, slug: str, summary: str = "",
                  in_book: frozenset[str] | set[str] = frozenset(),
                  footnotes: bool = True, book_sources: Collection[str] | None = None) -> str:
    """The printable body of one development, ready to be placed in a book (see module doc).

    With ``book_sources`` (the BibTeX keys listed at the end of a book), the page's own
    reference list is left out and its citations link to the book's list (``#src-<key>``).
    """
    import lxml.html

    if not article_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(article_html, create_parent="div")
    for el in list(root.iter(*DROP_TAGS)):
        _drop(el)
    wanted_summary = " ".join(summary.split())
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if (el.tag in ("header", "h1") or _classes(el) & set(DROP_CLASSES)
                or el.get("hidden") is not None or el.get("aria-hidden") == "true"
                or (wanted_summary and el.tag in ("p", "div") and _text(el) == wanted_summary)):
            _drop(el)
    if book_sources is not None:
        _link_citations_to_book(root, book_sources)
    _unwrap_citations(root)
    for el in list(root.iter("a")):
        href = (el.get("href") or "").strip()
        if href.lower().split("#")[0].split("?")[0].endswith(".pdf"):
            _drop_link_and_empty_parent(el)
    prefix = f"{slug}--"
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("id"):
            el.set("id", prefix + el.get("id"))
        if isinstance(el.tag, str) and el.get("name") and el.tag == "a":
            del el.attrib["name"]
    for el in list(root.iter("a")):
        _rewrite_link(el, slug, prefix, in_book, footnotes)
    # The article element itself becomes a plain container.
    inner = root[0] if len(root) == 1 and root[0].tag in ("article", "main", "body") else root
    inner.tag = "div"
    for attr in list(inner.attrib):
        del inner.attrib[attr]
    inner.set("class", "article-body")
    return lxml.html.tostring(inner, encoding="unicode")


def _is_reference_list(el) -> bool:
    marks = " ".join([el.get("class") or "", el.get("id") or ""]).lower()
    if REFERENCE_MARK_RE.search(marks):
        return True
    if el.tag in ("section", "div", "aside"):
        heads = [c for c in el if isinstance(c.tag, str)][:1]
        return bool(heads) and heads[0].tag in ("h2", "h3", "h4") and \
            _text(heads[0]).lower() in REFERENCE_HEADINGS
    return False


def _link_citations_to_book(root, keys: Collection[str]) -> None:
    """Drop the page's reference list; point citations at the book's list of sources."""
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el is not root and el.getparent() is not None \
                and el.getparent() is not root and _is_reference_list(el):
            _drop(el)
    keys = keys if isinstance(keys, (set, frozenset, dict)) else set(keys)
    for a in root.iter("a"):
        href = a.get("href") or ""
        if not href.startswith("#"):
            continue
        key = _cited_key(href[1:], keys)
        if key is not None:
            a.set("href", f"#src-{key}")
            a.set("data-book-link", "")  # already an anchor of the book: keep as it is


def _cited_key(target: str, keys: Collection[str]) -> str | None:
    """The longest key that ``target`` is, or ends with after ``-``, ``:`` or ``_``
    (``ref-nato-2025`` -> ``nato-2025``); a look-up per separator, not a scan of the keys."""
    if target in keys:
        return target
    for i, ch in enumerate(target):
        if ch in "-:_" and target[i + 1:] in keys:
            return target[i + 1:]
    return None


#: Wrappers of an in-text citation on the site (``<span class="citation">(<span class="cite">
#: <a>…</a></span>)</span>``): on paper the link alone does. Every inline box costs WeasyPrint
#: layout time, and a development cites its sources ten times or more.
CITATION_WRAPPERS = frozenset({"citation", "cite"})


def _unwrap_citations(root) -> None:
    for el in list(root.iter("span")):
        if el.getparent() is not None and _classes(el) & CITATION_WRAPPERS and not el.get("id"):
            el.drop_tag()
    for el in root.iter("a"):
        el.attrib.pop("aria-describedby", None)


def _drop(el) -> None:
    """Remove an element and what it holds; the text after it stays (lxml's drop_tree)."""
    if el.getparent() is not None:
        el.drop_tree()


def _drop_link_and_empty_parent(el) -> None:
    parent = el.getparent()
    el.drop_tree()
    while parent is not None and parent.tag in ("li", "p", "span", "div") and \
            not _text(parent) and not len(parent):
        grand = parent.getparent()
        if grand is None:
            break
        parent.drop_tree()
        parent = grand


def _rewrite_link(el, slug: str, prefix: str, in_book, footnotes: bool) -> None:
    href = (el.get("href") or "").strip()
    if "data-book-link" in el.attrib:
        del el.attrib["data-book-link"]
        return
    if not href:
        return
    if href.startswith("#"):
        el.set("href", "#" + prefix + href[1:] if len(href) > 1 else "#" + anchor_id(slug))
        return
    parts = urlsplit(href)
    if parts.scheme in LINK_SCHEMES:
        m = SLUG_PAGE_RE.search(parts.path) if not parts.netloc else None
        if not m:
            if footnotes and parts.scheme != "mailto" and _text(el) != href:
                _add_url_footnote(el, href)
            return
    elif parts.scheme or not is_safe_link(href):
        # Only web and mail links stay live on paper (briefings.urls): a javascript:, data:
        # or file: link that reached the page keeps its words and loses its target.
        del el.attrib["href"]
        return
    m = SLUG_PAGE_RE.search(parts.path)
    if m and m.group("slug") in in_book:
        target = m.group("slug")
        frag = m.group("frag") or parts.fragment
        el.set("href", f"#{target}--{frag}" if frag else "#" + anchor_id(target))
        if target == slug and not frag:
            el.set("href", "#" + anchor_id(slug))
        return
    # A page of the site that is not in this book: keep the words, drop the link.
    del el.attrib["href"]
    el.set("class", ((el.get("class") or "") + " site-link").strip())


def _add_url_footnote(el, href: str) -> None:
    import lxml.html

    note = lxml.html.fragment_fromstring('<span class="url-footnote"></span>')
    note.text = href
    note.tail = el.tail
    el.tail = None
    el.addnext(note)
