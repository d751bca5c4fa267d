"""The header as the validator reads it: every field in order, duplicates kept, with the line
and column of each value (briefings.entryfile.scan_header)."""

from __future__ import annotations

from briefings.entryfile import parse_header, scan_header

TEXT = """Title:   Spaced  value
Sources: a, b
Date-Evidence: @a "one"
    @b "two"
Sources: c
 stray
Summary: x

Body
"""


def test_positions_duplicates_and_stray_lines():
    fields, stray, body_start = scan_header(TEXT)
    assert [(h.name, h.line, h.value_col) for h in fields] == [
        ("Title", 1, 10), ("Sources", 2, 10), ("Date-Evidence", 3, 16), ("Sources", 5, 10),
        ("Summary", 7, 10)]
    assert fields[0].values == [(1, 10, "Spaced  value")]
    assert fields[2].values == [(3, 16, '@a "one"'), (4, 5, '@b "two"')]
    assert stray == [(6, " stray")]
    assert body_start == 8


def test_parse_header_is_unchanged_by_the_scanner():
    fields, lines, start, stray = parse_header(TEXT)
    assert fields["sources"] == ["a, b"] and lines["sources"] == 2
    assert (5, "Sources: c") in stray and start == 8
