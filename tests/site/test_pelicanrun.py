"""briefings/pelicanrun.py: one Pelican run per process, with the cyclic garbage collector off in
it and in the processes its plugins fork; ``python -m pelican`` (``make serve``) keeps it on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import settings_with_probe

ROOT = Path(__file__).resolve().parents[2]

PROBE = '''
import gc, json, os
from pelican import signals

def _note(where):
    with open(os.environ["GC_PROBE_OUT"], "a", encoding="utf-8") as out:
        out.write(json.dumps([where, os.getpid(), gc.isenabled()]) + "\\n")

def _context(*_args, **_kwargs):
    _note("context")

def _written(*_args, **_kwargs):
    _note("written")

def register():  # blinker keeps weak references: module-level functions, not lambdas
    signals.all_generators_finalized.connect(_context)
    signals.article_writer_finalized.connect(_written)
'''


@pytest.mark.parametrize(("module", "enabled"), [("briefings.pelicanrun", False),
                                                 ("pelican", True)])
def test_garbage_collector_is_off_only_in_a_one_shot_run(tmp_path, module, enabled):
    from briefings.bench.corpus import generate_content

    content = tmp_path / "content"
    generate_content(content, 30, seed=2)
    conf = settings_with_probe(tmp_path, "gc_probe", PROBE)
    out = tmp_path / "notes.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", module, str(content), "-s", str(conf), "-o", str(tmp_path / "o"),
         "--fatal", "errors", "-e", "INCREMENTAL=false"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "GC_PROBE_OUT": str(out),
             "BRIEFINGS_CACHE_PATH": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.exists(), proc.stdout + proc.stderr
    notes = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    writers = {pid for where, pid, _on in notes if where == "written"}
    assert len(writers) == 1  # one process writes the pages
    assert {on for _where, _pid, on in notes} == {enabled}
