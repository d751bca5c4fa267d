"""briefings.citesyntax as a Markdown extension: a citation is text to Markdown at once, and
the HTML is what Markdown made of it before (after trying it as a link)."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.markdown_same import assert_same_html_on_the_projects_files

BASE = ["extra", "meta", "briefings.punctuation"]


def _pair():
    return (markdown.Markdown(extensions=BASE, output_format="html5"),
            markdown.Markdown(extensions=[*BASE, "briefings.citesyntax"], output_format="html5"))


TEXTS = [
    "Troops arrived [@nato-2025a; @kfor-2025] and left [-@doe.2024].",
    "A link [@key](https://example.org/) and an image ![@key](x.png) and [@key][ref].",
    "[@key]\n\n[@key]: https://example.org/ref",
    "Nested [see [@key]](https://example.org/) and `[@code]` and \\[@escaped].",
    "[@_under] text_ here and [@a_b] and [@a<b] c> and [@a&b] and [@a&amp;b]",
    "[@key, p. 4] and [see @key] and @key says [@a;@b] [@a;  @b]",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_html(text):
    before, after = _pair()
    assert after.convert(text) == before.convert(text)


def test_same_html_on_the_sites_content():
    assert_same_html_on_the_projects_files(*_pair())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab_-.;: @@[[]]!()<>&*`\\\n")), max_size=50))
def test_same_html_on_any_text(text):
    before, after = _pair()
    assert after.convert(text) == before.convert(text)


def test_a_citation_is_not_tried_as_a_link():
    _before, after = _pair()
    calls = []
    link = after.inlinePatterns["link"]
    original = link.handleMatch
    link.handleMatch = lambda m, data: calls.append(1) or original(m, data)
    after.convert("Troops arrived [@nato-2025a; @kfor-2025] in March [@doe-2024].")
    assert calls == []
    after.reset().convert("A [real link](https://example.org/).")
    assert calls == [1]
