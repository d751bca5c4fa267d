"""Every PDF is tagged: its structure (headings, paragraphs, lists, links) and its language are
in the file, so that a screen reader can read it; a book rendered in parts is tagged like the
book in one piece."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

#: The link annotations in a structure tree, as ``pdfinfo -struct`` lists them.
OBJECT_RE = re.compile(r"^\s*Object \d+ \d+\n", re.M)


def pdfinfo(*args: str) -> str:
    return subprocess.run(["pdfinfo", *args], check=True, capture_output=True,
                          text=True).stdout


def assert_tagged(pdf: Path, claims_ua: bool = True) -> PdfReader:
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(str(pdf)), re.M), pdf
    reader = PdfReader(pdf)
    catalog = reader.root_object
    assert catalog["/Lang"] == "en"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    if claims_ua:
        xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfuaid:part[^0-9]{1,3}1", xmp), xmp
    # every page's marked content belongs to elements of the tree, through the parent tree
    nums = catalog["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert len(parents) == len(nums) // 2  # each key once
    for page in reader.pages:
        mcids = {int(n) for n in re.findall(rb"/MCID (\d+)", page.get_contents().get_data())}
        elements = parents[page["/StructParents"]]
        assert len(elements) == max(mcids) + 1
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            if "/StructParent" in obj:  # the element that holds the link
                kids = parents[obj["/StructParent"]].get_object()["/K"]
                assert any(isinstance(k.get_object(), dict) and k.get_object().get("/Obj")
                           == annot for k in (kids if isinstance(kids, list) else [kids]))
    return reader


def test_every_pdf_of_the_site_is_tagged_in_english(site_pdfs: Path):
    pdfs = sorted(site_pdfs.rglob("*.pdf"))
    assert len(pdfs) > 3
    for pdf in pdfs:
        assert_tagged(pdf)
    struct = pdfinfo("-struct", str(site_pdfs / "chronology.pdf"))
    for tag in ("Document", "H1", "H2", "P", "L", "LI", "Link"):
        assert re.search(rf"^\s*{tag}\b", struct, re.M), tag


def test_a_book_in_parts_has_the_structure_of_the_book_in_one_piece(tmp_path: Path):
    from briefings.pdf.bench import synthetic_corpus
    from briefings.pdf.book import render_book

    entries, html, sources = synthetic_corpus(12, seed=3)
    whole, parts = tmp_path / "whole.pdf", tmp_path / "parts.pdf"
    render_book(entries, html, whole, sources=sources, workers=1)
    render_book(entries, html, parts, sources=sources, part_size=4, workers=2)
    assert_tagged(whole)
    reader = assert_tagged(parts, claims_ua=False)  # see briefings/pdf/chunked.py
    # The same elements with the same text, in the same order. Only the links from one part to
    # another are not in the tree (WeasyPrint made no annotation for them: the join adds it).
    texts = [OBJECT_RE.sub("", pdfinfo("-struct-text", str(pdf))) for pdf in (whole, parts)]
    assert texts[0] == texts[1]
    assert texts[1].count('"') > 1000
    # "Page N of M", laid over every page but the cover, is outside the structure
    assert b"/Artifact <</Type /Pagination" in reader.pages[1].get_contents().get_data()


def test_pdfs_rendered_with_other_options_are_not_reused(monkeypatch):
    """An untagged PDF of an earlier build is rendered again, not copied (briefings/pdf/reuse)."""
    from briefings.pdf import render, reuse

    tagged = reuse.fingerprint("<html lang=en>")
    monkeypatch.setattr(render, "PDF_OPTIONS", {})
    reuse._salt.cache_clear()
    try:
        assert reuse.fingerprint("<html lang=en>") != tagged
    finally:
        reuse._salt.cache_clear()
