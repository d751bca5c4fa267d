"""Background entries (``Scope: background``) in the real build: every output path of the
chronology leaves them out (TimelineJS data, plain downloads, home list and "awaiting a date",
year and actor pages, feeds, sitemap, search index, PDF books); their own pages are kept and
say what they are, and the entries that share a source list them under Background.

The fixture content plus tests/fixtures/scope (one dated, one undated background entry, each
sharing a source with a development)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BACKGROUND = {
    "2016-11-stabilisation-and-association-council-meets":
        "Prime Minister Mustafa attends a Stabilisation and Association Council",
    "neighbours-object-to-the-declaration":
        "A neighbouring government objects to the three-country defence declaration",
}
DEVELOPMENT_2016 = "2016-12-07-nato-secretary-general-replies-to-mustafa"
UNDATED_DEVELOPMENT = "maqedonci-state-military-factory-planned"


@pytest.fixture(scope="module")
def scope_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("scope") / "content"
    shutil.copytree(FIXTURES / "content", content)
    shutil.copytree(FIXTURES / "scope" / "briefings", content / "briefings", dirs_exist_ok=True)
    return content


@pytest.fixture(scope="module")
def scope_site(scope_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefings.build import build

    out = tmp_path_factory.mktemp("scope-site") / "output"
    build(ROOT, scope_content, ROOT / "pelican.conf.py", out, skip=("pdf",))
    return out


def _no_background(text: str, where: str) -> None:
    for slug, title in BACKGROUND.items():
        assert slug not in text, f"{where} names {slug}"
        assert title not in text, f"{where} shows '{title}'"


def test_the_fixture_entries_are_valid(scope_content):
    from briefings.validate import validate

    problems = validate([scope_content], scope_content)
    assert [p.format() for p in problems if p.is_error] == []


def test_timeline_data_and_downloads_leave_background_out(scope_site):
    for rel in ("timeline.json", "timeline/all.json", "timeline/2016.json",
                "timeline/2025.json", "timeline/index.json", "data/chronology.json",
                "data/chronology.csv"):
        _no_background((scope_site / rel).read_text(encoding="utf-8"), rel)
    index = json.loads((scope_site / "timeline" / "index.json").read_text(encoding="utf-8"))
    assert index["years"] == {"2025": 2, "2016": 1} and index["total"] == 3
    rows = list(csv.DictReader(io.StringIO(
        (scope_site / "data" / "chronology.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 3


def test_home_lists_and_awaiting_a_date_leave_background_out(scope_site):
    home = (scope_site / "index.html").read_text(encoding="utf-8")
    _no_background(home, "the home page")
    assert f"/briefings/{UNDATED_DEVELOPMENT}/" in home  # awaiting a date: developments only
    assert "3 dated developments" in home and "1 awaiting a date" in home
    for page in ["years/2016/index.html", "actors/index.html", "actors/kosovo/index.html",
                 "actors/albania/index.html"]:
        _no_background((scope_site / page).read_text(encoding="utf-8"), page)


def test_feeds_leave_background_out(scope_site):
    feeds = sorted((scope_site / "feeds").rglob("*.xml"))
    assert scope_site / "feeds" / "all.atom.xml" in feeds
    assert scope_site / "feeds" / "actors" / "kosovo.atom.xml" in feeds
    for feed in feeds:
        _no_background(feed.read_text(encoding="utf-8"), feed.name)


def test_sitemap_lists_the_chronology_only(scope_site):
    sitemap = (scope_site / "sitemap.xml").read_text(encoding="utf-8")
    _no_background(sitemap, "sitemap.xml")
    assert f"/briefings/{DEVELOPMENT_2016}/" in sitemap
    assert f"/briefings/{UNDATED_DEVELOPMENT}/" in sitemap


def test_search_index_holds_developments_only(scope_site):
    urls = sorted(json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
                  for p in (scope_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(urls) == 4 * 3  # in English, Albanian and Serbian
    assert {f"/{lang}briefings/{DEVELOPMENT_2016}/" for lang in ("", "sq/", "sr/")} <= set(urls)
    _no_background(" ".join(urls), "the search index")


def test_background_pages_are_kept_and_say_what_they_are(scope_site):
    for slug, title in BACKGROUND.items():
        page = (scope_site / "briefings" / slug / "index.html").read_text(encoding="utf-8")
        assert title in page
        assert "data-pagefind-body" not in page
        assert "not itself a development" in page
        assert f"/pdf/briefings/{slug}.pdf" not in page
        assert "On the interactive timeline" not in page and "awaiting a date" not in page
    dated = (scope_site / "briefings" / "2016-11-stabilisation-and-association-council-meets"
             / "index.html").read_text(encoding="utf-8")
    assert "Context for:" in dated and f"/briefings/{DEVELOPMENT_2016}/" in dated
    assert "November 2016" in dated


def test_entries_sharing_a_source_list_their_background(scope_site):
    page = (scope_site / "briefings" / DEVELOPMENT_2016 / "index.html").read_text("utf-8")
    section = page[page.index('<section class="background-context"'):]
    section = section[:section.index("</section>")]
    assert "/briefings/2016-11-stabilisation-and-association-council-meets/" in section
    assert "(November 2016)" in section
    declaration = (scope_site / "briefings"
                   / "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
                   / "index.html").read_text("utf-8")
    assert "/briefings/neighbours-object-to-the-declaration/" in declaration
    # an entry with no background source has no such section
    alone = (scope_site / "briefings" / UNDATED_DEVELOPMENT / "index.html").read_text("utf-8")
    assert "background-context" not in alone
    # and the Sources page lists them apart from the developments that cite each source
    sources = (scope_site / "sources" / "index.html").read_text("utf-8")
    item = sources[sources.index('id="src-kosovo-pmo-2016-nato-secretary-responds"'):]
    item = item[:item.index("</li>\n    <li") if "</li>\n    <li" in item else None]
    assert "Cited by 1 development:" in item
    assert "Background from this source" in item
    assert item.index(DEVELOPMENT_2016) < item.index("2016-11-stabilisation")


def test_pdf_books_leave_background_out(scope_content, tmp_path):
    from briefings.pdf.command import read_inputs, site_books
    from briefings.pdf.content import load_corpus

    corpus, problems = load_corpus(scope_content)
    assert [p for p in problems if p.is_error] == []
    assert not {e.slug for e in corpus.entries} & set(BACKGROUND)
    assert len(corpus.entries) == 4
    books = site_books(read_inputs(scope_content, tmp_path / "no-site"), tmp_path / "pdf")
    names = {out.name for _book, out in books}
    assert not any(slug in name for slug in BACKGROUND for name in names)
    for book, _out in books:
        slugs = {d.slug for g in book.groups for d in g.developments}
        assert not slugs & set(BACKGROUND)
