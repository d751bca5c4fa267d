"""Read and write entry files: a Pelican ``Key: value`` header, a blank line, a Markdown body.

Our own reader keeps the line of every field, so that every message can name it. The writer
emits fields in schema order, one canonical form, so that a re-run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from briefings.model import Entry, Evidence
from briefings.problems import Problem, display_path
from briefings.schema import FIELD_ORDER, FIELDS_BY_KEY, TRANSLATED, split_list

HEADER_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*):\s?(?P<value>.*)$")
CONTINUATION_RE = re.compile(r"^ {4,}(?P<value>\S.*)$")
EVIDENCE_RE = re.compile(r'^@(?P<key>[^\s"]+)\s+"(?P<text>.*)"\s*$')
CHECKSUM_KEY = "ingest-checksum"


Header = tuple[dict[str, list[str]], dict[str, int], int, list[tuple[int, str]]]


def parse_header(text: str) -> Header:
    """Split a file into header fields and body.

    Returns ``(fields, lines, body_start, stray)``: the raw values of each field (continuation
    lines make more values), the 1-based line of each field, the index of the body's first line,
    and header lines that are neither a field nor a continuation.
    """
    fields: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    stray: list[tuple[int, str]] = []
    raw = split_lines(text)
    current: str | None = None
    i = 0
    for i, line in enumerate(raw):
        if not line.strip():
            return fields, lines, i + 1, stray
        m = HEADER_RE.match(line)
        c = CONTINUATION_RE.match(line)
        if c and current is not None:
            fields[current].append(c.group("value").strip())
        elif m:
            current = m.group("key").lower()
            if current in fields:
                stray.append((i + 1, line))  # duplicate field: reported by the validator
                continue
            fields[current] = [m.group("value").strip()]
            lines[current] = i + 1
        else:
            stray.append((i + 1, line))
            current = None
    return fields, lines, len(raw), stray


def split_lines(text: str) -> list[str]:
    """Lines split at ``\n`` only. ``str.splitlines`` would also break at ``\r``, U+2028, form
    feeds and the like, which text pasted from the web carries: they stay text (header values
    are stripped, so a ``\r\n`` file still reads; the validator names its line ends)."""
    return text.split("\n")


@dataclass
class HeaderLine:
    """One field of the header as written, with positions for messages (1-based)."""

    name: str  # as written, e.g. "Dtae" or "date-precision"
    line: int
    value_col: int  # column where the value starts
    values: list[tuple[int, int, str]]  # (line, col, text) of the value and each continuation

    @property
    def key(self) -> str:
        return self.name.lower()


def scan_header(text: str) -> tuple[list[HeaderLine], list[tuple[int, str]], int]:
    """The header as the validator sees it: every field in order, duplicates included.

    Returns ``(fields, stray, body_start)``. Unlike :func:`parse_header` a field written twice
    appears twice, and every value keeps its line and column.
    """
    out: list[HeaderLine] = []
    stray: list[tuple[int, str]] = []
    raw = split_lines(text)
    current: HeaderLine | None = None
    for i, line in enumerate(raw):
        if not line.strip():
            return out, stray, i + 1
        m = HEADER_RE.match(line)
        c = CONTINUATION_RE.match(line)
        if c and current is not None:
            current.values.append((i + 1, c.start("value") + 1, c.group("value").rstrip()))
        elif m:
            value = m.group("value")
            col = m.start("value") + 1 + (len(value) - len(value.lstrip()))
            current = HeaderLine(m.group("key"), i + 1, col, [(i + 1, col, value.strip())])
            out.append(current)
        else:
            stray.append((i + 1, line))
            current = None
    return out, stray, len(raw)


def _value(values: list[str]) -> str:
    return " ".join(v for v in values if v).strip()


def entry_from_fields(fields: dict[str, list[str]], lines: dict[str, int], body: str,
                      path: Path | None = None) -> tuple[Entry, list[Problem]]:
    """Build an Entry from raw header fields, tolerating errors (each becomes a Problem)."""
    where = display_path(path) if path else "<entry>"
    problems: list[Problem] = []

    def get(key: str) -> str:
        return _value(fields.get(key, []))

    date = None
    if get("date"):
        try:
            date = dt.date.fromisoformat(get("date")[:10])
        except ValueError:
            problems.append(Problem(where, lines.get("date", 1), "E-DATE",
                                    f"'{get('date')}' is not a date that exists",
                                    "write an existing date as YYYY-MM-DD"))
    evidence = []
    for n, item in enumerate(fields.get("date-evidence", [])):
        m = EVIDENCE_RE.match(item)
        if m:
            evidence.append(Evidence(m.group("key"), m.group("text")))
        elif item:
            problems.append(Problem(where, lines.get("date-evidence", 1) + n, "E-EVIDENCE",
                                    f"date evidence '{item[:40]}' is not @key \"words\"",
                                    'write @key "the words of the source"'))
    extra = {k: _value(v) for k, v in fields.items() if k not in FIELDS_BY_KEY}
    entry = Entry(
        title=get("title"),
        slug=get("slug"),
        category=get("category"),
        summary=get("summary"),
        sources=split_list(fields.get("sources")),
        date=date,
        date_precision=get("date-precision") or None,
        event_status=get("event-status") or "occurred",
        actors=split_list(fields.get("actors")),
        location=get("location") or None,
        date_evidence=evidence,
        scope=get("scope") or None,
        review=get("review") or "unreviewed",
        flags=split_list(fields.get("flags")),
        ingest_checksum=get(CHECKSUM_KEY) or None,
        body=body,
        path=path,
        lines=dict(lines),
        extra=extra,
        translations={lang: {k: get(f"{k}-{lang}") for k in ("title", "summary")
                             if get(f"{k}-{lang}")} for lang in TRANSLATED
                      if get(f"title-{lang}") or get(f"summary-{lang}")},
        lang=get("lang") or None,
        translation_of=get("translation-of") or None,
    )
    return entry, problems


def read_entry(path: Path) -> tuple[Entry, list[Problem]]:
    text = Path(path).read_bytes().decode("utf-8")  # no newline translation: see split_lines
    fields, lines, body_start, _stray = parse_header(text)
    body = "\n".join(split_lines(text)[body_start:]).strip("\n")
    return entry_from_fields(fields, lines, body, Path(path))


def _header_values(entry: Entry) -> dict[str, list[str]]:
    v: dict[str, list[str]] = {
        "title": [entry.title],
        "lang": [entry.lang] if entry.lang else [],
        "translation-of": [entry.translation_of] if entry.translation_of else [],
        "date": [entry.date.isoformat()] if entry.date else [],
        "date-precision": [entry.date_precision] if entry.date_precision else [],
        "event-status": [entry.event_status],
        "slug": [entry.slug],
        "category": [entry.category],
        "actors": [", ".join(entry.actors)] if entry.actors else [],
        "location": [entry.location] if entry.location else [],
        "sources": [", ".join(entry.sources)],
        "date-evidence": [e.format() for e in entry.date_evidence],
        "scope": [entry.scope] if entry.scope else [],
        "review": [entry.review],
        "flags": [", ".join(entry.flags)] if entry.flags else [],
        "summary": [entry.summary],
    }
    for lang, words in entry.translations.items():
        for k, text in words.items():
            v[f"{k}-{lang}"] = [text]
    return v


def render_entry(entry: Entry, with_checksum: bool = False) -> str:
    """The canonical text of an entry. With ``with_checksum`` the ingest fingerprint is added."""
    out: list[str] = []
    values = _header_values(entry)
    for key in FIELD_ORDER:
        if key == CHECKSUM_KEY:
            continue
        vals = [" ".join(x.split()) for x in values.get(key, []) if x]
        if not vals:
            continue
        name = FIELDS_BY_KEY[key].name
        out.append(f"{name}: {vals[0]}")
        out.extend(f"    {x}" for x in vals[1:])
    for key, value in sorted(entry.extra.items()):
        out.append(f"{key.title()}: {value}")
    body = entry.body.strip("\n")
    text = "\n".join(out) + "\n\n" + body + "\n"
    if with_checksum:
        text = add_checksum(text)
    return text


def checksum(text: str) -> str:
    """The fingerprint of an entry's text without its checksum line."""
    kept = [ln for ln in text.splitlines() if not ln.lower().startswith(CHECKSUM_KEY + ":")]
    return "sha256:" + hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()[:32]


def add_checksum(text: str) -> str:
    """Insert the ``Ingest-Checksum`` line as the last header field."""
    head, sep, body = text.partition("\n\n")
    return f"{head}\nIngest-Checksum: {checksum(text)}{sep}{body}"


def edited_by_person(text: str) -> bool:
    """True when the file carries an ingest checksum that no longer matches its text."""
    fields, _lines, _start, _stray = parse_header(text)
    recorded = _value(fields.get(CHECKSUM_KEY, []))
    if not recorded:
        return True  # written or taken over by a person
    return recorded != checksum(text)
