"""briefings.punctuation: smarty's pass only where it changes something; smarty's characters
written into plain words."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.punctuation import educate
from tests.unit.markdown_same import assert_same_html_on_the_projects_files

ROOT = Path(__file__).resolve().parents[2]
BASE = ["extra", "meta"]


def _pair(**config):
    smarty = markdown.Markdown(extensions=[*BASE, "smarty"],
                               extension_configs={"smarty": config}, output_format="html5")
    ours = markdown.Markdown(extensions=[*BASE, "briefings.punctuation"],
                             extension_configs={"briefings.punctuation": config},
                             output_format="html5")
    return smarty, ours


TEXTS = [
    "Kosovo's army, the '90s and \"quoted words\" -- a dash --- and more...",
    "No straight marks: Kosovo’s “army” – fine…",
    "`code with 'quotes'` and text without",
    'A [link](http://example.org/a"b) and <span title="x">html</span> here.',
    "> “Curly,” he said.\n>\n> — Someone [@key]\n\n- a point\n- Kosovo's point",
    'An escaped \\"straight\\" mark and \\\'one\\\'.',
    "Header\n======\n\n| a | b |\n|---|---|\n| it's | \"x\" |\n",
    "Abbr *HTML*\n\n*[HTML]: Hyper's Text",
    "<<angled>> quotes",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_html_as_smarty(text):
    for config in ({}, {"smart_angled_quotes": True}, {"smart_quotes": False}):
        smarty, ours = _pair(**config)
        assert ours.convert(text) == smarty.convert(text)


def test_same_html_on_the_sites_content():
    """Every entry and page of content/ and the test fixtures, as Pelican's settings read them."""
    assert_same_html_on_the_projects_files(*_pair())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab '\"-.*_`[]()<>!\n>#1s9")), max_size=60))
def test_same_html_on_any_text(text):
    smarty, ours = _pair()
    assert ours.convert(text) == smarty.convert(text)


def test_pass_runs_only_where_it_changes_something(monkeypatch):
    _smarty, ours = _pair()
    processor = ours.treeprocessors["smarty"]
    calls = []
    run = processor.smarty.run
    monkeypatch.setattr(processor.smarty, "run", lambda root: calls.append(1) or run(root))
    ours.convert("Kosovo’s “army” – no straight mark…\n\n> “A quote” [@key]")
    assert calls == [] and processor.runs == 0
    assert ours.reset().convert("Kosovo's army") == "<p>Kosovo&rsquo;s army</p>"
    ours.reset().convert("a -- b")
    ours.reset().convert("and so...")
    assert len(calls) == processor.runs == 3


def test_pelican_settings_use_it():
    settings_text = (ROOT / "pelican.conf.py").read_text(encoding="utf-8")
    assert '"briefings.punctuation": {}' in settings_text
    assert "markdown.extensions.smarty" not in settings_text


@pytest.mark.parametrize(("plain", "typeset"), [
    ("Kosovo's army", "Kosovo’s army"),
    ('He said "yes" and left', "He said “yes” and left"),
    ("In the '90s", "In the ’90s"),
    ("'Single' quotes", "‘Single’ quotes"),
    ('"\'Nested\' quotes"', "“‘Nested’ quotes”"),
    ("from 1999 -- to 2008 --- and so on...", "from 1999 – to 2008 — and so on…"),
    ("Already “curly” – fine…", "Already “curly” – fine…"),
])
def test_educate(plain, typeset):
    assert educate(plain) == typeset
    assert educate(typeset) == typeset


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab '\"-.,;:!?()9s")), max_size=40))
def test_educate_shows_what_smarty_shows(text):
    """Plain words (no Markdown syntax): smarty shows the same for the educated text, which
    leaves it nothing to do."""
    text = "Words " + text.strip()  # a paragraph of plain words
    md = markdown.Markdown(extensions=["smarty"])
    shown = html.unescape(md.convert(text))
    assert html.unescape(md.reset().convert(educate(text))) == shown
    assert "'" not in educate(text) and '"' not in educate(text)
