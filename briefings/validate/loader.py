"""Read what the rules check: entry files (once each), the bibliography and the actor registry.

An entry that is empty or not UTF-8 gets its one problem here and no further checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from briefings.citesyntax import Citation, find_citations
from briefings.entryfile import (
    HeaderLine,
    entry_from_fields,
    parse_header,
    scan_header,
    split_lines,
)
from briefings.model import Entry
from briefings.problems import Problem, display_path
from briefings.registry import Actor
from briefings.validate.codes import problem


@dataclass
class EntryDoc:
    """One entry file as read: its text, header as written, the Entry and the body's place."""

    path: Path
    where: str  # display path used in messages
    text: str
    header: list[HeaderLine]
    stray: list[tuple[int, str]]
    body_start: int  # 0-based index of the body's first line
    entry: Entry
    reader_problems: list[Problem] = field(default_factory=list)
    #: a whole-entry translation (a Lang or Translation-Of field, or a file under
    #: ``translations/``): its own rules (translations.py), no date or vocabulary of its own
    translation: bool = False

    @property
    def body(self) -> str:
        return self.entry.body

    @cached_property
    def citations(self) -> list[Citation]:
        """The body's citations, parsed once (:func:`briefings.citesyntax.find_citations`)."""
        return find_citations(self.body)

    @cached_property
    def resolved(self) -> Path:
        return self.path.resolve()

    @property
    def body_first_line(self) -> int:
        """The 1-based file line of the body's first line (entry.body is stripped of blank
        lines at its start: only truly empty ones)."""
        lines = split_lines(self.text)
        n = self.body_start
        while n < len(lines) and lines[n] == "":
            n += 1
        return n + 1

    def field(self, key: str) -> HeaderLine | None:
        """The field ``key`` (lower case) as first written, if it is."""
        return self._first.get(key)

    @cached_property
    def _first(self) -> dict[str, HeaderLine]:
        # the rules ask for fields 16 times an entry: one dict, not a search of the header
        first: dict[str, HeaderLine] = {}
        for h in self.header:
            first.setdefault(h.key, h)
        return first


@dataclass
class Context:
    """What every rule may consult."""

    content: Path
    bib_path: Path
    bib_keys: dict[str, int]  # key -> line in the bibliography
    actors: dict[str, Actor]
    actors_ok: bool  # False when the registry could not be read: actor keys are not checked
    bib_ok: bool  # False when there is no bibliography: keys are not checked one by one
    docs: list[EntryDoc] = field(default_factory=list)
    slugs: set[str] = field(default_factory=set)  # the slug of every entry read

    @cached_property
    def entries_dir(self) -> Path:
        from briefings.schema import ENTRIES_DIR

        return (self.content / ENTRIES_DIR).resolve()


def read_text(path: Path, where: str | None = None) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that stops it from being read."""
    where = where or display_path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [problem("E-ENCODING", where, line, f"byte 0x{data[exc.start]:02x} is not "
                              "UTF-8: the file is not UTF-8 text",
                              "save the file as UTF-8 (in most editors: 'Save with encoding')",
                              col)]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return None, [problem("E-EMPTY", where, 1, "the file is empty",
                              "write an entry (start from `briefings new`) or delete the file")]
    return text, []


def read_doc(path: Path) -> tuple[EntryDoc | None, list[Problem]]:
    where = display_path(path)
    text, problems = read_text(path, where)
    if text is None:
        return None, problems
    header, stray, body_start = scan_header(text)
    fields, lines, _start, _stray = parse_header(text)
    body = "\n".join(split_lines(text)[body_start:]).strip("\n")
    entry, reader_problems = entry_from_fields(fields, lines, body, path)
    return EntryDoc(path, where, text, header, stray, body_start, entry, reader_problems), []


def entry_files(content: Path) -> list[Path]:
    """Every entry file under ``content/briefings``, then every translation."""
    from briefings.schema import ENTRIES_DIR
    from briefings.translations import translation_files

    base = content / ENTRIES_DIR
    entries = sorted(p for p in base.rglob("*.md") if p.is_file()) if base.is_dir() else []
    return entries + translation_files(content)


def list_items(h: HeaderLine) -> list[tuple[int, int, str]]:
    """The comma-separated items of a list field, each with its line and column."""
    out: list[tuple[int, int, str]] = []
    for line, col, text in h.values:
        pos = 0
        for part in text.split(","):
            stripped = part.strip()
            if stripped:
                out.append((line, col + pos + (len(part) - len(part.lstrip())), stripped))
            pos += len(part) + 1
    return out


def value_of(h: HeaderLine | None) -> str:
    """The whole value of a field (continuation lines joined by spaces)."""
    if h is None:
        return ""
    return " ".join(t for _l, _c, t in h.values if t).strip()


def nearest(word: str, choices: list[str] | tuple[str, ...], n: int = 2) -> list[str]:
    """The choices closest to ``word`` (difflib), best first."""
    import difflib

    lowered = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[f] for f in found]


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], n: int = 2) -> str:
    """``"did you mean 'a' or 'b'? "`` or ``""``."""
    near = nearest(word, choices, n)
    if not near:
        return ""
    return "did you mean " + " or ".join(f"'{c}'" for c in near) + "? "


def shared(groups: dict) -> Iterator[tuple[object, EntryDoc, str]]:
    """``(key, doc, others)`` for each document of a group of two or more (documents that share
    a slug, a title and date, an original and language): ``others``, where the rest are."""
    for key, docs in groups.items():
        if len(docs) < 2:
            continue
        for doc in docs:
            yield key, doc, ", ".join(d.where for d in docs if d is not doc)
