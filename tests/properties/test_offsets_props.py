"""The indexes of briefings.ingest.offsets give exactly the answers of the scans they replace
(written out here as the reference), on any text: lines, sentences, datelines, quotes."""

from __future__ import annotations

import re
from itertools import pairwise
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings.ingest import events
from briefings.ingest.events import ABBREVIATIONS, SENTENCE_END_RE, _speaker
from briefings.ingest.offsets import Lines, Spans, TextIndex, split_long

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: Texts made of the characters the scans look at: line breaks, the separators of a date line,
#: sentence ends, quotation marks, abbreviations, and words.
pieces = st.sampled_from(["\n", " ", "  ", "\t", ",", ".", "|", "–", "—", "-", ":", "!", "?",
                          "“", "”", '"', "Mr.", "Dec. 1,", "U.S.", "Kosovo", "met", "he said",
                          "A", "b", "9", "8 December 2016", "…", "’"])
texts = st.lists(pieces, max_size=60).map("".join)


def _sentences(text: str) -> list[tuple[int, int]]:
    """events.sentences as it was: the words before each sentence end copied each time."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END_RE.finditer(text):
        before = text[start:m.start()]
        if "\n" not in m.group(0) and before.rstrip(".").split(" ")[-1] in ABBREVIATIONS:
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _is_header_date(text: str, start: int, end: int) -> bool:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    rest = (text[ls:start] + " " + text[end:le]).strip(" ,.|–—-:")
    return len(rest.split()) <= 3 and not rest.endswith((".", "!", "?"))


def _quoted_speaker(text: str, offset: int) -> str | None:
    ls = text.rfind("\n", 0, offset) + 1
    le = text.find("\n", offset)
    paragraph = text[ls: len(text) if le < 0 else le]
    for m in re.finditer(r"“[^”]*”?|\"[^\"]*\"?", paragraph):
        if m.start() < offset - ls < m.end():
            return _speaker(paragraph[m.end():m.end() + 80],
                            paragraph[max(0, m.start() - 80):m.start()])
    return None


@SETTINGS
@given(texts, st.integers(-3, 200))
def test_lines_answer_as_find_rfind_and_count(text, offset):
    lines = Lines(text)
    assert lines.newlines_before(offset) == text.count("\n", 0, max(0, offset))
    if offset >= 0:
        assert lines.start_of(offset) == text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        assert lines.end_of(offset) == (len(text) if end < 0 else end)


@SETTINGS
@given(texts)
@example("Gen. Mr. Dr. Col. Lt. Sgt. Smith met Mr. Jones. He agreed.")
@example("met Dec.. 1 ... Then U.S.. Then .")
def test_sentences_are_split_as_before(text):
    assert events.sentences(text) == _sentences(text)


@SETTINGS
@given(texts, st.data())
@example("|  -- 8 December 2016 --  | 8 December 2016 |", None)
def test_datelines_are_found_as_before_on_long_and_short_lines(text, data):
    if not text:
        return
    index = TextIndex(text)
    if data is None:  # the example: each date of the line
        found = [m.span() for m in re.finditer("8 December 2016", text)]
    else:
        start = data.draw(st.integers(0, len(text) - 1))
        found = [(start, data.draw(st.integers(start + 1, len(text))))]
    for start, end in found:
        expected = _is_header_date(text, start, end)
        assert events.is_header_date(text, start, end) == expected
        assert events.is_header_date(text, start, end, index) == expected
        with mock.patch.object(events, "LONG_LINE", 0):  # every line counted from its tokens
            assert events.is_header_date(text, start, end, TextIndex(text)) == expected


@SETTINGS
@given(texts, st.data())
def test_quotes_are_found_as_before(text, data):
    index = TextIndex(text)
    for offset in range(len(text) + 1) if len(text) < 25 else \
            data.draw(st.lists(st.integers(0, len(text)), max_size=25)):
        assert events.quoted_speaker(text, offset, index) == _quoted_speaker(text, offset)


@SETTINGS
@given(texts, st.integers(1, 30), st.data())
def test_long_sentences_are_cut_into_pieces_that_keep_every_date_whole(text, limit, data):
    spans = _sentences(text)
    dates = Spans([m.span() for m in re.finditer(r"8 December 2016|Dec\. 1", text)])
    pieces_, long = split_long(text, spans, limit, dates)
    assert long == [s for s in spans if s[1] - s[0] > limit]
    longest = max((d1 - d0 for d0, d1 in dates.spans), default=0)
    inside = [(d0, d1) for d0, d1 in dates.spans if any(sa <= d0 and d1 <= sb for sa, sb in spans)]
    for a, b in pieces_:
        assert a < b and text[a:b].strip()
        assert any(sa <= a and b <= sb for sa, sb in spans)  # inside one sentence
        assert b - a <= limit + longest  # longer only to keep a date whole
        assert not any(d0 < a < d1 or d0 < b < d1 for d0, d1 in inside)  # no date cut
    assert all(b <= c for (_a, b), (c, _d) in pairwise(pieces_))  # in order, disjoint
    offset = data.draw(st.integers(0, max(0, len(text))))
    holding = Spans(pieces_).holding(offset)
    assert holding == next(((a, b) for a, b in pieces_ if a <= offset < b), None)
