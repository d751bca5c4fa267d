"""The print stylesheet in Chromium: what disappears on paper, what stays, page numbers."""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def served(fixture_site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(fixture_site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def printed(browser, base: str, path: str):
    page = browser.new_page()
    page.goto(base + path)
    if not page.locator('link[href$="print.css"]').count():
        # the theme links print.css (media=print) when THEME_HAS_PRINT_CSS is set; a link
        # (not inline CSS, which the site's Content-Security-Policy forbids) otherwise
        page.add_style_tag(url=base + "/theme/css/print.css")
    page.emulate_media(media="print")
    return page


@pytest.mark.browser
def test_home_page_prints_the_chronology_without_widgets(browser, served):
    page = printed(browser, served, "/")
    for selector in ("nav", ".skip-link"):
        for el in page.locator(selector).all():
            assert not el.is_visible(), selector
    items = page.locator(".chronology li, .chronology .development")
    assert items.count() >= 3
    assert all(i.is_visible() for i in items.all())
    page.close()


@pytest.mark.browser
def test_entry_page_shows_external_urls_and_page_numbers(browser, served, tmp_path: Path):
    slug = "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
    page = printed(browser, served, f"/briefings/{slug}/")
    # an external link in the body prints its URL after it
    page.evaluate("""() => {
        const a = document.createElement('a');
        a.href = 'https://example.org/statement'; a.textContent = 'the statement';
        a.id = 'ext'; document.querySelector('main article, main').appendChild(a);
    }""")
    after = page.evaluate("getComputedStyle(document.getElementById('ext'), '::after').content")
    assert "https://example.org/statement" in after
    pdf = tmp_path / "entry.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.count("\f")  # pdftotext ends every page with a form feed
    assert pages >= 1
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text
    assert "Kosovo, Albania and Croatia sign" in text
    assert "https://example.org/statement" in text
