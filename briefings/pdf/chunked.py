"""A long book, rendered in parts on both cores and joined into one PDF.

WeasyPrint keeps every laid-out page of a document in memory (a 1,000-development book took
over 1 GB) and uses one core. So a long book is rendered in parts, two at a time:

1. the body in parts of at most :data:`PART_SIZE` developments, a year per part where the
   years are short enough (a part starts on a new page, as a year does anyway), the sources
   (they need no page numbers) and the cover with the contents once with placeholder page
   numbers, to learn how many pages it takes; the heaviest first, so both cores finish together;
2. once every page count is known, again on both cores: the cover with the contents, with
   their page numbers written out, and "page N of M" for every page (blank pages made by
   WeasyPrint with the book's own @page rules, in two runs);
3. joined with pypdf: the pages in order, "page N of M" laid over each page (marked as a
   pagination artifact, outside the structure), every link to a section in another part pointed
   at its page, the outline (bookmarks) rebuilt for the whole book, and the parts' structure
   trees (each part is a tagged PDF: briefings/pdf/render.py) joined into one, with the
   document's language: the book is a tagged PDF too. It does not claim PDF/UA as the parts
   do: the links added across parts have no place in the structure.
"""

from __future__ import annotations

import dataclasses
import resource
import tempfile
import time
from pathlib import Path

from briefings.pdf.book import Book, Group, book_html, css_string, folio_text
from briefings.pdf.render import Job, Layout, render_jobs

#: Developments per part: small enough to keep a worker's memory low, large enough that a year
#: of an ordinary chronology is one part.
PART_SIZE = 150
#: Books with more developments than this are rendered in parts.
PARTS_FROM = 200
#: Wall and CPU seconds of each phase of the last book rendered in parts (for the benchmark).
LAST_TIMINGS: dict[str, float] = {}


class _Clock:
    """Wall time, and CPU time of this process and of the workers it has waited for."""

    def __init__(self):
        self.t, self.cpu = time.perf_counter(), self._cpu()

    @staticmethod
    def _cpu() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def lap(self, name: str) -> None:
        t, cpu = time.perf_counter(), self._cpu()
        LAST_TIMINGS[f"{name}_wall"] = round(t - self.t, 1)
        LAST_TIMINGS[f"{name}_cpu"] = round(cpu - self.cpu, 1)
        self.t, self.cpu = t, cpu


def plan_parts(groups: list[Group], size: int = PART_SIZE) -> list[list[Group]]:
    """Whole groups (years) together up to ``size`` developments; a longer year is sliced, its
    later slices headed "<year> (continued)"."""
    parts: list[list[Group]] = []
    current: list[Group] = []
    count = 0
    for g in groups:
        n = len(g.developments)
        if current and count + n > size:
            parts.append(current)
            current, count = [], 0
        if n <= size:
            current.append(g)
            count += n
            continue
        for k in range(0, n, size):
            piece = g.developments[k:k + size]
            if k == 0:
                parts.append([Group(g.id, g.label, piece, g.intro)])
            else:
                parts.append([Group(f"{g.id}-{k // size + 1}", f"{g.label} (continued)",
                                    piece)])
    if current:
        parts.append(current)
    return parts


def _placeholder_numbers(book: Book) -> dict[str, int]:
    anchors = [g.id for g in book.groups] + ["sources"]
    anchors += [d.anchor for g in book.groups for d in g.developments]
    return dict.fromkeys(anchors, 888)


def render_in_parts(book: Book, out: Path, workers: int | None = 2,
                    size: int = PART_SIZE) -> int:
    """Render ``book`` to ``out`` in parts (see the module doc); returns its number of pages."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="book-parts-", dir=out.parent if out.parent.exists()
                                     else None) as tmp:
        tmpdir = Path(tmp)
        LAST_TIMINGS.clear()
        clock = _Clock()
        parts = plan_parts(book.groups, size)
        body_jobs = [
            Job(book_html(dataclasses.replace(book, sections=("body",), body_groups=part,
                                              folio=False)),
                tmpdir / f"body-{i:03d}.pdf", sum(len(g.developments) for g in part),
                f"body-{i}")
            for i, part in enumerate(parts)
        ]
        front_draft = Job(book_html(dataclasses.replace(
            book, sections=("cover", "contents"), page_numbers=_placeholder_numbers(book),
            folio=False)), tmpdir / "front-draft.pdf", max(1, book.count // 20), "front-draft")
        jobs = [*body_jobs, front_draft]
        if book.sources:
            # The sources need no page numbers: rendered once, beside the body.
            jobs.append(Job(book_html(dataclasses.replace(book, sections=("sources",),
                                                          folio=False)),
                            tmpdir / "sources.pdf", max(1, len(book.sources) // 10),
                            "sources"))
        results = {r.label: r for r in render_jobs(jobs, workers)}
        clock.lap("parts")
        front_pages = results["front-draft"].pages

        # Where every anchor of the body is, in the whole book.
        anchors: dict[str, tuple[int, float, float]] = {}
        bookmarks: list[tuple[int, int, str, float, float]] = []
        offset = front_pages
        link_sources: list[tuple[int, Layout]] = []
        for job in body_jobs:
            layout = results[job.label].layout
            _shift(layout, offset, anchors, bookmarks)
            link_sources.append((offset, layout))
            offset += layout.pages
        numbers = {name: page + 1 for name, (page, _x, _y) in anchors.items()}
        numbers["sources"] = offset + 1
        docs = [tmpdir / "front.pdf", *(j.out for j in body_jobs)]
        total = offset
        if "sources" in results:
            _shift(results["sources"].layout, offset, anchors, bookmarks)
            link_sources.append((offset, results["sources"].layout))
            docs.append(tmpdir / "sources.pdf")
            total += results["sources"].pages

        # The contents with its page numbers, and "page N of M" on every page, on both cores.
        final = dataclasses.replace(book, page_numbers=numbers, folio=False)
        front = Job(book_html(dataclasses.replace(final, sections=("cover", "contents"))),
                    tmpdir / "front.pdf", front_draft.weight, "front")
        # a few glyphs: subsets of the fonts, not whole fonts on every page
        folios = [Job(folio_html(first, last, total, book.lang), tmpdir / f"folio-{first:05d}.pdf",
                      (last - first + 1) // 20, f"folio-{first}", full_fonts=False,
                      tagged=False)  # drawn over the pages as an artifact (_stamp_wrappers)
                  for first, last in _halves(total, book.count * 3 // 4)]
        more = {r.label: r for r in render_jobs([front, *folios], workers)}
        clock.lap("numbered")
        if more["front"].pages != front_pages:  # cannot happen: numbers sit in fixed columns
            raise RuntimeError("the contents changed length when page numbers were written")
        if sum(more[f.label].pages for f in folios) != total:
            raise RuntimeError("the page-number overlay does not have the book's page count")
        front_layout = more["front"].layout
        _shift(front_layout, 0, anchors, bookmarks)
        link_sources.insert(0, (0, front_layout))
        _join(book, docs, [f.out for f in folios], anchors, link_sources, bookmarks, out)
        clock.lap("join")
        return total


def _halves(total: int, front_work: int) -> list[tuple[int, int]]:
    """Pages ``1..total`` in two runs for the page-number overlay, the first one shorter by
    the contents rendered beside it (``front_work``, in overlay pages: laying out an entry of
    the contents costs about as much as 3/4 of a blank page), so both cores finish together."""
    cut = max(1, min(total - 1, (total - front_work) // 2))
    return [(1, cut), (cut + 1, total)] if total > 1 else [(1, total)]


def _shift(layout: Layout, offset: int, anchors: dict, bookmarks: list) -> None:
    for name, (page, x, y) in layout.anchors.items():
        anchors.setdefault(name, (page + offset, x, y))
    for page, level, label, x, y in layout.bookmarks:
        bookmarks.append((page + offset, level, label, x, y))


def folio_html(first: int, last: int, total: int, lang: str = "en") -> str:
    """Blank pages ``first..last`` of a book of ``total`` pages, each with the book's "Page N of
    M" (in ``lang``) where ``book.css`` puts it (none on the cover, page 1). The number is
    written out (a string per page), so the overlay can be rendered in runs, one per core."""
    from html import escape

    pages = "".join(
        '<div class="folio-cover"></div>' if n == 1 else
        f'<div class="folio-page" style="string-set: folio '
        f'{escape(str(css_string(folio_text(lang, n, total))))}"></div>'
        for n in range(first, last + 1))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
            '@page { @top-left { content: none; } @top-right { content: none; } '
            '@bottom-left { content: none; } @bottom-right { content: string(folio); } } '
            '.folio-cover { page: cover; break-after: page; height: 1px; } '
            '.folio-page { break-after: page; height: 1px; } '
            'div:last-child { break-after: auto; }'
            f'</style></head><body>{pages}</body></html>')


def _join(book: Book, docs: list[Path], overlays: list[Path], anchors: dict,
          link_sources: list[tuple[int, Layout]], bookmarks: list, out: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    structure = _Structure(writer)
    # Kept to the end: pypdf finds the copy of a reader's object by the reader's id, which a
    # freed reader could pass on to the next one.
    readers = []
    for doc in docs:
        reader = PdfReader(doc)
        readers.append(reader)
        start = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        structure.add(reader, start)
        reader.resolved_objects.clear()  # what was read is copied: free the reader's copy
    folio = [page for overlay in overlays for page in PdfReader(overlay).pages]
    refs = [p.indirect_reference for p in writer.pages]

    def destination(name: str):
        page, x, y = anchors[name]
        return ArrayObject([refs[page], NameObject("/XYZ"), FloatObject(round(x, 2)),
                            FloatObject(round(y, 2)), NumberObject(0)])

    wrap = _stamp_wrappers(writer)
    for i, page in enumerate(writer.pages):
        _stamp(writer, page, folio[i], wrap)
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            dest = obj.get("/Dest")
            if isinstance(dest, (str, TextStringObject)) and str(dest) in anchors:
                obj[NameObject("/Dest")] = destination(str(dest))
    # Links from the contents and the sources to other parts: WeasyPrint left them out.
    for offset, layout in link_sources:
        for page, name, rect in layout.links:
            if name not in anchors or name in layout.anchors:
                continue
            link = DictionaryObject({
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(round(v, 2)) for v in rect]),
                NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
                NameObject("/Dest"): destination(name),
            })
            writer.add_annotation(page + offset, link)
    _outline(writer, bookmarks)
    writer.add_metadata({
        "/Title": f"{book.title}: {book.subtitle}" if book.subtitle else book.title,
        "/Author": book.author,
        "/Subject": book.description,
        "/Keywords": ", ".join(book.keywords),
        "/Creator": "briefings pdf (WeasyPrint)",
        "/Producer": "WeasyPrint and pypdf",
        "/CreationDate": book.generated.strftime("D:%Y%m%d%H%M%SZ"),
        "/ModDate": book.generated.strftime("D:%Y%m%d%H%M%SZ"),
    })
    writer.page_mode = "/UseOutlines"
    # Every part embeds the same (whole) fonts: keep one copy of each.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    tmp.replace(out)


def _stream(writer, data: bytes, extra: dict | None = None):
    from pypdf.generic import DecodedStreamObject

    obj = DecodedStreamObject()
    obj.set_data(data)
    obj.update(extra or {})
    return writer._add_object(obj.flate_encode())


def _stamp_wrappers(writer) -> tuple:
    """The two content streams around a page's own (``q`` ... ``Q``, then the overlay drawn as
    a pagination artifact, which screen readers skip): the same for every page, so written
    once."""
    return _stream(writer, b"q\n"), _stream(
        writer, b"\nQ /Artifact <</Type /Pagination /Subtype /Footer>> BDC q /BriefingsFolio Do Q "
        b"EMC\n")


def _stamp(writer, page, overlay, wrap: tuple) -> None:
    """Draw ``overlay`` (a page of another PDF) over ``page``, as a form XObject: the page's
    own content streams are left as they are (pypdf's ``merge_page`` parses, rewrites and
    re-compresses them, a few milliseconds a page). ``wrap``: :func:`_stamp_wrappers`."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    form = _stream(writer, overlay.get_contents().get_data(), {
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(v) for v in overlay.mediabox]),
        NameObject("/Resources"): overlay[NameObject("/Resources")].clone(writer),
    })
    resources = DictionaryObject(page[NameObject("/Resources")].get_object())
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject("/BriefingsFolio")] = form
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else ArrayObject()
    if not isinstance(contents, ArrayObject):
        contents = ArrayObject([page.raw_get("/Contents")])
    page[NameObject("/Contents")] = ArrayObject([wrap[0], *contents, wrap[1]])


class _Structure:
    """One structure tree for the book: the first part's, copied whole, with the elements of
    every other part appended to its ``Document`` element in order (:meth:`add`, a part at a
    time, after its pages). The parent-tree keys of a later part (its pages' ``/StructParents``,
    its links' ``/StructParent``) are shifted past the ones before it; ``add_page`` left
    ``/StructParents`` out of the pages it copied, so they get it back here. The catalog gets
    the parts' language and marks."""

    def __init__(self, writer):
        self.writer = writer
        self.main = self.nums = None
        self.offset = 0

    @staticmethod
    def _document(tree):  # WeasyPrint's tree: one Document element
        kids = tree["/K"]
        return kids[0] if isinstance(kids, list) else kids

    def add(self, reader, start: int) -> None:
        from pypdf.generic import DictionaryObject, NameObject, NumberObject

        writer, offset = self.writer, self.offset
        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            return  # an untagged part
        tree = tree.get_object()
        old_nums = tree["/ParentTree"].get_object()["/Nums"]
        if self.main is None:
            root = tree.clone(writer)  # with its elements and parent tree
            writer.root_object[NameObject("/StructTreeRoot")] = root.indirect_reference
            self.main = self._document(root).get_object()
            self.nums = root["/ParentTree"].get_object()["/Nums"]
            for key in ("/Lang", "/MarkInfo"):
                if key in reader.root_object:
                    writer.root_object[NameObject(key)] = reader.root_object[key].clone(writer)
            writer.create_viewer_preferences().display_doctitle = True
        else:
            # the part's Document element without its parent: its elements are copied with it,
            # then moved into the book's
            copy = self._document(tree).get_object().clone(writer, ignore_fields=[1, "/P"])
            for kid in copy["/K"]:
                kid.get_object()[NameObject("/P")] = self.main.indirect_reference
                self.main["/K"].append(kid)
            for k in range(0, len(old_nums), 2):
                self.nums.append(NumberObject(old_nums[k] + offset))
                self.nums.append(old_nums[k + 1].clone(writer))
        for k, page in enumerate(reader.pages):
            copied = writer.pages[start + k]
            if "/StructParents" in page:
                copied[NameObject("/StructParents")] = NumberObject(page["/StructParents"]
                                                                    + offset)
            for annot in copied.get("/Annots") or []:
                obj = annot.get_object()
                if isinstance(obj, DictionaryObject) and "/StructParent" in obj:
                    obj[NameObject("/StructParent")] = NumberObject(obj["/StructParent"] + offset)
        self.offset += 1 + max((int(key) for key in old_nums[::2]), default=-1)


def _outline(writer, bookmarks: list[tuple[int, int, str, float, float]]) -> None:
    from pypdf.generic import Fit

    parents: dict[int, object] = {}
    for page, level, label, x, y in sorted(bookmarks, key=lambda b: (b[0], -b[4])):
        parent = next((parents[lv] for lv in range(level - 1, 0, -1) if lv in parents), None)
        item = writer.add_outline_item(title=label, page_number=page, parent=parent,
                                       fit=Fit.xyz(left=x, top=y, zoom=0), is_open=False)
        parents[level] = item
        for deeper in [lv for lv in parents if lv > level]:
            del parents[deeper]
