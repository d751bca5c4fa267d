"""The search index made within Pelican's run (briefings/plugins/search): Pagefind starts once
every process has written its entry pages (briefings/plugins/cores/output.all_passed) and makes
the same index as Pagefind run on the finished site, reading whole pages (the run reads only
each entry's article: ROOT_SELECTOR); a Pagefind failure fails the run."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefings.bench.corpus import generate_content
from briefings.plugins.search import SEARCH_GLOB
from tests.conftest import settings_with_probe
from tests.site.test_cores import tree

ROOT = Path(__file__).resolve().parents[2]


def pelicanrun(content: Path, out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "briefings.pelicanrun", str(content), "-s",
           str(ROOT / "pelican.conf.py"), "-o", str(out), "--fatal", "errors",
           "--delete-output-directory", "-e", "INCREMENTAL=false", "SEARCH_INDEX=true", *extra]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "BRIEFINGS_CACHE_PATH": str(cache),
                               "COLUMNS": "300"})


def test_the_index_made_beside_pelican_is_pagefinds_index_of_the_finished_site(tmp_path):
    content = tmp_path / "content"
    generate_content(content, 240, seed=5)
    site = tmp_path / "site"
    run = pelicanrun(content, site, tmp_path / "cache", 'CORES={"workers": 1, "min_files": 10}',
                     "-v")
    assert run.returncode == 0, run.stdout + run.stderr
    said = run.stdout + run.stderr
    assert "cores: 1 worker(s) made" in said  # the entry pages were written by two processes
    m = re.search(r"search: Indexed (\d+) pages in [\d.]+ s", said)
    assert m, said[-3000:]
    assert int(m.group(1)) == len(list((site / "briefings").glob("*/index.html"))) == 240

    # Pagefind's own reading of the finished site: whole pages (no --root-selector)
    again = tmp_path / "again"
    shutil.copytree(site, again, ignore=shutil.ignore_patterns("pagefind"))
    cli = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(again), "--glob",
                          SEARCH_GLOB], cwd=ROOT, capture_output=True, text=True, check=False)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    made, want = tree(site / "pagefind"), tree(again / "pagefind")
    assert sorted(made) == sorted(want)
    assert [name for name in want if made[name] != want[name]] == []

    # What is indexed: the account and its references' authors and titles, not the references'
    # URLs and access dates, nor the date's evidence (quotes and source keys)
    fragments = [json.loads(gzip.decompress(data).removeprefix(b"pagefind_dcd"))
                 for name, data in made.items() if name.startswith("fragment/")]
    assert len(fragments) == 240
    for fragment in fragments:
        text = fragment["content"]
        assert "References." in text and fragment["meta"]["title"] in text
        assert "http" not in text and "Accessed" not in text
        assert "Where the date comes from" not in text
    entries = list((site / "briefings").glob("*/index.html"))
    assert any("Where the date comes from" in p.read_text("utf-8") for p in entries)
    assert all("Accessed" in p.read_text("utf-8") for p in entries)


def test_a_failing_pagefind_fails_the_run_with_its_message(tmp_path, fixture_content):
    for entry in (fixture_content / "briefings").rglob("*.md"):  # no entry page: Pagefind fails
        entry.unlink()
    (fixture_content / "bibliography.bib").write_text("", encoding="utf-8")
    run = pelicanrun(fixture_content, tmp_path / "site", tmp_path / "cache")
    assert run.returncode != 0
    said = run.stdout + run.stderr
    assert "search: pagefind exited with 1" in said, said[-3000:]
    assert "not able to build an index" in said


def test_all_passed_runs_in_the_main_process_once_every_process_has_passed():
    script = textwrap.dedent("""
        import json, os, time
        from briefings.plugins.cores import output
        ran = []
        output.start(1)
        session = output._SESSION
        if session.is_child:
            time.sleep(0.5)  # the worker passes last
        output.all_passed(lambda: ran.append(("callback", os.getpid(), session.passed.value)))
        if not session.is_child:
            ran.append(("after own pass", os.getpid(), session.passed.value))
            deadline = time.time() + 20
            while len(ran) < 2 and time.time() < deadline:
                output.mine()  # the main process goes on with its pages meanwhile
                time.sleep(0.01)
        output.finish()  # the worker exits here
        print(json.dumps({"ran": ran, "me": os.getpid()}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    me = got["me"]
    # the main process passed first and went on; the callback ran there once, after both had
    assert got["ran"][0] == ["after own pass", me, 1]
    assert got["ran"][1] == ["callback", me, 2]
    assert len(got["ran"]) == 2


@pytest.mark.parametrize("held", [False, True])
def test_the_indexer_dies_with_a_pelican_that_is_killed(tmp_path, held):
    """A failed build stops Pelican with a signal (no exit handler runs): the indexer it started
    must not go on writing into the folder the build then removes; nor may one still held."""
    script = textwrap.dedent("""
        import os, sys, time
        from briefings.plugins.search import Indexing
        run = Indexing(sys.argv[1], cmd=[sys.executable, "-c", "import time; time.sleep(120)"],
                       held=sys.argv[2] == "held")
        if run.started is None:
            run.go()
        print(run.proc.pid, flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script, str(tmp_path),
                               "held" if held else "now"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert Path(f"/proc/{child}").exists()
        parent.kill()  # SIGKILL: no atexit, no finally
        parent.wait(timeout=10)
        for _ in range(100):
            try:
                state = Path(f"/proc/{child}/stat").read_text().split(")")[-1].split()[0]
            except FileNotFoundError:
                break
            if state == "Z":  # dead, waiting to be reaped by init
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the indexer outlived Pelican")
    finally:
        parent.kill()


PROBE = """
import os
from pelican import signals

def _note(name, *_args, **_kwargs):
    with open(os.environ["NICE_PROBE_OUT"], "a", encoding="utf-8") as out:
        out.write(f"{name} {os.getpid()} {os.getpriority(os.PRIO_PROCESS, 0)}\\n")

def _start(*_args, **_kwargs):
    _note("start")

def _written(*_args, **_kwargs):
    _note("entries-written")

def register():  # after the search plugin's receivers (later in PLUGINS)
    signals.article_generator_init.connect(_start)
    signals.article_writer_finalized.connect(_written)
"""


def test_pagefind_keeps_the_runs_priority_and_pelican_yields_to_it_after_the_entries(tmp_path):
    content = tmp_path / "content"
    generate_content(content, 60, seed=4)
    notes = tmp_path / "notes.txt"
    from pagefind.service import get_executable

    wrapper = tmp_path / "pagefind-wrapper"  # notes Pagefind's priority, then is Pagefind
    wrapper.write_text(f'#!/bin/sh\necho "pagefind $$ $(nice)" >> {notes}\n'
                       f'exec {get_executable()} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    conf = settings_with_probe(tmp_path, "nice_probe", PROBE)
    cmd = [sys.executable, "-m", "briefings.pelicanrun", str(content), "-s", str(conf),
           "-o", str(tmp_path / "site"), "--fatal", "errors", "-e", "INCREMENTAL=false",
           "SEARCH_INDEX=true", 'CORES={"workers": 1, "min_files": 10}']
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False,
                         env={**os.environ, "PYTHONPATH": str(tmp_path),
                              "NICE_PROBE_OUT": str(notes), "PAGEFIND_BINARY_PATH": str(wrapper),
                              "BRIEFINGS_CACHE_PATH": str(tmp_path / "cache")})
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    lines = [line.split() for line in notes.read_text("utf-8").splitlines()]
    start = [int(n) for what, _pid, n in lines if what == "start"]
    written = {pid: int(n) for what, pid, n in lines if what == "entries-written"}
    pagefind = [int(n) for what, _pid, n in lines if what == "pagefind"]
    assert len(start) == 1 and len(written) == 2 and len(pagefind) == 1
    base = start[0]
    assert pagefind == [base]  # made before Pelican lowered its own priority
    assert set(written.values()) == {max(19, base)}  # both writing processes, after the entries
