"""Stage 5, events: the dated developments a source reports.

Each date mention (from :mod:`briefings.ingest.dates`) in the body of a source is one report of
a development: the clause around it gives a title, the sentence its context, the category comes
from ``data/categories.yaml``. Mentions of one date in one source are one development. A source
with no usable date gives one undated development. Datelines and the publication date line are
not developments.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from briefings.ingest import asides, headline
from briefings.ingest.dates_rules import rules as date_rules
from briefings.ingest.dates_tense import CAPITAL, context_tense
from briefings.ingest.model import Event, Source
from briefings.ingest.offsets import Spans, TextIndex, split_long
from briefings.ingest.read import settings, warn, where
from briefings.ingest.scope import recalled_years
from briefings.schema import CATEGORIES, FLAGS

CATEGORY_DATA = Path(__file__).parent / "data" / "categories.yaml"

ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "Sgt", "Jan", "Feb", "Mar",
                 "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Prof",
                 "U.S", "U.K", "e.g", "i.e", "vs", "etc")
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
SENTENCE_END_RE = re.compile(rf"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?(?:{CAPITAL}|[0-9]))|\n+")
CLAUSE_SPLIT_RE = re.compile(
    r";\s+|,\s+(?=(?:which|when|while|where|whereas|but|although|as well as|with)\b)"
    r"|\s+[–—]\s+|:\s+(?=[A-Z])")
REPORTING_RE = re.compile(
    r"^(?P<frame>.{3,120}?\b(?:confirmed|said|stated|announced|noted|added|emphasi[sz]ed|"
    r"explained|reported|told [^,]{1,40}?|highlighted|stressed|clarifying))\s+(?:that\s+)?",
    re.IGNORECASE)
LEADING_JUNK_RE = re.compile(r"^(?:(?:and|but|so|when|while|where|whereas|although|also|then|"
                             r"furthermore|moreover|meanwhile|however|with|first|second|"
                             r"finally|indeed|thus|therefore|additionally|regarding)\b[,\s]*)+",
                             re.IGNORECASE)
# A short opening phrase ending in a comma ("As you are aware,", "More specifically,").
OPENING_RE = re.compile(r"^(?=[^,]*\b[a-z])(?:[\w’'-]+\s+){0,3}[\w’'-]+,\s+")
# A dateline opening a paragraph, up to its dash: a place in capitals ("PRISTINA -", "TIRANA,
# Albania (AP) — 5 April 2025 —"), or a place, a comma and a date ("Washington, 7 June 2025 –").
DATELINE_RE = re.compile(
    r"^\s*(?:[A-ZÇË][A-ZÇË’'.-]+(?:[ -][A-ZÇË][A-ZÇË’'.-]+){0,3}(?:,\s*[A-Z][\w’'.-]+)?"
    r"(?:\s*\([^()\n]{1,30}\))?(?:,?\s*[–—-]?\s*[^–—\n]{0,30}?\d[^–—\n]{0,12}?)?"
    r"|[A-Z][\w’'.-]+(?:[ -][A-Z][\w’'.-]+){0,3},\s*[^–—\n,]{0,20}?\d[^–—\n,]{0,12}?)"
    r"\s+(?:[–—-]\s*)+(?=[^\sa-zë])")
#: a conjunction a date follows, then a comma: the date opens the clause after the conjunction
#: ("… began in 2003 and in 2011, Iowa joined …"), in English, Albanian and Serbian
FRONTED_RE = re.compile(r"(?i)\s(and|but|while|dhe|por|ndërsa|ndersa|ali|dok|и|али|док)\s+"
                        r"(?:(?:in|on|by|the|year|në|ne|më|me|vitin|u|na|od|у|на|од)\s+){0,2}$")
#: a conjunction, then a date that opens its own clause ("… disbanded and on January 21st the
#: force …"): the clause of the date before it ends there
AND_DATE_RE = re.compile(r"(?i)\s(?:and|dhe|i|и)\s+(?:(?:on|in|në|ne|më|me|u|na|у|на)\s+)?"
                         r"(?=\d|(?-i:[A-ZА-Я])[^\W\d_]+\.?\s+\d)")
#: what opens a clause right after a fronted date: a capitalised word or an article
SUBJECT_AFTER_RE = re.compile(r",?\s+(?:the\s+|a\s+|an\s+)?[A-ZÇËА-Я]")
#: where the clause a fronted date opens ends: a comma, or a quote's close ('… stood up," he said')
CLAUSE_END_RE = re.compile(r",\s|[,.]?[\"”»](?:\s|$)")
#: a date's words up to its number (and a month after it), then such a clause
DATE_THEN_SUBJECT_RE = re.compile(r"[^\W\d_]*\.?\s*\d+\w*\.?(?:\s+[^\W\d_]+\.?)?,?\s+"
                                  r"(?:the\s+|a\s+|an\s+)?[A-ZÇËА-Я]")
#: a relative clause: it tells more of the words before it, and opens no clause of its own
RELATIVE_RE = re.compile(r"(?i)(?:who|whose|whom|which)\b")
#: one set off by commas between a subject and its verb ("The session, whose agenda …, is")
INTERPOSED_RELATIVE_RE = re.compile(r",\s+(?:who|whose|whom|which)\b[^,;:]{1,120},\s+"
                                    r"(?=(?:is|are|was|were|will|has|have|had)\b)")
COMMA_RE = re.compile(r",\s+")
NAME_LIST_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w’'-]*$")
NAME_LIST_AFTER = re.compile(r"(?:(?:and|or)\s+)?[A-Z][\w’'-]*(?:,|\s+(?:and|or)\s|\s+[a-z])")
PREPOSITION_RE = re.compile(r"\b(?:on|in|at|by|from|since|during|until|of|for)"
                            r"(?:\s+(?:the|this|a|an))?\s*$", re.IGNORECASE)
ANTECEDENT_RE = re.compile(r"((?:\b(?:the|a|an|this|its|their)|[A-Z][\w-]*[’']s)\s+[\w-]+"
                           r"(?:\s+[\w-]+){0,3}?)"
                           r"\s*,?\s*$", re.IGNORECASE)
QUOTE_RE = re.compile(r"[“\"](?P<q>[^”\"]{20,}?)[”\"]")
VERB = r"(?:said|stated|told|added|explained|responded|emphasi[sz]ed|stressed)"
PRONOUN = r"(?P<pron>[Hh]e|[Ss]he|[Tt]he (?:minister|ambassador|official|general))"
NAME = r"(?P<name>[A-Z][\w’'-]+)"
SPEAKER_AFTER = (re.compile(rf"^\W*{PRONOUN}\s+{VERB}\b"), re.compile(rf"^\W*{NAME}\s+{VERB}\b"),
                 re.compile(r"^\W*(?:said|stated|added)\s+(?:the \w+ )?(?P<name>[A-Z][\w’'-]+)"))
SPEAKER_BEFORE = (re.compile(rf"{NAME}\s+{VERB}(?: [^,.:“\"]{{0,40}})?[,:]?\s*$"),
                  re.compile(rf"\b{PRONOUN}\s+{VERB}(?: [^,.:“\"]{{0,40}})?[,:]?\s*$"))
WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]*")
TRAILING_STOP = {"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "at", "with",
                 "by", "from", "that", "which", "its", "their", "as", "within", "between",
                 "into", "through", "about", "under", "over", "after", "before", "across",
                 "against", "among", "is", "are", "was", "were", "be", "has", "have", "will"}


@cache
def category_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = yaml.safe_load(CATEGORY_DATA.read_text(encoding="utf-8"))
    rules = []
    for cat, words in data["keywords"].items():
        if cat not in CATEGORIES:
            raise ValueError(f"{CATEGORY_DATA}: unknown category '{cat}'")
        rules.append((cat, re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE)))
    return tuple(rules)


@cache
def default_category() -> str:
    return str(yaml.safe_load(CATEGORY_DATA.read_text(encoding="utf-8"))["default"])


def categorise(*texts: str, code: str = "en") -> str:
    """The first category whose keywords occur, looking at the most specific text first; else,
    for a source not in English, the category of the first kind of development the event lexicon
    of its language ``code`` finds (``kinds`` of ``data/categories.yaml``); else the default."""
    for text in texts:
        for cat, rx in category_rules():
            if rx.search(text):
                return cat
    if code[:2] != "en":  # English has its keywords; other languages their event lexicon
        by_kind = kind_categories()
        for text in texts:
            kind = first_kind(text, code)
            if kind in by_kind:
                return by_kind[kind]
    return default_category()


@cache
def kind_categories() -> dict[str, str]:
    data = yaml.safe_load(CATEGORY_DATA.read_text(encoding="utf-8")).get("kinds") or {}
    unknown = sorted(c for c in data.values() if c not in CATEGORIES)
    if unknown:
        raise ValueError(f"{CATEGORY_DATA}: unknown categories {unknown}")
    return {str(k): str(v) for k, v in data.items()}


def first_kind(text: str, code: str) -> str | None:
    """The kind of development the event lexicon of ``code`` finds first in ``text``."""
    from briefings.ingest.actors import fold
    from briefings.ingest.frames import MAX_CHARS, code_of, lexicon

    lex = lexicon(code_of(code))
    folded = fold(text[:MAX_CHARS].translate(lex.script)).lower()
    found = [(m.start(), kind) for kind, rx in lex.kinds if (m := rx.search(folded))]
    return min(found)[1] if found else None


def categories_of(*texts: str) -> frozenset[str]:
    """Every category whose keywords occur in ``texts``, for merging: reports of one development
    share one even when their first ones differ ("talks … about training"); none (words no
    keyword knows, as in Albanian and Serbian) is the default category, which merging reads as
    any kind."""
    return keyword_categories(*texts) or frozenset({default_category()})


def keyword_categories(*texts: str) -> frozenset[str]:
    """Every category whose keywords occur in ``texts`` (none: empty)."""
    return frozenset(cat for text in texts for cat, rx in category_rules() if rx.search(text))


@cache
def stopwords() -> frozenset[str]:
    """Words that say nothing about sameness: those of ``data/settings.yaml`` and the function
    words of every language ingest reads (``data/<code>/language.yaml``)."""
    from briefings.ingest.language import profiles

    return frozenset(str(w) for w in settings()["stopwords"]).union(
        *(p.words for p in profiles()))


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, crudely stemmed words that carry meaning (for merging)."""
    out = set()
    for w in WORD_RE.findall(text.lower().replace("’", "'")):
        w = w.split("'")[0]
        if len(w) < 3 or w in stopwords():
            continue
        for suffix in ("ations", "ation", "ments", "ment", "ing", "ies", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        # British and American spellings alike: defence/defense, authorised/authorized
        w = re.sub(r"(?<=\w{3})is(?=e?$|at)", "iz", w) if "is" in w[3:] else w
        out.add(w.replace("defence", "defense").replace("defenc", "defens"))
    return frozenset(out)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (offsets), not split after common abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END_RE.finditer(text):
        if "\n" not in m.group(0) and _last_word(text, start, m.start()) in ABBREVIATIONS:
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _last_word(text: str, start: int, end: int) -> str:
    """``text[start:end].rstrip(".").split(" ")[-1]`` when it may be one of ``ABBREVIATIONS``
    (else ""), without copying the words before it: many abbreviations in a row ("Mr. … Gen.
    … Col. …") must not make a sentence cost the square of its length."""
    while end > start and text[end - 1] == ".":
        end -= 1
    lo = max(start, end - _LONGEST_ABBREVIATION - 1)
    space = text.rfind(" ", lo, end)
    if space >= 0:
        return text[space + 1:end]
    return text[start:end] if lo == start else ""


def _normalise(text: str) -> str:
    return " ".join(text.split())


def clause_of(sentence: str, start: int, end: int, shorten: bool = True) -> tuple[str, str]:
    """``(clause, before)``: the clause of ``sentence`` holding ``[start, end)`` and the words
    before it in the sentence."""
    cut = 0
    stop = len(sentence)
    for m in CLAUSE_SPLIT_RE.finditer(sentence):
        if m.end() <= start:
            cut = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    if shorten and len(sentence[cut:stop].split()) > int(settings()["title_max_words"]):
        # A long clause (a comma splice, a list): the comma-separated part holding the date,
        # with what comes before it when that part alone is too short to say anything.
        # not inside a list of names ("Kosovo, Albania, and Croatia")
        part = sentence[cut:start]
        # nor before a verb: a part that starts with one has no subject ("…, Arben Lushtaku,
        # met US officials")
        commas = [m.end() for m in COMMA_RE.finditer(part) if not _in_name_list(part, m)
            and part[m.end():].split(" ", 1)[0].casefold() not in headline.verb_forms()
            # nor before a relative clause closed before the date ("The session, whose
            # agenda …, is set for …"); one that holds it is the date's ("…, who died in 1969")
            and not (RELATIVE_RE.match(part, m.end()) and ", " in part[m.end():])]
        left = cut
        for pos in reversed(commas):
            if len(sentence[cut + pos:start].split()) + 1 >= 6:
                left = cut + pos
                break
        # not the comma that closes a date opening the part ("Earlier this year, Kosovo …")
        after = end + 2 if sentence.startswith(", ", end) and not sentence[left:start].strip() \
            else end
        right = next((m.start() for m in COMMA_RE.finditer(sentence, after, stop)
                      if not _in_name_list(sentence, m)), -1)
        cut, stop = left, stop if right < 0 else right
    fronted = FRONTED_RE.search(sentence, cut, start)
    if fronted and (sentence.startswith(", ", end) or SUBJECT_AFTER_RE.match(sentence, end)):
        # "… in 2003, and in 2011, X joined Y", "… disbanded and on January 21st the force …"
        more = CLAUSE_END_RE.search(sentence, end + 2)
        cut = fronted.end(1)
        stop = len(sentence) if more is None else more.start()
    later = AND_DATE_RE.search(sentence, end, stop)
    if later and DATE_THEN_SUBJECT_RE.match(sentence, later.end()):
        stop = later.start()  # the next date's clause is its own
    return sentence[cut:stop].strip(" ,;:"), sentence[:cut]


def _in_name_list(text: str, comma: re.Match[str]) -> bool:
    """Whether the comma ``comma`` matched in ``text`` separates names ("Kosovo, Albania and
    Croatia"): no end of a clause."""
    return bool(NAME_LIST_BEFORE.search(text, 0, comma.start())
                and NAME_LIST_AFTER.match(text, comma.end()))


def make_title(clause: str, before: str, date_words: list[str]) -> str:
    """A one-line account of the clause with the date words taken out."""
    text = clause
    for words in sorted(date_words, key=len, reverse=True):
        i = text.find(words)
        if i < 0:
            continue
        head = PREPOSITION_RE.sub("", text[:i]) if not re.match(
            r"(?i)(on|in|at|by|during|from)\b", words) else text[:i]
        head = re.sub(r"(?i)\b(the|a)\s*$", r"\1 ", head) if words[:1].isupper() else head
        text = head.rstrip() + " " + text[i + len(words):].lstrip(" ,")
    text = _normalise(text)
    m = REPORTING_RE.match(text)
    if m and len(text[m.end():].split()) >= 4:
        text = text[m.end():]
    text = LEADING_JUNK_RE.sub("", text)
    m = OPENING_RE.match(text)
    if m and len(text[m.end():].split()) >= 5:
        text = LEADING_JUNK_RE.sub("", text[m.end():])
    text = INTERPOSED_RELATIVE_RE.sub(" ", text)  # "The session, whose agenda …, is set"
    rel = re.match(r"(?i)(which|that|who)\s+", text)
    if rel:
        ante = ANTECEDENT_RE.search(before.rstrip(" ,"))
        text = (ante.group(1) + " " if ante else "") + text[rel.end():]
    text = _normalise(re.sub(r"\s+([,.;:])", r"\1", text)).strip(" ,;:.")
    words = text.split()
    limit = int(settings()["title_max_words"])
    if len(words) > limit:
        head = " ".join(words[:limit])
        comma = head.rfind(",")
        text = head[:comma] if comma > 0 and len(head[:comma].split()) >= 6 else head
        words = text.split()
        while words and words[-1].lower().strip(",") in TRAILING_STOP:
            words.pop()
        text = " ".join(words).strip(" ,")
    return text[:1].upper() + text[1:] if text else text


def quotes_in(paragraph: str, max_words: int,
              focus: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """``(quote, speaker)`` for quoted passages of ``paragraph``: whole when short, else the
    sentences (up to ``max_words``) from the one that shares most words with ``focus`` (the
    first when none does), with an ellipsis where words are left out."""
    out = []
    for m in QUOTE_RE.finditer(paragraph):
        q = m.group("q").strip().rstrip(",;: ")
        if len(q.split()) > max_words:
            spans = sentences(q)
            first = max(range(len(spans)), key=lambda i: (
                len(content_words(q[spans[i][0]:spans[i][1]]) & focus), -i))
            end = None
            for _s, e in spans[first:]:
                if len(q[spans[first][0]:e].split()) > max_words:
                    break
                end = e
            if end is None:
                continue
            kept = q[spans[first][0]:end].rstrip()
            q = ("… " if first else "") + kept + (" …" if end < len(q) else "")
        out.append((q, _speaker(paragraph[m.end():m.end() + 80],
                                paragraph[max(0, m.start() - 80):m.start()])))
    return out


def _speaker(after: str, before: str) -> str:
    """Who a quote is attributed to: a name, "he" (a pronoun or a role: the last person named
    before it) or "" (not said)."""
    for rx, text in [(r, after) for r in SPEAKER_AFTER] + [(r, before) for r in SPEAKER_BEFORE]:
        m = rx.search(text)
        if m:
            groups = m.groupdict()
            if groups.get("pron"):
                return "he"
            name = groups.get("name") or ""
            return "" if name in ("They", "We", "It", "I") else name
    return ""


def quoted_speaker(text: str, offset: int, index: TextIndex | None = None) -> str | None:
    """``None`` when ``offset`` is outside quotation marks in its paragraph; else who the quote
    is attributed to: a name, "he" (a pronoun or a role) or "" (not said). ``index``: the
    :class:`TextIndex` of ``text``, when several offsets are asked about."""
    index = index or TextIndex(text)
    ls, le = index.lines.start_of(offset), index.lines.end_of(offset)
    quote = index.quotes(ls, le).strictly_around(offset)
    if quote is None:
        return None
    a, b = quote
    return _speaker(text[b:min(le, b + 80)], text[max(ls, a - 80):a])


HEADER_STRIP = " ,.|–—-:"
#: Lines longer than this are not copied for each date in them (see :func:`is_header_date`).
LONG_LINE = 1000


def is_header_date(text: str, start: int, end: int, index: TextIndex | None = None) -> bool:
    """A date standing on a line of its own, or in a dateline ("Pristina, 8 December 2016"),
    dates the article, not a development. ``index``: the :class:`TextIndex` of ``text``."""
    if index is None:
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le < 0 else le
    else:
        ls, le = index.lines.start_of(start), index.lines.end_of(end)
    if index is None or le - ls <= LONG_LINE:
        rest = (text[ls:start] + " " + text[end:le]).strip(HEADER_STRIP)
        return len(rest.split()) <= 3 and not rest.endswith((".", "!", "?"))
    # The same answer from the line's tokens: the words of the line before and after the date,
    # without the characters of HEADER_STRIP at its two ends.
    tokens = index.tokens(ls, le, HEADER_STRIP)
    if tokens.first < start and tokens.last >= end:
        words = tokens.count(tokens.first, start) + tokens.count(end, tokens.last + 1)
        return words <= 3 and text[tokens.last] not in "!?"
    if tokens.first < start:  # nothing but those characters after it (the line's last date)
        rest = text[ls:start].strip(HEADER_STRIP)
    elif tokens.last >= end:  # nothing but those characters before it (the line's first date)
        rest = text[end:le].strip(HEADER_STRIP)
    else:
        rest = ""
    return len(rest.split()) <= 3 and not rest.endswith((".", "!", "?"))


def status_of(tense: str, date: dt.date, precision: str, published: str | None) -> str:
    """``planned`` when the words speak of the future, or when the whole period of the date
    comes after the publication (nothing is reported as done before it happens); ``occurred``
    when it ends before the publication, whatever the tense ("will lead a mission that has
    kept the peace since 1999": what began in 1999 is no plan)."""
    iso = date.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]
    n = min(len(iso), len(published or ""))
    if published and iso[:n] < published[:n]:
        return "occurred"
    if tense == "future" or (published and iso[:n] > published[:n]):
        return "planned"
    return "occurred"


def evidence_words(sentence: str, start: int, end: int, max_words: int = 25) -> str:
    """The words of the sentence around ``[start, end)``: the clause, or at most ``max_words``
    around the date, cut at word boundaries. Always a verbatim substring."""
    clause, _before = clause_of(sentence, start, end, shorten=False)
    if len(clause.split()) <= max_words:
        return clause
    left = sentence[:start].split(" ")
    right = sentence[end:].split(" ")
    n = (max_words - len(sentence[start:end].split())) // 2
    a = " ".join(left[-n - 1:]) if n > 0 else ""
    b = " ".join(right[: n + 1]) if n > 0 else ""
    return (a + sentence[start:end] + b).strip(" ,;:")


def find_events(src: Source, mentions: list, skip: tuple[tuple[int, int], ...] = (),
                people: headline.People | None = None) -> list[Event]:
    """The developments of ``src`` (its cleaned text) from its date mentions, each with a
    headline (:mod:`briefings.ingest.headline`; ``people``: who speaks in the source).

    Mentions of one day or one month in one source are one development ("yesterday … yesterday");
    mentions of one year are one development only when their words agree.
    """
    text = src.text
    index = TextIndex(text)
    max_q = int(settings()["quote_max_words"])
    min_overlap = float(settings()["merge_min_overlap_same_date"])
    max_events = int(settings()["max_developments_per_source"])
    keep_quotes = int(settings()["quotes_per_development"])
    at = Spans(sorted((m.start, m.end) for m in mentions))
    pieces, long = split_long(text, sentences(text), int(settings()["max_sentence_chars"]), at)
    spans, long_spans = Spans(pieces), Spans(long)
    ordered = all(a.start <= b.start for a, b in pairwise(mentions))
    starts = [m.start for m in mentions] if ordered else []
    events: list[Event] = []
    by_key: dict[tuple, list[Event]] = {}
    by_year: dict[tuple, _ByWords] = {}  # the same for year-precision keys, by their words
    seen: dict[int, _Seen] = {}  # id(event) -> what it holds, to add to it in constant time
    quotes: dict[tuple[int, int], list[tuple[str, str]]] = {}  # paragraph -> its quotes
    words_of: dict[str, frozenset[str]] = {}  # clause -> its content words
    titles: dict[tuple, str] = {}  # (clause, words before it, date words) -> title
    cut: list[int] = []  # offsets of the mentions read in a piece of a long sentence
    left_out: list[int] = []  # offsets of the mentions of developments over the limit
    # "now" dates a development only where nothing else in the source dates one that day
    sorted_starts = sorted(m.start for m in mentions)
    dated_otherwise = {(m.date, m.precision) for m in mentions
                       if getattr(m, "timex", None) != "PRESENT_REF"}
    prose_end: int | None = None  # where the first line of prose ends (asides.first_prose)
    # "within weeks of NATO's takeover of Kosovo in June 1999": the date dates, besides what
    # came after, what the words between name (a development of its own: ``after`` its end)
    # (a mention, where the words it came after end or None, the unit of "within weeks of")
    work: list[tuple[Any, int | None, str | None]] = []
    for mention in mentions:
        found = None
        if mention.date is not None and mention.precision in ("day", "month"):
            s, e = spans.holding(mention.start) or (0, len(text))
            found = asides.after_phrase(text[s:e], mention.start - s)
        work.append((mention, None, found[0] if found else None))
        if found and len(text[s + found[1]:mention.start].split()) >= 2:
            work.append((mention, s + found[1], None))
    for mention, after, unit in work:
        if any(a <= mention.start < b for a, b in skip):
            continue
        present = getattr(mention, "timex", None) == "PRESENT_REF"
        if present and ((mention.date, mention.precision) in dated_otherwise
                        or _shares_sentence(mention, sorted_starts, spans)):
            continue
        if getattr(mention, "publication", False) or is_header_date(text, mention.start,
                                                                      mention.end, index):
            continue
        if getattr(mention, "role", "development") != "development":
            continue  # a byline, a caption, an embedded post, a question: no development
        s, e = spans.holding(mention.start) or (0, len(text))
        if prose_end is None:
            prose_end = asides.first_prose(text)
        if _told_in_passing(text, mention, (s, e), index, prose_end, src):
            continue
        if long_spans.holding(mention.start):
            cut.append(mention.start)
        if unit:
            # "within weeks of … June 1999": some time after it, in the month or year holding it
            coarse = "month" if unit == "days" and mention.precision == "day" else "year"
            mention = replace(mention, precision=coarse, date=mention.date.replace(
                day=1, month=mention.date.month if coarse == "month" else 1))
        # a date naming an earlier incident ("after the attack of …") dates the incident
        anchor = asides.anchor_phrase(text[s:e], mention.start - s, mention.end - s)
        tense = "past" if anchor is not None or after is not None else mention.tense
        status = ("occurred" if present else
                  status_of(tense, mention.date, mention.precision, src.published))
        key = (mention.date, mention.precision, status)
        if len(events) >= max_events and key not in by_key:
            left_out.append(mention.start)  # a new development, over the limit
            continue
        sentence = text[s:e]
        ms, me = mention.start - s, mention.end - s
        evidence = evidence_words(sentence, ms, me)
        if anchor is not None:  # the date is the incident's: the phrase is its evidence
            evidence = sentence[anchor[0]:anchor[1]].strip(" ,;:")
        dateline = DATELINE_RE.match(sentence) if s == 0 or text[s - 1] == "\n" else None
        if dateline and len(sentence[dateline.end():].split()) >= 3:
            # the dateline is not what happened: the sentence starts after it (a date in the
            # dateline dates the sentence as a whole)
            start = dateline.end()
            s, sentence = s + start, sentence[start:]
            ms, me = max(0, ms - start), max(0, me - start)
        clause, before = clause_of(sentence, ms, me)
        if after is not None:  # what came after it is another development: these words only
            if after < s:
                continue
            clause, before = text[after:mention.end].strip(" ,;:"), ""
            evidence = clause
        if clause not in words_of:
            words_of[clause] = content_words(clause)
        words = words_of[clause]
        if mention.precision != "year":
            same = by_key[key][0] if key in by_key else None
        else:  # one year: the same development only when the words agree
            i = by_year[key].first(words, min_overlap) if key in by_year else None
            same = None if i is None else by_year[key].events[i]
        if same is None and len(events) >= max_events:
            left_out.append(mention.start)
            continue
        flags = sorted(f for f in mention.flags if f in FLAGS)
        if ordered:
            date_words = [m.text for m in mentions[bisect_left(starts, s):bisect_left(starts, e)]]
        else:
            date_words = [m.text for m in mentions if s <= m.start < e]
        # the mentions of one long sentence often share their clause and its date words
        key_title = (clause, before, tuple(date_words))
        if key_title not in titles:
            titles[key_title] = make_title(clause, before, date_words) or _normalise(clause)
        base = titles[key_title]
        if people is None:
            people = headline.People({}, headline.EMPTY_REGISTRY, src.meta.publisher)
        head = headline.compose(base, clause, people, mention.start,
                                (mention.date, mention.precision),
                                quoted_by=quoted_speaker(text, mention.start, index),
                                text_of_source=text)
        title = head.title
        incident = anchor is not None and (named := headline.incident(
            sentence[anchor[0]:anchor[1]], people)) is not None
        if incident:
            title = named  # type: ignore[assignment]
        if same is not None:
            ev, held = same, seen[id(same)]
            if evidence not in held.evidence:
                held.evidence.add(evidence)
                ev.evidence.append(evidence)
            if sentence not in held.sentences:
                held.sentences.add(sentence)
                ev.sentences.append(sentence)
            if ev.spans[-1] != (s, e):
                ev.spans.append((s, e))
            held.words |= words
            if mention.precision == "year":
                by_year[key].grow(i, words)
            ev.flags = sorted(set(ev.flags) & set(flags))  # the better-dated mention wins
            if not flags and (ev.basis != "explicit" or ev.timex):
                ev.basis, ev.timex = mention.basis, mention.timex
                ev.date_words = mention.text
            mixed = head.speaker != ev.speaker  # several voices: none is named for all
            if not ev.incident and (head.score > ev.score or (
                    head.score == ev.score and len(ev.title.split()) < 5 <= len(title.split()))):
                ev.title, ev.clause, ev.summary = title, clause, head.sentence
                ev.score = head.score
            if mixed:
                ev.speaker = ""
                ev.category = categorise(clause, sentence, code=src.language or "en")
            ev.categories |= categories_of(clause, sentence)
            continue
        own = clause if after is not None else sentence  # a landmark's words are its own
        ls, le = index.lines.start_of(mention.start), index.lines.end_of(mention.end)
        if (ls, le) not in quotes:
            quotes[ls, le] = quotes_in(text[ls:le], max_q)
        ev = Event(
            source=src.key, date=mention.date, precision=mention.precision, status=status,
            title=title, clause=clause, sentence=sentence, summary=head.sentence,
            score=head.score, speaker=head.speaker,
            start=mention.start,
            category=categorise(clause, own, code=src.language or "en"),
            categories=categories_of(clause, own),
            evidence=[evidence], sentences=[sentence], words=words,
            flags=flags, quotes=quotes[ls, le][:keep_quotes], spans=[(s, e)],
            basis=mention.basis, timex=mention.timex, date_words=mention.text,
            incident=incident, landmark=after is not None)
        if incident:
            ev.score, ev.summary = 2, f"{title} took place"
        events.append(ev)
        seen[id(ev)] = _Seen({evidence}, {sentence}, set(words))
        by_key.setdefault(key, []).append(ev)
        if mention.precision == "year":
            by_year.setdefault(key, _ByWords()).add(ev, words)
    for ev in events:
        ev.words = frozenset(seen[id(ev)].words)
    _warn_limits(src, cut, left_out, max_events)
    if not events:
        events = [undated_event(src)]
    return events


def _told_in_passing(text: str, mention, sentence: tuple[int, int], index: TextIndex,
                     prose_end: int, src: Source) -> bool:
    """A date the source tells in passing (:mod:`briefings.ingest.asides`): history of a thing
    it names (to a year or a month: a day is a development's), the year of the war recalled
    years later, or the "today" of another piece's headline shown in its page (told in the
    present, as headlines are: "33 soldiers land in Kosovo today")."""
    s, e = sentence
    if mention.precision != "day" and asides.is_history(
            text[s:e], mention.start - s, mention.end - s):
        return True
    if (mention.precision == "year" and src.published
            and int(src.published[:4]) - mention.date.year >= recalled_years()
            and asides.is_recalled(text[s:e], mention.start - s, mention.end - s)):
        return True
    if getattr(mention, "basis", "") != "relative":
        return False
    ls, le = index.lines.start_of(mention.start), index.lines.end_of(mention.end)
    # the tense of the line alone: a headline's line runs into no sentence around it
    return asides.is_teaser(text, ls, le, prose_end) and context_tense(
        text[ls:le], mention.start - ls, mention.end - ls, date_rules(src.language)) != "past"


def _shares_sentence(mention, starts: list[int], spans: Spans) -> bool:
    """Whether another mention stands in the sentence of ``mention`` (``starts``: the sorted
    starts of every mention)."""
    held = spans.holding(mention.start)
    return held is not None and bisect_left(starts, held[1]) - bisect_left(starts, held[0]) > 1


@dataclass
class _Seen:
    """What one development of :func:`find_events` holds already (sets, for quick lookups)."""

    evidence: set[str]
    sentences: set[str]
    words: set[str]


def _warn_limits(src: Source, cut: list[int], left_out: list[int], max_events: int) -> None:
    """One warning each for the limits of ``data/settings.yaml`` that a source reached."""
    if cut:
        limit = int(settings()["max_sentence_chars"])
        line, col = where(src, cut[0])
        warn(src, line, "W-LONG-SENTENCE",
             f"{len(cut)} date mention(s) are in sentences longer than {limit:,} characters "
             "(no sentence end that long): such a sentence is read in pieces of at most "
             f"{limit:,} characters",
             "check the capture (a list or a table run into one line?); the limit is "
             "max_sentence_chars in briefings/ingest/data/settings.yaml", col)
    if left_out:
        line, col = where(src, left_out[0])
        warn(src, line, "W-TOO-MANY-DEVELOPMENTS",
             f"the source reports more than {max_events:,} developments: the "
             f"{len(left_out):,} date mention(s) of further ones, from here on, are left out",
             "an article reports a few dozen at most: split a compilation into its articles; "
             "the limit is max_developments_per_source in briefings/ingest/data/settings.yaml",
             col)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient of two word sets; 0 when they share fewer words than
    ``merge_min_shared_words`` (one is enough when a set has three words or fewer)."""
    if not a or not b:
        return 0.0
    return coefficient(len(a & b), len(a), len(b), int(settings()["merge_min_shared_words"]))


def coefficient(shared: int, size_a: int, size_b: int, min_shared: int) -> float:
    """:func:`overlap` of two non-empty sets of these sizes that share ``shared`` words."""
    smaller = min(size_a, size_b)
    if shared < min(min_shared, max(1, smaller - 2)):
        return 0.0
    return shared / smaller


class _ByWords:
    """The developments of one year and status in one source (in the order they were found),
    and which hold each word: the first one a mention's words overlap is found from the
    developments that share a word with it, not by comparing it with every one."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.words: list[set[str]] = []
        self.holding: dict[str, list[int]] = {}  # word -> indexes of the developments

    def add(self, ev: Event, words: frozenset[str]) -> None:
        self.events.append(ev)
        self.words.append(set())
        self.grow(len(self.events) - 1, words)

    def grow(self, i: int, words: frozenset[str]) -> None:
        for w in words - self.words[i]:
            self.holding.setdefault(w, []).append(i)
        self.words[i] |= words

    def first(self, words: frozenset[str], min_overlap: float) -> int | None:
        """The index of the first development whose words overlap ``words`` at least
        ``min_overlap`` (as :func:`overlap` measures it)."""
        if min_overlap <= 0 or not words:  # then every development, or none, qualifies
            return 0 if self.events and min_overlap <= 0 else None
        shared: Counter[int] = Counter()
        for w in words:
            shared.update(self.holding.get(w, ()))
        min_shared = int(settings()["merge_min_shared_words"])
        return min((i for i, n in shared.items()
                    if coefficient(n, len(self.words[i]), len(words), min_shared) >= min_overlap),
                   default=None)


def named_days(src: Source) -> frozenset[tuple[int, int]]:
    """The months and days the words of ``src`` name without a year ("on September 29"), read
    as if it were published in a leap year: any year gives the same month and day."""
    from briefings.ingest.dates import find_dates

    spans = Spans(sentences(src.text))
    days = set()
    for m in find_dates(src.text, "2000", src.language):
        if m.date is None or m.precision != "day" or m.publication \
                or m.basis != "publication-year" or m.role != "development":
            continue
        a, b = spans.holding(m.start) or (0, len(src.text))
        if asides.anchor_phrase(src.text[a:b], m.start - a, m.end - a) is None:
            days.add((m.date.month, m.date.day))  # (an earlier incident's day dates no report)
    return frozenset(days)


def undated_event(src: Source) -> Event:
    """The one development of a source with no usable date: the article as a whole."""
    text = src.text
    spans = sentences(text)
    first = next((text[a:b] for a, b in spans if len(text[a:b].split()) >= 6), text[:300])
    title = src.title or make_title(first, "", [])
    max_q = int(settings()["quote_max_words"])
    return Event(
        source=src.key, date=None, precision=None, status=_undated_status(title),
        title=title, clause=first, sentence=first, start=0,
        category=categorise(title, first, text[:2000], code=src.language or "en"),
        categories=categories_of(title, first),
        evidence=[], sentences=[first],
        words=content_words(first), flags=["undated"], quotes=_most_relevant(
            quotes_in(text, max_q, content_words(title)), content_words(title))[:2])


def _most_relevant(quotes: list[tuple[str, str]], words: frozenset[str]) -> list[tuple[str, str]]:
    """Quotes that share most words with ``words`` first (stable otherwise)."""
    return sorted(quotes, key=lambda q: -len(content_words(q[0]) & words))


def _undated_status(title: str) -> str:
    """``planned`` only when the title itself announces it ("… factory planned with …")."""
    return "planned" if re.search(r"(?i)\b(planned|will|plans? to|is set to|to be)\b",
                                  title) else "occurred"


def warn_undated(src: Source) -> None:
    """W-UNDATED when no development of ``src`` has a date."""
    if all(ev.date is None for ev in src.events):
        warn(src, 1, "W-UNDATED", "no date of a development found in the source: its entry "
             "is undated and stays off the timeline",
             "give the publication date in the metadata if it is known, or date the entry "
             "by hand")
