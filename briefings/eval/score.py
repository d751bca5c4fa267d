"""The figures of an evaluation, overall and per language, and the lists behind them.

Dates are compared as ISO strings cut to their precision (``2025-03-18``, ``2025-03``,
``2025``): equal strings are the same date at the same precision. A truth event without a year
(``--03-18``) can never equal such a string; those are counted apart (:class:`YearLess`).
An entry is *on the timeline* when it is dated and not ``Scope: background``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefings.eval.corpus import Cluster, Corpus, EntryView, TruthEvent
from briefings.headline_checks import failures

OVERALL = "overall"


@dataclass
class Ratio:
    n: int = 0
    of: int = 0

    def add(self, ok: bool) -> None:
        self.n += int(ok)
        self.of += 1

    @property
    def share(self) -> float | None:
        return self.n / self.of if self.of else None

    def as_dict(self) -> dict[str, object]:
        share = self.share
        return {"n": self.n, "of": self.of, "share": None if share is None else round(share, 4)}


@dataclass
class YearLess:
    """Relevant truth events without a year: found with the right month (and day) in some
    year, only an undated entry cites the file, or neither."""

    total: int = 0
    any_year: int = 0
    undated: int = 0
    missed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, "any_year": self.any_year, "undated": self.undated,
                "missed": self.missed}


#: Metric -> one-line legend. The order is the table's.
METRICS: dict[str, str] = {
    "recall": "relevant truth events with a full date (YYYY, YYYY-MM or YYYY-MM-DD) for which "
    "an entry citing their file has exactly that date and precision (or a finer one inside it "
    "that another file the entry cites gives exactly: a merged entry takes the most precise "
    "date); year-less ones are not counted here (see year-less)",
    "recall_timeline": "the same relevant truth events, counted found only when such an entry is "
    "on the timeline (not Scope: background): relevant developments the scope keeps",
    "precision": "(dated entry, cited file) pairs whose date and precision equal those of an "
    "event (relevant or not) in that file's truth (or, as in recall, a coarser one of the file "
    "when another cited file gives the entry's date exactly); the files counted are those the "
    "entry takes its date from (its Date-Evidence), or all it cites when it quotes none",
    "precision_same_year": "the same pairs, counted right when a truth event of the file has "
    "the same year (a year-less one: the same month and day)",
    "joined": "(dated entry, cited file) pairs where the file gives no Date-Evidence of the "
    "entry (a source that reports the development without its date): right when the file's "
    "truth has that date, a coarser one containing it, the same month and day without a year, "
    "or no dated event at all, or when a cluster of clusters.json lists the file at that date; "
    "a wrong merge shows here",
    "status": "pairs counted right by precision whose Event-Status (occurred/planned) equals "
    "the status of a truth event with that date",
    "background_on_timeline": "entries on the timeline (dated, not Scope: background) whose "
    "exact-date matches are all background (relevant: false) truth events, of the timeline "
    "entries with an exact-date match; the target is 0",
    "background_kept_off": "background truth events with a full date that no timeline entry "
    "citing their file has at exactly that date",
    "evidence": "Date-Evidence items whose words occur in the cited file (whitespace runs "
    "compared as one space)",
    "titles": "entry titles that fail a headline check (briefings/headline_checks.py)",
    "clusters_one_entry": "clusters of clusters.json that became exactly one dated entry (an "
    "entry citing one of the cluster's files, its date equal to or containing the cluster's "
    "or inside it)",
    "clusters_complete": "clusters that became exactly one such entry, and it cites every file "
    "of the cluster (the ideal)",
    "cluster_sources": "files of the cluster cited by its best entry (the one citing most), "
    "summed over clusters",
}
YEAR_LESS_LEGEND = ("relevant truth events whose text gives no year (--MM-DD, --MM): found "
                    "with that month and day in some year / only an undated entry cites the "
                    "file / missed; not in recall's denominator")


@dataclass
class Scores:
    languages: list[str]
    figures: dict[str, dict[str, Ratio]]  # metric -> column (overall, en, …) -> ratio
    year_less: dict[str, YearLess]
    clusters: list[dict[str, object]] = field(default_factory=list)
    lists: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    counts: dict[str, float] = field(default_factory=dict)


def _put(figures: dict[str, dict[str, Ratio]], metric: str, langs: Iterable[str],
         ok: bool) -> None:
    """Count one case in the overall column and in each of ``langs`` (once each)."""
    for col in dict.fromkeys([OVERALL, *langs]):
        figures[metric].setdefault(col, Ratio()).add(ok)


def _compatible(a: str, b: str) -> bool:
    """One date contains the other: 2018-12 and 2018-12-14; 2018 and 2018-12."""
    return a.startswith(b) or b.startswith(a)


def score(corpus: Corpus, entries: list[EntryView]) -> Scores:
    langs = corpus.languages
    figures: dict[str, dict[str, Ratio]] = {m: {OVERALL: Ratio()} for m in METRICS}
    year_less: dict[str, YearLess] = {c: YearLess() for c in [OVERALL, *langs]}
    lists: dict[str, list[dict[str, object]]] = {
        "missed": [], "relevant_off_timeline": [], "year_less_events": [], "wrong_dated": [],
        "wrong_joined": [],
        "wrong_status": [],
        "background_on_timeline": [], "background_on_timeline_events": [],
        "evidence_not_verbatim": [], "failing_titles": []}
    by_file: dict[str, list[EntryView]] = {}
    for e in entries:
        for f in e.files:
            by_file.setdefault(f, []).append(e)

    # Truth side: recall, year-less, background kept off.
    for tf in corpus.files.values():
        citing = by_file.get(tf.file, [])
        for ev in tf.events:
            if ev.year_less:
                if ev.relevant:
                    _year_less(ev, citing, year_less, lists["year_less_events"])
                continue
            exact = [e for e in citing if e.date == ev.date or _finer_from_other(e, ev, corpus)]
            if ev.relevant:
                _put(figures, "recall", [ev.language], bool(exact))
                on = any(e.timeline for e in exact)
                _put(figures, "recall_timeline", [ev.language], on)
                if not exact:
                    lists["missed"].append(_event(ev) | {
                        "entry_dates": sorted({e.date or "undated" for e in citing})})
                elif not on:
                    lists["relevant_off_timeline"].append(
                        _event(ev) | {"entries": [e.path for e in exact]})
            else:
                on = [e for e in exact if e.timeline]
                _put(figures, "background_kept_off", [ev.language], not on)
                if on:
                    lists["background_on_timeline_events"].append(
                        _event(ev) | {"entries": [e.path for e in on]})

    # Entry side: precision, status, background on the timeline, evidence, titles.
    for e in entries:
        known = [corpus.files[f] for f in e.files if f in corpus.files]
        elangs = [tf.language for tf in known]
        matches: list[TruthEvent] = []
        giving = {f for f, _words in e.evidence if f}
        for tf in known:
            if e.date is None:
                continue
            if giving and tf.file not in giving:
                joined = not tf.events or any(_joins(ev, e.date) for ev in tf.events) or any(
                    tf.file in c.files and _compatible(c.date, e.date) for c in corpus.clusters)
                _put(figures, "joined", [tf.language], joined)
                if not joined:
                    lists["wrong_joined"].append({
                        "file": tf.file, "language": tf.language, "date": e.date,
                        "title": e.title, "entry": e.path,
                        "truth_dates": sorted({ev.date for ev in tf.events})})
                continue
            hits = [ev for ev in tf.events
                    if ev.date == e.date or _finer_from_other(e, ev, corpus)]
            matches += hits
            _put(figures, "precision", [tf.language], bool(hits))
            _put(figures, "precision_same_year", [tf.language],
                 any(_same_year(ev, e.date) for ev in tf.events))
            if not hits:
                lists["wrong_dated"].append({
                    "file": tf.file, "language": tf.language, "date": e.date, "title": e.title,
                    "entry": e.path, "truth_dates": sorted({ev.date for ev in tf.events})})
            else:
                right = any(ev.status == e.status for ev in hits)
                _put(figures, "status", [tf.language], right)
                if not right:
                    lists["wrong_status"].append({
                        "file": tf.file, "date": e.date, "title": e.title, "entry": e.path,
                        "status": e.status, "truth_status": hits[0].status})
        if e.timeline and matches:
            background = all(not ev.relevant for ev in matches)
            _put(figures, "background_on_timeline", elangs, background)
            if background:
                lists["background_on_timeline"].append({
                    "entry": e.path, "date": e.date, "title": e.title, "files": e.files})
        for file, words in e.evidence:
            tf = corpus.files.get(file) if file else None
            ok = tf is not None and _norm(words) in _norm(tf.text)
            _put(figures, "evidence", [tf.language] if tf else [], ok)
            if not ok:
                lists["evidence_not_verbatim"].append(
                    {"file": file, "entry": e.path, "words": words})
        failed = failures(e.title)
        _put(figures, "titles", elangs, bool(failed))
        if failed:
            lists["failing_titles"].append({"entry": e.path, "title": e.title,
                                            "checks": failed, "files": e.files})

    clusters = [_cluster(c, entries) for c in corpus.clusters]
    for c in clusters:
        figures["clusters_one_entry"][OVERALL].add(c["entries"] == 1)
        figures["clusters_complete"][OVERALL].add(bool(c["complete"]))
        r = figures["cluster_sources"][OVERALL]
        r.n += int(c["best_sources"])  # type: ignore[call-overload]
        r.of += len(c["files"])  # type: ignore[arg-type]
    dated = [e for e in entries if e.date is not None]
    counts = {
        "files": len(corpus.files),
        "entries": len(entries),
        "dated_entries": len(dated),
        "undated_entries": len(entries) - len(dated),
        "timeline_entries": sum(1 for e in entries if e.timeline),
        "entries_citing_no_corpus_file": sum(1 for e in entries
                                             if not any(f in corpus.files for f in e.files)),
        "mean_sources_per_dated_entry": round(
            sum(len(e.files) for e in dated) / len(dated), 2) if dated else 0,
    }
    return Scores(langs, figures, year_less, clusters, lists, counts)


def _joins(ev: TruthEvent, date: str) -> bool:
    """A source that gives ``ev`` may be cited, without its own date, by an entry dated ``date``:
    the same date or a coarser one containing it; without a year, the same month (and day)."""
    if ev.year_less:
        return len(date) >= 7 and date[5:].startswith(ev.month_day)
    return bool(ev.date) and date.startswith(ev.date)


def _event(ev: TruthEvent) -> dict[str, object]:
    return {"file": ev.file, "language": ev.language, "date": ev.date, "what": ev.what}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _finer_from_other(e: EntryView, ev: TruthEvent, corpus: Corpus) -> bool:
    """A merged entry takes the most precise date its sources give: ``ev`` (2025-03) is the
    entry's date (2025-03-18) when another file the entry cites has that exact date."""
    if not (e.date and ev.date) or ev.year_less or len(e.date) <= len(ev.date) or \
            not e.date.startswith(ev.date):
        return False
    return any(other.file != ev.file and any(o.date == e.date for o in other.events)
               for other in (corpus.files.get(f) for f in e.files) if other is not None)


def _same_year(ev: TruthEvent, date: str) -> bool:
    if ev.year_less:
        return bool(date[5:]) and _compatible(date[5:], ev.month_day)
    return ev.date[:4] == date[:4]


def _year_less(ev: TruthEvent, citing: list[EntryView], year_less: dict[str, YearLess],
               out: list[dict[str, object]]) -> None:
    precision = len(ev.month_day)  # 5: MM-DD, 2: MM
    if any(e.date and len(e.date) == 5 + precision and e.date[5:] == ev.month_day
           for e in citing):
        outcome = "any_year"
    elif any(e.date is None for e in citing):
        outcome = "undated"
    else:
        outcome = "missed"
    for col in (OVERALL, ev.language):
        y = year_less.setdefault(col, YearLess())
        y.total += 1
        setattr(y, outcome, getattr(y, outcome) + 1)
    out.append(_event(ev) | {"outcome": outcome})


def _cluster(c: Cluster, entries: list[EntryView]) -> dict[str, object]:
    files = set(c.files)
    found = [e for e in entries if e.date and files & set(e.files) and _compatible(e.date, c.date)]
    best = max((len(files & set(e.files)) for e in found), default=0)
    return {"what": c.what, "date": c.date, "files": list(c.files), "entries": len(found),
            "best_sources": best, "complete": len(found) == 1 and best == len(files),
            "entry_paths": [e.path for e in found]}
