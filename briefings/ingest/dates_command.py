"""``briefings dates FILE``: every date expression of a source and how it was resolved, so that
a maintainer sees why an entry got its date (and any scorer can read ``--json``).

The source is read and cleaned as ``briefings ingest`` reads it, and its dates are found in the
cleaned text by the same resolver; offsets are then mapped back into the file's text as read
(for an HTML page, whose text is extracted, each expression is looked for in the file in order,
and its offsets are null when its words are not there as such).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from bisect import bisect_right
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefings.ingest.dates import DateMention
    from briefings.ingest.model import Source

HELP = "list the date expressions of a source and how each was resolved"

EPILOG = """\
Each expression: start and end offsets into the file's text as read, the words, the value
(YYYY, YYYY-MM, YYYY-MM-DD, TimeML's forms for weeks, quarters, halves, seasons and "now" such as
2024-W07, 2024-Q3, 2024-H1, 2024-SU, PRESENT_REF; null when it cannot be resolved), precision,
tense (occurred or planned), basis and role. Bases: {bases}. Roles: {roles}; header: a date
standing alone on a line (it dates the piece, not a development).
"""

LEN = {"day": 10, "month": 7, "year": 4}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from briefings.ingest.dates import BASES, ROLES

    epilog = EPILOG.format(bases="; ".join(f"{k}: {v}" for k, v in BASES.items()),
                           roles="; ".join(f"{k}: {v}" for k, v in ROLES.items()))
    parser.epilog = textwrap.fill(" ".join(epilog.split()), width=96)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("source", type=Path, metavar="FILE",
                        help="a source file (.txt, .md, .html); its .meta.yaml sidecar is read "
                        "when there is one")
    parser.add_argument("--published", metavar="DATE",
                        help="publication date: YYYY, YYYY-MM or YYYY-MM-DD (default: the "
                        "sidecar's, else the date line of the text)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON array of objects (start, end, text, value, "
                        "precision, tense, basis, role, flags)")


def main(args: argparse.Namespace) -> int:
    try:
        status = _main(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
    except BrokenPipeError:
        # the reader stopped early (`briefings dates FILE | head -1`): what it read is what it
        # wanted; send the rest nowhere so that the exit flush does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


def _main(args: argparse.Namespace) -> int:
    from briefings.ingest.read import check_published_option, read_source

    err = check_published_option(args.published)
    if err:
        print(f"briefings dates: {err} (write YYYY, YYYY-MM or YYYY-MM-DD)", file=sys.stderr)
        return 2
    src = read_source(args.source, {"published": args.published})
    for p in src.problems:
        print(p.format(), file=sys.stderr)
    if not src.ok:
        return 1
    rows = date_rows(src)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"{src.display}: published {src.published or 'not known'}"
          + (f" (from the text: '{src.published_words}')" if src.published_words else ""))
    for row in rows:
        where = "?" if row["start"] is None else f"{row['start']}-{row['end']}"
        print(f"  {where:>11}  {row['text']!r}  {row['value'] or 'null'}  "
              f"{row['precision'] or '-'}  {row['tense']}  {row['basis']}  {row['role']}")
    if not rows:
        print("  no date expressions")
    return 0


def date_rows(src: Source) -> list[dict[str, Any]]:
    """The date expressions of ``src`` (read, not yet dated) as the JSON objects of ``--json``."""
    from briefings.ingest.dates import find_dates, settle_publication
    from briefings.ingest.events import is_header_date, status_of
    from briefings.ingest.language import settle
    from briefings.ingest.offsets import TextIndex

    settle(src)  # the tables of the source's language, as ingest reads it
    skip = settle_publication(src)
    raw = src.path.read_bytes().decode("utf-8")
    to_raw = RawOffsets(raw, src.text, src.line_of,
                        extracted=src.path.suffix.lower() in (".html", ".htm"))
    index = TextIndex(src.text)
    rows = []
    for m in find_dates(src.text, src.published, src.language, every=True):
        if m.publication or any(a <= m.start < b for a, b in skip):
            role = "publication"
        elif m.role == "development" and is_header_date(src.text, m.start, m.end, index):
            role = "header"
        else:
            role = m.role
        start, end = to_raw.span(m.start, m.end, m.text)
        rows.append({
            "start": start, "end": end, "text": m.text, "value": value_of(m),
            "precision": m.precision if m.date else None,
            "tense": ("occurred" if m.timex == "PRESENT_REF" else
                      status_of(m.tense, m.date, m.precision, src.published) if m.date else
                      "planned" if m.tense == "future" else "occurred"),
            "basis": m.basis, "role": role, "flags": list(m.flags),
        })
    return rows


def value_of(m: DateMention) -> str | None:
    if m.timex:
        return m.timex
    return m.date.isoformat()[:LEN[m.precision]] if m.date else None


class RawOffsets:
    """Offsets in the cleaned text -> offsets in the file's text as read. Cleaning keeps every
    line it keeps from its start (``line_of``), only trimmed at its end and without the
    characters a reader cannot see; a line that changed is aligned character by character."""

    def __init__(self, raw: str, cleaned: str, line_of: list[int], extracted: bool = False):
        self.raw, self.cleaned, self.line_of, self.extracted = raw, cleaned, line_of, extracted
        self.raw_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", raw)]
        self.clean_starts = [0] + [m.end() for m in re.finditer(r"\n", cleaned)]
        self._aligned: dict[int, list[tuple[int, int, int]]] = {}
        self._pos = 0  # where the search for the words of an extracted text goes on from

    def span(self, start: int, end: int, words: str) -> tuple[int | None, int | None]:
        if not self.extracted:
            a, b = self._map(start, False), self._map(end, True)
            if a is not None and b is not None and self.raw[a:b] == words:
                return a, b
        found = self.raw.find(words, self._pos)
        if found < 0:
            found = self.raw.find(words)
        if found < 0:
            return None, None
        self._pos = found + len(words)
        return found, found + len(words)

    def _map(self, offset: int, is_end: bool) -> int | None:
        k = bisect_right(self.clean_starts, offset - 1 if is_end and offset else offset) - 1
        if not 0 <= k < len(self.line_of):
            return None
        line_no = self.line_of[k]
        if line_no > len(self.raw_starts):
            return None
        raw_start = self.raw_starts[line_no - 1]
        col = offset - self.clean_starts[k]
        blocks = self._blocks(k, line_no, raw_start)
        for a, b, size in blocks:
            if a <= col < a + size or (is_end and a < col <= a + size):
                return raw_start + b + col - a
        return None

    def _blocks(self, k: int, line_no: int, raw_start: int) -> list[tuple[int, int, int]]:
        if k not in self._aligned:
            clean_end = (self.clean_starts[k + 1] - 1 if k + 1 < len(self.clean_starts)
                         else len(self.cleaned))
            line = self.cleaned[self.clean_starts[k]:clean_end]
            raw_end = (self.raw_starts[line_no] if line_no < len(self.raw_starts)
                       else len(self.raw))
            raw_line = self.raw[raw_start:raw_end].rstrip("\r\n")
            if raw_line.startswith(line):
                self._aligned[k] = [(0, 0, len(line))]
            else:
                matcher = SequenceMatcher(None, line, raw_line, autojunk=False)
                self._aligned[k] = [tuple(b) for b in matcher.get_matching_blocks() if b.size]
        return self._aligned[k]
