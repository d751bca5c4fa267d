"""Site checks against the built seed site: links and anchors resolve, every page is valid HTML
(the Nu Html Checker), and axe-core finds no accessibility violation on the main kinds of page."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from sitecheck import file_of, find_page, html_files, ids_of, parse_html, search_for, url_of

#: (element, attribute) pairs that point at something the browser loads or follows.
LINK_ATTRS = (("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"),
              ("img", "src"), ("source", "src"), ("iframe", "src"), ("video", "src"),
              ("audio", "src"), ("track", "src"), ("form", "action"), ("object", "data"),
              ("img", "srcset"), ("source", "srcset"), ("video", "poster"))
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
SITE = "http://site.invalid"  # a stand-in origin for resolving relative links; never fetched


def _targets(el, attr: str) -> list[str]:
    value = el.get(attr)
    if value is None:
        return []
    if attr == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def broken_links(site: Path) -> list[str]:
    """Every internal URL in HTML and CSS that the site cannot answer, with where it is."""
    broken: list[str] = []
    for f in html_files(site):
        page_url = SITE + url_of(site, f)
        doc = parse_html(f)
        base = doc.xpath("//base/@href")
        page_base = urljoin(page_url, base[0]) if base else page_url
        for tag, attr in LINK_ATTRS:
            for el in doc.iter(tag):
                for href in _targets(el, attr):
                    problem = _check(site, page_base, href)
                    if problem:
                        broken.append(f"{f.relative_to(site)} line {el.sourceline}: "
                                      f"<{tag} {attr}={href!r}> {problem}")
    for css in sorted(site.rglob("*.css")):
        css_url = SITE + "/" + css.relative_to(site).as_posix()
        text = css.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for m in CSS_URL_RE.finditer(text):
            ref = m.group(2) or m.group(4)
            problem = _check(site, css_url, ref, anchors=False)
            if problem:
                broken.append(f"{css.relative_to(site)}: url({ref}) {problem}")
    return broken


def _check(site: Path, base: str, href: str, anchors: bool = True) -> str | None:
    if not href or href.startswith(("mailto:", "tel:", "data:")):
        return None
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("http", "https") or f"{url.scheme}://{url.netloc}" != SITE:
        return None  # another site: not this check's business (and never fetched)
    target = file_of(site, url.path)
    if target is None:
        return f"-> {url.path} does not exist"
    fragment = unquote(url.fragment)
    if (anchors and fragment and fragment != "top" and target.suffix == ".html"
            and fragment not in ids_of(target)):
        return f"-> no id={unquote(url.fragment)!r} in {target.relative_to(site)}"
    return None


def test_the_link_checker_catches_what_it_should(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><title>x</title><h1 id="here">x</h1>'
        '<a href="/a/">ok</a><a href="#here">ok</a><a href="a/#nowhere">bad anchor</a>'
        '<a href="/missing/">bad</a><a href="https://example.org/x">other site</a>'
        '<link rel=stylesheet href="/s.css">', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("<p id=x>a</p>", encoding="utf-8")
    (tmp_path / "s.css").write_text("a{background:url('img/none.png')}", encoding="utf-8")
    found = broken_links(tmp_path)
    assert [x.split("<")[1].split(" ")[1] for x in found if x.startswith("index.html")] == [
        "href='a/#nowhere'>", "href='/missing/'>"]
    assert any("img/none.png" in x for x in found)
    assert len(found) == 3


def test_every_internal_link_and_anchor_resolves(seed_site):
    broken = broken_links(seed_site)
    assert not broken, "\n".join(broken)


def test_every_page_is_valid_html(vnu, seed_site):
    errors = [f"{f.relative_to(seed_site)}: {m}" for f in html_files(seed_site)
              for m in vnu[f.resolve()]]
    errors += vnu.get(Path("<vnu>"), [])
    assert not errors, "\n".join(errors)


def test_the_validator_reports_invalid_html(vnu):
    """The Nu Html Checker really checks: the known-bad canary page run with the sites fails."""
    (canary,) = [k for k in vnu if k.name == "canary-invalid.html"]
    assert any("Stray end tag" in m for m in vnu[canary]), vnu[canary]


# --- axe-core ------------------------------------------------------------------------------------

AXE_RUN = """
async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return {passes: r.passes.length, violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))};
}
"""


def _axe(browser, base: str, path: str, axe_js: Path, action=None) -> dict:
    # bypass_csp: axe is injected by the test, not by the site; the site's own CSP would rightly
    # block an injected inline script.
    context = browser.new_context(bypass_csp=True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                  else r.abort())
    page = context.new_page()
    try:
        page.goto(base + path, wait_until="load")
        with contextlib.suppress(Exception):  # a page that keeps polling: check what is there
            page.wait_for_load_state("networkidle", timeout=5000)
        if action is not None:
            action(page)
        page.add_script_tag(path=str(axe_js))
        return page.evaluate(AXE_RUN)
    finally:
        context.close()


def _entry_page(site: Path) -> Path | None:
    """An entry page with citations (the richest one): the first with the most links."""
    entries = [f for f in sorted(site.glob("briefings/*/index.html"))]
    return max(entries, key=lambda f: len(parse_html(f).xpath("//main//a")), default=None)


PAGES = {
    "home page": lambda s: s / "index.html",
    "entry page": _entry_page,
    "Sources page": lambda s: find_page(s, "sources/index.html", "sources.html"),
    "actor page": lambda s: find_page(s, "actors/*/index.html", "actor/*/index.html",
                                      "actors/*.html"),
    "search results": lambda s: find_page(s, "search/index.html", "search.html"),
    "error page": lambda s: s / "404.html",
    "Albanian error page": lambda s: s / "sq" / "404.html",
    "Serbian error page": lambda s: s / "sr" / "404.html",
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_violation(kind, browser, seed_site, seed_url, axe_js):
    page = PAGES[kind](seed_site)
    if page is None or not page.exists():
        pytest.skip(f"no {kind} in the built site yet")
    result = _axe(browser, seed_url, url_of(seed_site, page), axe_js,
                  action=search_for("Kosovo") if kind == "search results" else None)
    assert result["passes"] > 0, "axe ran no rule"
    assert not result["violations"], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in result["violations"])


@pytest.mark.browser
def test_axe_reports_a_violation_when_there_is_one(browser, tmp_path, axe_js):
    from sitecheck import serve

    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body><img src=a.png>"
        "<p style='color:#eee;background:#fff'>faint</p></body></html>", encoding="utf-8")
    with serve(tmp_path) as base:
        result = _axe(browser, base, "/", axe_js)
    ids = {v["id"] for v in result["violations"]}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= ids


def test_the_browser_opens_every_root_page_and_each_kind_of_every_language(seed_site):
    from sitecheck import browsed_files

    opened = {f.relative_to(seed_site).as_posix() for f in browsed_files(seed_site)}
    every = {f.relative_to(seed_site).as_posix() for f in html_files(seed_site)}
    assert {p for p in every if p.split("/")[0] not in ("sq", "sr")} <= opened
    for lang in ("sq", "sr"):
        kinds = {tuple(p.split("/")[1:2]) for p in every if p.startswith(f"{lang}/")}
        assert {tuple(p.split("/")[1:2]) for p in opened if p.startswith(f"{lang}/")} == kinds
        assert f"{lang}/index.html" in opened and any(
            p.startswith(f"{lang}/briefings/") for p in opened)
