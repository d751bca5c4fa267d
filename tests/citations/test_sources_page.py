"""The Sources page for the five seed sources: golden file, anchors, "cited by".

Refresh the golden file after an intended change, then review the diff:

    BRIEFINGS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/citations/test_sources_page.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "citations" / "sources.html"
SEED_KEYS = {
    "rksnews-2025-kosovo-albania-croatia", "balkaneu-2025-balkan-defense-pact",
    "kosovo-pmo-2016-nato-secretary-responds", "rksnews-maqedonci-state-military-factory",
    "europ-info-zemaj-us-mission-nato",
}


def sources_article(site: Path) -> str:
    """The plugin's part of the page (the rest is the theme's base.html)."""
    html = (site / "sources" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<article class="page sources-page">.*?</article>', html, re.S)
    assert m, "no sources article on /sources/"
    return m.group(0) + "\n"


def test_sources_page_matches_golden_file(seeds_site):
    got = sources_article(seeds_site)
    if os.environ.get("BRIEFINGS_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8"), (
        "Sources page changed; if intended, refresh with BRIEFINGS_UPDATE_GOLDEN=1 "
        "(see this test's docstring) and review the diff")


def test_every_seed_listed_once_with_an_anchor_and_what_cites_it(seeds_site):
    html = sources_article(seeds_site)
    anchors = re.findall(r'<li class="source" id="src-([^"]+)">', html)
    assert sorted(anchors) == sorted(SEED_KEYS)
    for key in SEED_KEYS:
        item = re.search(f'id="src-{key}">(.*?)</li>\\s*</ul>\\s*</li>', html, re.S).group(1)
        cited = re.findall(r'<a href="/(briefings/[^"]+/)">', item)
        assert cited, f"{key} has no 'cited by'"
        for url in cited:
            page = seeds_site / url / "index.html"
            assert page.exists(), url
            assert f'id="ref-{key}"' in page.read_text(encoding="utf-8")


def test_entry_reference_links_to_its_source_anchor(seeds_site):
    page = (seeds_site / "briefings" / "zemaj-meets-head-of-us-mission-to-nato" / "index.html")
    html = page.read_text(encoding="utf-8")
    assert 'href="/sources/#src-europ-info-zemaj-us-mission-nato"' in html
    assert "Reported by 1 independent source" in html


def test_a_long_list_of_sources_is_cut_into_pages_each_reference_linking_its_own(tmp_path):
    """Past ``sources_per_page`` (500 in the project's settings; 2 here, for the five seed
    sources) the list goes on at sources/2/, sources/3/, in the style's order."""
    from briefings.build import build
    from tests.citations.conftest import ROOT, make_content
    from tests.conftest import settings_with

    settings = settings_with(tmp_path, CITATIONS={"sources_per_page": 2})
    out = tmp_path / "output"
    build(ROOT, make_content(tmp_path / "content", "seeds"), settings, out,
          skip=("pdf", "search"))
    pages = [out / "sources" / "index.html", out / "sources" / "2" / "index.html",
             out / "sources" / "3" / "index.html"]
    assert not (out / "sources" / "4").exists()
    where: dict[str, str] = {}
    for n, path in enumerate(pages, 1):
        html = path.read_text(encoding="utf-8")
        keys = re.findall(r'<li class="source" id="src-([^"]+)">', html)
        assert len(keys) == (2 if n < 3 else 1), (n, keys)
        where.update({k: "/sources/" if n == 1 else f"/sources/{n}/" for k in keys})
        assert f"This is page {n} of 3" in html and f"<title>Sources, page {n} of 3" in html
        # the list of pages, above and below the list of sources
        assert html.count('<nav class="list-pages" aria-label="Pages of sources">') == 2
        assert '<span aria-current="page">' + f"{n}. " in html
        for other in {1, 2, 3} - {n}:
            assert f'href="/sources/{"" if other == 1 else f"{other}/"}"' in html
    assert set(where) == SEED_KEYS  # each source once, on one page
    # Every entry's "Every development citing this source" goes to the page that holds it.
    links = 0
    for page in (out / "briefings").glob("*/index.html"):
        for url, key in re.findall(r'class="ref-sources-link"[^>]*href="([^"#]*)#src-([^"]+)"',
                                   page.read_text(encoding="utf-8")):
            assert url == where[key], (page, key, url)
            links += 1
    assert links >= len(SEED_KEYS)
