"""The cores plugin (briefings/plugins/cores): Markdown converted and pages written by forked
workers beside Pelican give the same site, byte for byte, as Pelican alone; every unit of output
is made by exactly one process; a failed worker fails the build."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefings.bench.corpus import generate_content
from briefings.plugins.cores import output
from tests.conftest import settings_with

ROOT = Path(__file__).resolve().parents[2]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def pelican(content: Path, out: Path, cache: Path, cores: dict,
            settings: Path = ROOT / "pelican.conf.py") -> str:
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
           "-o", str(out), "--fatal", "errors", "--delete-output-directory", "-v",
           "-e", "INCREMENTAL=false", f"CORES={json.dumps(cores)}"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "BRIEFINGS_CACHE_PATH": str(cache), "COLUMNS": "300"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def test_site_built_on_two_cores_is_the_site_built_on_one(tmp_path):
    content = tmp_path / "content"
    generate_content(content, 240, seed=3)
    one = tmp_path / "one"
    # all in one process: the citations plugin's renders and its loop over the entries too
    # (briefings/plugins/cores/forkmap.py)
    alone = settings_with(tmp_path, CITATIONS={"workers": 1})
    log_one = pelican(content, one, tmp_path / "cache-one", {"workers": 0}, alone)
    assert "cores:" not in log_one  # nothing forked

    two = tmp_path / "two"
    log_two = pelican(content, two, tmp_path / "cache", {"workers": 1, "min_files": 10})
    # Both phases ran in the worker as well: it converted files and made pages.
    converted = re.search(r"cores: 1 worker\(s\) converted (\d+) of (\d+) Markdown", log_two)
    made = re.search(r"cores: 1 worker\(s\) made (\d+) of (\d+) pages", log_two)
    assert converted and made, log_two[-3000:]
    assert int(converted.group(2)) == 240
    assert int(converted.group(1)) > 0 and int(made.group(1)) > 0
    assert "citations: the citations of 240 entries found and rendered by 2 process(es)" \
        in log_two, log_two[-3000:]
    assert "citations: the citations of" not in log_one

    got, want = tree(two), tree(one)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


def test_every_unit_is_made_by_exactly_one_process(tmp_path):
    record = tmp_path / "worker.json"
    session = output._Session(1)
    mine = [n for n in range(1, 3001) if session.mine()]
    if session.is_child:
        record.write_text(json.dumps(mine), encoding="utf-8")
        session.finish()  # a worker exits here
    session.finish()
    theirs = json.loads(record.read_text(encoding="utf-8"))
    assert set(mine).isdisjoint(theirs)
    assert sorted(mine + theirs) == list(range(1, 3001))


def test_a_failed_worker_fails_the_build():
    session = output._Session(1)
    if session.is_child:
        os._exit(3)
    with pytest.raises(RuntimeError, match="exit status 3"):
        session.finish()


def test_nothing_is_forked_beside_another_thread():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="server")
    other.start()
    try:
        output.start(1)
        assert output._SESSION is None
        assert output.mine()  # everything is this process's
    finally:
        stop.set()
        other.join()


def test_the_kept_markdown_instances_read_every_file_as_pelicans_reader_does(tmp_path):
    """The cores plugin's reader keeps two Markdown instances for every file it converts
    itself; Pelican's reader makes one per file. Read one after another (footnotes, tables,
    abbreviations, summaries), both give the same."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    from briefings.plugins.cores.readahead import ReadaheadMarkdownReader

    corpus = generate_content(tmp_path / "content", 12)
    extra = tmp_path / "content" / "extra.md"
    extra.write_text(
        "Title: Extra\nDate: 2025-01-02\nSummary: A *summary* with \"quotes\" -- and "
        "a footnote[^s].\n\nBody[^1] with *[NATO]: North Atlantic Treaty Organization\n\n"
        "NATO and \"quotes\"... --- dashes.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[^1]: The note.\n", encoding="utf-8")
    paths = [*corpus.entries, extra, *corpus.entries[:3]]
    settings = read_settings(str(ROOT / "pelican.conf.py"),
                             override={"PATH": str(tmp_path / "content")})
    kept = ReadaheadMarkdownReader(settings)
    for path in paths:
        assert kept.read(str(path)) == MarkdownReader(settings).read(str(path)), path
    assert kept._markdowns is not None  # the instances were kept, not rebuilt per file
