"""Run in its own process by the browser step: the home page in headless Chromium.

Serves a built site on 127.0.0.1 (a random free port), opens its home page in Debian's Chromium
through Playwright and prints JSON on stdout. All times are measured inside the page with
``performance.now()`` (milliseconds since navigation start), so Playwright's own round trips do
not count:

- ``ready_ms``: from navigation start to the first animation frame at which the readiness
  predicate holds (default: a TimelineJS slide and a time-marker exist, see ``--ready``); each
  repeat opens the page in a fresh browser context (cold HTTP cache), after ``--warmup`` loads
  that are not counted (the browser's own start-up is not the page's);
- ``slide_ms``: from the key press (the keydown event's own time stamp; ArrowRight, or ArrowLeft
  when the timeline opens on its last slide) or the click on the next/previous button to the first
  animation frame at which the current slide has changed, that is when the URL
  hash or the active time-marker (``.tl-timemarker-active``) differ; TimelineJS's slide animation
  that follows is not included;
- ``filter_ms``: from setting the first filter control (a ``<select>`` gets its next option, a
  checkbox is toggled; ``input`` and ``change`` events dispatched) to the animation frame after
  the last DOM change it caused (child lists, text, ``class``/``hidden``/``aria-hidden``
  attributes; the view counts as settled after ``--quiet`` ms without a change).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

DEFAULT_READY = ("document.querySelector('.tl-timeline .tl-slide') !== null && "
                 "document.querySelector('.tl-timenav .tl-timemarker') !== null")
DEFAULT_TIMELINE = ".tl-timeline, #timeline, [data-timeline]"
DEFAULT_NEXT_KEY = "ArrowRight"
DEFAULT_NEXT_BUTTON = ".tl-slidenav-next"
DEFAULT_FILTERS = ("[data-filter] select, select[data-filter], .filters select, #filters select, "
                   "form.filters select, select[name=actor], select[name=category], "
                   "select[name=year], select[name=status], [data-filter] input[type=checkbox], "
                   ".filters input[type=checkbox], #filters input[type=checkbox]")

# Installed before any page script: records the frame at which the readiness predicate holds.
READY_SCRIPT = """
(() => {
  const ready = () => { try { return Boolean(__READY__); } catch (e) { return false; } };
  window.__bench = { ready: null };
  const tick = () => {
    if (ready()) { window.__bench.ready = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.addEventListener('keydown', (e) => { window.__bench.keyAt = e.timeStamp; }, true);
})();
"""

STATE_JS = """() => {
  const m = document.querySelector('.tl-timemarker-active');
  return location.hash + '|' + (m ? (m.id || m.textContent.slice(0, 60)) : '');
}"""

# Resolves with the time (ms) from `since` (or from the call) to the frame at which the state
# differs from `before`, or null after `timeout` ms.
WAIT_CHANGE_JS = """async ([before, timeout]) => {
  const state = __STATE__;
  const start = performance.now();
  return await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (state() !== before) { resolve(now); return; }
      if (now - start > timeout) { resolve(null); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}""".replace("__STATE__", STATE_JS)

CLICK_JS = """async ([selector, before, timeout]) => {
  const state = __STATE__;
  const el = document.querySelector(selector);
  if (!el) return null;
  const t0 = performance.now();
  el.click();
  return await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (state() !== before) { resolve(now - t0); return; }
      if (now - t0 > timeout) { resolve(null); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}""".replace("__STATE__", STATE_JS)

FILTER_JS = """async ([selector, quiet, timeout]) => {
  const el = Array.from(document.querySelectorAll(selector)).find(
    (e) => e.offsetParent !== null || e.getClientRects().length > 0);
  if (!el) return {found: false};
  const url = location.href;
  let last = null;
  let changes = 0;
  const obs = new MutationObserver(() => {
    changes += 1;
    requestAnimationFrame(() => { last = performance.now(); });
  });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true,
                              attributes: true,
                              attributeFilter: ['class', 'hidden', 'aria-hidden']});
  const t0 = performance.now();
  let what;
  if (el.tagName === 'SELECT') {
    el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
    what = `select ${el.name || el.id} = ${el.value}`;
  } else {
    el.checked = !el.checked;
    what = `checkbox ${el.name || el.id} = ${el.checked}`;
  }
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
  await new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      const since = last === null ? now - t0 : now - last;
      if ((last !== null && since > quiet) || now - t0 > timeout ||
          (last === null && since > quiet * 4)) { resolve(); return; }
      setTimeout(check, 25);
    };
    setTimeout(check, 25);
  });
  obs.disconnect();
  return {found: true, what, changes, ms: last === null ? null : last - t0,
          url_changed: location.href !== url};
}"""


# What the page loaded (first load, cold cache): requests, bytes, and requests to other hosts.
RESOURCES_JS = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  const foreign = entries.filter((e) => new URL(e.name).host !== location.host);
  return {load_requests: entries.length,
          load_bytes: entries.reduce((n, e) => n + (e.encodedBodySize || 0), 0),
          foreign_requests: foreign.map((e) => e.name).slice(0, 5),
          foreign_count: foreign.length};
}"""


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _fresh_page(browser, ready: str):
    """A page in a context of its own (cold HTTP cache) that watches for ``ready``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(READY_SCRIPT.replace("__READY__", ready))
    return context, page


def measure(site: Path, repeat: int, ready: str, timeline: str, next_key: str,
            next_button: str, filters: str, quiet: float, timeout: float,
            timeline_wait: float = 5, warmup: int = 1) -> dict:
    """Open the home page of ``site`` ``repeat`` times, after ``warmup`` loads that are not
    counted; see the module's docstring."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    out: dict = {"url": url, "ready_ms": [], "slide_ms": [], "filter_ms": [], "errors": [],
                 "notes": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            out["chromium"] = browser.version
            give_up = None
            for _ in range(warmup):
                # The browser's own start-up (its first renderer, font and code caches) is not
                # the page's: a first load in a context of its own, not counted.
                context, page = _fresh_page(browser, ready)
                page.goto(url, wait_until="load", timeout=timeout * 1000)
                with contextlib.suppress(Exception):
                    page.wait_for_function("() => window.__bench.ready !== null",
                                           timeout=timeline_wait * 1000)
                context.close()
            for _ in range(repeat):
                context, page = _fresh_page(browser, ready)
                page.on("console", lambda m: m.type == "error" and out["errors"].append(m.text))
                page.on("pageerror", lambda e: out["errors"].append(str(e)))
                page.goto(url, wait_until="load", timeout=timeout * 1000)
                if "load_bytes" not in out:
                    page.wait_for_timeout(500)
                    out.update(page.evaluate(RESOURCES_JS))
                ready_ms = None
                if give_up is None:
                    ready_ms = _wait_ready(page, timeline, timeout, out, timeline_wait)
                    if ready_ms is None:
                        give_up = True  # not ready once: later loads would waste the timeout
                if ready_ms is not None:
                    out["ready_ms"].append(ready_ms)
                    slide = _slide_change(page, next_key, next_button, out)
                    if slide is not None:
                        out["slide_ms"].append(slide)
                page.wait_for_timeout(quiet)
                result = page.evaluate(FILTER_JS, [filters, quiet, timeout * 1000])
                if not result.get("found"):
                    out["filter_found"] = False
                else:
                    out["filter_found"] = True
                    out["filter_what"] = result["what"]
                    out["filter_url_changed"] = result["url_changed"]
                    if result["ms"] is not None:
                        out["filter_ms"].append(result["ms"])
                    else:
                        out["notes"].append(f"setting the filter ({result['what']}) changed "
                                            "nothing on the page")
                context.close()
            browser.close()
    finally:
        server.shutdown()
    for key in ("ready_ms", "slide_ms", "filter_ms"):
        values = out[key]
        out[key.replace("_ms", "_median_ms")] = statistics.median(values) if values else None
    return out


def _wait_ready(page, timeline: str, timeout: float, out: dict,
                timeline_wait: float = 5) -> float | None:
    try:
        page.wait_for_selector(timeline, state="attached", timeout=timeline_wait * 1000)
    except Exception:
        out["notes"].append(f"no timeline on the home page (nothing matches {timeline!r})")
        return None
    try:
        # a function, not a string: a string is eval()ed in the page, which its CSP forbids
        page.wait_for_function("() => window.__bench && window.__bench.ready !== null",
                               timeout=timeout * 1000)
    except Exception:
        out["notes"].append(f"the timeline was not ready within {timeout:.0f} s")
        return None
    return page.evaluate("window.__bench.ready")


def _slide_change(page, next_key: str, next_button: str, out: dict,
                  prev_key: str = "ArrowLeft", prev_button: str = ".tl-slidenav-previous"
                  ) -> float | None:
    """Three slide changes (the median is kept). Tried in order: the next key, the previous key
    (the timeline may open on its last slide), a click on the next button, on the previous one;
    the first way that changes the slide is kept while it works."""
    page.wait_for_timeout(300)
    ways = [("key", next_key), ("key", prev_key), ("button", next_button),
            ("button", prev_button)]
    times = []
    for _ in range(3):
        ms = None
        for kind, what in sorted(ways, key=lambda w: w != out.get("slide_way")):
            before = page.evaluate(STATE_JS)
            if kind == "key":
                page.evaluate("() => { window.__bench.keyAt = null; }")
                page.keyboard.press(what)
                changed = page.evaluate(WAIT_CHANGE_JS, [before, 3000])
                key_at = page.evaluate("window.__bench.keyAt")
                if changed is not None and key_at is not None:
                    ms = changed - key_at
            else:
                ms = page.evaluate(CLICK_JS, [what, before, 3000])
            if ms is not None:
                out["slide_way"] = (kind, what)
                out["slide_how"] = f"key {what}" if kind == "key" else f"click on {what}"
                break
        if ms is None:
            out["notes"].append("no key and no next/previous button changed the slide")
            return None
        times.append(ms)
        page.wait_for_timeout(1200)  # let the slide animation finish before the next change
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--ready", default=DEFAULT_READY)
    parser.add_argument("--timeline", default=DEFAULT_TIMELINE)
    parser.add_argument("--next-key", default=DEFAULT_NEXT_KEY)
    parser.add_argument("--next-button", default=DEFAULT_NEXT_BUTTON)
    parser.add_argument("--filters", default=DEFAULT_FILTERS)
    parser.add_argument("--quiet", type=float, default=500)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args(argv)
    result = measure(args.site, args.repeat, args.ready, args.timeline, args.next_key,
                     args.next_button, args.filters, args.quiet, args.timeout,
                     warmup=args.warmup)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
