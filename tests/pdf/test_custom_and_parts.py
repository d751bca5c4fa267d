"""Custom books from the command line, and a book rendered in parts and joined."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdfread import page_texts, pypdf_text, squash
from pypdf import PdfReader

from briefings.cli import main as cli
from briefings.pdf.chunked import plan_parts
from briefings.pdf.command import read_inputs
from briefings.pdf.content import load_corpus

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "tests" / "fixtures" / "content"
CORPUS, _ = load_corpus(CONTENT)
ENTRIES = CORPUS.entries


def titles_in(pdf: Path) -> set[str]:
    text = pypdf_text(pdf)
    return {e.slug for e in ENTRIES if squash(e.title) in text}


def custom(site: Path, out: Path, *args: str) -> int:
    return cli(["pdf", "--site", str(site), "--content", str(CONTENT), *args, "-o", str(out)])


def test_period_book_holds_what_overlaps_the_period(fixture_site: Path, tmp_path: Path):
    out = tmp_path / "autumn.pdf"
    # September 2025 (month precision) overlaps a period starting mid-September
    assert custom(fixture_site, out, "--from", "2025-09-15", "--to", "2025-12") == 0
    assert titles_in(out) == {"2025-09-implementation-plan-presented-for-approval"}
    cover = page_texts(out)[0]
    assert "September 2025 – December 2025" in cover
    meta = PdfReader(out).metadata
    assert meta.title.startswith("Kosovo Security Cooperation Chronology")
    assert meta.creation_date.date() == dt.datetime.now(dt.UTC).date()


def test_actor_and_category_books(fixture_site: Path, tmp_path: Path):
    out = tmp_path / "nato.pdf"
    assert custom(fixture_site, out, "--actor", "jens-stoltenberg") == 0
    assert titles_in(out) == {"2016-12-07-nato-secretary-general-replies-to-mustafa"}
    assert "Jens Stoltenberg" in page_texts(out)[0]
    out = tmp_path / "industry.pdf"
    # no period: the undated development of the category is in, under "Awaiting a date"
    assert custom(fixture_site, out, "--category", "defence-industry") == 0
    assert titles_in(out) == {"maqedonci-state-military-factory-planned"}
    assert "Awaiting a date" in " ".join(page_texts(out))
    out = tmp_path / "agreements-2025.pdf"
    assert custom(fixture_site, out, "--from", "2025", "--to", "2025",
                  "--category", "agreements", "--actor", "croatia") == 0
    assert titles_in(out) == {"2025-03-18-kosovo-albania-croatia-sign-defence-declaration",
                              "2025-09-implementation-plan-presented-for-approval"}


@pytest.mark.parametrize("args, code", [
    (["--category", "no-such-category"], 2),
    (["--from", "2025-13"], 2),
    (["--from", "2025-06", "--to", "2025-01"], 2),
    (["--actor", "nobody"], 1),
    (["--from", "2030"], 1),  # nothing in the period
])
def test_bad_requests_fail_without_a_file(fixture_site: Path, tmp_path: Path, args, code,
                                          capsys):
    out = tmp_path / "x.pdf"
    assert custom(fixture_site, out, *args) == code
    assert not out.exists()
    assert re.search(r"E-PDF-[A-Z]+", capsys.readouterr().err)


def test_parts_are_whole_years_unless_a_year_is_too_long():
    from briefings.pdf.book import make_book

    book = make_book(ENTRIES, {})
    assert [[g.label for g in p] for p in plan_parts(book.groups, 2)] == [
        ["2016"], ["2025"], ["Awaiting a date"]]
    assert [[g.label for g in p] for p in plan_parts(book.groups, 3)] == [
        ["2016", "2025"], ["Awaiting a date"]]
    assert [[g.label for g in p] for p in plan_parts(book.groups, 1)] == [
        ["2016"], ["2025"], ["2025 (continued)"], ["Awaiting a date"]]


def test_book_in_parts_reads_like_the_book_in_one_piece(fixture_site: Path, tmp_path: Path):
    from briefings.pdf.book import render_book

    inputs = read_inputs(CONTENT, fixture_site)
    common = {"sources": CORPUS.sources, "actor_names": CORPUS.actor_names}
    whole, parts = tmp_path / "whole.pdf", tmp_path / "parts.pdf"
    n_whole = render_book(ENTRIES, inputs.html_by_slug, whole, **common)
    n_parts = render_book(ENTRIES, inputs.html_by_slug, parts, part_size=2, workers=2,
                          **common)
    assert n_whole == n_parts == len(PdfReader(parts).pages)
    texts = page_texts(parts)
    assert texts[2:] == page_texts(whole)[2:]  # same body, same page numbers, same footers
    # the contents: the same page numbers, written out
    assert texts[1] == page_texts(whole)[1]
    for i, text in enumerate(texts[1:], 2):
        assert f"Page {i} of {n_parts}" in text
    reader = PdfReader(parts)
    # contents links point at the pages where the developments start
    targets = set()
    for annot in reader.pages[1].get("/Annots") or []:
        dest = annot.get_object().get("/Dest")
        if dest is not None:
            targets.add(reader.get_page_number(dest[0].get_object()) + 1)
    starts = {next(i for i, t in enumerate(texts[2:], 3) if squash(e.title) in squash(t))
              for e in ENTRIES}
    assert starts <= targets
    assert len(reader.outline) >= 3  # parts with their developments
    for key in {k for e in ENTRIES for k in e.sources}:
        assert squash(CORPUS.sources[key].url) in pypdf_text(parts)
    assert reader.metadata.title.startswith("Kosovo Security Cooperation Chronology")


def test_links_across_parts_all_lead_somewhere(tmp_path: Path):
    """Citations in one part link to the sources in another; no link is left by name."""
    from briefings.pdf.bench import synthetic_corpus
    from briefings.pdf.book import render_book

    entries, html, sources = synthetic_corpus(12, seed=3)
    out = tmp_path / "synthetic.pdf"
    pages = render_book(entries, html, out, sources=sources, part_size=4, workers=2)
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    texts = page_texts(out)
    sources_page = next(i for i, t in enumerate(texts) if t.startswith(
        "Kosovo Security Cooperation Chronology Sources"))
    to_sources = 0
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            if "/Dest" not in obj:
                continue
            dest = obj["/Dest"]
            assert not isinstance(dest, str), dest  # resolved to a page, not left by name
            target = reader.get_page_number(dest[0].get_object())
            if number > 1 and target >= sources_page:
                to_sources += 1
    assert to_sources >= len(entries)  # every development cites at least one source


@pytest.mark.parametrize("total, front_work", [(2, 0), (7, 3), (1048, 750), (40, 900)])
def test_page_number_overlay_runs_cover_every_page_once(total: int, front_work: int):
    from briefings.pdf.chunked import _halves

    runs = _halves(total, front_work)
    assert len(runs) == 2
    pages = [n for first, last in runs for n in range(first, last + 1)]
    assert pages == list(range(1, total + 1))


def test_page_number_overlay_writes_each_number(tmp_path: Path):
    from briefings.pdf.chunked import folio_html
    from briefings.pdf.render import render_html

    out = tmp_path / "folio.pdf"
    assert render_html(folio_html(1, 4, 9), out, full_fonts=False) == 4
    texts = page_texts(out)
    assert texts[0] == ""  # the cover has no number
    assert texts[1:] == ["Page 2 of 9", "Page 3 of 9", "Page 4 of 9"]
    out = tmp_path / "folio-end.pdf"
    assert render_html(folio_html(8, 9, 9), out, full_fonts=False) == 2
    assert page_texts(out) == ["Page 8 of 9", "Page 9 of 9"]


def test_sources_lead_back_to_the_developments_that_cite_them(tmp_path: Path):
    """Each source lists the dates of the developments citing it, as links to their pages
    (in another part of the book)."""
    from briefings.pdf.bench import synthetic_corpus
    from briefings.pdf.book import render_book

    entries, html, sources = synthetic_corpus(10, seed=5)
    out = tmp_path / "synthetic.pdf"
    render_book(entries, html, out, sources=sources, part_size=4, workers=2)
    reader = PdfReader(out)
    texts = page_texts(out)
    first_sources_page = next(i for i, t in enumerate(texts) if t.startswith(
        "Kosovo Security Cooperation Chronology Sources"))
    assert "Cited by" in texts[first_sources_page]
    back = set()
    for page in reader.pages[first_sources_page:]:
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                back.add(reader.get_page_number(dest[0].get_object()))
    # the pages where the developments start (after the cover and the contents)
    starts = {next(i for i, t in enumerate(texts[2:], 2) if squash(e.title) in squash(t))
              for e in entries}
    assert back and back <= starts


def test_a_summary_prints_as_the_site_shows_it_not_as_its_markdown(tmp_path: Path):
    """Ingest escapes a source's ``<`` and ``_`` once, for Markdown; the PDF shows the words."""
    import datetime as dt

    from briefings.model import Entry
    from briefings.pdf.book import render_book

    summary = (r"Hostile News &lt;img src=x> says a &lt; b for window.\_\_x, "
               r"\[x\]\(javascript:1) and 3 < 4 &amp;lt; done.")
    e = Entry(title="A summary with escapes", slug="2025-01-02-escapes", category="statements",
              summary=summary, sources=[], date=dt.date(2025, 1, 2), date_precision="day")
    out = tmp_path / "one.pdf"
    render_book([e], {e.slug: None}, out, sources={}, workers=1)
    text = " ".join(page_texts(out))
    assert "Hostile News <img src=x> says a < b for window.__x, [x](javascript:1) and 3 < 4 " \
        "&lt; done." in text
