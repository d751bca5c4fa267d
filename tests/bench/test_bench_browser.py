"""The browser measurements of `briefings bench` on a small hand-made page in real Chromium."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from briefings.bench.browser import DEFAULT_FILTERS, DEFAULT_NEXT_BUTTON
from briefings.bench.browser import measure as measure_here


def measure(*args, **kwargs):
    """``measure`` starts Playwright's sync API, which refuses to run on a thread where another
    test's session browser already runs an event loop: run it on a thread of its own."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(measure_here, *args, **kwargs).result()

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="icon" href="data:,"></head><body>
<form class="filters"><select name="year"><option value="">all</option>
<option value="2016">2016</option><option value="2025">2025</option></select></form>
<ol id="chronology">%s</ol>
<script>
document.querySelector('select').addEventListener('change', (e) => {
  history.replaceState(null, '', '?year=' + e.target.value);
  setTimeout(() => {
    for (const li of document.querySelectorAll('#chronology li'))
      li.hidden = e.target.value && li.dataset.year !== e.target.value;
  }, 50);
});
</script></body></html>"""


@pytest.mark.browser
def test_filter_change_is_measured_and_a_missing_timeline_is_reported(tmp_path):
    items = "".join(f'<li data-year="{2016 if i % 2 else 2025}">Development {i}</li>'
                    for i in range(50))
    (tmp_path / "index.html").write_text(PAGE % items, encoding="utf-8")
    result = measure(tmp_path, repeat=1, ready="false", timeline="#timeline", next_key="ArrowRight",
                     next_button=DEFAULT_NEXT_BUTTON, filters=DEFAULT_FILTERS, quiet=300,
                     timeout=10, timeline_wait=0.5)
    assert result["errors"] == []
    assert result["load_requests"] >= 1 and result["foreign_count"] == 0
    assert result["load_bytes"] >= len(PAGE)
    assert result["ready_median_ms"] is None
    assert any("no timeline on the home page" in n for n in result["notes"])
    assert result["filter_found"] and result["filter_url_changed"]
    assert result["filter_what"] == "select year = 2016"
    # the page hides the items 50 ms after the change: the measure cannot be shorter
    assert 50 <= result["filter_median_ms"] < 5000


CSP_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<link rel="icon" href="data:,"></head><body><div id="timeline"></div>
<script src="late.js"></script></body></html>"""


@pytest.mark.browser
def test_readiness_is_awaited_under_a_strict_content_security_policy(tmp_path):
    """The site forbids eval(): waiting for a timeline that is not ready at once must still
    work (a string predicate given to Playwright's wait_for_function is eval()ed)."""
    (tmp_path / "index.html").write_text(CSP_PAGE, encoding="utf-8")
    (tmp_path / "late.js").write_text(
        "setTimeout(() => { document.getElementById('timeline').className = 'done'; }, 400);",
        encoding="utf-8")
    result = measure(tmp_path, repeat=2, ready="document.querySelector('#timeline.done')",
                     timeline="#timeline", next_key="ArrowRight", next_button=DEFAULT_NEXT_BUTTON,
                     filters=DEFAULT_FILTERS, quiet=300, timeout=10, timeline_wait=2)
    assert not any("not ready" in n for n in result["notes"]), result["notes"]
    assert len(result["ready_ms"]) == 2
    assert all(400 <= ms < 10000 for ms in result["ready_ms"])
