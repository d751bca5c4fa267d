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
    # with JavaScript the URL is a numbered note in a list at the end, not inline
    assert "https://example.org/statement" in text
    assert "<https://example.org/statement>" not in text
    notes = text[text.rindex("Links"):]
    assert "1. https://example.org/statement" in " ".join(notes.split())
    assert "thestatement1" in text.replace(" ", "")


@pytest.mark.browser
def test_print_notes_are_numbered_once_per_url_and_removed_after_printing(browser, served,
                                                                          tmp_path: Path):
    page = printed(browser, served, "/about/")
    page.evaluate("""() => {
        const main = document.querySelector('main');
        for (const [href, text] of [['https://a.example/x', 'first'], ['https://b.example/y',
             'second'], ['https://a.example/x', 'again']]) {
            const a = document.createElement('a'); a.href = href; a.textContent = text;
            main.appendChild(a);
        }
    }""")
    pdf = tmp_path / "about.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    # afterprint took the notes away again: the screen page is as it was
    assert page.locator(".print-notes, .print-note-ref").count() == 0
    page.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    # the page's own link (to TimelineJS) is note 1
    assert "1. https://timeline.knightlab.com/" in flat
    assert "2. https://a.example/x" in flat and "3. https://b.example/y" in flat
    assert "4. " not in flat[flat.rindex("Links"):], "the same URL keeps its number"
    compact = text.replace(" ", "")
    assert "TimelineJS1" in compact
    assert "first2" in compact and "second3" in compact and "again2" in compact


@pytest.mark.browser
def test_without_javascript_the_url_is_printed_after_the_link(browser, served, tmp_path: Path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "/about/")
    page.emulate_media(media="print")
    pdf = tmp_path / "nojs.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    context.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "TimelineJS <https://timeline.knightlab.com/>" in " ".join(text.split())
