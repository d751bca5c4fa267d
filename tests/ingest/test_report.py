"""``--report FILE.json`` describes the whole content directory exactly as the issue says."""

from __future__ import annotations

import json

from briefings.cli import main
from tests.ingest.conftest import in_root, new_content

ENTRY_KEYS = {"path", "title", "date", "date_precision", "event_status", "scope", "sources",
              "actors", "flags", "evidence"}
SOURCE_KEYS = {"key", "file", "title", "publisher", "published", "url", "language",
               "language_detected", "flags"}
WARNING_KEYS = {"path", "line", "code", "message"}


def test_report_schema_and_content(tmp_path, capsys):
    content = new_content(tmp_path / "content")
    report = tmp_path / "out" / "report.json"
    with in_root():
        rc = main(["ingest", "--content", str(content), "--report", str(report), "sources"])
    assert rc == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert set(data) == {"entries", "sources", "warnings"}
    assert data["entries"] and data["sources"] and data["warnings"]
    for e in data["entries"]:
        assert set(e) == ENTRY_KEYS
        assert e["date"] is None or len(e["date"]) == 10
        assert e["date_precision"] in ("day", "month", "year", None)
        assert (e["date"] is None) == (e["date_precision"] is None)
        assert e["event_status"] in ("occurred", "planned")
        assert e["scope"] in ("cooperation", "background")
        assert all(isinstance(x, str) for x in e["sources"] + e["actors"] + e["flags"])
        for ev in e["evidence"]:
            assert set(ev) == {"source", "text"} and ev["source"] in e["sources"]
    keys = {s["key"] for s in data["sources"]}
    for s in data["sources"]:
        assert set(s) == SOURCE_KEYS
        assert s["file"].startswith("sources/")
        assert "{" not in (s["title"] or "")
        assert s["language"] == "en" and s["language_detected"] is False  # from the sidecars
    assert {k for e in data["entries"] for k in e["sources"]} <= keys
    for w in data["warnings"]:
        assert set(w) == WARNING_KEYS and isinstance(w["line"], int)
    codes = {w["code"] for w in data["warnings"]}
    assert {"W-CONFLICTING-NAMES", "W-UNKNOWN-ACTOR", "W-UNDATED"} <= codes
    zemaj = next(s for s in data["sources"] if s["key"].startswith("europ-info"))
    assert zemaj["published"] is None and "low-reliability" in zemaj["flags"]
    undated = [e for e in data["entries"] if e["date"] is None]
    assert all("undated" in e["flags"] and e["evidence"] == [] for e in undated)


def test_report_describes_entries_of_earlier_runs_and_people(tmp_path):
    content = new_content(tmp_path / "content")
    with in_root():
        main(["ingest", "--content", str(content), "sources/balkaneu-balkan-defense-pact.txt"])
        hand = content / "briefings" / "2024" / "hand-written.md"
        hand.parent.mkdir(parents=True)
        hand.write_text("Title: A hand-written entry\nDate: 2024-01-02\nDate-Precision: day\n"
                        "Event-Status: occurred\nSlug: hand-written\nCategory: statements\n"
                        "Sources: balkaneu-2025-balkan-defense-pact\nReview: reviewed\n"
                        "Summary: Written by a person.\n\n"
                        "Text [@balkaneu-2025-balkan-defense-pact].\n",
                        encoding="utf-8")
        report = tmp_path / "r.json"
        main(["ingest", "--content", str(content), "--report", str(report),
              "sources/rks-news-maqedonci-state-military-factory.txt"])
    data = json.loads(report.read_text(encoding="utf-8"))
    titles = {e["title"] for e in data["entries"]}
    assert "A hand-written entry" in titles
    # no Scope field: the schema's default
    assert {e["scope"] for e in data["entries"] if e["title"] == "A hand-written entry"} == {
        "cooperation"}
    assert hand.read_text(encoding="utf-8").startswith("Title: A hand-written entry")
    assert len(data["sources"]) == 2
