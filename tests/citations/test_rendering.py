"""Each citation form, rendered by the real build (theme, plugins, citeproc-py, Chicago
author-date), and the entry's reference list."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = "briefings/2025-06-24-citation-forms/index.html"


def page(site: Path, rel: str = FORMS) -> str:
    return (site / rel).read_text(encoding="utf-8")


def body(html: str) -> str:
    return html.split('<div class="entry-body">', 1)[1].split("</div>", 1)[0]


def paragraph(html: str, starts: str) -> str:
    m = re.search(r"<p>" + re.escape(starts) + r".*?</p>", body(html), re.S)
    assert m, f"no paragraph starting {starts!r}"
    return m.group(0)


def link_texts(fragment: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'class="cite-link"[^>]*>(.*?)</a>', fragment)]


def visible(fragment: str) -> str:
    """The text a reader sees."""
    return unescape(re.sub(r"<[^>]+>", "", fragment))


def test_plain_citation(forms_site):
    p = paragraph(page(forms_site), "Plain citation")
    assert visible(p) == "Plain citation (Doe and Roe 2025)."
    assert 'href="#ref-doe-roe-2025-nato-summit"' in p


def test_two_keys_with_a_locator_each_link_to_their_own_reference(forms_site):
    p = paragraph(page(forms_site), "Two sources")
    assert visible(p) == ("Two sources with a locator (Doe and Roe 2025; "
                          "NATO Public Diplomacy Division 2025, 4).")
    assert link_texts(p) == ["Doe and Roe 2025", "NATO Public Diplomacy Division 2025, 4"]
    assert re.findall(r'href="#ref-([^"]+)"', p) == ["doe-roe-2025-nato-summit",
                                                     "nato-2025-kfor-factsheet"]


def test_prefix(forms_site):
    assert visible(paragraph(page(forms_site), "With a prefix")) == \
        "With a prefix (see NATO Public Diplomacy Division 2025)."


def test_locator_term_and_suffix(forms_site):
    assert visible(paragraph(page(forms_site), "With a locator and a suffix")) == \
        "With a locator and a suffix (Doe and Roe 2025, para. 3, emphasis added)."


def test_in_text_citations_name_the_author_then_the_year(forms_site):
    p = paragraph(page(forms_site), "In running text")
    assert " ".join(visible(p).split()) == (
        "In running text, NATO Public Diplomacy Division (2025) counts the troops, and "
        "Doe and Roe (2025, 2) report the meeting.")
    assert p.count('class="citation citation-in-text"') == 2


def test_code_urls_emails_and_fences_are_not_citations(forms_site):
    html = body(page(forms_site))
    assert "<code>@nato-2025-kfor-factsheet</code>" in html
    assert 'href="https://example.org/@doe-roe-2025-nato-summit"' in html
    assert "press@nato.example" in html
    assert "<pre><code>[@doe-roe-2025-nato-summit] in a fenced block" in html
    assert html.count('class="cite-link"') == 7


def test_every_citation_links_to_its_reference_and_is_described_by_its_text(forms_site):
    html = page(forms_site)
    targets = re.findall(r'class="cite-link" href="#([^"]+)" aria-describedby="([^"]+)"', html)
    assert len(targets) == 7
    for ref, text_id in set(targets):
        m = re.search(rf'<li class="reference" id="{re.escape(ref)}"><span class="ref-text" '
                      rf'id="{re.escape(text_id)}">(.*?)</span> <a class="ref-sources-link"',
                      html, re.S)
        assert m, f"no reference text {text_id!r} in the reference #{ref}"
        assert html.count(f'id="{text_id}"') == 1
    # the reference is in the page once, not once more at each citation
    assert "cite-tip" not in html
    assert html.count("Allies Meet on the Western Balkans &amp; KFOR") == 1


def test_reference_shows_title_publisher_date_url_archive_and_access_date(forms_site):
    html = page(forms_site)
    ref = re.search(r'<li class="reference" id="ref-doe-roe-2025-nato-summit">(.*?)</li>',
                    html, re.S).group(1)
    text = unescape(re.sub(r"<[^>]+>", "", ref))
    assert "“Allies Meet on the Western Balkans & KFOR.”" in text
    assert "The Balkan Ledger, June 24" in text and "2025" in text
    # the URLs and the access date are shown, not indexed for search (their words are noise)
    assert '<a class="ref-url" data-pagefind-ignore href="https://ledger.example/2025/06/24/' \
           'allies-meet?id=1&amp;lang=en">' in ref
    assert '<span class="ref-accessed" data-pagefind-ignore>Accessed' in ref
    assert 'href="https://web.archive.org/web/20250701000000/https://ledger.example/2025/06/24/' \
           'allies-meet"' in ref
    assert 'Accessed <time datetime="2025-07-01">July 1, 2025</time>' in ref
    assert "Edition" not in text  # citeproc-py's empty-label bug is patched
    assert 'href="/sources/#src-doe-roe-2025-nato-summit"' in ref


def test_style_is_chicago_author_date_and_reference_list_is_in_its_order(forms_site):
    html = page(forms_site)
    order = re.findall(r'<li class="reference" id="ref-([^"]+)"', html)
    assert order == ["doe-roe-2025-nato-summit", "nato-2025-kfor-factsheet"]
    ref = re.search(r'id="ref-text-nato-2025-kfor-factsheet">(.*?)</span> <a class="ref-sources',
                    html, re.S).group(1)
    assert ref.startswith("NATO Public Diplomacy Division. 2025. “KFOR: Key Facts and Figures.”")


def test_source_count_counts_publishers_not_references(forms_site):
    html = page(forms_site, "briefings/2025-08-two-reports-from-one-publisher/index.html")
    assert "Reported by 1 independent source (2 references)." in html
    assert "Reported by 2 independent sources (2 references)." in page(forms_site)


def test_no_inline_style_or_script_in_what_the_plugin_writes(forms_site):
    html = body(page(forms_site)) + page(forms_site).split('<section class="references"')[1]
    assert "style=" not in html
    assert not re.search(r'<script(?![^>]*\b(src=|type="application/json"))', html), \
        "no inline script (the theme's own script files, with src=, and its data block of " \
        "words, never run, are allowed)"


def test_downloads_are_the_bibtex_and_its_csl_json(forms_site, tmp_path):
    from tests.citations.conftest import make_content

    content = make_content(tmp_path / "content", "forms")
    assert (forms_site / "bibliography.bib").read_text(encoding="utf-8") == \
        (content / "bibliography.bib").read_text(encoding="utf-8")
    items = {i["id"]: i for i in json.loads((forms_site / "bibliography.json").read_text())}
    assert set(items) == {"rksnews-2025-kosovo-albania-croatia",
                          "balkaneu-2025-balkan-defense-pact",
                          "kosovo-pmo-2016-nato-secretary-responds",
                          "rksnews-maqedonci-state-military-factory",
                          "doe-roe-2025-nato-summit", "nato-2025-kfor-factsheet"}
    assert items["rksnews-2025-kosovo-albania-croatia"]["issued"] == {"date-parts": [[2025, 8]]}
    assert items["doe-roe-2025-nato-summit"]["accessed"] == {"date-parts": [[2025, 7, 1]]}
    assert items["doe-roe-2025-nato-summit"]["custom"]["archive-url"].startswith(
        "https://web.archive.org/")


@pytest.mark.parametrize("slug", [
    "2016-12-07-nato-secretary-general-replies-to-mustafa",
    "2025-03-18-kosovo-albania-croatia-sign-defence-declaration",
    "2025-09-implementation-plan-presented-for-approval",
    "maqedonci-state-military-factory-planned",
])
def test_every_fixture_entry_has_rendered_citations_and_references(fixture_site, slug):
    html = page(fixture_site, f"briefings/{slug}/index.html")
    assert "[@" not in body(html)
    assert 'class="cite-link"' in html
    refs = re.findall(r'<li class="reference" id="ref-([^"]+)"', html)
    assert refs and all(f'href="#ref-{k}"' in html for k in re.findall(
        r'class="cite-link" href="#ref-([^"]+)"', html))
