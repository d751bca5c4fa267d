"""What ``briefings eval`` prints: a table (overall and one column per language) with a legend,
or one JSON object with the same figures and the lists behind them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from briefings.eval.score import METRICS, OVERALL, YEAR_LESS_LEGEND, Ratio, Scores, YearLess

#: Metric -> row label in the table.
LABELS: dict[str, str] = {
    "recall": "recall: relevant dated developments",
    "recall_timeline": "recall: the same, on the timeline",
    "precision": "precision: dated entries (exact)",
    "precision_same_year": "precision: dated entries (same year)",
    "joined": "sources joined without their own date",
    "status": "occurred/planned right",
    "background_on_timeline": "background entries on the timeline",
    "background_kept_off": "background events kept off the timeline",
    "evidence": "date evidence quoted verbatim",
    "titles": "titles failing headline checks",
    "clusters_one_entry": "clusters: one entry (not split)",
    "clusters_complete": "clusters: one entry citing every file",
    "cluster_sources": "clusters: sources per development",
}
YEAR_LESS_LABEL = "year-less: any year/undated/missed"
#: Metrics with no per-language figure (a cluster's files are in several languages).
OVERALL_ONLY = ("clusters_one_entry", "clusters_complete", "cluster_sources")


@dataclass
class IngestRun:
    """How the ingest run that wrote the entries went."""

    sources: int
    ingested: int
    seconds: float
    errors: int = 0
    warnings: int = 0
    failed: list[str] = field(default_factory=list)  # sources ingest could not read

    @property
    def per_second(self) -> float:
        return self.sources / self.seconds if self.seconds > 0 else 0.0


def _cell(r: Ratio | None) -> str:
    if r is None or not r.of:
        return "—"
    return f"{r.n}/{r.of} {100 * r.n / r.of:.0f}%"


def _year_less_cell(y: YearLess | None) -> str:
    if y is None or not y.total:
        return "—"
    return f"{y.any_year}/{y.undated}/{y.missed} of {y.total}"


def table(scores: Scores, run: IngestRun, corpus: str) -> str:
    cols = [OVERALL, *scores.languages]
    c = scores.counts
    rows: list[list[str]] = [["metric", *cols]]
    for metric in METRICS:
        column = scores.figures.get(metric, {})
        cells = [_cell(column.get(col)) if col == OVERALL or metric not in OVERALL_ONLY
                 else "—" for col in cols]
        rows.append([LABELS[metric], *cells])
        if metric == "recall_timeline":
            rows.append([YEAR_LESS_LABEL, *(_year_less_cell(scores.year_less.get(col))
                                            for col in cols)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(cols) + 1)]
    lines = [
        f"Ingestion scored on {corpus}: truth for {c['files']} files",
        f"Ingest: {run.ingested} of {run.sources} sources in {run.seconds:.2f} s "
        f"({run.per_second:.1f} sources/s, for information); {run.errors} errors, "
        f"{run.warnings} warnings",
        f"Entries: {c['entries']} ({c['dated_entries']} dated, {c['timeline_entries']} on the "
        f"timeline, {c['undated_entries']} undated); {c['mean_sources_per_dated_entry']} "
        f"sources per dated entry",
        "",
    ]
    for i, row in enumerate(rows):
        lines.append("  ".join([row[0].ljust(widths[0])]
                               + [cell.rjust(widths[j + 1]) for j, cell in enumerate(row[1:])]))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", "Each cell: right/counted and its share. An entry citing files in several "
              "languages counts in each of their columns.", ""]
    for metric, text in METRICS.items():
        lines.append(f"- {LABELS[metric]}: {text}.")
        if metric == "recall_timeline":
            lines.append(f"- {YEAR_LESS_LABEL}: {YEAR_LESS_LEGEND}.")
    if run.failed:
        lines += ["", "Sources ingest could not read: " + ", ".join(run.failed)]
    return "\n".join(lines) + "\n"


def failing_titles(scores: Scores) -> str:
    items = scores.lists["failing_titles"]
    lines = [f"Titles failing the headline checks ({len(items)}):"]
    for item in items:
        lines.append(f"- {item['title']}  [{', '.join(item['checks'])}]  {item['entry']}")
    return "\n".join(lines) + "\n"


def as_json(scores: Scores, run: IngestRun, corpus: str) -> str:
    cols = [OVERALL, *scores.languages]
    metrics = {m: {col: r.as_dict() for col in cols if (r := scores.figures[m].get(col))}
               for m in METRICS}
    data: dict[str, object] = {
        "corpus": corpus,
        "languages": scores.languages,
        "ingest": {"sources": run.sources, "ingested": run.ingested,
                   "seconds": round(run.seconds, 3),
                   "sources_per_second": round(run.per_second, 2), "errors": run.errors,
                   "warnings": run.warnings, "failed": run.failed},
        "counts": scores.counts,
        "metrics": metrics,
        "year_less": {col: y.as_dict() for col, y in scores.year_less.items()},
        "clusters": scores.clusters,
        "legend": {**METRICS, "year_less": YEAR_LESS_LEGEND},
        **scores.lists,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
