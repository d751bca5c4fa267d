"""The detectors of the integrity checks catch what they must and pass what is harmless."""

from __future__ import annotations

import html

import lxml.html
import pytest
from sitecheck import dangerous_url, data_block_dangers, element_dangers, fragment_dangers

LIVE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=3"></svg>',
    '<a href="javascript:window.__pwned=4">x</a>',
    '<a href=" jav\tascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    '<iframe src="/x"></iframe>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<script src="https://cdn.example.org/x.js"></script>',
    '<base href="https://example.org/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<script type="application/json">{"a": "</script><script>alert(1)</script>',
    '<script type="application/json">{"a": "<img src=x onerror=alert(1)>"}</script>',
]


@pytest.mark.parametrize("snippet", LIVE)
def test_live_payloads_are_caught(snippet):
    doc = lxml.html.document_fromstring(f"<!DOCTYPE html><html><body>{snippet}</body></html>")
    assert element_dangers(doc), snippet


@pytest.mark.parametrize("snippet", LIVE)
def test_escaped_payloads_are_harmless_text(snippet):
    doc = lxml.html.document_fromstring(
        f"<!DOCTYPE html><html><body><p>{html.escape(snippet)}</p>"
        '<script src="/theme/js/site.js"></script>'
        '<script type="application/json">{"text": "&lt;b&gt; window.__pwned"}</script>'
        '<img src="data:image/png;base64,AAAA" alt=""></body></html>')
    assert element_dangers(doc) == []
    assert fragment_dangers(html.escape(snippet)) == []


def test_fragments_and_urls():
    assert fragment_dangers('<b onclick="x()">a</b>')
    assert fragment_dangers("javascript:alert(1)") == []  # as text it is only words
    assert dangerous_url("JaVaScRiPt:alert(1)") and dangerous_url("\x01javascript:x")
    assert not dangerous_url("javascript:void(0);")  # Pagefind's form: runs nothing
    assert dangerous_url("javascript:void(0);alert(1)")
    assert not dangerous_url("/briefings/x/#javascript:") and not dangerous_url("https://e.org")
    assert data_block_dangers('{"a": [1, "<i>x</i>"]}') == []
    assert data_block_dangers('{"a": "')
