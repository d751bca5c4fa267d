"""A whole-entry translation (tests/fixtures/content/translations/sq/, of the fixture's 2016
entry) on the built fixture site: the Albanian site shows it in its original's place, in
Albanian, with the original's date, sources and actors; no other site shows it, and it adds no
development anywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from briefings.entryfile import read_entry
from briefings.plugins.i18n import translations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"
SLUG = "2016-12-07-nato-secretary-general-replies-to-mustafa"
PAGE = f"briefings/{SLUG}/index.html"
TRANSLATION, _ = read_entry(FIXTURES / "translations" / "sq" / f"{SLUG}.md")
ORIGINAL, _ = read_entry(FIXTURES / "briefings" / "2016" / f"{SLUG}.md")
ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"


def _doc(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes())


def _text_files(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*")
            if p.is_file() and p.suffix in (".html", ".json", ".xml", ".csv")
            and p.relative_to(folder).parts[0] not in skip}


def test_the_albanian_page_is_the_translation_at_the_original_s_address(fixture_site):
    doc = _doc(fixture_site / "sq" / PAGE)
    article = doc.xpath("//main//article")[0]
    assert doc.get("lang") == "sq"
    assert article.findtext(".//h1") == TRANSLATION.title
    # all of it in Albanian: nothing marked English, and no notice that it is
    assert article.xpath(".//*[@lang]") == []
    assert not article.xpath(".//*[contains(@class, 'in-english')]")
    assert "Këshilli i Atlantikut të Veriut" in article.xpath(".//div[@class='summary']")[0] \
        .text_content()
    body = article.xpath(".//div[@class='entry-body']")[0].text_content()
    assert "Kryeministri njoftoi" in body and "The Prime Minister announced" not in body
    # the original's facts, in Albanian words: date, actors, location, sources and references
    text = article.text_content()
    assert "7 dhjetor 2016" in text and ORIGINAL.location in text
    english = _doc(fixture_site / PAGE).xpath("//main//article")[0]
    actors = ".//dl[contains(@class,'entry-facts')]//a/@href"
    assert [h.removeprefix("/sq") for h in article.xpath(actors)] == english.xpath(actors)
    assert article.xpath(".//*[@id]/@id") == english.xpath(".//*[@id]/@id")  # references
    # the same development in every language: switcher and hreflang as on any page
    path = f"/briefings/{SLUG}/"
    alternates = {el.get("hreflang"): el.get("href")
                  for el in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}
    assert alternates == {"en": path, "sq": "/sq" + path, "sr": "/sr" + path, "x-default": path}


def test_the_albanian_lists_feeds_and_data_use_its_title(fixture_site):
    sq = fixture_site / "sq"
    for rel in ("index.html", "years/2016/index.html", "actors/nato/index.html",
                "feeds/all.atom.xml", "feeds/actors/nato.atom.xml", "timeline.json",
                "timeline/2016.json", "data/chronology.json", "data/chronology.csv",
                "sources/index.html"):
        text = (sq / rel).read_text("utf-8")
        assert TRANSLATION.title in text, rel
        assert ORIGINAL.title not in text, rel
    rows = json.loads((sq / "timeline" / "2016.json").read_text("utf-8"))["rows"]
    (row,) = [r for r in rows if r["url"].endswith(f"/{SLUG}/")]
    assert row["url"] == f"/sq/briefings/{SLUG}/"


@pytest.mark.parametrize("lang", ["en", "sr"])
def test_no_other_site_shows_it(fixture_site, lang):
    folder = fixture_site if lang == "en" else fixture_site / lang
    files = _text_files(folder, skip=("sq", "sr", "pagefind"))
    assert not [rel for rel, text in files.items() if TRANSLATION.title in text]
    assert ORIGINAL.title in files[PAGE] and ORIGINAL.title in files["timeline.json"]
    if lang == "sr":  # the untranslated entry, in English and marked so
        doc = _doc(folder / PAGE)
        notice = translations(THEME, "sr").gettext(
            "This development has not been translated: it is shown in English, as it was "
            "written.")
        assert notice in doc.text_content()
        assert doc.xpath("//div[@class='entry-body']")[0].get("lang") == "en"


def test_it_adds_no_development_and_no_page(fixture_site):
    """The same pages and the same number of developments in every language."""
    pages = {lang: sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
                          if p.relative_to(folder).parts[0] not in ("sq", "sr"))
             for lang, folder in (("en", fixture_site), ("sq", fixture_site / "sq"),
                                  ("sr", fixture_site / "sr"))}
    assert pages["sq"] == pages["en"] == pages["sr"]
    counts = {lang: json.loads((folder / "timeline" / "index.json").read_text("utf-8"))
              for lang, folder in (("en", fixture_site), ("sq", fixture_site / "sq"))}
    assert counts["sq"]["total"] == counts["en"]["total"]
    assert counts["sq"]["years"] == counts["en"]["years"]
    assert counts["sq"]["actors"].keys() == counts["en"]["actors"].keys()


def test_the_albanian_search_index_finds_it_in_albanian(fixture_site):
    import gzip

    fragments = {f.name: json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for f in (fixture_site / "pagefind" / "fragment").iterdir()}
    (name, fragment), = [(n, f) for n, f in fragments.items()
                         if f["url"] == f"/sq/briefings/{SLUG}/"]
    assert name.startswith("sq_")  # Pagefind's index of the Albanian pages
    assert fragment["meta"]["title"] == TRANSLATION.title
    assert "Kryeministri njoftoi" in fragment["content"]
    assert not [f["url"] for f in fragments.values()
                if TRANSLATION.title in f["content"] and not f["url"].startswith("/sq/")]


def test_without_it_every_other_site_is_the_same_byte_for_byte(fixture_site, fixture_content,
                                                               tmp_path, monkeypatch):
    from briefings.build import build
    from tests.site.test_same_site import tree

    shutil.rmtree(fixture_content / "translations")
    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    out = tmp_path / "site"
    build(ROOT, fixture_content, ROOT / "pelican.conf.py", out, skip=("pdf", "search"))

    def others(folder: Path) -> dict[str, bytes]:
        return {k: v for k, v in tree(folder).items()
                if not k.startswith(("sq/", "pagefind/"))}

    without, with_it = others(out), others(fixture_site)
    assert sorted(without) == sorted(with_it)
    assert [k for k in without if without[k] != with_it[k]] == []
    assert any(k.startswith("sr/") for k in without)
