"""The PDFs of the fixture site, read back with pypdf and pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from pdfread import page_texts, pypdf_text, squash
from pypdf import PdfReader

from briefings.pdf.content import load_corpus

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "tests" / "fixtures" / "content"

CORPUS, _ = load_corpus(CONTENT)
ENTRIES = CORPUS.entries  # date order, undated last
TOC_LINE = re.compile(r"(\d+)$")


def first_page_with(texts: list[str], needle: str, start: int = 0) -> int:
    """1-based number of the first page from ``start`` whose text holds ``needle``."""
    target = squash(needle)
    for i, text in enumerate(texts[start:], start):
        if target in squash(text):
            return i + 1
    raise AssertionError(f"{needle!r} is on no page")


def test_every_pdf_of_the_site_exists(site_pdfs: Path):
    names = {p.relative_to(site_pdfs).as_posix() for p in site_pdfs.rglob("*.pdf")}
    expected = {"chronology.pdf", "2016.pdf", "2025.pdf"} | {
        f"briefings/{e.slug}.pdf" for e in ENTRIES}
    assert names == expected


def test_chronology_has_cover_contents_developments_and_sources(site_pdfs: Path):
    pdf = site_pdfs / "chronology.pdf"
    texts = page_texts(pdf)
    assert len(texts) == len(PdfReader(pdf).pages)
    # cover, contents, one part per year, awaiting a date, sources
    assert len(texts) == 6
    cover = texts[0]
    assert "Briefing book" in cover or "BRIEFING BOOK" in cover
    assert "7 December 2016 – September 2025" in cover
    today = dt.datetime.now(dt.UTC)
    assert f"{today.day} {today:%B %Y}" in cover
    assert "Contents" in texts[1]
    assert "Awaiting a date" in texts[4] and "Sources" in texts[5]
    for i, text in enumerate(texts[1:], 2):
        assert f"Page {i} of {len(texts)}" in text


def test_developments_in_date_order_with_dates_at_their_precision(site_pdfs: Path):
    texts = page_texts(site_pdfs / "chronology.pdf")
    body = " ".join(texts[2:])
    positions = [squash(body).index(squash(e.title)) for e in ENTRIES]
    assert positions == sorted(positions)
    for e in ENTRIES:
        assert e.display_date() in body or e.date is None
    assert "September 2025 Planned" in body  # month precision, and the status
    assert "1 September 2025" not in body
    undated = ENTRIES[-1]
    assert first_page_with(texts, undated.title, 2) == first_page_with(texts,
                                                                       "Awaiting a date", 2)


def test_contents_page_numbers_are_where_the_sections_start(site_pdfs: Path):
    pdf = site_pdfs / "chronology.pdf"
    texts = page_texts(pdf)
    lines = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    numbers = [int(m.group(1)) for ln in lines
               if (m := TOC_LINE.search(ln.strip())) and not re.search(r"Page \d+ of", ln)]
    # 2016, its entry, 2025, its two entries, Awaiting a date, its entry, Sources
    assert len(numbers) == 8, lines
    expected_titles = ["2016", ENTRIES[0].title, "2025", ENTRIES[1].title, ENTRIES[2].title,
                       "Awaiting a date", ENTRIES[3].title, "Sources"]
    for number, title in zip(numbers, expected_titles, strict=True):
        assert first_page_with(texts, title, 2) == number, title


def test_every_source_url_is_in_the_book_as_text_and_link(site_pdfs: Path):
    pdf = site_pdfs / "chronology.pdf"
    text = pypdf_text(pdf)
    uris = set()
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    for key in {k for e in ENTRIES for k in e.sources}:
        url = CORPUS.sources[key].url
        assert squash(url) in text, url
        assert url in uris, url


def test_contents_links_go_to_pages(site_pdfs: Path):
    reader = PdfReader(site_pdfs / "chronology.pdf")
    contents = reader.pages[1]
    dests = [a.get_object().get("/Dest") for a in contents.get("/Annots") or []]
    dests = {str(d) for d in dests if d is not None}  # one annotation per line or box
    assert dests == {"year-2016", "year-2025", "awaiting-a-date", "sources"} | {
        f"dev-{e.slug}" for e in ENTRIES}
    named = reader.named_destinations
    for d in dests:
        assert str(d) in named, d
    # the destination of the first development is the page its title is on
    texts = page_texts(site_pdfs / "chronology.pdf")
    target = named[f"dev-{ENTRIES[0].slug}"]
    page_no = reader.get_destination_page_number(target) + 1
    assert page_no == first_page_with(texts, ENTRIES[0].title, 2)


def test_metadata_and_embedded_fonts(site_pdfs: Path):
    reader = PdfReader(site_pdfs / "chronology.pdf")
    meta = reader.metadata
    assert meta.title.startswith("Kosovo Security Cooperation Chronology")
    assert meta.creation_date.date() == dt.datetime.now(dt.UTC).date()
    fonts = subprocess.run(["pdffonts", str(site_pdfs / "chronology.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_year_books_hold_their_year_only(site_pdfs: Path):
    for year in (2016, 2025):
        text = squash(" ".join(page_texts(site_pdfs / f"{year}.pdf")))
        for e in ENTRIES:
            inside = e.date is not None and e.date.year == year
            assert (squash(e.title) in text) == inside, (year, e.slug)
        assert squash(f"Developments of {year}") in text


def test_development_pdf_has_its_text_and_sources(site_pdfs: Path):
    e = ENTRIES[1]
    pdf = site_pdfs / "briefings" / f"{e.slug}.pdf"
    texts = page_texts(pdf)
    assert len(texts) == 1
    assert squash(e.title) in squash(texts[0])
    assert "18 March 2025" in texts[0]
    for key in e.sources:
        assert squash(CORPUS.sources[key].url) in pypdf_text(pdf)
    assert PdfReader(pdf).metadata.title == e.title


def test_pages_render_to_images(site_pdfs: Path, tmp_path: Path):
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "3",
                    str(site_pdfs / "chronology.pdf"), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 3
    assert all(p.stat().st_size > 1000 for p in pngs)


def test_no_development_is_split_from_its_heading(site_pdfs: Path):
    """Title, date line and summary of each development are on one page."""
    texts = page_texts(site_pdfs / "chronology.pdf")
    for e in ENTRIES:
        page = first_page_with(texts, e.title, 2)
        assert squash(e.summary_text) in squash(texts[page - 1]), e.slug
