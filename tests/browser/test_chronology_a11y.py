"""Accessibility of the timeline view: WCAG AA contrast (TimelineJS3 #869/#870), visible focus
(#853) and reduced motion."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Contrast of every visible text inside a container, with ancestors' opacity and backgrounds.
CONTRAST_JS = """
(selector) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(',').map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const mix = (top, a, under) => ({r: top.r * a + under.r * (1 - a),
    g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a)});
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let out = {r: 255, g: 255, b: 255};
    for (let i = layers.length - 1; i >= 0; i--) out = mix(layers[i], layers[i].a, out);
    return out;
  };
  const box = document.querySelector(selector).getBoundingClientRect();
  const bad = [];
  for (const el of document.querySelectorAll(selector + ' *')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || cs.display === 'none' || !r.width || !r.height) continue;
    const outside = r.right <= box.left || r.left >= box.right || r.bottom <= box.top ||
      r.top >= box.bottom;
    if (outside) continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    if (opacity === 0) continue;
    const bg = background(el);
    const fg0 = parse(cs.color);
    const fg = mix(fg0, fg0.a * opacity, bg);
    const [l1, l2] = [lum(fg), lum(bg)];
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(cs.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      const text = el.textContent.trim().slice(0, 30);
      bad.push(`${el.tagName}.${el.className}: "${text}" ${ratio.toFixed(2)}`);
    }
  }
  return bad;
}
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_timeline_texts_meet_wcag_aa_contrast(open_page, width):
    w = open_page("/", viewport={"width": width, "height": 900})
    w.ready()
    w.page.wait_for_timeout(300)
    assert w.page.evaluate(CONTRAST_JS, "#timeline") == []
    assert w.page.evaluate(CONTRAST_JS, "main") == []


def test_focus_is_visible_on_timeline_controls(open_page):
    w = open_page("/")
    w.ready()
    for selector in (".tl-slidenav-previous", ".tl-menubar-button", "#f-year", "#site-search-q"):
        w.page.focus(selector)
        w.page.keyboard.press("Shift+Tab")  # keyboard focus, so :focus-visible applies
        w.page.keyboard.press("Tab")
        style = w.page.evaluate("""() => { const cs = getComputedStyle(document.activeElement);
            return [cs.outlineStyle, parseFloat(cs.outlineWidth)]; }""")
        assert style[0] != "none" and style[1] >= 2, (selector, style)


def test_reduced_motion_turns_off_timeline_animation(open_page):
    w = open_page("/", reduced_motion="reduce")
    w.ready()
    durations = w.page.eval_on_selector_all(
        ".tl-timemarker, .tl-timenav-slider",
        "els => els.map(e => getComputedStyle(e).transitionDuration)")
    assert durations and all(set(d.replace(" ", "").split(",")) == {"0s"} for d in durations)
    moving = open_page("/", reduced_motion="no-preference")
    moving.ready()
    assert moving.page.eval_on_selector(
        ".tl-timemarker", "e => getComputedStyle(e).transitionDuration") != "0s"
