"""Stage 7, merge: one development, one entry, however many sources report it.

Reports of several sources are one development when their status is the same, their dates are
compatible (the less precise period contains the more precise date: 2025, 2025-07 and 2025-07-18
are compatible) and their words overlap (thresholds in ``data/settings.yaml``). The merged
development takes the most precise date and keeps every source's evidence. Only this run's
reports decide the split; :func:`attach` then finds the entry already in ``content/`` that each
development continues (the same evidence, or a new source reporting an entry's development).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefings.ingest.events import content_words, overlap
from briefings.ingest.model import PRECISION_RANK, Event
from briefings.ingest.read import settings
from briefings.model import Entry

LEN = {"day": 10, "month": 7, "year": 4}


@dataclass
class Development:
    events: list[Event] = field(default_factory=list)
    seed: Entry | None = None  # the entry in content/ this development continues, if any
    words: frozenset[str] = frozenset()
    flags: set[str] = field(default_factory=set)

    @property
    def best(self) -> Event | None:
        dated = [e for e in self.events if e.date is not None]
        return min(dated, key=lambda e: (e.rank, e.source, e.start)) if dated else None

    @property
    def date(self) -> dt.date | None:
        b = self.best
        return b.date if b else None

    @property
    def precision(self) -> str | None:
        b = self.best
        return b.precision if b else None

    @property
    def status(self) -> str:
        return self.events[0].status

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.events))


def compatible(d1: dt.date | None, p1: str | None, d2: dt.date | None, p2: str | None) -> bool:
    """Same development date at two precisions: the coarser period contains the finer date."""
    if d1 is None or d2 is None or p1 is None or p2 is None:
        return False
    n = min(LEN[p1], LEN[p2])
    return d1.isoformat()[:n] == d2.isoformat()[:n]


def seed_words(entry: Entry) -> frozenset[str]:
    return content_words(" ".join([entry.title, entry.summary, entry.body]))


def merge(events: list[Event]) -> list[Development]:
    """Group this run's reports into developments (greedy: most precise reports first, best
    overlap wins). Only the sources decide: nothing in ``content/`` changes the split."""
    same = float(settings()["merge_min_overlap_same_date"])
    loose = float(settings()["merge_min_overlap_compatible"])
    devs: list[Development] = []
    by_year: dict[tuple[str, int], list[Development]] = {}
    ordered = sorted(events, key=lambda e: (e.rank, e.date or dt.date.max, e.source, e.start))
    for ev in ordered:
        if ev.date is None:
            devs.append(Development([ev], words=ev.words))
            continue
        best: tuple[float, int, Development] | None = None
        for i, d in enumerate(by_year.get((ev.status, ev.date.year), [])):
            if not compatible(d.date, d.precision, ev.date, ev.precision):
                continue
            exact = d.date == ev.date and d.precision == ev.precision
            same_source = any(e.source == ev.source for e in d.events)
            if same_source and exact and ev.precision != "year":
                score = 1.0 + overlap(d.words, ev.words)
            else:
                score = overlap(d.words, ev.words)
                if score < (same if exact else loose):
                    continue
            if best is None or score > best[0]:
                best = (score, -i, d)
        if best is not None:
            d = best[2]
            d.events.append(ev)
            d.words = d.words | ev.words
        else:
            d = Development([ev], words=ev.words)
            devs.append(d)
            by_year.setdefault((ev.status, ev.date.year), []).append(d)
    return devs


def _evidence(text: str) -> str:
    return " ".join(text.split())


def attach(devs: list[Development], entries: list[Entry], run_keys: set[str]) -> None:
    """Set ``seed`` on each development that continues an entry already in ``content/``.

    Identity first: the entry cites one of the development's sources and gives the same words
    as date evidence, or the same date, precision and status, or (for an undated development)
    no date evidence of those sources. Then, for an entry citing a source not read in this run,
    a later report of it: compatible date and words that overlap (a new source joins the
    entry). One entry continues at most one development, so an entry a person edited can never
    take in the reports of its neighbours.
    """
    same = float(settings()["merge_min_overlap_same_date"])
    loose = float(settings()["merge_min_overlap_compatible"])
    by_source: dict[str, list[int]] = {}
    for j, e in enumerate(entries):
        for key in dict.fromkeys(e.sources):
            by_source.setdefault(key, []).append(j)
    scored: list[tuple[float, int, int]] = []
    for i, d in enumerate(devs):
        said = {(e.source, _evidence(w)) for e in d.events for w in e.evidence}
        for j in dict.fromkeys(j for key in d.sources for j in by_source.get(key, [])):
            entry = entries[j]
            given = {(ev.source, _evidence(ev.text)) for ev in entry.date_evidence}
            shared = said & given
            when = (entry.date, entry.date_precision, entry.event_status) == (
                d.date, d.precision, d.status)
            # an undated report, and an entry none of its sources dates (a person may have)
            undated = d.date is None and not {k for k, _w in given} & set(d.sources)
            if shared or when or undated:
                scored.append((2.0 + 2 * len(shared) + when + undated / 2, i, j))
    claimed = _assign(scored)
    continued = {i for i, _score in claimed.values()}
    joinable: dict[tuple[str, int], list[int]] = {}  # by status and year, as merge() does
    for j, e in enumerate(entries):
        if e.date is not None and j not in claimed and not set(e.sources) <= run_keys:
            joinable.setdefault((e.event_status, e.date.year), []).append(j)
    words = {j: seed_words(entries[j]) for js in joinable.values() for j in js}
    for i, d in enumerate(devs):
        if d.date is None or i in continued:
            continue
        for j in joinable.get((d.status, d.date.year), []):
            e = entries[j]
            if not compatible(e.date, e.date_precision, d.date, d.precision):
                continue
            exact = (e.date, e.date_precision) == (d.date, d.precision)
            score = overlap(words[j], d.words)
            if score >= (same if exact else loose):
                scored.append((score, i, j))
    for j, (i, _score) in _assign(scored).items():
        devs[i].seed = entries[j]


def _assign(scored: list[tuple[float, int, int]]) -> dict[int, tuple[int, float]]:
    """Best pairs first, each development and each entry used once: entry -> (dev, score)."""
    taken: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for score, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i in used or j in taken:
            continue
        taken[j] = (i, score)
        used.add(i)
    return taken


def flag_date_conflicts(devs: list[Development], threshold: float = 0.6) -> None:
    """``date-conflict`` on developments of different sources that read alike but carry
    different day-precision dates in the same month."""
    by_month: dict[tuple[str, str], list[Development]] = {}
    for d in devs:
        if d.date is not None and d.precision == "day" and d.events:
            by_month.setdefault((d.status, d.date.isoformat()[:7]), []).append(d)
    for group in by_month.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.date == b.date or set(a.sources) & set(b.sources):
                    continue
                if overlap(a.words, b.words) >= threshold:
                    a.flags.add("date-conflict")
                    b.flags.add("date-conflict")


def rank_of(precision: str | None) -> int:
    return PRECISION_RANK.get(precision or "", 3)
