"""Selection by period/actor/category, the bibliography reader, and the article made fit for
paper (no PDF rendering here: these are fast)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest

from briefings.model import Entry
from briefings.pdf.article import clean_article, extract_article
from briefings.pdf.book import (
    book_html,
    css_string,
    make_book,
    partial_date_label,
    source_views,
)
from briefings.pdf.content import (
    Source,
    interval,
    load_corpus,
    load_entries,
    load_sources,
    parse_period_bound,
    select,
    sort_entries,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
D = dt.date


def entry(slug: str, date: dt.date | None, precision: str | None = "day", **kw) -> Entry:
    return Entry(title=kw.pop("title", slug), slug=slug, category=kw.pop("category", "agreements"),
                 summary="", sources=kw.pop("sources", []), date=date, date_precision=precision,
                 **kw)


def test_interval_covers_the_days_of_the_precision():
    assert interval(D(2025, 9, 1), "month") == (D(2025, 9, 1), D(2025, 9, 30))
    assert interval(D(2024, 2, 1), "month") == (D(2024, 2, 1), D(2024, 2, 29))
    assert interval(D(2025, 1, 1), "year") == (D(2025, 1, 1), D(2025, 12, 31))
    assert interval(D(2025, 3, 18), "day") == (D(2025, 3, 18), D(2025, 3, 18))


def test_period_bounds_are_first_and_last_days():
    assert parse_period_bound("2025-01", end=False) == D(2025, 1, 1)
    assert parse_period_bound("2025-12", end=True) == D(2025, 12, 31)
    assert parse_period_bound("2025", end=True) == D(2025, 12, 31)
    assert parse_period_bound("2025-02-03", end=True) == D(2025, 2, 3)
    for bad in ("2025-13", "25-01", "2025/01", "2025-02-30"):
        with pytest.raises(ValueError):
            parse_period_bound(bad, end=False)


def test_a_development_is_in_a_period_when_its_interval_overlaps():
    es = [entry("sep", D(2025, 9, 1), "month"), entry("day", D(2025, 3, 18)),
          entry("year24", D(2024, 1, 1), "year"), entry("undated", None, None)]
    mid_sept = select(es, D(2025, 9, 15), D(2025, 9, 15))
    assert [e.slug for e in mid_sept] == ["sep"]
    assert [e.slug for e in select(es, D(2024, 12, 31), D(2025, 3, 17))] == ["year24"]
    assert [e.slug for e in select(es, D(2025, 3, 18), None)] == ["sep", "day"]
    # no period: undated developments are kept
    assert len(select(es)) == 4


def test_actor_and_category_filters():
    es = [entry("a", D(2025, 1, 1), actors=["nato", "kosovo"]),
          entry("b", D(2025, 1, 2), actors=["kosovo"], category="statements")]
    assert [e.slug for e in select(es, actor="nato")] == ["a"]
    assert [e.slug for e in select(es, category="statements")] == ["b"]
    assert select(es, actor="nato", category="statements") == []


def test_sort_puts_day_before_month_before_year_and_undated_last():
    es = [entry("u", None, None), entry("y", D(2025, 1, 1), "year"),
          entry("m", D(2025, 1, 1), "month"), entry("d", D(2025, 1, 1))]
    assert [e.slug for e in sort_entries(es)] == ["d", "m", "y", "u"]


def test_an_entry_whose_slug_is_no_slug_gets_no_pdf(tmp_path):
    import shutil

    from briefings.pdf.command import build_site_pdfs
    from briefings.problems import ProblemError

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    (path,) = (content / "briefings" / "2016").glob("*.md")
    path.write_text(re.sub(r"(?m)^Slug: .*$", "Slug: ../../../evil", path.read_text()))
    entries, problems = load_entries(content)
    assert "../../../evil" not in [e.slug for e in entries]
    assert [(p.code, p.line) for p in problems] == [("E-PDF-SLUG", 5)]
    with pytest.raises(ProblemError):
        build_site_pdfs(content, tmp_path / "site")
    assert not list(tmp_path.rglob("*.pdf"))


def test_bibliography_reader_reports_failed_blocks(tmp_path):
    bib = tmp_path / "bibliography.bib"
    bib.write_text((FIXTURES / "content" / "bibliography.bib").read_text()
                   + "\n@online{broken, title = {no closing brace}\n"
                   + "@online{rksnews-2025-kosovo-albania-croatia, title = {dup}}\n")
    sources, problems = load_sources(bib)
    assert "kosovo-pmo-2016-nato-secretary-responds" in sources
    assert sources["rksnews-2025-kosovo-albania-croatia"].url == "https://rks.news/?p=67949"
    assert sources["rksnews-2025-kosovo-albania-croatia"].author == "RKS News"
    assert {p.code for p in problems} == {"E-BIB-PARSE", "E-BIB-DUPLICATE-KEY"}
    assert len(problems) == 2
    assert all(p.line > 30 for p in problems)  # after the fixture's own entries


def test_protected_words_and_latex_in_titles_print_as_plain_text(tmp_path):
    """``{Kosovo}`` keeps its case for citeproc; on paper it is the word, not markup."""
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@online{pact, title = {Balkan defense pact: {Kosovo}, {Albania} "
                   "\\& {Croatia} unite}, organization = {Balkan{EU}}, date = {2025-08}}\n")
    sources, problems = load_sources(bib)
    assert problems == []
    assert sources["pact"].title == "Balkan defense pact: Kosovo, Albania & Croatia unite"
    assert sources["pact"].author == "BalkanEU"


def test_corpus_of_the_fixture_content():
    corpus, problems = load_corpus(FIXTURES / "content")
    assert problems == []
    assert [e.date for e in corpus.entries][-1] is None  # undated last
    assert corpus.actor_names["jens-stoltenberg"] == "Jens Stoltenberg"


def test_partial_dates_of_sources_are_shown_at_their_precision():
    assert partial_date_label("2025-08") == "August 2025"
    assert partial_date_label("2016-12-08") == "8 December 2016"
    assert partial_date_label("n.d.") == "n.d."


def test_css_string_cannot_leave_the_style_element():
    assert css_string('a "b" </style>') == '"a \\"b\\" \\3c /style\\3e "'


@pytest.fixture
def article() -> str:
    page = (FIXTURES / "pdf" / "entry_page_with_screen_widgets.html").read_text()
    return extract_article(page)


def test_clean_article_keeps_the_text_and_drops_the_screen(article):
    html = clean_article(article, "decl", "Kosovo, Albania and Croatia signed a declaration in "
                         "Tirana.", in_book={"decl", "2025-09-implementation-plan"})
    root = lxml.html.fragment_fromstring(html)
    text = " ".join(root.text_content().split())
    assert "The declaration commits the three countries" in text
    assert "RKS News. 2025." in text
    for gone in ("Share", "Download PDF", "Show in the timeline", "hidden text",
                 "Machine-made", "signed a declaration in Tirana.", "18 March 2025",
                 "TOOLTIP", "Every development citing this source"):
        assert gone not in text
    assert not root.xpath("//script|//form|//button|//nav|//h1|//header")


def test_clean_article_prefixes_ids_and_rewrites_links(article):
    html = clean_article(article, "decl", "", in_book={"decl", "2025-09-implementation-plan"})
    root = lxml.html.fragment_fromstring(html)
    ids = root.xpath("//@id")
    assert ids and all(i.startswith("decl--") for i in ids)
    hrefs = root.xpath("//a/@href")
    assert "#decl--ref-rksnews-2025" in hrefs  # citation -> its reference in this book
    assert "#dev-2025-09-implementation-plan" in hrefs  # another development in the book
    assert not any("not-in-this-book" in h for h in hrefs)  # not in the book: no link
    assert "https://www.mod.gov.al/declaration" in hrefs
    # the external link's URL as a footnote element, the reference URL (already shown) not
    notes = [n.text for n in root.xpath("//*[@class='url-footnote']")]
    assert notes == ["https://www.mod.gov.al/declaration"]


def test_book_keeps_every_development_and_cited_source():
    corpus, _ = load_corpus(FIXTURES / "content")
    book = make_book(corpus.entries, {}, sources=corpus.sources,
                     actor_names=corpus.actor_names)
    assert [g.label for g in book.groups] == ["2016", "2025", "Awaiting a date"]
    assert book.count == 4
    assert {s.key for s in book.sources} == {k for e in corpus.entries for k in e.sources}
    views = [d for g in book.groups for d in g.developments]
    assert views[2].date == "September 2025" and views[2].planned
    assert "Jens Stoltenberg" in views[0].actors


def test_in_a_book_citations_point_at_the_book_sources(article):
    html = clean_article(article, "decl", "", in_book={"decl"},
                         book_sources={"rksnews-2025", "other-2024"})
    root = lxml.html.fragment_fromstring(html)
    text = " ".join(root.text_content().split())
    assert "(RKS News 2025)" in text
    assert "References" not in text and "https://rks.news" not in text  # listed at the end
    assert "#src-rksnews-2025" in root.xpath("//a/@href")


def test_in_a_book_citations_keep_their_words_without_wrappers():
    """The site wraps each citation in two spans (and a tooltip): on paper the link alone, in
    its parentheses, pointing at the source's entry at the end of the book."""
    article = ('<article><p>Signed <span class="citation">(<span class="cite">'
               '<a class="cite-link" href="#ref-nato-2025-summit" aria-describedby="c1">NATO '
               '2025</a><span class="cite-tip" id="c1">TOOLTIP</span></span>)</span>.</p>'
               '</article>')
    html = clean_article(article, "x", "", book_sources={"nato-2025-summit", "summit"})
    root = lxml.html.fragment_fromstring(html)
    assert " ".join(root.text_content().split()) == "Signed (NATO 2025)."
    assert not root.xpath("//span") and not root.xpath("//@aria-describedby")
    # the longest key the anchor ends with, not a shorter one it also ends with
    assert root.xpath("//a/@href") == ["#src-nato-2025-summit"]


def test_citation_keys_are_found_at_any_separator():
    from briefings.pdf.article import _cited_key

    keys = {"a-b", "b", "kfor:2020"}
    assert _cited_key("ref-a-b", keys) == "a-b"
    assert _cited_key("a-b", keys) == "a-b"
    assert _cited_key("x_b", keys) == "b"
    assert _cited_key("cite:kfor:2020", keys) == "kfor:2020"
    assert _cited_key("ref-c", keys) is None


def test_links_that_are_not_web_or_mail_lose_their_target_on_paper():
    html = clean_article('<article><p><a href="javascript:alert(1)">run</a> '
                         '<a href="file:///etc/passwd">file</a> <a href="tel:+383">call</a> '
                         '<a href="https://example.org/a">web</a> '
                         '<a href="mailto:press@example.org">mail</a></p></article>', "x", "")
    root = lxml.html.fragment_fromstring(html)
    assert root.xpath("//a/@href") == ["https://example.org/a", "mailto:press@example.org"]
    assert root.text_content().split()[:3] == ["run", "file", "call"]  # the words stay


def test_sources_list_only_http_addresses():
    es = [entry("dated", D(2025, 3, 18), sources=["s", "t"])]
    sources = {"s": Source(key="s", title="A", url="javascript:alert(1)"),
               "t": Source(key="t", title="B", url="https://example.org/b")}
    assert {v.key: v.url for v in source_views(es, sources)} == \
        {"s": "", "t": "https://example.org/b"}
    html = book_html(make_book(es, {"dated": None}, sources=sources))
    assert "javascript:" not in html and 'href="https://example.org/b"' in html


def test_sources_list_says_the_language_of_a_source_not_in_english(tmp_path):
    bib = tmp_path / "bibliography.bib"
    bib.write_text("@online{s,\n title = {Takim},\n organization = {Lajme},\n date = {2024},\n"
                   " language = {sq},\n}\n@online{t,\n title = {Meeting},\n"
                   " organization = {News},\n date = {2024},\n language = {en},\n}\n",
                   encoding="utf-8")
    sources, problems = load_sources(bib)
    assert problems == []
    es = [entry("dated", D(2025, 3, 18), sources=["s", "t"])]
    html = book_html(make_book(es, {"dated": None}, sources=sources))
    assert html.count("In Albanian.") == 1 and "In English" not in html


def test_sources_name_the_developments_that_cite_them_by_date_or_title():
    es = [entry("dated", D(2025, 3, 18), sources=["s"]),
          entry("planned-factory", None, None, title="State military factory planned",
                sources=["s"])]
    [view] = source_views(es, {"s": Source(key="s", title="A report")})
    assert [label for _anchor, label in view.cited_by] == [
        "18 Mar 2025", "“State military factory planned” (undated)"]
