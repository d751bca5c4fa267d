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


def test_committed_content_is_what_ingest_makes_of_sources(seed_content):
    """content/ is generated from sources/ and committed: it must be up to date."""
    made = _made(seed_content)
    committed = {f"briefings/{k}": v for k, v in tree(ROOT / "content" / "briefings").items()}
    committed["bibliography.bib"] = (ROOT / "content" / "bibliography.bib").read_bytes()
    assert sorted(made) == sorted(committed), "run `make site` and commit content/"
    for name in made:
        assert made[name] == committed[name], f"{name}: run `make site` and commit content/"
