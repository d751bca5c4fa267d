"""Stage 11, report: the JSON description of the content directory after a run
(``briefings ingest --report FILE.json``)::

    {"entries": [{"path", "title", "date", "date_precision", "event_status", "scope",
                  "sources", "actors", "flags", "evidence": [{"source", "text"}]}],
     "sources": [{"key", "file", "title", "publisher", "published", "url", "language",
                  "language_detected", "flags"}],
     "warnings": [{"path", "line", "code", "message"}]}

It reads ``content/`` itself, so it describes entries written by earlier runs and by people too.
A source's ``language`` is that of its BibTeX entry; ``language_detected`` is true when ingest
found it in the text (the entry's note says so) rather than in the sidecar.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefings.entryfile import read_entry
from briefings.ingest.cite import DETECTED_NOTE, read_bib
from briefings.problems import Problem, display_path
from briefings.schema import DEFAULT_SCOPE


def _plain(value: str | None) -> str | None:
    if value is None:
        return None
    return re.sub(r"\\([&%$#_])", r"\1", value).replace("{", "").replace("}", "")


def build_report(content: Path, problems: list[Problem]) -> dict:
    entries = []
    base = content / "briefings"
    for path in sorted(base.rglob("*.md")) if base.exists() else []:
        entry, _probs = read_entry(path)
        entries.append({
            "path": display_path(path),
            "title": entry.title,
            "date": entry.date.isoformat() if entry.date else None,
            "date_precision": entry.date_precision,
            "event_status": entry.event_status,
            "scope": entry.scope or DEFAULT_SCOPE,
            "sources": entry.sources,
            "actors": entry.actors,
            "flags": entry.flags,
            "evidence": [{"source": e.source, "text": e.text} for e in entry.date_evidence],
        })
    bib, _bib_problems = read_bib(content / "bibliography.bib")
    sources = []
    for key in sorted(bib):
        _etype, f = bib[key]
        sources.append({
            "key": key,
            "file": f.get("file"),
            "title": _plain(f.get("title")),
            "publisher": _plain(f.get("organization") or f.get("publisher")),
            "published": f.get("date"),
            "url": f.get("url"),
            "language": f.get("language"),
            "language_detected": DETECTED_NOTE in f.get("note", ""),
            "flags": [x.strip() for x in f.get("keywords", "").split(",") if x.strip()],
        })
    warnings = [{"path": p.path, "line": p.line, "code": p.code, "message": p.message}
                for p in problems]
    return {"entries": entries, "sources": sources, "warnings": warnings}


def write_report(path: Path, content: Path, problems: list[Problem]) -> None:
    from briefings.ingest.write import atomic_write

    data = build_report(content, problems)
    atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
