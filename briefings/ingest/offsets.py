"""Where things are in a cleaned text, found once per text and then looked up by bisection.

The per-source stages ask, for every date mention, which line, paragraph, sentence or quote holds
it. Scanning the text from its start (or a whole paragraph) for each mention makes a source with
many mentions cost the square of its size; these indexes answer each question in logarithmic
time after one linear pass, with exactly the answers of the scans they replace.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate

QUOTE_SPAN_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
TOKEN_RE = re.compile(r"\S+")


class Lines:
    """The start offset of every line of ``text``."""

    def __init__(self, text: str):
        self.text = text
        # one pass in C: the length of each line plus its newline, summed
        self.starts = array("q", accumulate((len(x) + 1 for x in text.split("\n")), initial=0))
        self.starts.pop()  # the sum after the last line is not a line start

    def newlines_before(self, offset: int) -> int:
        """``text.count("\\n", 0, offset)`` (0 for a negative offset)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def start_of(self, offset: int) -> int:
        """``text.rfind("\\n", 0, offset) + 1``: where the line holding ``offset`` starts."""
        return self.starts[max(0, bisect_right(self.starts, offset) - 1)]

    def end_of(self, offset: int) -> int:
        """``text.find("\\n", offset)``, or ``len(text)`` when no newline follows."""
        k = bisect_left(self.starts, offset + 1, 1)
        return self.starts[k] - 1 if k < len(self.starts) else len(self.text)


class Spans:
    """Sorted, disjoint spans (sentences, quotes) of a text, found by offset."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = array("q", (a for a, _b in spans))

    def holding(self, offset: int) -> tuple[int, int] | None:
        """The span with ``start <= offset < end``, if any."""
        k = bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.spans[k][1]:
            return self.spans[k]
        return None

    def strictly_around(self, offset: int) -> tuple[int, int] | None:
        """The span with ``start < offset < end``, if any."""
        k = bisect_left(self.starts, offset) - 1
        if k >= 0 and offset < self.spans[k][1]:
            return self.spans[k]
        return None

    def between(self, lo: int, hi: int) -> range:
        """Indexes of the spans that start in ``[lo, hi)``."""
        return range(bisect_left(self.starts, lo), bisect_left(self.starts, hi))


def split_long(text: str, spans: list[tuple[int, int]], limit: int,
               keep: Spans | None = None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """``(pieces, long spans)``: each span longer than ``limit`` characters cut into pieces of at
    most ``limit`` (a little more where a piece must not cut a span of ``keep``, a date), at the
    last whitespace before the limit; the other spans as they are."""
    out: list[tuple[int, int]] = []
    long: list[tuple[int, int]] = []
    for a, b in spans:
        if b - a <= limit:
            out.append((a, b))
            continue
        long.append((a, b))
        pos = a
        while pos < b and text[pos].isspace():
            pos += 1
        while b - pos > limit:
            cut = text.rfind(" ", pos + 1, pos + limit)
            if cut <= pos:
                cut = pos + limit
            inside = keep.strictly_around(cut) if keep else None
            if inside is not None:
                cut = min(b, inside[0] if inside[0] > pos else inside[1])
            out.append((pos, cut))
            pos = cut
            while pos < b and text[pos].isspace():
                pos += 1
        if pos < b:
            out.append((pos, b))
    return out, long


class LineTokens:
    """The whitespace-separated tokens of one long line, and its first and last characters that
    are not in ``strip``: enough to count the words of any part of it without slicing it."""

    def __init__(self, text: str, ls: int, le: int, strip: str):
        self.starts = array("q")
        self.ends = array("q")
        for m in TOKEN_RE.finditer(text, ls, le):
            self.starts.append(m.start())
            self.ends.append(m.end())
        other = re.compile("[^" + re.escape(strip) + "]")
        first = other.search(text, ls, le)
        self.first = first.start() if first else le
        last = le - 1
        while last >= ls and text[last] in strip:
            last -= 1
        self.last = last

    def count(self, lo: int, hi: int) -> int:
        """How many tokens have a character in ``[lo, hi)`` (a token cut by a bound counts)."""
        if hi <= lo:
            return 0
        return bisect_left(self.starts, hi) - bisect_right(self.ends, lo)


class TextIndex:
    """The lines of a text, and per line (computed when first asked) its quotations and, for a
    long line, its tokens."""

    def __init__(self, text: str):
        self.text = text
        self.lines = Lines(text)
        self._quotes: dict[tuple[int, int], Spans] = {}
        self._tokens: dict[tuple[int, int, str], LineTokens] = {}

    def quotes(self, ls: int, le: int) -> Spans:
        """The spans of ``QUOTE_SPAN_RE`` in ``text[ls:le]`` (absolute offsets)."""
        found = self._quotes.get((ls, le))
        if found is None:
            found = Spans([m.span() for m in QUOTE_SPAN_RE.finditer(self.text, ls, le)])
            self._quotes[ls, le] = found
        return found

    def tokens(self, ls: int, le: int, strip: str) -> LineTokens:
        found = self._tokens.get((ls, le, strip))
        if found is None:
            found = self._tokens[ls, le, strip] = LineTokens(self.text, ls, le, strip)
        return found
