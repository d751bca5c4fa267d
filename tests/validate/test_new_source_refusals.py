"""``briefings new-source`` refuses every file that ``briefings ingest`` refuses to read, with the
same ``path:line:col: CODE message (hint)``, a non-zero exit and nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefings.cli import main
from tests.ingest.test_bad_input import CASES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LINE_RE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>E-[A-Z-]+) .+ "
                     r"\(.+\)$")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_source_ingest_would_refuse_is_refused_and_nothing_written(case, tmp_path, capsys):
    name, data, code, line = CASES[case]
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    before = _tree(tmp_path)
    article = tmp_path / name
    article.write_bytes(data)
    rc = main(["new-source", str(article), "--publisher", "RKS News", "--published", "2025",
               "--title", "A title", "--content", str(content),
               "--sources", str(tmp_path / "sources")])
    out, err = capsys.readouterr()
    assert rc == 1 and out == "", err
    hits = [m for m in map(LINE_RE.match, err.splitlines()) if m]
    assert [(h["code"], int(h["line"])) for h in hits] == [(code, line)], err
    assert hits[0]["path"].endswith(name)
    article.unlink()
    assert _tree(tmp_path) == before  # no copy, no sidecar, no BibTeX entry


def test_a_five_megabyte_source_is_refused(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    article = tmp_path / "big.txt"
    article.write_bytes(b"The minister met KFOR. " * 230_000)  # 5.3 MB of good text
    rc = main(["new-source", str(article), "--publisher", "RKS News", "--published", "2025",
               "--title", "A title", "--content", str(content),
               "--sources", str(tmp_path / "sources")])
    err = capsys.readouterr().err
    assert rc == 1
    assert re.search(r"big\.txt:1:1: E-SOURCE-TOO-LARGE the source is 5\.3 MB, more than the "
                     r"2\.0 MB an article can be \(.+\)", err), err
    assert not (tmp_path / "sources").exists()
