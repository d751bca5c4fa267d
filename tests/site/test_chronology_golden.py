"""Golden file: the TimelineJS JSON of the fixture content. A change to it is a reviewed diff.

Refresh after an intended change with:

    BRIEFINGS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_chronology_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden" / "timeline.json"


def test_timeline_json_matches_the_golden_file(fixture_site):
    actual = json.dumps(json.loads((fixture_site / "timeline.json").read_text("utf-8")),
                        indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("BRIEFINGS_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file yet: run with BRIEFINGS_UPDATE_GOLDEN=1"
    assert actual == GOLDEN.read_text("utf-8")
