"""Properties of entry files (briefings.entryfile): render -> read round-trips, reading never
crashes."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefings.entryfile import parse_header, read_entry, render_entry
from briefings.model import Entry, Evidence
from briefings.schema import (
    CATEGORIES,
    EVENT_STATUSES,
    FIELDS_BY_KEY,
    FLAGS,
    PRECISIONS,
    REVIEW_STATES,
)

SETTINGS = settings(max_examples=150, deadline=None)

#: A header value as the writer keeps it: one line, single spaces, no surrounding space.
one_line = st.text(max_size=80).map(lambda s: " ".join(s.split()))
#: A list item: no comma (the separator), no surrounding space, not empty.
item = one_line.map(lambda s: s.replace(",", "")).map(str.strip).filter(bool)
#: A BibTeX key as the evidence syntax allows it: no space, no double quote.
bib_key = st.text(st.characters(blacklist_categories=("Z", "Cc", "Cs"),
                                blacklist_characters='"'), min_size=1, max_size=20).filter(
    lambda s: s == "".join(s.split()) and "," not in s)
#: A Markdown body: any text (entry files split lines at "\n" only).
body = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300).map(
    lambda s: s.strip("\n"))
extra_keys = st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True).filter(
    lambda k: k not in FIELDS_BY_KEY)

entries = st.builds(
    Entry,
    title=one_line, slug=one_line,
    category=st.one_of(st.sampled_from(list(CATEGORIES)), one_line),
    summary=one_line,
    sources=st.lists(bib_key, max_size=3),
    date=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))),
    date_precision=st.one_of(st.none(), st.sampled_from(PRECISIONS)),
    event_status=st.sampled_from(EVENT_STATUSES),
    actors=st.lists(item, max_size=4),
    location=st.one_of(st.none(), one_line.filter(bool)),
    date_evidence=st.lists(st.builds(Evidence, source=bib_key, text=one_line), max_size=3),
    review=st.sampled_from(REVIEW_STATES),
    flags=st.lists(st.one_of(st.sampled_from(list(FLAGS)), item), max_size=3),
    body=body,
    extra=st.dictionaries(extra_keys, one_line.filter(bool), max_size=2),
)

COMPARED = ("title", "slug", "category", "summary", "sources", "date", "date_precision",
            "event_status", "actors", "location", "date_evidence", "review", "flags", "body",
            "extra")


#: One folder for every example, removed when the test session ends (one folder per example
#: would leave hundreds behind in /tmp on every run).
_SCRATCH = tempfile.TemporaryDirectory(prefix="entry-prop-")


def _write(text: str) -> Path:
    path = Path(tempfile.mkdtemp(dir=_SCRATCH.name)) / "entry.md"
    path.write_text(text, encoding="utf-8")
    return path


@SETTINGS
@given(entries)
def test_render_then_read_round_trips_any_entry(entry):
    text = render_entry(entry)
    again, problems = read_entry(_write(text))
    assert problems == []
    assert {k: getattr(again, k) for k in COMPARED} == {k: getattr(entry, k) for k in COMPARED}
    assert render_entry(again) == text  # one canonical form


@SETTINGS
@given(st.text(max_size=200).map(lambda s: s.strip("\n")))
@example("a line\u2028that goes on")
def test_a_body_with_any_characters_round_trips(text):
    entry = Entry(title="T", slug="t", category="statements", summary="S", sources=["k"],
                  body=text)
    again, _ = read_entry(_write(render_entry(entry)))
    assert again.body == text


@SETTINGS
@given(st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from([
        "Title: x", "Date: 2025-02-30", "Date: 2025-03-18", "Date: x", "Date-Evidence: @k \"w\"",
        "    @k2 \"w2\"", "    continuation", "Date-Evidence: bad", "Sources: a, b,, c",
        "Actors:", "stray line", "", "Flags: ,", "Title: again", "Ingest-Checksum: sha256:0",
        "body [@k]", ":", "-: x", "Date: 99999-01-01"]), max_size=15).map("\n".join),
))
def test_reading_any_text_never_crashes(text):
    entry, problems = read_entry(_write(text))
    fields, lines, start, stray = parse_header(text)
    assert set(lines) == set(fields)
    n = len(text.split("\n"))  # entry files are split at newlines only
    assert 0 <= start <= n
    assert all(1 <= line <= n for line in [*lines.values(), *(ln for ln, _ in stray)])
    assert all(p.code.startswith("E-") for p in problems)
    assert isinstance(entry.body, str)
