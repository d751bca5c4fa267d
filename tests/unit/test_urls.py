"""briefings.urls: a source's address is an http(s) URL; a link's scheme is read as a browser
reads it."""

from __future__ import annotations

import pytest

from briefings.urls import is_safe_link, link_scheme, url_problem, web_url


@pytest.mark.parametrize("value", [
    "https://rks.news/?p=67949",
    "http://example.org",
    "HTTPS://Example.org/a?b=1&c=2#d",
    "  https://example.org/padded  ",
    "https://sq.wikipedia.org/wiki/Forca_e_Sigurisë_së_Kosovës",
])
def test_web_addresses_pass(value):
    assert url_problem(value) is None
    assert web_url(value) == value.strip()


@pytest.mark.parametrize(("value", "words"), [
    ("javascript:alert(1)", "`javascript:` is not a web address"),
    ("JavaScript:alert(1)", "`javascript:` is not a web address"),
    ("java\tscript:alert(1)", "a tab"),
    ("data:text/html,<script>alert(1)</script>", "`<`"),
    ("file:///etc/passwd", "`file:` is not a web address"),
    ("vbscript:msgbox(1)", "`vbscript:` is not a web address"),
    ("jav&#x61;script:alert(1)", "no http:// or https://"),
    ("//example.org/a", "no http:// or https://"),
    ("http:javascript:alert(1)", "names no host"),
    ('https://example.org/"onmouseover="alert(1)', '`"`'),
    ("https://example.org/\u202etxt.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("https://example.org/a\u200db", "U+200D ZERO WIDTH JOINER"),
    ("https://example.org:port/", "not a valid URL"),
    ("", "empty"),
])
def test_anything_else_is_refused_with_the_reason(value, words):
    reason = url_problem(value)
    assert reason is not None and words in reason
    assert web_url(value) == ""


@pytest.mark.parametrize(("target", "scheme"), [
    ("javascript:alert(1)", "javascript"),
    ("jav&#x61;script:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("java&#9;script:alert(1)", "javascript"),
    ("\x01 javascript:alert(1)", "javascript"),
    ("DATA:text/html,x", "data"),
    ("https://example.org/", "https"),
    ("mailto:press@example.org", "mailto"),
    ("/briefings/2025-03-18-kosovo/", ""),
    ("#ref-key", ""),
    ("{filename}/briefings/2025/a.md", ""),
    ("a&amp;b", ""),
])
def test_link_scheme_is_read_as_a_browser_reads_it(target, scheme):
    assert link_scheme(target) == scheme
    assert is_safe_link(target) == (scheme in ("", "http", "https", "mailto"))
