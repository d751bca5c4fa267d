"""briefings.mdspeed makes Markdown faster without changing what it makes: every text here is
converted with the project's extensions with and without it, and the HTML compared."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import read_settings

from briefings import mdspeed
from briefings.bench.corpus import generate_content

ROOT = Path(__file__).resolve().parents[2]


def _settings() -> dict:
    return copy.deepcopy(read_settings(str(ROOT / "pelican.conf.py"))["MARKDOWN"])


def _markdown(config: dict) -> Markdown:
    """As Pelican's MarkdownReader makes it: every extension of ``extension_configs`` loaded."""
    return Markdown(extensions=list(config["extension_configs"]), **config)


def _pair() -> tuple[Markdown, Markdown]:
    """(without the extension, with it as pelican.conf.py configures it)."""
    config = _settings()
    fast = _markdown(copy.deepcopy(config))
    del config["extension_configs"]["briefings.mdspeed"]
    return _markdown(config), fast


STOCK, FAST = _pair()


def _both(text: str) -> tuple[str, str]:
    STOCK.reset()
    FAST.reset()
    return STOCK.convert(text), FAST.convert(text)


def test_the_site_settings_use_the_extension_after_smarty():
    assert isinstance(FAST.treeprocessors["smarty"], mdspeed.GatedInlineProcessor)
    links = [p for p in FAST.inlinePatterns if hasattr(p, "getText")]
    assert links and all(p.getText.__func__ is mdspeed.bracket_text for p in links)
    # every link and reference pattern searched only where it could make a link
    assert all(isinstance(p.getCompiledRegExp(), mdspeed._Gated) for p in links)
    assert not isinstance(STOCK.treeprocessors["smarty"], mdspeed.GatedInlineProcessor)
    # the inline pass skips patterns where they cannot match: every pattern of these settings
    # is one whose needs are known (a Markdown whose expressions changed would lose the skip)
    assert isinstance(FAST.treeprocessors["inline"], mdspeed.PatternGatedInlineProcessor)
    assert [p for p in FAST.inlinePatterns if mdspeed._needs(p) is None] == []


TRICKY = [
    "It's the '90s: \"quoted\", 'single', -- en, --- em, ... and .... and <<angled>>.",
    "A [link](https://example.org/a_b) and [nested [brackets] here](/x) and [unclosed [x] y",
    "![an image [with] brackets](/i.png \"title\") [ref][id] [short] [x]]] [[y]\n\n"
    "[id]: /target \"T\"\n[short]: /s",
    "Citations [@key; see @other, pp. 3--5] and [-@key] and [@key, p. 'quoted'].",
    "`code with 'quotes' and [brackets]` and *emphasis 'quoted'* and __strong__",
    "Footnote[^1] and an abbreviation HTML.\n\n[^1]: Its text, \"quoted\".\n\n"
    "*[HTML]: Hyper Text",
    "| a | b |\n| --- | --- |\n| 'x' | [y](/y) |",
    "<span title=\"it's\">inline HTML</span> &amp; &#39; 'after'",
    "> — Someone, \"a quote\" [@k]\n\n- item 'one' -- two\n- [link] [[x](/x)]",
    "line with two spaces  \nnext line's text",
    "[@k] cited, then [a link][later] defined below [@k2]\n\n[later]: /l",
    "No links: [@a] [@b; @c] [not a link] ] ( [x] (y) ![alt] [z]\n(",
    "An image ![alt](/i.png) and \\[escaped](/not) and [x]\\](/y)",
    "<https://example.org/x> and <someone@example.org> and a \\*literal\\* star, \\` tick",
    "snake_case_word and 2*3*4 and *one* _two_ ***three*** and a lone * and _ here",
    "``double `tick` code`` and a lone ` backtick, &copy; &#8212; &x; & and < alone",
    "trailing two spaces at the end  ",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_convert_the_same(text):
    stock, fast = _both(text)
    assert fast == stock


SOUP = st.lists(st.sampled_from(
    [*"[]()!'\"-.<>*_`\\&@;: \n\tax9", "--", "---", "...", "<<", ">>", "[@k]", "](", "  \n",
     "'s ", "'90s", "[^1]", "\n\n[^1]: n", "\n\n[k]: /u", "http://x.y", "<b>", "&amp;"]),
    max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(SOUP, st.text(max_size=120)))
def test_any_text_converts_the_same(text):
    stock, fast = _both(text)
    assert fast == stock


def test_the_benchmark_corpus_converts_the_same(tmp_path):
    corpus = generate_content(tmp_path, 120, seed=3)
    files = [*corpus.entries, *sorted((ROOT / "content").rglob("*.md"))]
    assert len(files) > 120
    for path in files:
        text = path.read_text(encoding="utf-8")
        stock, fast = _both(text)
        assert fast == stock, path
