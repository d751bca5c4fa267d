"""briefings/plugins/citations/entries.py: an entry's HTML is scanned for citations before the
references are rendered (scan_body) and rendered after (render_scan). HTML without a citation
comes back as it was, without asking the renderer for anything; so does an entry without HTML."""

from __future__ import annotations

import pytest

from briefings.plugins.citations.entries import render_body, render_scan, scan_body


@pytest.mark.parametrize("html", [
    None,
    "",
    "<p>No citation here.</p>",
    '<p>Write to <a href="mailto:a@b.org">a@b.org</a> or see <code>[@key]</code>.</p>',
    "<pre><code>[@key] stays code</code></pre><p>&amp; an entity, no at sign</p>",
])
def test_html_without_citations_comes_back_as_it_was(html):
    scan = scan_body(html)
    assert not any(isinstance(piece, tuple) for piece in scan)
    assert render_scan(scan, renderer=None) == (html, set())
    assert render_body(html, renderer=None) == (html, set())


def test_a_citation_outside_code_and_links_is_found_with_its_text():
    scan = scan_body('<p>It happened [@nato-2025, p. 4].</p><code>[@not-this]</code>')
    found = [piece for piece in scan if isinstance(piece, tuple)]
    assert len(found) == 1
    text, citations = found[0]
    assert text == "It happened [@nato-2025, p. 4]."
    assert [c.keys for c in citations] == [["nato-2025"]]
    assert citations[0].items[0].locator == "4"
