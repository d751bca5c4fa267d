"""The small model passed between ingestion stages: a Source and the Events found in it.

Both are plain dataclasses so that the per-source stages can run in worker processes and hand
their results back (they pickle).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from briefings.ingest.offsets import Lines
from briefings.model import SourceMeta
from briefings.problems import Problem

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass
class Event:
    """One development as one source reports it (several mentions of it may be folded in)."""

    source: str  # BibTeX key of the source
    date: dt.date | None
    precision: str | None
    status: str  # occurred | planned
    title: str  # a one-line account taken from the source's words (dates removed)
    clause: str  # the words of the source around the date, verbatim
    sentence: str  # the whole sentence, verbatim
    start: int  # offset of the mention (or of the text, for undated events)
    category: str
    #: every category whose keywords its words hold (the default when none), for merging
    categories: frozenset[str] = frozenset()
    evidence: list[str] = field(default_factory=list)  # verbatim words that give the date
    sentences: list[str] = field(default_factory=list)  # every sentence that reports it
    words: frozenset[str] = frozenset()  # content words, for merging
    actors: list[str] = field(default_factory=list)
    location: str | None = None
    flags: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quote, speaker)
    checks: list[str] = field(default_factory=list)  # what a reviewer must check, in words
    summary: str = ""  # the title as a sentence in the source's tense (for the summary)
    score: int = 0  # how well the title tells what happened (see headline.Headline.score)
    speaker: str = ""  # who speaks in every sentence reported, when the source says so
    spans: list[tuple[int, int]] = field(default_factory=list)  # where those sentences are
    scope: str = "cooperation"  # or "background": see briefings.ingest.scope
    basis: str = "explicit"  # how its date was found (briefings.ingest.dates.BASES)
    timex: str | None = None  # TimeML's value when the words name a week, a quarter, "now" …
    date_words: str = ""  # the words that give its date, as in the source ("on Tuesday")
    #: the undated lede of a source whose dated developments are all background: it only adds
    #: the source to a development other sources date (briefings.ingest.merge.undated_lead)
    joins_only: bool = False
    #: of a ``joins_only`` lede: its source dates only what came before its story (no dated
    #: report in its first sentence), so that, joining nothing, it is an undated entry
    stands: bool = False
    #: of a ``joins_only`` lede: the bodies and countries its headline and first sentence name
    named: list[str] = field(default_factory=list)
    #: the kind of development its words name first (event lexicon of its language), if any
    kind: str | None = None
    #: what its words say the development is about (an object of the event lexicon: "a
    #: declaration", "armoured vehicles"), if any
    obj: str | None = None
    #: an earlier incident its date names ("after the attack of … in Banjska"): its title is
    #: the incident's (titles.yaml ``incidents``), not drafted from the sentence
    incident: bool = False
    #: what a development came some time after ("within weeks of NATO's takeover of Kosovo in
    #: June 1999"): a landmark named in passing, which joins the development other sources tell
    #: as their ledes do
    landmark: bool = False
    #: of a source's undated report when nothing gives its year (no publication date, no year
    #: in its words): the months and days its words name ("on September 29"), to find the
    #: development other sources date
    month_days: frozenset[tuple[int, int]] = frozenset()

    @property
    def rank(self) -> int:
        return PRECISION_RANK.get(self.precision or "", 3)


@dataclass
class Source:
    """A raw source and everything the per-source stages learnt from it."""

    path: Path
    display: str  # the path as messages show it
    meta: SourceMeta
    key: str = ""
    text: str = ""  # cleaned text
    line_of: list[int] = field(default_factory=list)  # cleaned line index -> source line
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, as known after reading
    published_words: str | None = None  # the words of the text that gave it, if any
    #: the language its text is read in: the sidecar's, else the one detected ("sr-Cyrl")
    language: str | None = None
    language_detected: bool = False  # True when ``language`` came from the text
    title: str | None = None
    title_inferred: bool = False
    title_note: str | None = None  # how an inferred title was found (goes in the BibTeX note)
    flags: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ok: bool = True  # False: it could not be ingested (an error is among the problems)

    #: the line starts of ``text``, found when first asked (see :meth:`line_at`)
    _lines: Lines | None = field(default=None, init=False, repr=False, compare=False)

    def line_at(self, offset: int) -> int:
        """The line of the original file for an offset in the cleaned text."""
        if self._lines is None or self._lines.text is not self.text:
            self._lines = Lines(self.text)
        n = self._lines.newlines_before(offset)
        if 0 <= n < len(self.line_of):
            return self.line_of[n]
        return 1
