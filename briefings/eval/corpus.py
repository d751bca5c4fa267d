"""The two sides of an evaluation: the corpus (what a good tool finds) and the entries an ingest
run wrote (what the tool found), each entry mapped to the corpus files it cites.

A corpus directory holds ``articles/NN_slug.txt`` with ``.meta.yaml`` sidecars, ``truth.json``
(one object per file: ``file``, ``language``, ``events`` with ``date``, ``relevant``, ``status``,
``what``) and, optionally, ``clusters.json`` (``[{what, date, precision, files}]``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefings.model import markdown_text

ISO_LEN = {"day": 10, "month": 7, "year": 4}


class CorpusError(Exception):
    """The corpus directory cannot be scored (a file missing or not in the format)."""


@dataclass(frozen=True)
class TruthEvent:
    file: str
    language: str
    date: str  # YYYY, YYYY-MM, YYYY-MM-DD; or --MM, --MM-DD when the text gives no year
    relevant: bool
    status: str  # occurred | planned
    what: str

    @property
    def year_less(self) -> bool:
        return self.date.startswith("--")

    @property
    def month_day(self) -> str:
        """``--09-28`` -> ``09-28``: what an entry's date must end with, in any year."""
        return self.date[2:]


@dataclass
class TruthFile:
    file: str  # the article's file name, e.g. 01_outlet_1999_slug.txt
    language: str
    events: list[TruthEvent]
    text: str  # the article as stored (empty when articles/ lacks it)


@dataclass(frozen=True)
class Cluster:
    what: str
    date: str
    files: tuple[str, ...]


@dataclass
class Corpus:
    root: Path
    files: dict[str, TruthFile]
    clusters: list[Cluster]

    @property
    def languages(self) -> list[str]:
        return sorted({f.language for f in self.files.values()})


@dataclass
class EntryView:
    """One entry as the evaluation sees it."""

    path: str  # relative to the content directory
    title: str  # as a reader sees it (Markdown rendered as text)
    date: str | None  # the ISO date cut to its precision: 2025-03-18, 2025-03, 2025
    status: str
    timeline: bool  # dated and not `Scope: background`
    files: list[str]  # the corpus files it cites, in the order of Sources
    evidence: list[tuple[str | None, str]] = field(default_factory=list)  # (file, words)
    unknown_keys: list[str] = field(default_factory=list)  # cited keys with no source file


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(f"{path}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not JSON: {exc}") from exc


def load_corpus(root: Path) -> Corpus:
    """Read ``root``'s truth, clusters and article texts; :class:`CorpusError` when unusable."""
    articles = root / "articles"
    if not articles.is_dir():
        raise CorpusError(f"{articles}: no such folder (a corpus holds articles/ and truth.json)")
    data = _json(root / "truth.json")
    if not isinstance(data, list):
        raise CorpusError(f"{root / 'truth.json'}: expected a list of one object per file")
    files: dict[str, TruthFile] = {}
    try:
        for item in data:
            name, lang = item["file"], item["language"]
            events = [TruthEvent(name, lang, ev["date"], bool(ev["relevant"]), ev["status"],
                                 ev.get("what", "")) for ev in item.get("events") or []
                      if ev.get("date")]
            path = articles / name
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            files[name] = TruthFile(name, lang, events, text)
    except (KeyError, TypeError) as exc:
        raise CorpusError(f"{root / 'truth.json'}: a file or event lacks {exc}") from exc
    clusters: list[Cluster] = []
    if (root / "clusters.json").exists():
        raw = _json(root / "clusters.json")
        try:
            clusters = [Cluster(c.get("what", ""), c["date"], tuple(c["files"]))
                        for c in raw]  # type: ignore[union-attr]
        except (KeyError, TypeError, AttributeError) as exc:
            raise CorpusError(f"{root / 'clusters.json'}: a cluster lacks {exc}") from exc
    return Corpus(root, files, clusters)


def source_files(content: Path) -> dict[str, str]:
    """BibTeX key -> the file name of its source, from the ``file`` field of the bibliography."""
    from briefings.bibliography import load

    bib = load(content / "bibliography.bib")
    return {key: Path(e.fields["file"]).name for key, e in bib.entries.items()
            if e.fields.get("file")}


def read_entries(content: Path) -> list[EntryView]:
    """Every entry under ``content/briefings/`` (undated ones included), sorted by path."""
    from briefings.entryfile import read_entry

    files = source_files(content)
    out: list[EntryView] = []
    for path in sorted((content / "briefings").rglob("*.md")):
        entry, _problems = read_entry(path)
        date = None
        if entry.date is not None:
            date = entry.date.isoformat()[:ISO_LEN.get(entry.date_precision or "day", 10)]
        cited = [files[k] for k in entry.sources if k in files]
        out.append(EntryView(
            path=path.relative_to(content).as_posix(),
            title=markdown_text(entry.title),
            date=date,
            status=entry.event_status,
            timeline=date is not None and not entry.background,
            files=list(dict.fromkeys(cited)),
            evidence=[(files.get(e.source), e.text) for e in entry.date_evidence],
            unknown_keys=[k for k in entry.sources if k not in files]))
    return out
