"""A citation shows its reference on hover and on keyboard focus (a copy of the reference list's
text that site.js puts after the link), and without JavaScript leads to that reference; pages
are served with a Content-Security-Policy that forbids inline script and style."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

pytestmark = pytest.mark.browser

CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'"


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_browser(browser, forms_site):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(forms_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield browser, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture
def browser_page(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text
            and page.csp_violations.append(m.text))
    page.goto(f"{base}/briefings/2025-06-24-citation-forms/")
    yield page
    page.close()


def tip_visible(page, index: int) -> bool:
    return page.evaluate(
        "i => getComputedStyle(document.querySelectorAll('.cite-tip')[i]).visibility", index
    ) == "visible"


def test_tooltip_hidden_then_shown_on_hover(browser_page):
    page = browser_page
    assert not tip_visible(page, 0)
    page.locator(".cite-link").nth(0).hover()
    assert tip_visible(page, 0)
    page.mouse.move(0, 0)
    assert not tip_visible(page, 0)


def test_tooltip_shown_on_keyboard_focus_and_describes_the_link(browser_page):
    page = browser_page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite-link')"):
            break
    else:
        pytest.fail("Tab never reached a citation")
    assert tip_visible(page, 0)
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
        ".textContent")
    assert "Allies Meet on the Western Balkans & KFOR" in described
    page.keyboard.press("Tab")
    assert not tip_visible(page, 0) and tip_visible(page, 1)


def test_tooltip_is_the_reference_text_without_links(browser_page):
    page = browser_page
    tips = page.evaluate("""() => [...document.querySelectorAll('.cite-link')].map(a => {
        const tip = a.nextElementSibling;
        const text = document.getElementById(a.getAttribute('aria-describedby'));
        return {tip: tip && tip.classList.contains('cite-tip') ? tip.textContent : null,
                text: text.textContent, links: tip ? tip.querySelectorAll('a').length : -1,
                hidden: tip ? tip.getAttribute('aria-hidden') : null};
    })""")
    assert len(tips) == 7
    for t in tips:
        assert t["tip"] == t["text"] and t["links"] == 0 and t["hidden"] == "true"
    assert any("Allies Meet on the Western Balkans & KFOR" in t["tip"] for t in tips)
    assert any("https://" in t["tip"] for t in tips), "the URL is in the tooltip, as text"


def test_without_javascript_a_citation_is_the_link_to_its_reference(site_browser):
    browser, base = site_browser
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base}/briefings/2025-06-24-citation-forms/")
        assert page.locator(".cite-tip").count() == 0
        link = page.locator(".citation-in-text .cite-link").nth(0)
        link.hover()
        link.click()
        assert page.evaluate("location.hash") == "#ref-nato-2025-kfor-factsheet"
        background = page.evaluate("getComputedStyle(document.querySelector("
                                   "'#ref-nato-2025-kfor-factsheet')).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the reference is marked"
    finally:
        context.close()


def test_citation_link_goes_to_the_reference(browser_page):
    page = browser_page
    page.locator(".citation-in-text .cite-link").nth(0).click()
    assert page.evaluate("location.hash") == "#ref-nato-2025-kfor-factsheet"
    assert page.locator("#ref-nato-2025-kfor-factsheet").is_visible()
    assert page.csp_violations == []


def test_escape_dismisses_the_tooltip_without_moving_focus_or_pointer(browser_page):
    page = browser_page
    page.locator(".cite-link").nth(0).focus()
    assert tip_visible(page, 0)
    page.keyboard.press("Escape")
    assert not tip_visible(page, 0)
    assert page.evaluate("document.activeElement.classList.contains('cite-link')")
    page.keyboard.press("Tab")
    assert tip_visible(page, 1)
    page.keyboard.press("Shift+Tab")
    assert tip_visible(page, 0), "the tooltip comes back once focus has left and returned"
    page.locator(".cite-link").nth(0).blur()
    page.locator(".cite-link").nth(0).hover()
    assert tip_visible(page, 0)
    page.keyboard.press("Escape")
    assert not tip_visible(page, 0), "hovered, Escape hides it too"
    page.mouse.move(0, 0)
    page.locator(".cite-link").nth(0).hover()
    assert tip_visible(page, 0)
    assert page.csp_violations == []
