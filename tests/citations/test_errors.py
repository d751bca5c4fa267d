"""Citation and bibliography errors fail the build (``briefings.build.build`` raises BuildError,
the old output stays) with ``path:line:col: CODE message (hint)`` on stderr; an unused entry is
only a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.build import BuildError, build
from briefings.buildlog import PROBLEM_RE
from briefings.problems import display_path
from tests.citations.conftest import ROOT, make_content
from tests.conftest import settings_with


def failing_build(tmp_path: Path, capfd, overlay: str):
    """Build with ``overlay``; expect failure. Returns (content dir, captured stdout/stderr)."""
    content = make_content(tmp_path / "content", overlay)
    out = tmp_path / "output"
    out.mkdir()
    (out / "keep.txt").write_text("previous site", encoding="utf-8")
    capfd.readouterr()
    # The validator (the build's first step) refuses these too, with the same codes; it is
    # skipped here so that the citations plugin's own failure is what is tested.
    with pytest.raises(BuildError, match=r"pelican exited with 1 \(\d+ problems? listed above"):
        build(ROOT, content, ROOT / "pelican.conf.py", out, skip=("pdf", "validate"))
    assert (out / "keep.txt").read_text(encoding="utf-8") == "previous site"
    captured = capfd.readouterr()
    # the problems are the message: no log of Pelican's, no traceback
    assert all(PROBLEM_RE.match(line) for line in captured.err.splitlines()), captured.err
    assert all(line.startswith("::") for line in captured.out.splitlines()), captured.out
    return content, captured


def validated(content) -> list[str]:
    """What `briefings validate` prints for ``content``: the build says each problem alike."""
    from briefings.validate import validate

    return [p.format() for p in validate([content], content)]


def test_unknown_key_names_file_line_column_and_nearest_keys(tmp_path, capfd):
    content, captured = failing_build(tmp_path, capfd, "entry_with_unknown_citation_key")
    entry = display_path(content / "briefings" / "2025"
                         / "2025-03-19-entry-with-unknown-citation-key.md")
    bib = display_path(content / "bibliography.bib")
    # worded as `briefings validate` words it: one wording in every message of a build
    assert (f"{entry}:12:53: E-CITE-UNKNOWN-KEY 'rksnews-2025-kosovo-albania-croatai' is not a "
            f"key in {bib} (did you mean 'rksnews-2025-kosovo-albania-croatia'? use an existing "
            "key, or add the source with `briefings new-source`)") in captured.err
    assert (f"{entry}:7:47: E-CITE-UNKNOWN-KEY 'balkaneu-2025-balkan-defence-pact' is not a key "
            f"in {bib} (did you mean 'balkaneu-2025-balkan-defense-pact'?") in captured.err
    assert captured.err.count(" E-CITE-UNKNOWN-KEY ") == 2
    assert "W-CITE-NOT-RENDERED" not in captured.err


def test_unparsable_bibliography_entry_fails_with_its_line(tmp_path, capfd):
    content, captured = failing_build(tmp_path, capfd, "bibliography_with_unparsable_entry")
    bib = display_path(content / "bibliography.bib")
    line = (f"{bib}:34:1: E-BIB-PARSE this bibliography entry does not parse: Unexpectedly "
            "reached end of file. (in `@online{unclosed-2025-entry,`) (write `@online{key,` then "
            "one `name = {value},` per line and a closing `}`)")
    assert line in captured.err.splitlines()
    assert line in validated(content)


def test_duplicate_key_fails_naming_both_lines(tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    content, captured = failing_build(tmp_path, capfd, "bibliography_with_duplicate_key")
    bib = display_path(content / "bibliography.bib")
    line = (f"{bib}:34:1: E-BIB-DUPLICATE-KEY the key 'balkaneu-2025-balkan-defense-pact' is "
            "already used on line 9 (give this entry another key, or merge the two entries)")
    assert line in captured.err.splitlines()
    assert line in validated(content)
    assert f"::error file={bib},line=34,col=1,title=E-BIB-DUPLICATE-KEY::" in captured.out


def test_unused_entry_and_unrendered_citation_are_warnings_and_the_build_succeeds(
        tmp_path, capfd):
    content = make_content(tmp_path / "content", "bibliography_with_unused_entry",
                           "entry_with_citation_inside_a_link")
    out = tmp_path / "output"
    # The validator warns about the unused entry too (W-BIB-UNUSED), and the build prints each
    # problem once, in the validator's words: skipped here to test the plugin's own.
    build(ROOT, content, ROOT / "pelican.conf.py", out, skip=("pdf", "validate"))
    captured = capfd.readouterr()
    bib = display_path(content / "bibliography.bib")
    line = (f"{bib}:34:1: W-BIB-UNUSED no entry cites 'nobody-cites-this-2024' (cite it in an "
            "entry's Sources, or remove it from the bibliography)")
    assert line in captured.err.splitlines()
    assert line in validated(content)
    entry = display_path(content / "briefings" / "2025"
                         / "2025-03-20-entry-with-citation-inside-a-link.md")
    assert (f"{entry}:11:39: W-CITE-NOT-RENDERED citation of "
            "'@rksnews-2025-kosovo-albania-croatia' was found in the file but not in the page") \
        in captured.err
    page = (out / "briefings" / "2025-03-20-entry-with-citation-inside-a-link"
            / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://rks.news/">see @rksnews-2025-kosovo-albania-croatia</a>' in page
    assert " E-" not in captured.err
    sources = (out / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'id="src-nobody-cites-this-2024"' in sources
    assert "Not cited by any development." in sources


def test_unknown_style_fails_naming_the_setting(tmp_path, capfd):
    settings = settings_with(tmp_path, CITATIONS={"style": "no-such-style"})
    content = make_content(tmp_path / "content")
    with pytest.raises(BuildError):
        build(ROOT, content, settings, tmp_path / "output", skip=("pdf",))
    err = capfd.readouterr().err
    assert "pelican.conf.py:1:1: E-CITE-STYLE citation style 'no-such-style'" in err
