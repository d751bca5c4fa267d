"""Stage 5, events (continued): dates a report tells in passing, which date no development.

:func:`briefings.ingest.events.find_events` asks, for each date mention in the body of a source:

1. ``history``: is the date a piece of history of a thing the report names, within a few words
   of words such as "entered service" or an apposition ", founded in"? Then it dates no
   development: the report is about something else;
2. ``recalled``: is a year (only) the war's or NATO's 1999 campaign's, named next to it ("a 1999
   NATO intervention"), years before the piece was published (``recalled`` in
   ``data/scope.yaml``)? Then it is history recalled in a report about something else;
3. ``teaser``: are its words relative to the publication date ("today", "sot", "danas") on a line
   that reads as another piece's headline (a short line without a sentence end, below the
   article's first prose, not its last line)? Then that "today" is not this piece's;
4. ``anchor``: does the date stand in a phrase that names an earlier incident the sentence counts
   from ("after the events of 24 September in Banjska")? Then it dates the incident: the phrase
   alone is its evidence, and :mod:`briefings.ingest.scope` reads such a phrase as background.

5. ``after``: does the date follow words such as "within weeks of" ("within weeks of NATO's
   takeover of Kosovo in June 1999")? Then the development came some time after it: it is
   dated by the month (days) or the year (weeks, months) that holds the date.

The words are data: ``data/asides.yaml`` (the limits) and ``data/<lang>/asides.yaml`` (English,
Albanian, Serbian words; every language's words are tried on every text). Text is read as the
scope rules read it (:func:`briefings.ingest.scope.fold`), offsets stay those of the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import yaml

from briefings.ingest.scope import LANGUAGES, fold

DATA = Path(__file__).parent / "data"
LISTS = ("history", "recalled", "anchor", "after")
_CLAUSE_STOP = re.compile(r"[,;:!?()\[\]–—]")  # (not ".": "24. septembra", "Sept. 29")
_SENTENCE_END = re.compile(r"[.!?…:\"”»’)]\s*$")
_WORD = re.compile(r"\S+")
_TEXT = re.compile(r"\S")
_TEASER_CHARS = 20  # characters per word, at most, of a headline's line


@cache
def limits() -> dict[str, int]:
    data = yaml.safe_load((DATA / "asides.yaml").read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in data.items()}


@cache
def words() -> dict[str, re.Pattern[str] | None]:
    """Each list of ``data/<lang>/asides.yaml``, every language, as one pattern on folded text."""
    found: dict[str, list[str]] = {name: [] for name in LISTS}
    for lang in LANGUAGES:
        path = DATA / lang / "asides.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, items in data.items():
            if name not in found:
                raise ValueError(f"{path}: unknown list '{name}' (one of: {', '.join(LISTS)})")
            found[name] += [str(p) for p in items or []]
    return {name: re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{fold(p)})" for p in items) + ")",
                             re.IGNORECASE) if items else None
            for name, items in found.items()}


def folded(text: str) -> tuple[str, Sequence[int]]:
    """``text`` as the rules read it, and for each of its characters the offset in ``text`` it
    comes from (a letter may fold to two: Љ is Lj)."""
    if text.isascii():
        return text, range(len(text) + 1)
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch) if not ch.isascii() else ch
        out.append(f)
        where += [i] * len(f)
    where.append(len(text))
    return "".join(out), where


@lru_cache(maxsize=64)
def spans(name: str, sentence: str) -> tuple[tuple[int, int], ...]:
    """Where the words of list ``name`` stand in ``sentence`` (offsets of ``sentence``), once
    for all the dates of a sentence."""
    rx = words()[name]
    if rx is None:
        return ()
    text, where = folded(sentence)
    return tuple((where[m.start()], where[m.end()]) for m in rx.finditer(text))


def _words_between(text: str) -> int | None:
    """How many words ``text`` holds, or None when a clause ends in it (a comma, a dash…)."""
    return None if _CLAUSE_STOP.search(text) else len(_WORD.findall(text))


def _gap(sentence: str, a: int, b: int, start: int, end: int) -> int | None:
    """Words between the words ``[a, b)`` and the date ``[start, end)`` of ``sentence`` (0 when
    they overlap: "founded in" and "in 1949"), or None when a clause ends between them."""
    if b <= start:
        return _words_between(sentence[b:start])
    if a >= end:
        return _words_between(sentence[end:a])
    return 0


def is_history(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``[start, end)`` of ``sentence`` is history of a thing the report
    names ("entered service 30 years ago", ", founded in 1949,")."""
    near = limits()["history_words"]
    return any((gap := _gap(sentence, a, b, start, end)) is not None and gap <= near
               for a, b in spans("history", sentence))


def is_recalled(sentence: str, start: int, end: int) -> bool:
    """Whether the year at ``[start, end)`` of ``sentence`` names the war or NATO's campaign it
    stands next to ("a 1999 NATO intervention", "the war of 1998"): ``recalled`` words at most
    ``recalled_words`` words before or after it, with no clause end between them."""
    near = limits()["recalled_words"]
    return any((gap := _gap(sentence, a, b, start, end)) is not None and gap <= near
               for a, b in spans("recalled", sentence))


def anchor_phrase(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the phrase naming an earlier incident that holds the date at ``[start, end)``
    begins and ends in ``sentence`` ("after the events of 24 September in Banjska"), or None."""
    near = limits()["anchor_words"]
    for a, b in spans("anchor", sentence):
        if b > start:
            break
        gap = _words_between(sentence[b:start])
        if gap is None or gap > near:
            continue
        stop = _CLAUSE_STOP.search(sentence, end)
        close = stop.start() if stop else len(sentence)
        if len(sentence[a:close].split()) > limits()["anchor_phrase_words"]:
            close = end
        return a, close
    return None


def after_phrase(sentence: str, start: int) -> tuple[str, int] | None:
    """``("days" | "weeks" | "months", end)`` when the date at ``start`` of ``sentence`` is what
    the development came some time after ("within weeks of NATO's takeover of Kosovo in June
    1999"): an ``after`` phrase at most ``after_words`` words before it, no clause end between;
    ``end``, where its words end: what follows them up to the date names what it came after."""
    near = limits()["after_words"]
    found = None
    for a, b in spans("after", sentence):
        if a >= start:
            break
        gap = 0 if b > start else _words_between(sentence[b:start])  # "pas 18 marsit": in it
        if gap is not None and gap <= near:
            found = (fold(sentence[a:b]).lower(), b)
    if found is None:
        return None
    for unit, words_ in (("days", ("dit", "dan", "day")), ("months", ("muaj", "mesec", "month"))):
        if any(w in found[0] for w in words_):
            return unit, found[1]
    return "weeks", found[1]


def is_anchor(words_: str) -> bool:
    """Whether ``words_`` are such a phrase as a whole (the evidence :func:`anchor_phrase`
    gives): they open with an incident's words and hold no clause end."""
    rx = words()["anchor"]
    if rx is None:
        return False
    text = fold(words_).strip()
    return rx.match(text) is not None and not _CLAUSE_STOP.search(text.rstrip(".;, "))


def first_prose(text: str) -> int:
    """Where the first line of prose of ``text`` ends (a line of some words that ends a
    sentence), or ``len(text)`` when there is none."""
    pos = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if _SENTENCE_END.search(line.strip()) and len(line.split()) >= limits()["prose_words"]:
            return pos - 1
    return len(text)


def is_teaser(text: str, ls: int, le: int, prose_end: int) -> bool:
    """Whether the line ``text[ls:le]`` reads as another piece's headline: short, without a
    sentence end, below the first line of prose (``prose_end``: :func:`first_prose`), and not
    the last line of the text (a cut excerpt)."""
    if ls < prose_end or le - ls > _TEASER_CHARS * limits()["teaser_words"]:
        return False  # (a long line is no headline: not copied for each of its dates)
    line = text[ls:le].strip()
    if not line or _SENTENCE_END.search(line):
        return False
    return len(line.split()) <= limits()["teaser_words"] and _TEXT.search(text, le) is not None
