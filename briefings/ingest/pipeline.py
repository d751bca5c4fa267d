"""The ingestion pipeline: a thin orchestrator that does no stage work itself. Stages, in order:

1. **discover**  source files under the given paths (:func:`briefings.sourcemeta.find_sources`);
2. **read**      bytes, metadata and HTML extraction; bad input refused (:mod:`.read`);
3. **clean**     boilerplate stripped with data patterns (:mod:`.clean`); then the source's
                 language, from its sidecar or its text (:mod:`.language`);
4. **dates**     publication date and every date mention (:mod:`.dates`);
5. **events**    the dated developments of each source, and dates told in passing left out
                 (:mod:`.events`, :mod:`.asides`);
6. **actors**    registry tags, ``conflicting-names``, ``unknown-actor`` (:mod:`.actors_stage`);
   then **headlines** in English (:mod:`.headline`, from event frames: :mod:`.frames`),
   **scope**: cooperation or background, by rules in data (:mod:`.scope`), and the source's
   own flags (:mod:`.cite`);
7. **cite**      stable BibTeX keys and entries (:mod:`.cite`);
8. **merge**     one development per entry across sources, languages and runs (:mod:`.merge`);
9. **write**     entry files, atomically, edited ones kept (:mod:`.write`);
10. **bibliography** ``content/bibliography.bib`` rewritten only when it changes;
11. **report**   the JSON description of the content directory (:mod:`.report`).

Stages 2–6 work on one source at a time and run in a pool of worker processes when there are
many sources; the others need every source at once.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from briefings.bibliography import plain_text
from briefings.ingest import actors_stage, cite, frames, language, merge, write
from briefings.ingest import scope as scope_stage
from briefings.ingest.actors_stage import registry
from briefings.ingest.events import find_events, named_days, warn_undated
from briefings.ingest.model import Source
from briefings.ingest.read import read_source, settings
from briefings.problems import WARNING, Problem, display_path
from briefings.registry import load_actors
from briefings.sourcemeta import find_sources


@dataclass
class Result:
    sources: list[Source]
    outcome: write.Outcome
    problems: list[Problem] = field(default_factory=list)
    bibliography_changed: bool = False

    @property
    def failed(self) -> list[Source]:
        return [s for s in self.sources if not s.ok]


def process(path: Path, overrides: dict[str, str | None], actors_file: Path) -> Source:
    """Stages 2–6 for one source. Never raises for bad input: problems are in the result."""
    from briefings.ingest.dates import find_dates, settle_publication

    src = read_source(path, overrides)
    if not src.ok:
        return src
    actors, reg = registry(actors_file)
    language.settle(src)
    skip = settle_publication(src)
    src.title, src.title_note = cite.infer_title(src, actors_stage.case_words(actors))
    src.title_inferred = src.title_note is not None
    people = actors_stage.people(src, actors, reg)
    src.events = find_events(src, find_dates(src.text, src.published, src.language), skip,
                             people)
    actors_stage.tag(src, actors, reg)
    frames.settle(src, people)
    scope_stage.decide_all(src, actors, reg)
    merge.undated_lead(src, actors, reg, people)
    if src.published is None and any(e.date is None for e in src.events):
        days = named_days(src)  # nothing gives their year: the days it names find the development
        for ev in src.events:
            if ev.date is None:
                ev.month_days = days
    warn_undated(src)
    cite.settle_flags(src)
    return src


def read_all(paths: list[Path], overrides: dict[str, str | None], actors_file: Path,
             jobs: int | None = None) -> list[Source]:
    files = find_sources(paths)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(files) >= int(settings()["pool_min_sources"]):
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(files) // (jobs * 8))
            return list(pool.map(process, files, [overrides] * len(files),
                                 [actors_file] * len(files), chunksize=chunk))
    return [process(f, overrides, actors_file) for f in files]


def run(paths: list[Path], content: Path, overrides: dict[str, str | None] | None = None,
        jobs: int | None = None, retire: bool = False) -> Result:
    """Ingest ``paths`` (files or folders) into ``content``; ``retire`` moves the entries whose
    sources no longer give them to ``content/retired/``."""
    overrides = overrides or {}
    content = content.resolve()  # one spelling of every path: entries are compared by path
    problems: list[Problem] = []
    actors_file = content / "actors.yaml"
    if actors_file.exists():
        _a, actor_problems = load_actors(actors_file)
        problems += [_as_warning(p) for p in actor_problems]
    else:
        problems.append(Problem(display_path(actors_file), 1, "W-ACTORS-MISSING",
                                "no actor registry: entries are not tagged with actors",
                                "create content/actors.yaml", WARNING))
    sources = read_all(paths, overrides, actors_file, jobs)
    for path in paths:
        if not path.exists():
            problems.append(Problem(display_path(path), 1, "E-SOURCE-MISSING",
                                    "no such file or folder", "check the path"))
    ok = [s for s in sources if s.ok]
    bib_path = content / "bibliography.bib"
    bib, bib_problems = cite.read_bib(bib_path)
    problems += bib_problems
    cite.assign_keys(ok, cite.known_keys(bib))
    actors, _reg = registry(actors_file)
    proper = actors_stage.proper_words(actors)
    for src in ok:
        for ev in src.events:
            ev.source = src.key
        bib[src.key] = ("online", cite.bib_fields(src, proper))
    existing, entry_problems = write.read_existing(content)
    problems += [_as_warning(p) for p in entry_problems]
    run_keys = {s.key for s in ok}
    published = {s.key: s.published for s in ok}
    devs = merge.merge([ev for s in ok for ev in s.events], published)
    merge.flag_date_conflicts(devs)
    merge.attach(devs, [x.entry for x in existing], run_keys, published,
                 frozenset(j for j, x in enumerate(existing) if x.edited))
    merge.absorb(devs, [x.entry for x in existing],
                 {j for j, x in enumerate(existing) if not x.edited}, run_keys,
                 {k: str(f["date"]) for k, (_t, f) in bib.items() if f.get("date")},
                 frozenset(k for k, a in actors.items() if a.kind in ("person", "place")))
    merge.bridge(devs, [x.entry for x in existing],
                 {j for j, x in enumerate(existing) if not x.edited}, run_keys)
    ctx = write.Context(
        publishers={k: _publisher(k, f) for k, (_t, f) in bib.items()},
        source_flags={k: [x.strip() for x in f.get("keywords", "").split(",") if x.strip()]
                      for k, (_t, f) in bib.items()},
        speakers=actors_stage.speakers(actors),
        published={k: f["date"] for k, (_t, f) in bib.items() if f.get("date")},
        languages={k: f["language"] for k, (_t, f) in bib.items() if f.get("language")})
    outcome = write.write_all(content, devs, existing, run_keys, ctx, retire)
    text = cite.render_bib(bib)
    changed = not bib_path.exists() or bib_path.read_text(encoding="utf-8") != text
    if changed and (ok or bib_path.exists()):
        write.atomic_write(bib_path, text)
    else:
        changed = False
    for src in sources:
        problems += src.problems
    problems += outcome.problems
    return Result(sources, outcome, problems, changed)


def _as_warning(p: Problem) -> Problem:
    return Problem(p.path, p.line, p.code, p.message, p.hint, WARNING, p.col)


def _publisher(key: str, fields: dict[str, str]) -> str:
    name = fields.get("organization") or fields.get("author") or (
        f"the source {Path(fields['file']).name}" if fields.get("file") else f"the source {key}")
    name = plain_text(name)
    return "the " + name if re.match(r"(Office|Ministry|Government|Department|Embassy)\b",
                                     name) else name
