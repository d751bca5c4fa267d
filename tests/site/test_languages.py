"""The site in Albanian (/sq/) and Serbian (/sr/), built by ``briefings build`` beside the English
one: each page in its language, linked to itself in the others, every link of it working."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from tests.integrity.sitecheck import file_of, ids_of, url_of

ENTRY = "briefings/2025-03-18-kosovo-albania-croatia-sign-defence-declaration/index.html"
#: the entry's date, the home page's heading and a word of the footer, in each language
WORDS = {"sq": ("18 mars 2025", "Kronologjia", "Politika e burimeve"),
         "sr": ("18. mart 2025.", "Hronologija", "Politika izvora")}
LANGS = ("en", "sq", "sr")
SITE = "http://site.invalid"  # a stand-in origin for resolving links; never fetched


def _page(site: Path, lang: str, rel: str) -> lxml.html.HtmlElement:
    folder = site if lang == "en" else site / lang
    return lxml.html.document_fromstring((folder / rel).read_bytes())


@pytest.mark.parametrize("lang", ["sq", "sr"])
@pytest.mark.parametrize("rel", ["index.html", ENTRY, "search/index.html", "404.html"])
def test_each_page_is_in_its_language_and_links_itself_in_the_others(fixture_site, lang, rel):
    doc = _page(fixture_site, lang, rel)
    assert doc.get("lang") == lang
    text = doc.text_content()
    date, heading, footer = WORDS[lang]
    assert footer in text and "Sourcing policy" not in text
    assert "Security Cooperation Chronology" not in doc.findtext(".//title")  # its SITENAME
    if rel == ENTRY:
        assert date in text and "18 March 2025" not in text
    if rel == "index.html":
        assert doc.findtext(".//h1") == heading and date in text
    path = "/" + rel.removesuffix("index.html")
    want = {"en": path, "sq": "/sq" + path, "sr": "/sr" + path}
    alternates = {el.get("hreflang"): el.get("href")
                  for el in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}
    assert alternates == {**want, "x-default": path}
    switcher = {a.get("lang"): a.get("href")
                for a in doc.xpath("//nav[contains(@class,'language-switcher')]//a")}
    assert switcher == want
    assert doc.xpath("//nav[contains(@class,'language-switcher')]//a[@aria-current]")[0].get(
        "lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_the_error_page_links_home_the_timeline_and_search(fixture_site, lang):
    """/404.html (and /sq/404.html, /sr/404.html), which static hosts serve for an unknown
    address: in its language, links that work from any address, not indexed."""
    doc = _page(fixture_site, lang, "404.html")
    root = "" if lang == "en" else f"/{lang}"
    heading = {"en": "Page not found", "sq": "Faqja nuk u gjet",
               "sr": "Stranica nije pronađena"}[lang]
    assert doc.findtext(".//main//h1") == heading and heading in doc.findtext(".//title")
    assert doc.xpath("//main//a/@href") == [f"{root}/", f"{root}/#timeline", f"{root}/search/"]
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert all(href.startswith(("/", "https://", "#")) for href in doc.xpath("//a/@href"))


def test_no_link_of_the_albanian_and_serbian_pages_is_broken(fixture_site):
    broken, checked = [], 0
    for lang in ("sq", "sr"):
        for f in sorted((fixture_site / lang).rglob("*.html")):
            page = SITE + url_of(fixture_site, f)
            doc = lxml.html.document_fromstring(f.read_bytes())
            for el, attr, href, _pos in doc.iterlinks():
                url = urlsplit(urljoin(page, href))
                if f"{url.scheme}://{url.netloc}" != SITE or url.path.startswith(
                        ("/pdf/", "/sq/pdf/", "/sr/pdf/")):
                    continue  # another site's; the PDFs (this build has none: tests/pdf)
                checked += 1
                target = file_of(fixture_site, url.path)
                if target is None:
                    broken.append(f"{f.relative_to(fixture_site)}: <{el.tag} {attr}={href!r}>")
                elif (url.fragment and target.suffix == ".html" and url.fragment != "top"
                      and unquote(url.fragment) not in ids_of(target)):
                    broken.append(f"{f.relative_to(fixture_site)}: {href!r}: no such id")
    assert checked > 500 and broken == [], "\n".join(broken)


def test_each_language_has_its_feed_data_and_search_index(fixture_site):
    for lang in ("sq", "sr"):
        feed = (fixture_site / lang / "feeds" / "all.atom.xml").read_text("utf-8")
        assert f'href="/{lang}/briefings/2025-03-18-' in feed
        rows = json.loads((fixture_site / lang / "timeline" / "2025.json").read_text("utf-8"))
        assert all(r["url"].startswith(f"/{lang}/briefings/") for r in rows["rows"])
        assert not (fixture_site / lang / "theme").exists()  # the root's is shared
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == set(LANGS)


def test_a_translated_title_and_summary_show_in_their_language_the_rest_says_english(
        fixture_site):
    slug = "briefings/2025-03-18-kosovo-albania-croatia-sign-defence-declaration/index.html"
    sq = lxml.html.document_fromstring((fixture_site / "sq" / slug).read_bytes())
    h1 = sq.xpath("//h1")[0]
    assert h1.text_content().startswith("Kosova, Shqipëria dhe Kroacia") and h1.get("lang") is None
    assert sq.xpath("//div[@class='summary']")[0].text_content().strip().startswith("Kosova")
    assert sq.xpath("//div[@class='entry-body']")[0].get("lang") == "en"
    assert "vetëm titulli dhe përmbledhja" in sq.xpath("//p[contains(@class,'in-english')]")[
        0].text_content()
    # the Serbian site has no translation of it: English, said and marked
    sr = lxml.html.document_fromstring((fixture_site / "sr" / slug).read_bytes())
    assert sr.xpath("//h1")[0].get("lang") == "en"
    assert sr.xpath("//div[@class='summary']")[0].get("lang") == "en"
    assert "nije preveden" in sr.xpath("//p[contains(@class,'in-english')]")[0].text_content()
    # the list of its year shows the Albanian title on the Albanian site
    year = (fixture_site / "sq" / "years" / "2025" / "index.html").read_text("utf-8")
    assert "Kosova, Shqipëria dhe Kroacia nënshkruajnë" in year
    # and the English site is as it was
    en = lxml.html.document_fromstring((fixture_site / slug).read_bytes())
    assert not en.xpath("//p[contains(@class,'in-english')]") and en.xpath("//h1")[0].get(
        "lang") is None
