"""The chronology plugin in the real build: data files, pages, escaping, CSP, home-page size."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import random
import re
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefings.build import build
from briefings.plugins.chronology import build_chronology
from briefings.plugins.chronology.data import ID_RE
from tests.conftest import settings_with

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DATED = {
    "2016-12-07-nato-secretary-general-replies-to-mustafa",
    "2025-03-18-kosovo-albania-croatia-sign-defence-declaration",
    "2025-09-implementation-plan-presented-for-approval",
}
UNDATED = "maqedonci-state-military-factory-planned"
HOSTILE_ENTRY = FIXTURES / "hostile" / "2025-06-hostile-source-text.md"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if "pagefind" not in p.parts and "vendor" not in p.parts)


def test_timeline_json_holds_every_dated_development_and_no_undated_one(fixture_site):
    doc = json.loads((fixture_site / "timeline.json").read_text(encoding="utf-8"))
    ids = [e["unique_id"] for e in doc["events"]]
    assert sorted(ids) == sorted("e-" + s for s in DATED)
    assert all(ID_RE.match(i) for i in ids)
    assert not any(UNDATED in i for i in ids)
    by_id = {e["unique_id"]: e for e in doc["events"]}
    planned = by_id["e-2025-09-implementation-plan-presented-for-approval"]
    assert planned["display_date"] == "September 2025 (planned)"
    assert planned["start_date"] == {"year": 2025, "month": 9, "display_date": "September 2025"}


def test_per_year_files_and_index_agree(fixture_site):
    index = json.loads((fixture_site / "timeline" / "index.json").read_text(encoding="utf-8"))
    assert index["years"] == {"2025": 2, "2016": 1}
    assert index["actors"]["jens-stoltenberg"] == "Jens Stoltenberg"
    for year, count in index["years"].items():
        doc = json.loads((fixture_site / "timeline" / f"{year}.json").read_text("utf-8"))
        assert len(doc["events"]) == len(doc["rows"]) == count
        assert [e["unique_id"] for e in doc["events"]] == [r["id"] for r in doc["rows"]]


def test_plain_downloads(fixture_site):
    rows = json.loads((fixture_site / "data" / "chronology.json").read_text("utf-8"))
    assert {r["slug"] for r in rows["developments"]} == DATED
    table = list(csv.DictReader(io.StringIO(
        (fixture_site / "data" / "chronology.csv").read_text("utf-8"))))
    assert [r["date"] for r in table] == ["2016-12-07", "2025-03-18", "2025-09"]
    assert table[2]["status"] == "planned" and table[2]["precision"] == "month"
    assert "https://rks.news/?p=67949" in table[1]["source_urls"]


def test_year_actor_pages_feeds_and_sitemap(fixture_site):
    y2025 = (fixture_site / "years" / "2025" / "index.html").read_text("utf-8")
    assert "Kosovo, Albania and Croatia sign" in y2025 and "Mustafa" not in y2025
    nato = (fixture_site / "actors" / "nato" / "index.html").read_text("utf-8")
    assert "NATO Secretary General replies" in nato and "Tirana" not in nato
    feed = (fixture_site / "feeds" / "actors" / "jens-stoltenberg.atom.xml").read_text("utf-8")
    assert "NATO Secretary General replies" in feed
    sitemap = (fixture_site / "sitemap.xml").read_text("utf-8")
    for slug in DATED | {UNDATED}:
        assert f"/briefings/{slug}/" in sitemap
    assert "/years/2016/" in sitemap and "/actors/nato/" in sitemap


def test_long_actor_and_year_lists_go_on_over_pages(tmp_path):
    """Past ``actor_page_size`` and ``year_page_size`` (300 in the project's settings; 1 here)
    an actor's list (newest first) goes on at actors/<key>/2/, …, a year's (in date order) at
    years/<year>/2/, …; entry pages link to the year page that holds them; the sitemap lists
    every page."""
    settings = settings_with(tmp_path, TIMELINE={"actor_page_size": 1, "year_page_size": 1,
                                                 "actor_feed_items": 1})
    out = tmp_path / "output"
    build(ROOT, FIXTURES / "content", settings, out, skip=("pdf", "search"))
    every = json.loads((out / "data" / "chronology.json").read_text("utf-8"))["developments"]
    dated = [d for d in every if "kosovo" in d["actors"]]
    assert len(dated) >= 2, "the fixture needs an actor in two developments"
    urls = ["actors/kosovo/"] + [f"actors/kosovo/{n}/" for n in range(2, len(dated) + 1)]
    assert not (out / f"actors/kosovo/{len(dated) + 1}").exists()
    listed = []
    for n, url in enumerate(urls, 1):
        html = (out / url / "index.html").read_text("utf-8")
        listed += re.findall(r'<li id="([^"]+)" class="development', html)
        assert f"This is page {n} of {len(urls)}" in html
        assert f"<title>Kosovo, page {n} of {len(urls)}" in html
        assert html.count('<nav class="list-pages"') == 2
    assert listed == [d["slug"] for d in sorted(dated, key=lambda d: d["date"], reverse=True)]
    # The actor's feed holds its newest development only (actor_feed_items).
    from lxml import etree

    feed = etree.parse(str(out / "feeds" / "actors" / "kosovo.atom.xml"))
    links = feed.xpath("//a:entry/a:link/@href", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == [listed[0]]
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert all(f"<loc>/{u}</loc>" in sitemap for u in urls)
    # 2025 holds two dated developments: one per page, in date order.
    y2025 = sorted((d for d in every if d["date"].startswith("2025")), key=lambda d: d["date"])
    assert len(y2025) == 2
    for n, d in enumerate(y2025, 1):
        url = "years/2025/" if n == 1 else f"years/2025/{n}/"
        html = (out / url / "index.html").read_text("utf-8")
        assert re.findall(r'<li id="([^"]+)" class="development', html) == [d["slug"]]
        assert f"<title>2025, page {n} of 2" in html and f"<loc>/{url}</loc>" in sitemap
        entry = (out / "briefings" / d["slug"] / "index.html").read_text("utf-8")
        assert f'href="/{url}#{d["slug"]}">In the 2025 chronology' in entry
    assert not (out / "years" / "2025" / "3").exists()


def test_home_lists_every_dated_development_with_time_at_its_precision(fixture_site):
    index = (fixture_site / "index.html").read_text("utf-8")
    plain = index.split('id="developments-title"', 1)[1].split('id="awaiting-a-date"', 1)[0]
    for slug in DATED:
        assert f'href="/briefings/{slug}/"' in plain
    assert '<time datetime="2025-09">September 2025</time>' in plain
    assert '<time datetime="2025-03-18">18 March 2025</time>' in plain
    assert UNDATED not in plain
    awaiting = index.split('id="awaiting-a-date"', 1)[1]
    assert f"/briefings/{UNDATED}/" in awaiting


def test_entry_page_has_neighbours_actors_flags_notice_and_edit_link(fixture_site):
    page = (fixture_site / "briefings" / "2025-03-18-kosovo-albania-croatia-sign-defence-"
            "declaration" / "index.html").read_text("utf-8")
    assert 'rel="prev" ' not in page  # attributes are written href first
    assert re.search(r'href="/briefings/2016-12-07-nato-secretary-general-replies-to-mustafa/" '
                     r'rel="prev"', page)
    assert re.search(r'href="/briefings/2025-09-implementation-plan-presented-for-approval/" '
                     r'rel="next"', page)
    assert '<a href="/actors/albania/">Albania</a>' in page
    assert "The source gives no year; it was inferred from the publication date." in page
    assert "Machine-made, not yet reviewed" in page
    assert ("https://github.com/kosovo-security-chronology/chronology/edit/main/content/"
            "briefings/2025/2025-03-18-kosovo-albania-croatia-sign-defence-declaration.md") in page
    assert "data-pagefind-body" in page
    assert "#event-e-2025-03-18-kosovo-albania-croatia-sign-defence-declaration" in page


def test_every_page_has_the_csp_and_no_inline_script_or_style(fixture_site):
    pages = html_pages(fixture_site)
    assert len(pages) > 10
    for page in pages:
        text = page.read_text("utf-8")
        assert '<meta http-equiv="Content-Security-Policy"' in text, page
        csp = re.search(r'Content-Security-Policy" content="([^"]*)"', text).group(1)
        assert "unsafe-inline" not in csp and "http" not in csp, page
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S):
            if 'type="application/json"' in attrs:  # data, never run: the scripts' words
                json.loads(body)
                continue
            assert "src=" in attrs and not body.strip(), page
        assert not re.search(r"<[^>]+\sstyle=", text), page
        assert not re.search(r"<[^>]+\son[a-z]+=", text), page
        assert "<style" not in text, page


def test_search_index_is_built(fixture_site):
    assert (fixture_site / "pagefind" / "pagefind.js").exists()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    import shutil

    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(FIXTURES / "content", content)
    shutil.copy(HOSTILE_ENTRY, content / "briefings" / "2025" / HOSTILE_ENTRY.name)
    out = content.parent / "output"
    # The validator rejects this entry's raw HTML (E-HTML); skip it here to prove that the
    # theme's own escaping holds for anything that reaches Pelican by another road.
    build(ROOT, content, ROOT / "pelican.conf.py", out, skip=("pdf", "validate"))
    return out


def _markup_problems(text: str) -> list[str]:
    """Everything in a page that could run or load something it should not."""
    import lxml.html

    problems = []
    tree = lxml.html.document_fromstring(text)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("iframe", "svg", "object", "embed", "frame", "style"):
            problems.append(f"<{el.tag}>")
        if el.tag == "script" and el.get("type") == "application/json" and \
                el.get("id") == "site-words":  # the theme's own data block, never run
            json.loads(el.text)
        elif el.tag == "script" and (not el.get("src") or (el.text or "").strip()):
            problems.append("inline <script>")
        for name, value in el.attrib.items():
            if name.startswith("on") or name == "style":
                problems.append(f"{name}= on <{el.tag}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                problems.append(f"{name}={value[:30]}")
    return problems


def test_hostile_text_never_reaches_pages_or_data_as_markup(hostile_site):
    slug = "2025-06-hostile-source-text"
    entry = hostile_site / "briefings" / slug / "index.html"
    for f in [entry, *html_pages(hostile_site)]:
        assert _markup_problems(f.read_text("utf-8")) == [], f
    # The words are still there, as text: nothing ran, nothing was evaluated as a template.
    import lxml.html

    title = lxml.html.parse(str(entry)).find(".//h1").text_content()
    assert "<script>window.__pwned=1</script>" in title and "{{ 7*7 }}" in title
    doc = json.loads((hostile_site / "timeline" / "2025.json").read_text("utf-8"))
    event = next(e for e in doc["events"] if e["unique_id"] == "e-" + slug)
    for text in (event["text"]["headline"], event["text"]["text"]):
        assert not re.search(r"<(script|img|svg|iframe)", text)
        assert "javascript:" not in text.replace("javascript:window", "")
    assert event["text"]["headline"].startswith("&lt;script&gt;")
    assert not (hostile_site / "actors" / "<svg onload=window.__pwned=1>").exists()


def test_hostile_text_is_cleaned_in_feeds(hostile_site):
    import html as htmllib

    from lxml import etree

    for feed in (hostile_site / "feeds" / "all.atom.xml",
                 hostile_site / "feeds" / "actors" / "kosovo.atom.xml"):
        tree = etree.parse(str(feed))
        ns = {"a": "http://www.w3.org/2005/Atom"}
        bodies = [htmllib.unescape(e.text or "") if e.get("type") == "html" else (e.text or "")
                  for e in tree.iterfind(".//a:entry/a:content", ns)]
        bodies += [e.text or "" for e in tree.iterfind(".//a:entry/a:summary", ns)]
        assert bodies, feed
        for body in bodies:
            assert _markup_problems(f"<html><body>{body}</body></html>") == [], feed


def test_feed_entries_read_without_the_site(fixture_site):
    """A feed reader shows entry HTML without the site's styles: the citations' tooltips (the
    whole reference) are left out, and in-page links point into the entry's page."""
    import html as htmllib

    from lxml import etree

    tree = etree.parse(str(fixture_site / "feeds" / "all.atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    cited = 0
    for entry in tree.iterfind(".//a:entry", ns):
        link = entry.find("a:link", ns).get("href")
        body = htmllib.unescape(entry.find("a:content", ns).text or "")
        assert "cite-tip" not in body and 'role="tooltip"' not in body
        assert 'href="#' not in body
        targets = re.findall(r'<a class="cite-link" href="([^"]+)"', body)
        page = (fixture_site / link.split("/", 3)[-1].lstrip("/") / "index.html"
                if link.startswith("http") else fixture_site / link.lstrip("/") / "index.html")
        page_html = page.read_text("utf-8")
        for target in targets:
            assert target.startswith(link + "#ref-"), target
            assert f'id="{target.split("#", 1)[1]}"' in page_html
        cited += len(targets)
    assert cited > 3


def _synthetic_articles(n: int, years: range, seed: int = 7) -> list[SimpleNamespace]:
    """n realistic-looking developments spread over the given years."""
    rnd = random.Random(seed)
    words = re.findall(r"\w+", "defence ministry kosovo security force nato kfor united states "
                       "training exercise donation agreement cooperation visit delegation "
                       "minister declaration plan support equipment vehicles battalion "
                       "readiness interoperability partnership")
    actors = ["kosovo", "nato", "united-states", "albania", "croatia", "jens-stoltenberg"]
    out = []
    for i in range(n):
        date = dt.datetime(rnd.choice(years), rnd.randint(1, 12), rnd.randint(1, 28))
        title = " ".join(rnd.choice(words) for _ in range(12)).capitalize()
        slug = f"{date:%Y-%m-%d}-synthetic-{i}"
        out.append(SimpleNamespace(
            slug=slug, title=title, date=date, date_precision=rnd.choice(["day", "month"]),
            event_status=rnd.choice(["occurred", "planned"]), category="agreements",
            url=f"briefings/{slug}/", summary=" ".join(rnd.choice(words) for _ in range(35)),
            actors=rnd.sample(actors, 3), location="Pristina, Kosovo",
            sources=[f"src-{i}-a", f"src-{i}-b"], review="unreviewed", flags=[], undated=False))
    return out


def _render_home(chronology) -> str:
    import jinja2

    from briefings.plugins.chronology import add_filters
    from briefings.plugins.i18n import language_links, site_words

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme" / "templates"),
                             trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)  # English: the templates' own words
    pelican = SimpleNamespace(settings={})
    add_filters(pelican)  # the filters the site's templates get
    env.filters.update(pelican.settings["JINJA_FILTERS"])
    return env.get_template("index.html").render(
        SITENAME="Kosovo Security Cooperation Chronology", SITESUBTITLE="A cited chronology",
        SITEURL="", DEFAULT_LANG="en", pages=[], chronology=chronology,
        FEED_ALL_ATOM="feeds/all.atom.xml", PDF_LINKS=True, THEME_HAS_PRINT_CSS=True,
        ROOT_URL="", output_file="index.html",
        language_links=partial(language_links, {"LANGUAGES": {"en": "English", "sq": "Shqip"}}),
        site_words=partial(site_words, ROOT / "theme", "en"))


@pytest.mark.parametrize("years", [range(2015, 2026), range(2025, 2026)],
                         ids=["over-eleven-years", "all-in-one-year"])
def test_home_page_stays_under_100_kb_gzipped_at_10000_developments(years):
    settings = {"PATH": str(FIXTURES / "content"), "TIMELINE": {}}
    chron = build_chronology(_synthetic_articles(10_000, years), [], settings)
    html = _render_home(chron)
    size = len(gzip.compress(html.encode("utf-8"), 9))
    assert size <= 100 * 1024, f"home page is {size / 1024:.1f} KB gzipped"
    # It lists the latest developments and links every year page, where the rest are.
    assert html.count('class="development') == len(chron.home) > 0
    assert "10,000 dated developments" in html  # counts as readers write them
    for year in chron.years:
        assert f'href="/years/{year}/"' in html
    newest = max(chron.developments, key=lambda d: (d.date, d.slug))
    assert f'id="{newest.slug}"' in html


def test_vendored_timelinejs_is_only_what_the_site_uses():
    vendor = ROOT / "theme" / "static" / "vendor" / "timelinejs"
    files = sorted(str(p.relative_to(vendor)) for p in vendor.rglob("*") if p.is_file())
    assert files == ["LICENSE", "VERSION", "css/icons/tl-icons.ttf", "css/icons/tl-icons.woff",
                     "css/icons/tl-icons.woff2", "css/timeline.css", "js/locale/sr-cy.json",
                     "js/locale/sr.json", "js/timeline.js", "js/timeline.js.LICENSE.txt"]
    assert (vendor / "VERSION").read_text().strip() == "3.9.11"
    assert "Mozilla Public License" in (vendor / "LICENSE").read_text()
    assert sum(p.stat().st_size for p in vendor.rglob("*") if p.is_file()) < 500_000
    assert "sourceMappingURL" not in (vendor / "js" / "timeline.js").read_text()
