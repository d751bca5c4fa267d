"""What ``briefings build`` refuses to publish, and how it says so."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefings import build as build_module
from briefings.build import BuildError, build, step_validate
from briefings.cli import main
from briefings.problems import display_path
from briefings.validate import validate
from tests.citations.conftest import make_content

KEY = "rksnews-2025-kosovo-albania-croatia"


def test_an_entry_still_holding_the_todo_lines_of_briefings_new_is_not_built(
        root, fixture_content, tmp_path, capfd):
    assert main(["new", "Kosovo and NATO officials meet in Pristina", "--date", "2025-03-20",
                 "--source", KEY, "--content", str(fixture_content)]) == 0
    path = Path(capfd.readouterr().out.strip())
    todo = [(n, line.index("TODO:") + 1)
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "TODO:" in line]
    assert len(todo) == 2  # the Summary and the text
    out = tmp_path / "output"
    out.mkdir()
    (out / "keep.txt").write_text("previous site", encoding="utf-8")
    with pytest.raises(BuildError, match="validation found 2 errors"):
        build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    err = capfd.readouterr().err
    for line, col in todo:
        assert (f"{display_path(path)}:{line}:{col}: E-PLACEHOLDER the `TODO:` placeholder is "
                "still there (replace it with your own words") in err, err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]  # not on the home page, not in a feed


def _bad_date(content: Path) -> Path:
    path = content / "briefings" / "2025" / "2025-02-30-meeting-on-an-impossible-date.md"
    text = (content / "briefings" / "2025").glob("*.md").__next__().read_text(encoding="utf-8")
    head, _sep, body = text.partition("\n\n")
    lines = [("Date: 2025-02-30" if line.startswith("Date:") else
              "Slug: 2025-02-30-meeting-on-an-impossible-date" if line.startswith("Slug:") else
              "Title: A meeting on an impossible date" if line.startswith("Title:") else line)
             for line in head.splitlines()]
    path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    return path


def _validate_after_pelican(ctx):
    """Validation as at 10,000 entries: still running when Pelican has failed."""
    deadline = time.monotonic() + 60
    while not ctx.procs and time.monotonic() < deadline:
        time.sleep(0.005)
    for proc in list(ctx.procs):
        proc.wait()
    step_validate(ctx)


@pytest.mark.parametrize("overlay", ["impossible date", "unknown citation keys"])
def test_a_failed_build_prints_each_problem_once_and_nothing_else(
        overlay, root, tmp_path, capfd, monkeypatch):
    content = make_content(tmp_path / "content", *(
        ["entry_with_unknown_citation_key"] if overlay == "unknown citation keys" else []))
    if overlay == "impossible date":
        _bad_date(content)
    expected = [p.format() for p in validate([content], content)]
    assert any(" E-" in line for line in expected)
    monkeypatch.setattr(build_module, "STEPS", [
        ("validate", _validate_after_pelican),
        *[(n, f) for n, f in build_module.STEPS if n != "validate"]])
    monkeypatch.chdir(root)
    capfd.readouterr()
    assert main(["build", "--content", str(content), "-o", str(tmp_path / "output"),
                 "--skip", "pdf"]) == 1
    out, err = capfd.readouterr()
    assert out == ""  # no log of Pelican's, no traceback
    *problems, last = err.splitlines()
    assert problems == expected
    assert last.startswith("build failed: step 'validate': validation found")


@pytest.mark.parametrize("verbose", [False, True])
def test_pelican_s_own_messages_are_shown_with_verbose(verbose, root, fixture_content,
                                                      tmp_path, capfd, monkeypatch):
    _bad_date(fixture_content)
    monkeypatch.chdir(root)
    capfd.readouterr()
    assert main(["build", "--content", str(fixture_content), "-o", str(tmp_path / "output"),
                 "--skip", "pdf", "--skip", "validate", *(["--verbose"] if verbose else [])]) == 1
    out, err = capfd.readouterr()
    if verbose:
        assert "Could not process" in out + err and "Traceback" in out + err
    else:
        assert out == ""
        assert err.splitlines() == [
            "build failed: step 'pelican': pelican exited with 1 without naming a problem of "
            "the content (`briefings build --verbose` shows Pelican's messages); "
            f"{tmp_path / 'output'}/ was left as it was"]
