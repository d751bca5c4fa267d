"""Content-Security-Policy: every page forbids inline scripts and third-party origins, and
Chromium reports no violation, no console error and no request to another origin anywhere."""

from __future__ import annotations

import pytest
from sitecheck import (
    Visitor,
    browsed_files,
    csp_problems,
    element_dangers,
    html_files,
    parse_html,
    url_of,
)


def _csp_metas(doc) -> list:
    return [m for m in doc.xpath("//meta[@http-equiv]")
            if m.get("http-equiv").strip().lower() == "content-security-policy"]


def test_policy_checker_tells_safe_from_unsafe():
    assert csp_problems("default-src 'self'; img-src 'self' data:; "
                        "script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                        "base-uri 'self'; form-action 'self'") == []
    assert csp_problems("default-src 'self'; script-src 'self' 'unsafe-inline'")
    assert csp_problems("default-src 'self' https://cdn.example.org")
    assert csp_problems("default-src *")
    assert csp_problems("script-src 'self'")  # no default-src
    assert csp_problems("default-src 'self'; font-src https://fonts.gstatic.com")


def test_every_page_has_a_strict_csp_meta_tag_before_any_script(seed_site):
    problems = []
    for f in html_files(seed_site):
        doc = parse_html(f)
        rel = f.relative_to(seed_site)
        metas = _csp_metas(doc)
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} CSP meta tags, want 1")
            continue
        meta = metas[0]
        if meta.getparent().tag != "head":
            problems.append(f"{rel}: the CSP meta tag is not in <head>")
        before = [e for e in meta.itersiblings(preceding=True)
                  if e.tag in ("script", "link", "style")]
        if before:
            problems.append(f"{rel}: <{before[0].tag}> comes before the CSP meta tag "
                            "(a policy applies only to what follows it)")
        problems += [f"{rel}: {p}" for p in csp_problems(meta.get("content", ""))]
    assert not problems, "\n".join(problems)


def test_no_page_has_inline_script_or_handlers(seed_site):
    """What a strict policy would block must not be in the pages at all."""
    found = [f"{f.relative_to(seed_site)}: {d}" for f in html_files(seed_site)
             for d in element_dangers(parse_html(f))]
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def seed_visits(browser, seed_site, seed_url):
    visitor = Visitor(browser, seed_url)
    try:
        return [visitor.visit(url_of(seed_site, f)) for f in browsed_files(seed_site)]
    finally:
        visitor.close()


@pytest.mark.browser
def test_chromium_reports_no_csp_violation(seed_visits):
    found = [f"{v.url}: {x}" for v in seed_visits for x in v.csp_violations]
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_chromium_reports_no_console_error_or_failed_request(seed_visits):
    found = [f"{v.url}: {x}" for v in seed_visits
             for x in [*v.console_errors, *v.page_errors, *v.failed_responses]]
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_no_request_to_another_origin(seed_visits):
    found = [f"{v.url}: {x}" for v in seed_visits for x in v.foreign_requests]
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_the_recorder_sees_a_violation_when_there_is_one(browser, tmp_path):
    """The checks above can fail: a page that breaks its own policy is caught."""
    from sitecheck import serve

    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'self'\">"
        "<title>t</title></head><body><script>window.x=1</script>"
        "<img src=https://example.invalid/x.png alt=x></body></html>", encoding="utf-8")
    (tmp_path / "favicon.ico").write_bytes(b"")
    with serve(tmp_path) as base:
        visitor = Visitor(browser, base)
        try:
            v = visitor.visit("/")
        finally:
            visitor.close()
    assert any("script-src" in x for x in v.csp_violations), v.csp_violations
    assert any("example.invalid" in x for x in v.csp_violations), v.csp_violations
