"""Stage 7, merge: one development, one entry, however many sources report it.

Reports of several sources are one development when their status is the same, their dates are
compatible (the less precise period contains the more precise date: 2025, 2025-07 and 2025-07-18
are compatible) and their words overlap (thresholds in ``data/settings.yaml``). The merged
development takes the most precise date and keeps every source's evidence. Entries already in
``content/`` that cite sources not read in this run are seeds: a new source that reports the
same development joins them (the "new source in a later run" case).
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
    seed: Entry | None = None  # an existing entry this development continues
    words: frozenset[str] = frozenset()
    flags: set[str] = field(default_factory=set)

    @property
    def best(self) -> Event | None:
        dated = [e for e in self.events if e.date is not None]
        return min(dated, key=lambda e: (e.rank, e.source, e.start)) if dated else None

    @property
    def date(self) -> dt.date | None:
        if self.seed is not None:
            return self.seed.date
        b = self.best
        return b.date if b else None

    @property
    def precision(self) -> str | None:
        if self.seed is not None:
            return self.seed.date_precision
        b = self.best
        return b.precision if b else None

    @property
    def status(self) -> str:
        if self.seed is not None:
            return self.seed.event_status
        return self.events[0].status

    @property
    def sources(self) -> list[str]:
        keys = list(self.seed.sources) if self.seed is not None else []
        for e in self.events:
            if e.source not in keys:
                keys.append(e.source)
        return keys


def compatible(d1: dt.date | None, p1: str | None, d2: dt.date | None, p2: str | None) -> bool:
    """Same development date at two precisions: the coarser period contains the finer date."""
    if d1 is None or d2 is None or p1 is None or p2 is None:
        return False
    n = min(LEN[p1], LEN[p2])
    return d1.isoformat()[:n] == d2.isoformat()[:n]


def seed_words(entry: Entry) -> frozenset[str]:
    return content_words(" ".join([entry.title, entry.summary, entry.body]))


def merge(events: list[Event], seeds: list[Entry] = ()) -> list[Development]:
    """Group reports into developments (greedy: most precise reports first, best overlap wins)."""
    same = float(settings()["merge_min_overlap_same_date"])
    loose = float(settings()["merge_min_overlap_compatible"])
    devs: list[Development] = [Development(seed=s, words=seed_words(s)) for s in seeds]
    by_year: dict[tuple[str, int], list[Development]] = {}
    for d in devs:
        if d.date is not None:
            by_year.setdefault((d.status, d.date.year), []).append(d)
    by_source: dict[str, list[Development]] = {}
    for d in devs:
        for key in d.seed.sources if d.seed is not None else []:
            by_source.setdefault(key, []).append(d)
    ordered = sorted(events, key=lambda e: (e.rank, e.date or dt.date.max, e.source, e.start))
    for ev in ordered:
        # An entry already citing this source is the same development when the words agree,
        # whatever its date now says (a person may have corrected it).
        known = [(overlap(d.words, ev.words), -i, d) for i, d in
                 enumerate(by_source.get(ev.source, []))
                 if (d.date is None) == (ev.date is None)]
        known = [k for k in known if k[0] >= same]
        if known:
            d = max(known, key=lambda k: (k[0], k[1]))[2]
            d.events.append(ev)
            continue
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
    return [d for d in devs if d.events or d.seed is not None]


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
