"""What ingest writes: entries the validator accepts whatever the source's words, words stored
as text and escaped once for Markdown, and titles without a dateline's leftovers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefings.model import markdown_text
from tests.ingest.conftest import entries, ingest, new_content

HOSTILE_WORDS = (
    "On 3 March 2025 the Kosovo Security Force met NATO officers in Pristina, see "
    "[x](javascript:alert(1)) and [y]( JavaScript:alert(2)) and <b>bold</b> & <i>co</i>, "
    "a < b, 3 > 2, &lt;not a tag&gt;, &#106;avascript:x, *stars* and __under__, `code`, "
    "[@fake-key] and {{ 7*7 }}.\n"
)


def _source(folder: Path, name: str, text: str, publisher: str = "Test Wire",
            suffix: str = ".txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}{suffix}").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.yaml").write_text(
        f"url: https://example.org/{name}\ntitle: A report\npublisher: '{publisher}'\n"
        "published: 2025-03-20\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_what_ingest_writes_from_hostile_words_validates(tmp_path, suffix):
    from briefings.validate import validate

    text = HOSTILE_WORDS if suffix != ".html" else (
        "<html><body><article><h1>A report</h1><p>"
        + HOSTILE_WORDS.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</p></article></body></html>")
    content = new_content(tmp_path / "content")
    sources = _source(tmp_path / "sources", "hostile", text, "Wire <img src=x> *_[x]_*",
                      suffix)
    result = ingest([sources], content)
    assert result.outcome.new, [p.format() for p in result.problems]
    problems = [p for p in validate([content], content) if p.is_error]
    assert problems == [], [p.format() for p in problems]


def test_words_are_stored_as_text_and_read_back_as_they_were(tmp_path):
    content = new_content(tmp_path / "content")
    sources = _source(tmp_path / "sources", "words", HOSTILE_WORDS, "Wire <img src=x> & Co")
    ingest([sources], content)
    [entry] = entries(content).values()
    body = entry.body
    assert "a < b" in body and "3 > 2" in body, "a lone < is text: not escaped"
    assert "&lt;b>bold&lt;/b>" in body, "a tag is escaped once"
    assert "&amp;lt;not a tag&amp;gt;" in body, "an entity in the source is text"
    assert "&amp;lt;" not in entry.summary.replace("&amp;lt;not", "")
    assert "Wire <img src=x> & Co" in markdown_text(entry.summary)
    key_point = next(line for line in body.splitlines() if line.startswith("- "))
    quoted = re.search(r"\u201c(.*)\u201d", key_point).group(1)
    assert markdown_text(quoted) == " ".join(HOSTILE_WORDS.split())


@pytest.mark.parametrize("dateline", [
    "PRISTINA - ", "PRISTINA, Kosovo (AP) — ", "BELGRADE, 6 May 2025 - ",
    "Washington, 6 May 2025 – ", "TIRANA — 6 May 2025 — ",
])
def test_a_dateline_never_leads_a_title(tmp_path, dateline):
    content = new_content(tmp_path / "content")
    text = f"{dateline}On 6 May 2025, the Kosovo Security Force received ten vehicles.\n"
    ingest([_source(tmp_path / "sources", "dateline", text)], content)
    [entry] = entries(content).values()
    assert entry.title == "Kosovo Security Force receives ten vehicles", entry.title
    assert entry.date.isoformat() == "2025-05-06"


def test_a_capitalised_subject_followed_by_a_dash_is_not_a_dateline(tmp_path):
    content = new_content(tmp_path / "content")
    text = "We begin. NATO - the alliance - trained the Kosovo Security Force on 6 May 2025.\n"
    ingest([_source(tmp_path / "sources", "subject", text)], content)
    [entry] = entries(content).values()
    assert entry.title.startswith("NATO"), entry.title


@pytest.mark.parametrize("words", [
    "# News", "1986. The year", "12) items", "- dash", "> quote", "+ plus", "a < b", "<b>x</b>",
    "&lt;", "[x](javascript:y)", "*a* _b_ `c`", "[@key]", "x@y.org", "- - -",
])
def test_escaped_words_read_back_as_they_were_at_a_line_start(words):
    import markdown

    from briefings.ingest.write import md

    html = markdown.markdown(f"- {md(words)}: said")
    assert html.count("<") == 4, html  # <ul><li></li></ul>, nothing else
    assert markdown_text(f"{md(words)}: said") == f"{words}: said"


def test_a_key_point_quotes_the_source_s_quotations_in_single_marks():
    """No "““Vizita …”, thuhet …”": the key point's marks are the outer ones, the source's own
    quotation inside is in single marks, and a mark the sentence does not pair is left out."""
    from briefings.ingest.write import _cap

    assert _cap("“Vizita do të bëhet të martën”, tha ministria.") == \
        "‘Vizita do të bëhet të martën’, tha ministria."
    assert _cap("“The visit continues a long tradition.") == "The visit continues a long tradition."
    assert _cap("and it ends here.”") == "and it ends here."
    assert _cap("He called it an “arms race” on Friday.") == \
        "He called it an ‘arms race’ on Friday."


def test_what_ingest_writes_has_typographic_punctuation(tmp_path):
    """Smarty's characters are written into the title, summary and text, so the build's
    Markdown has no straight mark to educate (briefings.punctuation); the date evidence keeps
    the source's words exactly, and a quote's language attribute keeps Markdown's quotes."""
    content = new_content(tmp_path / "content")
    words = ("On 3 March 2025 Kosovo's Security Force and NATO's officers met in Pristina -- "
             "\"a 'historic' step...\", said the minister.\n\n"
             "\"We are ready,\" Minister Ejup Maqedonci said.\n")
    sources = _source(tmp_path / "sources", "marks", words, "O''Brien''s \"Wire\"")  # YAML
    ingest([sources], content)
    [entry] = entries(content).values()
    evidence = " ".join(e.text for e in entry.date_evidence)
    assert "Kosovo's" in evidence or "3 March 2025" in evidence
    for field in (entry.title, entry.summary, entry.body):
        text = "\n".join(line for line in field.splitlines() if not line.startswith("> {:"))
        assert not re.search(r"['\"]|--|\.\.\.", text), text
    assert "O’Brien’s “Wire”" in entry.body
    assert "‘historic’ step…" in entry.body  # the source's quotation inside the key point's
    assert "Kosovo’s Security Force and NATO’s officers" in entry.body
    assert re.search(r'^> \{: lang="en" \}$', entry.body, re.MULTILINE)
