"""The home page's explorer when the chronology is longer than what it shows at once: the
timeline's windows, the list's limit, and how the opening view reuses the page's own HTML.

A site built from the fixture content with a window of 2 events and a list of 2 developments
behaves as a site of 10,000 developments does with the project's settings. Plus: the opening
view's file is preloaded and fetched once; the timeline still lays itself out again when the page
resizes.
"""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = pytest.mark.browser

OLD = "e-2016-12-07-nato-secretary-general-replies-to-mustafa"
MARCH = "e-2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
PLANNED = "e-2025-09-implementation-plan-presented-for-approval"

# Installed before the page's scripts: every development the page's own list loses or gains
# once the HTML has been parsed.
LIST_WATCH = """
window.__list = {removed: [], added: []};
document.addEventListener('DOMContentLoaded', () => {
  const list = document.getElementById('chronology-list');
  new MutationObserver((records) => records.forEach((r) => {
    r.removedNodes.forEach((n) => n.id && window.__list.removed.push(n.id));
    r.addedNodes.forEach((n) => n.id && window.__list.added.push(n.id));
  })).observe(list, {childList: true});
});
"""


def listed(w) -> list[str]:
    return w.page.eval_on_selector_all("#chronology-list > li", "els => els.map(e => e.id)")


def markers(w) -> list[str]:
    return w.page.eval_on_selector_all(".tl-timemarker", "els => els.map(e => e.id)")


def active(w) -> str:
    return w.page.eval_on_selector(".tl-timemarker.tl-timemarker-active", "el => el.id")


def wait_active(w, uid: str) -> None:
    w.page.wait_for_function(
        f"() => location.hash === '#event-{uid}' && document.getElementById('{uid}-marker')"
        f" && document.getElementById('{uid}-marker').classList.contains('tl-timemarker-active')")


def test_opening_view_keeps_the_pages_own_list_and_offers_the_rest(open_page, small_site_url):
    w = open_page("/", base=small_site_url, reduced_motion="no-preference")
    w.page.add_init_script(LIST_WATCH)
    w.page.reload()
    w.ready()
    # The page's HTML lists the latest two; the opening view wants the same two: untouched.
    assert listed(w) == [PLANNED[2:], MARCH[2:]]
    assert w.page.evaluate("window.__list") == {"removed": [], "added": []}
    assert w.page.inner_text("#developments-title") == "3 developments"
    # The timeline holds the latest window of two, with a way to the earlier one.
    assert markers(w) == [f"{MARCH}-marker", f"{PLANNED}-marker"]
    assert w.page.get_attribute("#explorer", "data-events") == "2"
    assert w.page.is_visible("#window-nav")
    assert w.page.is_enabled("#window-earlier") and not w.page.is_enabled("#window-later")
    assert "shows 2–3 of them" in w.page.inner_text("#explorer-status")
    # The rest of the list on request; focus goes to what was added.
    button = w.page.locator("#list-more-button")
    assert button.is_visible()
    assert button.inner_text() == "Show 1 more matching development"
    button.click()
    assert listed(w) == [PLANNED[2:], MARCH[2:], OLD[2:]]
    assert not w.page.is_visible("#list-more")
    assert w.page.evaluate("document.activeElement.closest('li').id") == OLD[2:]
    assert w.errors == []


def test_arrow_keys_go_on_into_the_next_window(open_page, small_site_url):
    w = open_page(f"/#event-{MARCH}", base=small_site_url)
    w.ready()
    wait_active(w, MARCH)
    assert markers(w) == [f"{OLD}-marker", f"{MARCH}-marker"]  # MARCH ends its window
    w.page.locator("h1").click()  # focus on the page, on no control
    w.page.keyboard.press("ArrowRight")  # past the window's last event: the next window
    wait_active(w, PLANNED)
    w.ready()
    assert markers(w) == [f"{MARCH}-marker", f"{PLANNED}-marker"]
    w.page.keyboard.press("ArrowLeft")  # within the window
    wait_active(w, MARCH)
    assert markers(w) == [f"{MARCH}-marker", f"{PLANNED}-marker"]
    w.page.keyboard.press("ArrowLeft")  # before the window's first event: the earlier window
    wait_active(w, OLD)
    w.ready()
    assert markers(w) == [f"{OLD}-marker", f"{MARCH}-marker"]
    assert active(w) == f"{OLD}-marker"
    w.page.keyboard.press("ArrowLeft")  # the very first event: nothing before it
    w.page.wait_for_timeout(300)
    assert w.page.evaluate("location.hash") == f"#event-{OLD}"
    assert w.errors == []


def test_a_link_to_an_event_beyond_the_list_adds_it_to_the_list(open_page, small_site_url):
    w = open_page(f"/#event-{OLD}", base=small_site_url)
    w.ready()
    wait_active(w, OLD)
    assert listed(w) == [PLANNED[2:], MARCH[2:], OLD[2:]]
    assert w.page.locator(f"#chronology-list h3#event-{OLD}").count() == 1
    assert not w.page.is_visible("#list-more")


def test_printing_lists_every_matching_development(open_page, small_site_url):
    w = open_page("/", base=small_site_url)
    w.ready()
    assert len(listed(w)) == 2
    w.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert listed(w) == [PLANNED[2:], MARCH[2:], OLD[2:]]


def test_the_opening_views_file_is_preloaded_and_fetched_once(open_page):
    w = open_page("/", reduced_motion="no-preference")
    asked: Counter = Counter()
    warnings: list[str] = []
    w.page.on("request", lambda r: "/timeline/" in r.url and asked.update([r.url]))
    w.page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    w.page.reload()
    w.ready()
    w.page.wait_for_timeout(300)
    files = {u.rsplit("/", 1)[1] for u in asked}
    assert files == {"all.json"}  # every year, in one file: the fixture is short
    assert set(asked.values()) == {1}, asked  # the preloaded response is the one used
    initiators = w.page.evaluate("""() => performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/timeline/')).map((e) => e.initiatorType)""")
    assert initiators == ["link"]  # fetched by the page's <link rel=preload>
    assert not [m for m in warnings if "preload" in m], warnings
    assert int(w.page.get_attribute("#explorer", "data-events")) == 3  # both years' events
    # A year: that year's own file.
    w.page.select_option("#f-year", "2016")
    w.page.wait_for_function("() => document.getElementById('explorer').dataset.events === '1'")
    assert {u.rsplit("/", 1)[1] for u in asked} == {"all.json", "2016.json"}
    assert w.errors == []


def test_the_timeline_is_laid_out_again_when_the_page_resizes(open_page):
    w = open_page(f"/#event-{MARCH}", viewport={"width": 1280, "height": 900})
    w.ready()
    wait_active(w, MARCH)
    cls = "document.querySelector('.tl-timeline').classList"
    assert w.page.evaluate(f"{cls}.contains('tl-layout-landscape')")
    w.page.set_viewport_size({"width": 390, "height": 800})
    w.page.wait_for_function(f"() => {cls}.contains('tl-skinny')")
    assert w.page.evaluate(f"{cls}.contains('tl-layout-portrait')")
    assert active(w) == f"{MARCH}-marker"
    assert w.errors == []
