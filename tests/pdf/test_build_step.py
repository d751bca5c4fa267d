"""`briefings build` runs the pdf step after Pelican: the site comes with its PDFs."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from briefings.build import STEPS, build


def test_pdf_step_comes_after_pelican_and_search():
    names = [name for name, _ in STEPS]
    assert "pdf" in names
    assert names.index("pdf") > names.index("pelican")
    if "search" in names:
        assert names.index("pdf") > names.index("search")


def test_build_makes_the_pdfs(root: Path, fixture_content: Path, tmp_path: Path):
    out = tmp_path / "output"
    ctx = build(root, fixture_content, root / "pelican.conf.py", out)
    assert "pdf" in ctx.timings
    book = out / "pdf" / "chronology.pdf"
    assert len(PdfReader(book).pages) >= 5
    assert (out / "pdf" / "2025.pdf").exists()
    assert len(list((out / "pdf" / "briefings").glob("*.pdf"))) == 4
    assert not list(out.parent.glob(".output-*"))  # the staging directory was swapped in
