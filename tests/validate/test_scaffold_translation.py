"""``briefings new --translation-of SLUG --lang sq``: a translation to write, with the header it
needs and its original's words marked TODO (refused until translated); never over a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.entryfile import read_entry
from briefings.validate import validate
from tests.validate.test_scaffold import new

ORIGINAL = "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
TRANSLATED = "2016-12-07-nato-secretary-general-replies-to-mustafa"  # into sq, in the fixtures


def test_it_writes_the_header_and_the_original_text_to_translate(capsys, fixture_content):
    code, out, err = new(capsys, fixture_content, "--translation-of", ORIGINAL, "--lang", "sr")
    assert code == 0, err
    path = Path(out)
    assert path == fixture_content / "translations" / "sr" / f"{ORIGINAL}.md"
    entry, problems = read_entry(path)
    original, _ = read_entry(fixture_content / "briefings" / "2025" / f"{ORIGINAL}.md")
    assert problems == []
    assert (entry.lang, entry.translation_of) == ("sr", ORIGINAL)
    assert entry.title == f"TODO: {original.title}"
    assert entry.summary == f"TODO: {original.summary}"
    assert original.body in entry.body and "into Serbian" in entry.body
    # nothing but what a translation translates: the rest is its original's
    assert [line.split(":")[0] for line in path.read_text("utf-8").split("\n\n")[0].splitlines()
            ] == ["Title", "Lang", "Translation-Of", "Summary"]
    found = validate([path], fixture_content)
    assert {p.code for p in found} == {"E-PLACEHOLDER"} and len(found) == 3
    assert "until then `briefings validate` and `briefings build` refuse the translation" in err


def test_once_translated_it_is_clean(capsys, fixture_content):
    _code, out, _err = new(capsys, fixture_content, "--translation-of", ORIGINAL, "--lang", "sr")
    path = Path(out)
    path.write_text(
        "Title: Kosovo, Albanija i Hrvatska potpisuju deklaraciju u Tirani\nLang: sr\n"
        f"Translation-Of: {ORIGINAL}\nSummary: Tri zemlje potpisale su deklaraciju.\n\n"
        "Deklaracija obavezuje tri zemlje na saradnju [@rksnews-2025-kosovo-albania-croatia; "
        "@balkaneu-2025-balkan-defense-pact].\n", encoding="utf-8")
    assert validate([path], fixture_content) == []


@pytest.mark.parametrize(("argv", "words"), [
    (["--translation-of", ORIGINAL], "needs --lang, the language to translate into: one of "
                                     "sq, sr"),
    (["--translation-of", "2025-03-19-kosovo-albania-croatia-sign-defence-declaration", "--lang",
      "sq"], f"no entry has the slug '2025-03-19-kosovo-albania-croatia-sign-defence-"
             f"declaration'; did you mean '{ORIGINAL}'?"),
    (["--translation-of", TRANSLATED, "--lang", "sq"], "already translates"),
    (["A title", "--translation-of", ORIGINAL, "--lang", "sq"], "leave out the title"),
    (["A title", "--date", "2025-03-20", "--lang", "sq"], "--lang goes with --translation-of"),
])
def test_mistakes_are_refused_and_nothing_is_written(capsys, fixture_content, argv, words):
    before = {p: p.read_bytes() for p in fixture_content.rglob("*") if p.is_file()}
    code, out, err = new(capsys, fixture_content, *argv)
    assert code == 2 and out == ""
    assert words in err
    assert {p: p.read_bytes() for p in fixture_content.rglob("*") if p.is_file()} == before


def test_an_existing_file_is_never_overwritten(capsys, fixture_content):
    path = fixture_content / "translations" / "sr" / f"{ORIGINAL}.md"
    path.parent.mkdir(parents=True)
    path.write_text("a draft of someone's", encoding="utf-8")
    code, out, err = new(capsys, fixture_content, "--translation-of", ORIGINAL, "--lang", "sr")
    assert code == 2 and out == "" and "already exists: edit it" in err
    assert path.read_text(encoding="utf-8") == "a draft of someone's"
