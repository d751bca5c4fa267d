"""The Albanian and Serbian sites in Chromium: the timeline in Albanian (the project's locale,
served from the site), the scripts' words in the page's language, the switcher between them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MARCH = "e-2025-03-18-kosovo-albania-croatia-sign-defence-declaration"


def test_the_albanian_timeline_speaks_albanian(open_page):
    w = open_page(f"/sq/#event-{MARCH}")
    w.ready()
    w.page.wait_for_function(f"() => document.getElementById('{MARCH}-marker')"
                             ".classList.contains('tl-timemarker-active')")
    # the events' dates (timeline/*.json) and TimelineJS's own words, from the project's
    # locale (theme/timelinejs-locale/sq.json, served from the site's root)
    dates = w.page.eval_on_selector_all(".tl-slide .tl-headline-date",
                                        "els => els.map(e => e.textContent)")
    assert "18 mars 2025" in dates and "shtator 2025 (i planifikuar)" in dates, dates
    labels = w.page.eval_on_selector_all(".tl-menubar-button[aria-label]",
                                         "els => els.map(e => e.getAttribute('aria-label'))")
    assert {"Zmadho", "Zvogëlo", "Kthehu në fillim"} <= set(labels), labels
    # the scripts' words (#site-words) and the events' (timeline/*.json)
    assert "zhvillim" in w.page.locator("#explorer-status").inner_text()
    assert w.page.locator("a", has_text="Lexoni hyrjen").count() > 0
    assert "Read the entry" not in w.page.locator("#timeline").inner_text()
    assert w.errors == [] and w.foreign == []


def test_the_switcher_opens_the_same_page_in_serbian(open_page):
    w = open_page("/sq/search/")
    w.page.locator(".language-switcher a[hreflang=sr]").click()
    w.page.wait_for_url("**/sr/search/")
    assert w.page.evaluate("document.documentElement.lang") == "sr"
    w.page.fill("#search-q", "NATO")
    w.page.wait_for_function("() => /Pronađen/.test("
                             "document.getElementById('search-status').textContent)")
    hrefs = w.page.eval_on_selector_all("#search-results a", "els => els.map(a => a.pathname)")
    assert hrefs and all(h.startswith("/sr/briefings/") for h in hrefs), hrefs
    assert w.errors == [] and w.foreign == []
