"""Tense of a date mention from the words around it: "met on July 18" (past), "will be presented
in September" (future). The nearest cue of ``tense_cues`` in the same sentence wins; cues after the
date count a little farther, cues across a clause boundary ("..., which will") much farther."""

from __future__ import annotations

import re

from briefings.ingest.dates_rules import Rules

_WORD = re.compile(r"(?:[^\W\d_]|[’'])+(?:-[^\W\d_]+)*")  # letters of any script


def _capitals() -> str:
    """A character class of every capital letter of the Latin, Greek and Cyrillic scripts ("Č",
    "Ë", "Ł", "Ш", "Ђ"), as ranges; ``re`` has no ``\\p{Lu}``."""
    chars = [c for c in map(chr, range(0x41, 0x530)) if c.isupper() or c.istitle()]
    ranges: list[list[str]] = []
    for c in chars:
        if ranges and ord(c) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges)
    return f"[{body}]"


#: a capital letter of any script the sources are written in (a sentence may begin with it)
CAPITAL = _capitals()
# A sentence ends at . ! ? followed by space and a capital (not "Dec. 1", not "U.S. support"), at a
# blank line, before a list item, or after a short line (a heading); a long line that runs on
# into the next (hard-wrapped text) does not end it.
_SENTENCE_END = re.compile(
    rf"[.!?][\"”’)]?\s+(?={CAPITAL}|[“\"‘(\-–•*])|\n[ \t]*\n|\n(?=[ \t]*[-–•*])|(?P<nl>\n)")
_HEADING_MAX = 60
_MAX_DISTANCE = 25.0
_AFTER_PENALTY = 1.5
_CLAUSE_PENALTY = 6.0
_REPORTING_REACH = 2  # "said on Tuesday", "told reporters Tuesday"
_STRONG_DISTANCE = 10.0  # a cue this near, in the date's own clause, is the date's own tense


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``text[start:end]``; at most 300 characters either side."""
    lo = max(0, start - 300)
    sentence_start = lo
    # (endpos one past ``start`` so that the look-ahead for a capital can see the mention itself)
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 1)):
        if m.end() <= start and _ends(text, m):
            sentence_start = m.end()
    sentence_end = min(len(text), end + 300)
    for m in _SENTENCE_END.finditer(text, end, sentence_end):
        if _ends(text, m):
            sentence_end = m.start() + 1
            break
    return sentence_start, sentence_end


def _ends(text: str, m: re.Match[str]) -> bool:
    if m.group("nl") is None:
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    return m.start() - line_start < _HEADING_MAX


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end())
            for m in _WORD.finditer(text, lo, hi)]


def _cue_at(tokens: list[tuple[str, int, int]], i: int, rules: Rules) -> tuple[str, int] | None:
    """(tense, length in tokens) of a cue starting at token ``i``, longest phrase first."""
    word = tokens[i][0]
    best: tuple[str, int] | None = None
    for tense, cue in rules.cues_by_first_word.get(word, ()):
        n = len(cue)
        if (best is None or n > best[1]) and tuple(t[0] for t in tokens[i:i + n]) == cue:
            best = (tense, n)
    previous = tokens[i - 1][0] if i > 0 else ""
    if (best is None and len(word) > 4 and word.endswith(rules.past_suffixes)
            and word not in rules.not_past_ed and not word.startswith("un")):
        best = ("past", 1)
    if best == ("past", 1) and previous in rules.auxiliaries:
        return None  # "will be presented", "is to be signed": a participle, not a past tense
    return best


def words_tense(words: str, rules: Rules) -> str | None:
    """The tense the words of a mention say by themselves ("yesterday", "next year"), if any."""
    tokens = _tokens(words, 0, len(words))
    found = {cue[0] for i in range(len(tokens)) if (cue := _cue_at(tokens, i, rules))}
    found -= {"present", "reporting", "deadline"}
    return found.pop() if len(found) == 1 else None


def context_tense(text: str, start: int, end: int, rules: Rules) -> str:
    """"past", "future" or "unknown" from the nearest tense cue around ``text[start:end]``."""
    return clause_tense(text, start, end, rules)[0]


def clause_tense(text: str, start: int, end: int, rules: Rules) -> tuple[str, bool]:
    """``(tense, strong)``: the tense of the nearest cue around ``text[start:end]``, and whether
    it is the date's own clause that says it (a cue near the date, on its side of any clause
    boundary). A cue before the date in its own clause wins over any after it (after it, a
    participle often belongs to a noun: "markets untouched by"). A verb of reporting counts
    only just before the date ("said on Tuesday"), never for a date further on in what was
    said; deadline words are no cue."""
    lo, hi = sentence_bounds(text, start, end)
    before = _tokens(text, lo, start)
    after = _tokens(text, end, hi)
    found: list[tuple[float, str, bool]] = []  # (distance, tense, across a clause boundary)
    # Before the mention: walk backwards from the nearest word.
    for i in range(len(before) - 1, -1, -1):
        cue = _cue_at(before, i, rules)
        if cue is None or cue[0] == "deadline":
            continue
        distance = float(len(before) - i - cue[1] + 1)
        if cue[0] == "reporting":
            if distance > _REPORTING_REACH:
                continue
            cue = ("past", cue[1])
        broken = bool(rules.clause_breaks.search(text, before[i][2], start))
        found.append((distance + (_CLAUSE_PENALTY if broken else 0), cue[0], broken))
        break
    own = found and not found[0][2] and found[0][1] != "present" and \
        found[0][0] <= _STRONG_DISTANCE
    opening = not before  # "In September, it announced": the verb after is the date's
    if not own:
        for i in range(len(after)):
            cue = _cue_at(after, i, rules)
            if cue is None or cue[0] == "deadline":
                continue
            if cue[0] == "reporting":
                if not opening or i + 1 > _REPORTING_REACH + 1:
                    continue
                cue = ("past", cue[1])
            broken = bool(rules.clause_breaks.search(text, end, after[i][1]))
            found.append((i + 1 + _AFTER_PENALTY + (_CLAUSE_PENALTY if broken else 0), cue[0],
                          broken))
            break
    if not found:
        return "unknown", False
    distance, tense, broken = min(found)
    if distance > _MAX_DISTANCE or tense == "present":
        return "unknown", False
    return tense, not broken and distance <= _STRONG_DISTANCE


def after_deadline(text: str, start: int, words: str, rules: Rules) -> bool:
    """Whether the date is a term or a deadline: its own first word ("by August") or one of the
    two words just before it ("payable Dec. 7", "extended to Nov. 20") is a deadline word."""
    own = _tokens(words, 0, len(words))[:1]
    before = _tokens(text, max(0, start - 40), start)[-2:]
    tokens = before + own
    for i in range(len(tokens)):
        cue = _cue_at(tokens, i, rules)
        if cue is not None and cue[0] == "deadline":
            return True
    return False
