"""``briefings validate --fix``: the safe repairs, and only those.

Safe means the entry says exactly the same after the fix: fields in the schema's order and
spelling, whitespace tidied, loosely written dates in ISO form (``2025-3-8`` -> ``2025-03-08``),
Actors and Flags sorted without repeats, repeated Sources dropped, one-line fields joined. The
file is re-rendered through :func:`briefings.entryfile.render_entry`, then read back: when any
value would differ, the file is left alone and the reason given.

Ingest's checksum: a file ``briefings ingest`` wrote and nobody touched since is left alone
(ingest owns it and rewrites it in canonical form itself). In a file a person has edited, the
``Ingest-Checksum`` line is kept as it was, so ingest still sees a person's edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefings.entryfile import (
    CHECKSUM_KEY,
    edited_by_person,
    entry_from_fields,
    parse_header,
    render_entry,
    scan_header,
    split_lines,
)
from briefings.schema import FIELDS_BY_KEY, SET_FIELDS, split_list
from briefings.validate.dates import normalise_date


@dataclass
class FixResult:
    path: Path
    text: str  # the fixed text (the original when nothing was fixed)
    changes: list[str] = field(default_factory=list)
    refused: str | None = None  # why the file was left alone
    ingest_owned: bool = False  # written by ingest, untouched since: left to ingest

    @property
    def changed(self) -> bool:
        return bool(self.changes) and self.refused is None


def _facts(text: str) -> tuple[dict[str, str], str]:
    """What an entry says, in a form that ignores what the fixer may change."""
    fields, _lines, start, _stray = parse_header(text)
    facts: dict[str, str] = {}
    for key, values in fields.items():
        items = [" ".join(v.split()) for v in values if v.strip()]
        if key == "date" and items:
            items = [normalise_date(items[0]) or items[0]]
        if key in SET_FIELDS:
            items = sorted(set(split_list(items)))
        elif key == "sources":
            items = list(dict.fromkeys(split_list(items)))
        elif FIELDS_BY_KEY.get(key) is None or FIELDS_BY_KEY[key].kind != "evidence":
            items = [" ".join(items)] if items else []
        if items:
            facts[key] = "\n".join(items)
    body = "\n".join(split_lines(text)[start:]).strip("\n")
    return facts, body


def fix_text(text: str, path: Path | None = None) -> FixResult:
    """The canonical form of an entry's ``text`` and what changed to get there."""
    result = FixResult(path or Path("<entry>"), text)
    if text.startswith("\ufeff"):
        text = text[1:]
        result.changes.append("byte-order mark removed")
    original = text
    text = text.replace("\r\n", "\n")  # Windows line ends: tidied (see _untidy)
    header, stray, _start = scan_header(text)
    if stray or not header:
        result.refused = "its header has lines that are not fields: correct them first"
        return result
    keys = [h.key for h in header]
    if len(keys) != len(set(keys)):
        result.refused = "a field is written twice: keep one by hand first"
        return result
    recorded = next((h for h in header if h.key == CHECKSUM_KEY), None)
    if recorded is not None and not edited_by_person(text):
        result.refused = ("written by `briefings ingest` and not edited since: ingest owns it "
                          "(a fix would make it a person's edit)")
        result.ingest_owned = True
        return result

    fields, lines, start, _stray = parse_header(text)
    changes = result.changes
    for h in header:
        spec = FIELDS_BY_KEY.get(h.key)
        if spec is not None and h.name != spec.name:
            changes.append(f"field name {h.name} -> {spec.name}")
    raw_date = " ".join(fields.get("date", [])).strip()
    if raw_date:
        iso = normalise_date(raw_date)
        if iso is None:
            result.refused = f"Date '{raw_date}' cannot be read safely: correct it by hand first"
            return result
        if iso != raw_date:
            fields["date"] = [iso]
            changes.append(f"Date {raw_date} -> {iso}")
    for key in SET_FIELDS:
        if key in fields:
            items = split_list(fields[key])
            tidy = sorted(set(items))
            if tidy != items:
                fields[key] = [", ".join(tidy)]
                what = "sorted" if len(tidy) == len(items) else "sorted, repeats removed"
                changes.append(f"{FIELDS_BY_KEY[key].name} {what}")
    if "sources" in fields:
        items = split_list(fields["sources"])
        unique = list(dict.fromkeys(items))
        if unique != items:
            fields["sources"] = [", ".join(unique)]
            changes.append("repeated Sources removed")
    body = "\n".join(split_lines(text)[start:]).strip("\n")
    entry, _problems = entry_from_fields(fields, lines, body, path)
    fixed = render_entry(entry)
    # render_entry fills in defaults (Event-Status, Review): a fix never adds a value.
    head, sep, rest = fixed.partition("\n\n")
    kept: list[str] = []
    keep = False
    for ln in head.split("\n"):
        if not ln.startswith(" "):
            keep = ln.split(":", 1)[0].lower() in fields
        if keep:
            kept.append(ln)
    if recorded is not None:
        kept.append(f"{FIELDS_BY_KEY[CHECKSUM_KEY].name}: {' '.join(fields[CHECKSUM_KEY])}")
    fixed = "\n".join(kept) + sep + rest
    order = [ln.split(":", 1)[0].lower() for ln in kept if not ln.startswith(" ")]
    if order != keys:
        changes.append("fields put in the schema's order")
    if _untidy(original):
        changes.append("whitespace tidied")
    if fixed == original:
        result.changes = []
        return result
    if _facts(fixed) != _facts(text):
        result.refused = "a value would change: correct the errors by hand first"
        result.changes = []
        return result
    if not changes:
        changes.append("re-rendered in canonical form")
    result.text = fixed
    return result


def _untidy(text: str) -> bool:
    """Whitespace the canonical form does not have: trailing or doubled spaces in the header,
    blank lines around the body, a missing or doubled final newline, Windows line ends."""
    if "\r" in text or not text.endswith("\n") or text.endswith("\n\n"):
        return True
    head, _sep, body = text.partition("\n\n")
    for ln in head.split("\n"):
        indent = "    " if ln.startswith(" ") else ""
        if ln != indent + " ".join(ln.split()):
            return True
    return body.startswith("\n")


def fix_file(path: Path) -> FixResult:
    """Fix ``path`` in place when it is safe; the result says what changed or why not."""
    try:
        text = path.read_bytes().decode("utf-8")  # as it is: CR LF line ends included
    except UnicodeDecodeError:
        return FixResult(path, "", refused="not UTF-8: save it as UTF-8 first")
    if not text.strip():
        return FixResult(path, text, refused="the file is empty")
    result = fix_text(text, path)
    if result.changed and result.text != text:
        path.write_bytes(result.text.encode("utf-8"))
    return result
