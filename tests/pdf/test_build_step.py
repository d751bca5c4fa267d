"""`briefings build` runs the pdf step after Pelican: the site comes with its PDFs, in
English, Albanian and Serbian."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

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
    for lang in ("sq", "sr"):  # the same PDFs under each language's root
        names = {p.relative_to(out / lang).as_posix() for p in (out / lang).rglob("*.pdf")}
        assert names == {p.relative_to(out).as_posix() for p in (out / "pdf").rglob("*.pdf")}
    # each language's pages link its own PDFs, and every link finds its file
    for lang in ("sq", "sr"):
        links = {href for page in (out / lang).rglob("*.html")
                 for href in re.findall(r'href="([^"]*\.pdf)"', page.read_text("utf-8"))}
        assert links and all(urlsplit(h).path.startswith(f"/{lang}/pdf/") and (
            out / urlsplit(h).path.lstrip("/")).exists() for h in links), sorted(links)
    assert not list(out.parent.glob(".output-*"))  # the staging directory was swapped in


def test_a_second_build_reuses_what_did_not_change(root: Path, fixture_content: Path,
                                                   tmp_path: Path, capsys):
    out = tmp_path / "output"
    build(root, fixture_content, root / "pelican.conf.py", out)
    pdfs = out / "pdf"
    before = {p.name: p.stat().st_mtime_ns for p in pdfs.rglob("*.pdf")}
    entry = fixture_content / "briefings" / "2016" / \
        "2016-12-07-nato-secretary-general-replies-to-mustafa.md"
    entry.write_text(entry.read_text().replace(
        "Title: NATO Secretary General replies", "Title: NATO's Secretary General replies"))
    capsys.readouterr()
    build(root, fixture_content, root / "pelican.conf.py", out)
    assert "unchanged" in capsys.readouterr().out
    after = {p.name: p.stat().st_mtime_ns for p in pdfs.rglob("*.pdf")}
    assert before.keys() == after.keys()
    changed = {name for name in after if after[name] != before[name]}
    # the edited development, its year and the whole chronology; not the others
    assert changed == {"2016-12-07-nato-secretary-general-replies-to-mustafa.pdf", "2016.pdf",
                       "chronology.pdf"}
    assert "NATO's Secretary General" in pypdf_text_of(pdfs / "2016.pdf")


def pypdf_text_of(pdf: Path) -> str:
    return " ".join(p.extract_text() for p in PdfReader(pdf).pages)
