"""Golden files: the entries and the bibliography that ingest writes for the five seeds.

A change to them is a reviewed diff. Refresh them, after checking the new output by eye, with:

    BRIEFINGS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/ingest/test_golden.py
"""

from __future__ import annotations

import os
import shutil

from tests.ingest.conftest import ROOT, tree

GOLDEN = ROOT / "tests" / "golden" / "ingest" / "seeds"


def _made(content) -> dict[str, bytes]:
    made = tree(content / "briefings")
    made = {f"briefings/{k}": v for k, v in made.items()}
    made["bibliography.bib"] = (content / "bibliography.bib").read_bytes()
    return made


def test_seed_entries_and_bibliography_match_the_golden_files(seed_content):
    made = _made(seed_content)
    if os.environ.get("BRIEFINGS_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in made.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = tree(GOLDEN)
    assert sorted(made) == sorted(golden), "entries added or removed: refresh the golden files " \
        "if the change is right (see this module's docstring)"
    for name in golden:
        assert made[name].decode() == golden[name].decode(), name


def test_committed_content_is_up_to_date_with_sources(tmp_path):
    """content/ is generated from sources/ and committed: ingesting sources/ into a copy of it
    must change no file (`make site` re-runs ingest)."""
    from tests.ingest.conftest import SEEDS, ingest

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = tree(content)
    ingest([SEEDS], content)
    after = tree(content)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert changed == [], "run `make site` and commit content/"
