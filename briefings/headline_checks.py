"""The headline checks of issue 27: when an entry's title fails as a chronology headline.

A title fails when it starts with a date phrase, a preposition, a quote or a dash; has fewer
than three words; contains a handle, "Published" (or other page furniture), a dateline or a bare
number; is not in the site's language (English); is cut off mid-clause; or names no
development at all. Each check is a
function of the plain title (no Markdown) that says whether it fires; the word lists are data
(``briefings/headline_checks.yaml``), so that ingest and ``briefings eval`` use the same ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("headline_checks.yaml")
WORD_RE = re.compile(r"[^\W_](?:[\w'’*-]*\w)?", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
LETTER_RE = re.compile(r"[^\W\d_]")
OPEN_PUNCT = "([\"'“‘«„"
CLOSE_PUNCT = ",;:.!?)]\"'”’»"
NUMBER_RE = re.compile(r"^\d[\d,.]*$")
CLOCK_OR_DATE_RE = re.compile(  # 07:45, 04.05.2021, 04/05/21, 2021-05, 2021-05-04 (not 2010-15)
    r"^(?:\d{1,2}:\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\.?|\d{4}-(?:0[1-9]|1[0-2])(?:-\d{2})?)$")


@dataclass(frozen=True)
class Lists:
    """The word lists, compiled once."""

    min_words: int
    prepositions: frozenset[str]
    months: tuple[str, ...]
    date_start: re.Pattern[str]
    quotes: str
    dashes: str
    published: re.Pattern[str]
    dateline: re.Pattern[str]
    english: frozenset[str]
    foreign: frozenset[str]
    foreign_letters: str
    dangling: frozenset[str]
    says_nothing: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


@cache
def lists(path: Path = DATA) -> Lists:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in data.items():
        items = value if isinstance(value, list) else [
            w for ws in value.values() for w in ws] if isinstance(value, dict) else []
        odd = [w for w in items if not isinstance(w, str)]
        if odd:  # YAML reads a bare on/off/yes/no as a boolean: quote it
            raise ValueError(f"{path}: {key}: not words: {odd}")
    months = _alt(data["months"])
    any_month = _alt(data["months"] + data["other_months"])
    preps = _alt(data["date_prepositions"])
    date_phrase = (
        rf"(?:{any_month})\.?(?=\s*[\d,])"                 # May 4, Oct. 3, May, 2021
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{any_month})\b"  # 4 May, 4. maja
        r"|(?:1[89]|20)\d{2}\b(?![,.]?\d)"                   # 1999 (not 2,000)
        r"|\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\b"           # 2021-05, 04.05.2021
        rf"|(?:{_alt(data['weekdays'] + data['relative_days'])})\b"
    )
    date_start = re.compile(
        rf"^(?:(?:{_alt(data['date_words'])})\b|(?:(?:{preps})\s+)?(?:the\s+)?(?:{date_phrase}))",
        re.IGNORECASE)
    agencies = "|".join(re.escape(a) for a in data["agencies"])
    city = r"\b[A-Z]{3,}(?:[ -][A-Z]{2,})*"
    dateline = re.compile(
        rf"{city},\s+(?:(?i:{months})\.?\s+\d|\d{{1,2}}\.?\s+(?i:{months})\b)"  # CITY, May 4
        rf"|\b[A-Z][^\W\d_]+,\s+\d{{1,2}}\.?\s+(?i:{months})\b"  # Pristina, 12 March
        rf"|\((?:{agencies})\)")                                # (AP), (Reuters)
    published = re.compile(
        r"(?<!\w)(?:" + _alt(data["published_markers"]) + r")(?!\w)", re.IGNORECASE)
    foreign = frozenset(w for ws in data["foreign"].values() for w in ws)
    english = frozenset(data["english"])
    if english & foreign:
        raise ValueError(f"{path}: words in both english and foreign: {sorted(english & foreign)}")
    return Lists(int(data["min_words"]), frozenset(data["prepositions"]), tuple(data["months"]),
                 date_start, data["quotes"], data["dashes"], published, dateline, english,
                 foreign, data["foreign_letters"], frozenset(data["dangling"]),
                 re.compile(_alt(data["says_nothing"]), re.IGNORECASE))


def words(title: str) -> list[str]:
    """The words of a title: runs of letters and digits (with inner hyphens and apostrophes)."""
    return WORD_RE.findall(title)


# --- the checks: each returns True when the title fails it ------------------------------------


def starts_with_date(title: str) -> bool:
    """"May 4, 2021: …", "On 4 May …", "Yesterday …", "2021-05 …", "Date …"."""
    return bool(lists().date_start.match(title.strip()))


def starts_with_preposition(title: str) -> bool:
    first = words(title.strip())[:1]
    return bool(first) and first[0].lower() in lists().prepositions


def starts_with_quote(title: str) -> bool:
    return title.strip()[:1] in tuple(lists().quotes)


def starts_with_dash(title: str) -> bool:
    return title.strip()[:1] in tuple(lists().dashes)


def too_short(title: str) -> bool:
    return len(words(title)) < lists().min_words


def has_handle(title: str) -> bool:
    """A social-media handle: "@NATO" (not an e-mail address)."""
    return bool(re.search(r"(?<![\w.])@[A-Za-z0-9_]{2,}", title))


def has_published(title: str) -> bool:
    """Page furniture: "Published", "Updated:", "Last modified"…"""
    return bool(lists().published.search(title))


def has_dateline(title: str) -> bool:
    """"ROME, May 4", "Gjakova, 4 May", an agency tag "(AFP)"."""
    return bool(lists().dateline.search(title))


def has_bare_number(title: str) -> bool:
    """A number that neither counts nor names anything: a clock time or a numeric date
    ("07:45", "04.05.2021"), or a number followed by no word (at the end, or before
    punctuation) that is not part of a name ("Exercise Northern Shield 21", "Article 5")."""
    tokens = title.split()
    for i, token in enumerate(tokens):
        core = token.lstrip(OPEN_PUNCT)
        stripped = core.rstrip(CLOSE_PUNCT)
        if not stripped:
            continue
        if CLOCK_OR_DATE_RE.match(stripped):
            return True
        if not NUMBER_RE.match(stripped):
            continue
        alone = i == len(tokens) - 1 or stripped != core or tokens[i + 1][:1] in "–—-"
        if alone and not _names(tokens[i - 1] if i else ""):
            return True
    return False


def _names(previous: str) -> bool:
    """The word before a number makes it part of a name ("Shield 21"; not "May 4")."""
    word = previous.strip(OPEN_PUNCT + CLOSE_PUNCT)
    return (word[:1].isupper() and word.lower().rstrip(".") not in lists().months
            and not previous.endswith(tuple(CLOSE_PUNCT)))


def not_english(title: str) -> bool:
    """Mostly Cyrillic, or more Albanian/Serbian words (or lower-case words with their letters)
    than English ones. A title with neither kind of word passes: nothing tells."""
    letters = LETTER_RE.findall(title)
    if letters and sum(1 for ch in letters if CYRILLIC_RE.match(ch)) * 2 > len(letters):
        return True
    lx = lists()
    found = words(title)
    lower = [w.lower() for w in found]
    english = sum(1 for w in lower if w in lx.english)
    foreign = sum(1 for w in lower if w in lx.foreign)
    accented = sum(1 for w in found if not w.istitle() and any(c in lx.foreign_letters
                                                                for c in w.lower()))
    return max(foreign, accented) > english


def unfinished(title: str) -> bool:
    """Cut off mid-clause: ends with a word that needs more ("… a set of laws that would"),
    with an ellipsis, or holds empty brackets where capture lost words ("agrees ( ) to")."""
    found = words(title)
    return bool(found) and (found[-1].lower() in lists().dangling
                            or title.rstrip().endswith(("…", "...", "—", "–"))
                            or bool(re.search(r"\(\s*\)", title)))


def says_nothing(title: str) -> bool:
    """Names no development ("Fokusi reports a development in statements")."""
    return bool(lists().says_nothing.search(title))


#: Check code -> (what fails, the check). Codes are stable: eval's JSON and tests use them.
CHECKS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "starts-with-date": ("starts with a date phrase", starts_with_date),
    "starts-with-preposition": ("starts with a preposition", starts_with_preposition),
    "starts-with-quote": ("starts with a quotation mark", starts_with_quote),
    "starts-with-dash": ("starts with a dash", starts_with_dash),
    "too-short": ("has fewer than three words", too_short),
    "handle": ("contains a handle (@name)", has_handle),
    "published": ("contains page furniture (Published, Updated:)", has_published),
    "dateline": ("contains a dateline (CITY, Month day; an agency tag)", has_dateline),
    "bare-number": ("contains a bare number (a time, a numeric date, a number alone)",
                    has_bare_number),
    "not-english": ("is not in English, the site's language", not_english),
    "unfinished": ("is cut off mid-clause (ends with a word that needs more, an ellipsis; "
                   "empty brackets)", unfinished),
    "says-nothing": ("names no development (a placeholder headline)", says_nothing),
}


def failures(title: str) -> list[str]:
    """The codes of the checks ``title`` fails, in the order of :data:`CHECKS` (empty: passes)."""
    return [code for code, (_what, check) in CHECKS.items() if check(title)]
