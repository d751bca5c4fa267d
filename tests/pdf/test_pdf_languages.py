"""The books in Albanian and Serbian: ``briefings pdf --lang sq|sr`` writes them under that
language's root, with their fixed words, dates, actor names and /Lang in the language; the
developments' own text stays English."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pdfread import page_texts, squash
from pypdf import PdfReader

from briefings.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "tests" / "fixtures" / "content"
ENTRY_2016 = "2016-12-07-nato-secretary-general-replies-to-mustafa"
#: The books' own English words (cover, contents, parts, labels, notices, footers): none may
#: remain in a book of another language ("Period" is Serbian too).
ENGLISH = re.compile(r"\b(Contents|Sources|Page \d+ of|Generated|generated|Briefing book|"
                     r"BRIEFING BOOK|DEVELOPMENT BRIEFING|Developments|ACTORS|ACTOR|"
                     r"LOCATION|FOR THE READER|Occurred|Planned|Awaiting a date|Cited by|"
                     r"accessed|Undated|undated|Machine-made|The whole chronology|"
                     r"Security Cooperation Chronology|No source gives a date)\b")


def english_words(pdf: Path) -> set[str]:
    return set(ENGLISH.findall(" ".join(page_texts(pdf))))


def test_albanian_books_go_under_sq_with_albanian_words(fixture_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    slug = "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
    # a development whose Albanian page is missing (an older build) keeps its English article
    shutil.rmtree(site / "sq" / "briefings" / ENTRY_2016)
    assert cli(["pdf", "--site", str(site), "--content", str(CONTENT), "--lang", "sq"]) == 0
    made = {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}
    assert "sq/pdf/chronology.pdf" in made and "sq/pdf/2025.pdf" in made
    assert len([p for p in made if p.startswith("sq/pdf/briefings/")]) == 4
    assert not (site / "pdf").exists()  # English stays where it was (none asked for here)

    book = site / "sq" / "pdf" / "chronology.pdf"
    texts = page_texts(book)
    assert "LIBËR INFORMUES" in texts[0] and "Periudha" in texts[0]
    assert "7 dhjetor 2016 – shtator 2025" in texts[0]
    assert "në anglisht" in texts[0]  # the developments are said to be in English
    assert "Përmbajtja" in texts[1] and "Burimet" in texts[1]
    assert "18 mars 2025" in " ".join(texts) and "Në pritje të datës" in " ".join(texts)
    assert "Cituar nga" in texts[-1]
    assert all(f"Faqja {i} nga {len(texts)}" in t for i, t in enumerate(texts[1:], 2))
    # a development's own words stay as written where nothing translates them, and a whole
    # translation (tests/fixtures/content/translations/sq/) gives its title
    assert squash("Implementation plan of the trilateral declaration to be presented to the "
                  "defence ministries") in squash(" ".join(texts))
    assert squash("Sekretari i Përgjithshëm i NATO-s i përgjigjet kryeministrit Mustafa") in \
        squash(" ".join(texts))
    assert english_words(book) == set()
    assert PdfReader(book).trailer["/Root"]["/Lang"] == "sq"

    single = site / "sq" / "pdf" / "briefings" / f"{slug}.pdf"
    assert "INFORMIM PËR ZHVILLIMIN" in page_texts(single)[0]
    assert "Nga vjen data" in page_texts(single)[0]
    # a development without an Albanian page keeps its English page's article
    other = site / "sq" / "pdf" / "briefings" / f"{ENTRY_2016}.pdf"
    assert "Where the date comes from" in " ".join(page_texts(other))
    assert PdfReader(single).trailer["/Root"]["/Lang"] == "sq"


def test_a_whole_translation_is_the_development_in_its_language(fixture_site: Path,
                                                                tmp_path: Path):
    """Title, summary and text from the translation (its text from the Albanian page); date,
    sources and evidence from the original."""
    out = tmp_path / "reply.pdf"
    assert cli(["pdf", "--site", str(fixture_site), "--content", str(CONTENT), "--lang", "sq",
                "--from", "2016-12-07", "--to", "2016-12-07", "-o", str(out)]) == 0
    text = squash(" ".join(page_texts(out)))
    for words in ("Sekretari i Përgjithshëm i NATO-s i përgjigjet kryeministrit Mustafa",
                  "Këshilli i Atlantikut të Veriut kishte vendosur", "Kryeministri njoftoi",
                  "7 dhjetor 2016", "which came to us yesterday from NATO"):
        assert squash(words) in text, words
    assert squash("The Prime Minister announced") not in text
    assert squash("NATO Secretary General replies") not in text


def test_serbian_custom_book_names_actors_in_serbian(fixture_site: Path, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    actors = content / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "  aliases: [Republic of Albania, Shqipëri]\n",
        "  aliases: [Republic of Albania, Shqipëri]\n  names: {sq: Shqipëria, sr: Albanija}\n"),
        encoding="utf-8")
    out = tmp_path / "albanija.pdf"
    assert cli(["pdf", "--site", str(fixture_site), "--content", str(content), "--lang", "sr",
                "--actor", "albania", "--from", "2025", "-o", str(out)]) == 0
    texts = page_texts(out)
    text = " ".join(texts)
    assert "Akter Albanija" in texts[0]  # the filter, and the actor's Serbian name
    assert "2025. – danas" in texts[0]  # from a year to today
    assert "Sadržaj" in texts[1] and "Izvori" in texts[-1]
    assert "18. mart 2025." in text and "AKTERI Kosovo, Albanija, Croatia" in text
    assert f"Strana 2 od {len(texts)}" in texts[1]
    assert english_words(out) == set()
    assert PdfReader(out).trailer["/Root"]["/Lang"] == "sr"


def test_page_numbers_of_a_book_in_parts_are_in_its_language(tmp_path: Path):
    """A long book's "page N of M" is an overlay of its own (briefings/pdf/chunked.py)."""
    from briefings.pdf.chunked import folio_html
    from briefings.pdf.render import render_html

    out = tmp_path / "folio.pdf"
    assert render_html(folio_html(1, 3, 3, "sr"), out) == 3
    assert page_texts(out)[1:] == ["Strana 2 od 3", "Strana 3 od 3"]


def test_the_stylesheet_keeps_no_words():
    """The words in the margins come from the template, in the book's language."""
    css = (ROOT / "briefings" / "pdf" / "book.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    values = re.findall(r"(?:content|string-set)\s*:([^;}]*)", css)
    assert values and not [v for v in values if re.search(r'"[^"]*[A-Za-z][^"]*"', v)]


def test_a_translated_headline_and_summary_lead_the_development_in_its_language(
        fixture_site: Path, tmp_path: Path):
    out = tmp_path / "declaration.pdf"
    assert cli(["pdf", "--site", str(fixture_site), "--content", str(CONTENT), "--lang", "sq",
                "--from", "2025-03-18", "--to", "2025-03-18", "-o", str(out)]) == 0
    text = squash(" ".join(page_texts(out)))
    assert squash("Kosova, Shqipëria dhe Kroacia nënshkruajnë në Tiranë") in text
    assert squash("një deklaratë që i angazhon për bashkëpunim më të ngushtë") in text
