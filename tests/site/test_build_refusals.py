"""What ``briefings build`` refuses to publish, and how it says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.build import BuildError, build
from briefings.cli import main
from briefings.problems import display_path

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
