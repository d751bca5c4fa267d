"""Stage 3, clean: strip site boilerplate (banners, navigation, share and tag lists, footers,
trailing unrelated headlines) with the patterns of ``data/boilerplate.yaml``.

The cleaned text keeps every other line exactly as it was, so that evidence quoted from it is the
source's own words; ``line_of`` maps each cleaned line back to its line in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "boilerplate.yaml"


@dataclass(frozen=True)
class Patterns:
    lines: tuple[re.Pattern[str], ...]
    trailing: tuple[re.Pattern[str], ...]
    max_line_chars: int


@cache
def patterns(path: Path = DATA) -> Patterns:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def compile_all(items: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in items or [])

    return Patterns(compile_all(data.get("lines")), compile_all(data.get("trailing")),
                    int(data.get("max_line_chars", 200)))


def _matches(line: str, pats: tuple[re.Pattern[str], ...], limit: int) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= limit and any(p.fullmatch(s) for p in pats)


def clean(text: str, pats: Patterns | None = None) -> tuple[str, list[int]]:
    """``(cleaned text, original line number of each cleaned line)``."""
    pats = pats or patterns()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    kept: list[tuple[int, str]] = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip()
        if _matches(line, pats.lines, pats.max_line_chars):
            continue
        kept.append((n, line))
    # Trailing: drop blank lines and unrelated headlines at the end, repeatedly.
    while kept and (not kept[-1][1].strip()
                    or _matches(kept[-1][1], pats.trailing + pats.lines, pats.max_line_chars)):
        kept.pop()
    first = next((i for i, (_n, line) in enumerate(kept) if line.strip()), len(kept))
    del kept[:first]  # leading blank lines (at once: popping the first line each time is slow)
    # Collapse runs of blank lines to one.
    out: list[tuple[int, str]] = []
    for n, line in kept:
        if not line.strip() and out and not out[-1][1].strip():
            continue
        out.append((n, line))
    return "\n".join(line for _n, line in out), [n for n, _line in out]
