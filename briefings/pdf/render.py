"""HTML -> PDF with WeasyPrint, many documents per process.

WeasyPrint costs about a second to import and set up, then most of the time goes to layout and
to writing, per page. So every PDF of one run is rendered by one process: the stylesheet and the
font configuration are made once (:func:`_engine`), and a pool of two worker processes (forked
after the set-up, so the import is paid once) shares the documents, largest first, when there
is enough work for two cores to pay off (:data:`PARALLEL_MIN_WEIGHT`).

Nothing is fetched from the network: the URL fetcher accepts ``file:`` and ``data:`` only.

Every document is a tagged PDF (WeasyPrint's PDF/UA-1 variant, :data:`PDF_OPTIONS`): its
structure (headings, paragraphs, lists, links) is in the file for screen readers, and its
language is the ``lang`` of the HTML (the book's template sets it).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from briefings.procs import quiet_worker

HERE = Path(__file__).resolve().parent
#: Below this total weight (about one per development) the documents render in this process:
#: forking workers does not pay for a handful of pages.
PARALLEL_MIN_WEIGHT = 60
#: WeasyPrint's options for every tagged document: PDF/UA-1 tags the structure, writes the
#: document's language and title, and its XMP metadata (briefings/pdf/reuse.py hashes these).
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1"}


@dataclass
class Job:
    """One PDF to render: its HTML, where it goes, and a weight (its number of developments)."""

    html: str
    out: Path
    weight: int = 1
    label: str = ""
    full_fonts: bool = False  # see render_document
    tagged: bool = True  # False for what is drawn over other pages (briefings/pdf/chunked.py)


@dataclass
class Result:
    out: Path
    pages: int
    seconds: float
    label: str = ""
    layout: Layout | None = None


@cache
def _engine():
    """The WeasyPrint module, the parsed book stylesheet and the font configuration (once)."""
    import logging

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint's own warnings about CSS it ignores are not the reader's business; links to
    # sections in another part of a book rendered in parts are added when the parts are joined.
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)
    logger.addFilter(lambda record: not str(record.msg).startswith("No anchor #"))
    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(HERE / "book.css"), font_config=fonts)
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    return weasyprint, css, fonts, fetcher


@dataclass
class Layout:
    """Where things are in a rendered document, in PDF points from the bottom left of a page:
    anchors ``name -> (page, x, y)``, internal links ``(page, name, (x1, y1, x2, y2))`` and
    bookmarks ``(page, level, label, x, y)``. Pages are 0-based."""

    pages: int
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    links: list[tuple[int, str, tuple[float, float, float, float]]] = field(
        default_factory=list)
    bookmarks: list[tuple[int, int, str, float, float]] = field(default_factory=list)


def _layout_of(doc) -> Layout:
    px = 0.75  # one CSS px in PDF points
    found = Layout(len(doc.pages))
    for i, page in enumerate(doc.pages):
        height = page.height * px
        for name, (x, y, *_rest) in page.anchors.items():
            found.anchors.setdefault(name, (i, x * px, height - y * px))
        for kind, target, (x1, y1, x2, y2), *_box in page.links:
            if kind == "internal":
                found.links.append((i, target, (x1 * px, height - y2 * px, x2 * px,
                                                height - y1 * px)))
        for level, label, (x, y), _state in page.bookmarks:
            found.bookmarks.append((i, level, label, x * px, height - y * px))
    return found


def render_document(html: str, out: Path, base_url: Path | None = None,
                    full_fonts: bool = False, tagged: bool = True) -> Layout:
    """Render one document to ``out`` (written atomically); returns where things are.
    ``tagged``: with the structure and language of :data:`PDF_OPTIONS`."""
    weasyprint, css, fonts, fetcher = _engine()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = weasyprint.HTML(string=html, base_url=str(base_url or HERE),
                          url_fetcher=fetcher).render(stylesheets=[css], font_config=fonts)
    layout = _layout_of(doc)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    # Subsets of the fonts, also in a long book: compressing whole fonts (DejaVu, several
    # hundred kB each) costs more than subsetting them, and the joined book is smaller.
    doc.write_pdf(tmp, full_fonts=full_fonts, **(PDF_OPTIONS if tagged else {}))
    os.replace(tmp, out)
    return layout


def render_html(html: str, out: Path, base_url: Path | None = None,
                full_fonts: bool = False) -> int:
    """Render one document to ``out``; returns its number of pages."""
    return render_document(html, out, base_url, full_fonts).pages


def _run(job: Job) -> Result:
    t0 = time.perf_counter()
    layout = render_document(job.html, job.out, full_fonts=job.full_fonts, tagged=job.tagged)
    return Result(job.out, layout.pages, time.perf_counter() - t0, job.label, layout)


def render_jobs(jobs: list[Job], workers: int | None = None) -> list[Result]:
    """Render every job; with two workers the heaviest documents start first.

    ``workers=None`` chooses: two (or the number of CPUs, if fewer) when the total weight
    reaches :data:`PARALLEL_MIN_WEIGHT`, else one (this process).
    """
    if not jobs:
        return []
    if workers is None:
        total = sum(j.weight for j in jobs)
        workers = min(2, os.cpu_count() or 1) if total >= PARALLEL_MIN_WEIGHT else 1
    ordered = sorted(jobs, key=lambda j: -j.weight)
    _engine()  # import and set up once, before forking
    if workers <= 1 or len(jobs) == 1:
        return [_run(j) for j in ordered]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=quiet_worker, maxtasksperchild=None) as pool:
        return list(pool.imap_unordered(_run, ordered, chunksize=1))
