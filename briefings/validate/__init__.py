"""``briefings validate``: check entries, the bibliography and the actor registry against the
one schema, and report every problem at once with a code, a place and a fix.

The stages, in order:

1. ``loader``        read the bibliography (``bibliography``), the actor registry
                     (``briefings.registry``) and every entry file (empty? UTF-8?);
2. per entry         ``header`` (fields, typos, order, required), ``dates`` (format, existence,
                     precision, ``undated``), ``vocab`` (categories, flags, actors…),
                     ``citations`` (keys exist, body ⇔ Sources), ``body`` (HTML, links, TODO),
                     ``chars`` (characters that cannot be seen; in the bibliography and the
                     registry too); a translation gets ``header``, ``body`` and ``chars``;
3. ``corpus``        across entries (duplicate slugs, same title on one date, uncited sources);
   ``translations``  each translation against its original (language, orphan, duplicates,
                     fields and citations that differ, file place);
4. report            only the problems of the files asked about, sorted by path and line.

``fix`` applies the safe repairs; ``codes`` lists every rule; ``command`` is the CLI.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from briefings.problems import Problem, display_path

CONTENT_MARKERS = ("bibliography.bib", "actors.yaml")


@dataclass
class Selection:
    """What to report on: entry files, bibliographies and actor registries, by kind."""

    content: Path
    entries: list[Path] = field(default_factory=list)
    bibliographies: list[Path] = field(default_factory=list)
    registries: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def all(self) -> list[Path]:
        return [*self.entries, *self.bibliographies, *self.registries]


def find_content_root(paths: list[Path], default: Path = Path("content")) -> Path:
    """The content folder the ``paths`` belong to: the first of them (or of their parents) that
    holds ``bibliography.bib`` or ``actors.yaml``; else ``default``."""
    for p in paths:
        p = p.resolve()
        for candidate in [p, *p.parents] if p.is_dir() else list(p.parents):
            if any((candidate / m).exists() for m in CONTENT_MARKERS):
                return candidate
    return default


def select(paths: list[Path], content: Path) -> Selection:
    """Sort ``paths`` (files or folders; none means the whole content folder) by kind."""
    from briefings.validate.loader import entry_files

    sel = Selection(content)
    if not paths:
        paths = [content]
    for p in paths:
        if p.is_dir() and p.resolve() == content.resolve():
            sel.entries += entry_files(content)
            sel.bibliographies.append(content / "bibliography.bib")
            sel.registries.append(content / "actors.yaml")
            continue
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            if f.suffix == ".md":
                pages = (content / "pages").resolve()
                (sel.skipped if pages in f.resolve().parents else sel.entries).append(f)
            elif f.suffix == ".bib":
                sel.bibliographies.append(f)
            elif f.suffix == ".yaml" and "actors" in f.name:
                sel.registries.append(f)
            else:
                sel.skipped.append(f)
    return sel


def validate(paths: list[Path] | None = None, content: Path | None = None) -> list[Problem]:
    """Every problem of ``paths`` (default: the whole content folder), sorted by path and line.

    Rules across files see the whole content folder (plus any entry given from outside it), but
    only problems located in the selected files are returned.

    Python's cyclic garbage collector is paused meanwhile: everything read is kept until the
    end, so its passes over it would find nothing to free. It is turned back on at the end if
    it was on (in ``briefings build``, a step after this one's
    thread may start before it ends; it then runs without the collector until then).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _validate(paths, content)
    finally:
        if collecting:
            gc.enable()


def _validate(paths: list[Path] | None, content: Path | None) -> list[Problem]:
    from briefings.registry import load_actors
    from briefings.schema import TRANSLATIONS_DIR
    from briefings.validate import (
        body,
        chars,
        citations,
        corpus,
        dates,
        header,
        translations,
        vocab,
    )
    from briefings.validate.bibliography import load_bibliography
    from briefings.validate.loader import Context, entry_files, read_doc

    paths = list(paths or [])
    content = content or find_content_root(paths)
    sel = select(paths, content)
    problems: list[Problem] = []

    bib_path = content / "bibliography.bib"
    keys, bib_problems, bib_ok = load_bibliography(bib_path)
    problems += bib_problems
    for other in sel.bibliographies:
        if other.resolve() != bib_path.resolve():
            problems += load_bibliography(other)[1]
    actors_path = content / "actors.yaml"
    actors, actor_problems = load_actors(actors_path)
    problems += actor_problems
    for other in sel.registries:
        if other.resolve() != actors_path.resolve():
            problems += load_actors(other)[1]
    for registry in {actors_path, *sel.registries}:
        if registry.is_file():
            problems += chars.scan(registry.read_text(encoding="utf-8", errors="replace"),
                                   display_path(registry))
    actors_ok = actors_path.exists() and not any(p.code == "E-ACTORS-SYNTAX"
                                                 for p in actor_problems)
    ctx = Context(content, bib_path, keys, actors, actors_ok, bib_ok)

    # each file once, by where it really is (a file given twice, or by another name, is one);
    # a path seen before is not resolved again (a system call per folder of it)
    files: dict[Path, Path] = {}
    seen: set[Path] = set()
    translated = (content / TRANSLATIONS_DIR).resolve()
    for f in [*entry_files(content), *sel.entries]:
        if f not in seen:
            seen.add(f)
            files.setdefault(f.resolve(), f)
    for real, path in sorted(files.items(), key=lambda item: item[1]):
        doc, read_problems = read_doc(path)
        problems += read_problems
        if doc is not None:
            doc.resolved = real
            doc.translation = (doc.field("translation-of") is not None
                               or doc.field("lang") is not None or translated in real.parents)
            ctx.docs.append(doc)
    ctx.slugs = {d.entry.slug for d in ctx.docs if d.entry.slug and not d.translation}
    for doc in ctx.docs:
        for rules in ((header, body, chars) if doc.translation else
                      (header, dates, vocab, citations, body, chars)):
            problems += rules.check(doc, ctx)
    problems += corpus.check(ctx)
    problems += translations.check(ctx)

    wanted = {display_path(p) for p in sel.all}
    return sorted({p for p in problems if p.path in wanted},
                  key=lambda p: (p.path, p.line, p.col, p.code, p.message))
