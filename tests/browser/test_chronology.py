"""The home page's chronology in Chromium: TimelineJS, filters, deep links, keyboard, no JS."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

OLD = "e-2016-12-07-nato-secretary-general-replies-to-mustafa"
MARCH = "e-2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
PLANNED = "e-2025-09-implementation-plan-presented-for-approval"
DATED_SLUGS = {OLD[2:], MARCH[2:], PLANNED[2:]}


def active_marker(w) -> str:
    return w.page.eval_on_selector(".tl-timemarker.tl-timemarker-active", "el => el.id")


def current_hash(w) -> str:
    return w.page.evaluate("location.hash")


def markers(w) -> int:
    return w.page.locator(".tl-timemarker").count()


def listed(w) -> set[str]:
    return set(w.page.eval_on_selector_all("#chronology-list > li", "els => els.map(e => e.id)"))


def test_timeline_loads_every_dated_event_without_errors_or_foreign_requests(open_page):
    w = open_page("/", reduced_motion="no-preference")
    w.ready()
    assert markers(w) == 3
    assert w.page.locator("#explorer").get_attribute("data-events") == "3"
    titles = w.page.eval_on_selector_all(".tl-timemarker h2.tl-headline",
                                         "els => els.map(e => e.textContent)")
    assert not any("Maqedonci announces" in t for t in titles)  # undated: not on the timeline
    assert listed(w) == DATED_SLUGS
    w.page.wait_for_timeout(300)
    assert w.errors == []
    assert w.foreign == []


def test_event_link_opens_its_slide(open_page):
    w = open_page(f"/#event-{OLD}")
    w.ready()
    w.page.wait_for_function(f"() => document.getElementById('{OLD}-marker')"
                             ".classList.contains('tl-timemarker-active')")
    assert active_marker(w) == f"{OLD}-marker"
    assert current_hash(w) == f"#event-{OLD}"
    assert w.errors == []


def test_hash_follows_keyboard_navigation(open_page):
    w = open_page(f"/#event-{OLD}")
    w.ready()
    w.page.wait_for_function(f"() => document.getElementById('{OLD}-marker')"
                             ".classList.contains('tl-timemarker-active')")
    w.page.locator("h1").click()  # focus on the page, on no control
    w.page.keyboard.press("ArrowRight")
    w.page.wait_for_function(f"() => location.hash === '#event-{MARCH}'")
    assert active_marker(w) == f"{MARCH}-marker"
    w.page.keyboard.press("ArrowRight")
    w.page.wait_for_function(f"() => location.hash === '#event-{PLANNED}'")
    w.page.keyboard.press("ArrowLeft")
    w.page.wait_for_function(f"() => location.hash === '#event-{MARCH}'")
    assert w.errors == []


def test_typing_in_the_search_box_does_not_move_the_timeline(open_page):
    w = open_page(f"/#event-{MARCH}")
    w.ready()
    w.page.wait_for_function(f"() => document.getElementById('{MARCH}-marker')"
                             ".classList.contains('tl-timemarker-active')")
    box = w.page.locator("#site-search-q")
    box.click()
    box.type("nato kfor")
    for key in ("ArrowLeft", "ArrowLeft", "ArrowRight", "ArrowLeft", "Home", "ArrowRight"):
        w.page.keyboard.press(key)
    w.page.wait_for_timeout(300)
    assert active_marker(w) == f"{MARCH}-marker"
    assert current_hash(w) == f"#event-{MARCH}"
    assert box.input_value() == "nato kfor"
    # The caret moved inside the box instead (left, left, right, left, home, right).
    w.page.keyboard.type("X")
    assert box.input_value() == "nXato kfor"


def test_filters_change_both_views_and_the_url(open_page):
    w = open_page("/")
    w.ready()
    w.page.select_option("#f-actor", "nato")
    w.page.wait_for_function("() => new URLSearchParams(location.search).get('actor') === 'nato'")
    w.ready()
    assert markers(w) == 1
    assert listed(w) == {OLD[2:]}
    w.page.select_option("#f-actor", "")
    w.page.select_option("#f-status", "planned")
    w.page.wait_for_function(
        "() => new URLSearchParams(location.search).get('status') === 'planned'")
    w.ready()
    assert markers(w) == 1
    assert listed(w) == {PLANNED[2:]}
    assert "actor=" not in w.page.url
    assert w.errors == []


def test_a_url_with_filters_restores_them(open_page):
    w = open_page("/?year=2025&category=agreements&status=occurred")
    w.ready()
    assert w.page.input_value("#f-year") == "2025"
    assert w.page.input_value("#f-category") == "agreements"
    assert w.page.input_value("#f-status") == "occurred"
    assert markers(w) == 1
    assert listed(w) == {MARCH[2:]}
    w.page.click("#f-reset")
    w.page.wait_for_function("() => location.search === ''")
    w.ready()
    assert markers(w) == 3


def test_without_javascript_the_page_lists_every_dated_development(open_page):
    w = open_page("/", java_script_enabled=False)
    assert not w.page.locator("#explorer").is_visible()
    assert listed(w) == DATED_SLUGS
    for slug in DATED_SLUGS:
        assert w.page.locator(f'#chronology-list a[href="/briefings/{slug}/"]').is_visible()
    assert w.page.locator("#awaiting-a-date").is_visible()
    assert w.foreign == []


def settle(w, path: str) -> None:
    """Wait until what the page's scripts do is done (the page's load event has passed)."""
    if path.startswith("/search/"):
        w.page.wait_for_function("() => /found|not available/.test("
                                 "document.getElementById('search-status').textContent)")
    elif path == "/" or path.startswith(("/?", "/#")):
        w.ready()
    w.page.wait_for_timeout(150)


@pytest.mark.parametrize("path", ["/", "/briefings/2025-03-18-kosovo-albania-croatia-sign-"
                                  "defence-declaration/", "/years/2016/", "/actors/nato/",
                                  "/search/?q=Tirana"])
def test_pages_have_no_console_errors_or_csp_violations(open_page, path):
    w = open_page(path)
    settle(w, path)
    if path.startswith("/search/"):
        assert "Tirana" in w.page.inner_text("#search-results")
    assert w.errors == []
    assert w.foreign == []


def test_hostile_source_text_never_runs(open_page, hostile_site_url):
    slug = "2025-06-hostile-source-text"
    for path in (f"/#event-e-{slug}", f"/briefings/{slug}/", "/years/2025/",
                 "/search/?q=hostile"):
        w = open_page(path, base=hostile_site_url)
        settle(w, path)
        assert w.page.evaluate("window.__pwned") is None, path
        assert w.errors == [], path
        assert w.foreign == [], path
        if path.startswith("/#"):  # the slide shows the hostile words as text
            headline = w.page.inner_text(f"#e-{slug} h2.tl-headline")
            assert "<script>window.__pwned=1</script>" in headline
        if path.startswith("/search/"):
            assert w.page.locator("#search-results li").count() >= 1
    for path in (f"/briefings/{slug}/", "/"):  # long hostile strings do not break the layout
        narrow = open_page(path, base=hostile_site_url, viewport={"width": 390, "height": 800})
        assert narrow.page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_hash_follows_a_click_on_a_timeline_marker(open_page):
    w = open_page(f"/#event-{PLANNED}")
    w.ready()
    w.page.click(f"#{MARCH}-marker .tl-timemarker-content-container")
    w.page.wait_for_function(f"() => location.hash === '#event-{MARCH}'")
    w.page.wait_for_function(f"() => document.getElementById('{MARCH}-marker')"
                             ".classList.contains('tl-timemarker-active')")
