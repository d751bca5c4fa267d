"""Stage 9, write: developments become entry files, atomically, and nobody's work is lost.

- An entry is rendered by :func:`briefings.entryfile.render_entry` with its ingest checksum and
  written through a temporary file and ``os.replace``; an unchanged entry is not touched.
- An entry a person edited (:func:`briefings.entryfile.edited_by_person`) is never overwritten:
  it is reported as kept.
- Each development continues the entry :func:`briefings.ingest.merge.attach` found for it, at
  the same address while its date stays the same.
- An entry the tool wrote whose sources were all read again but no longer give it is kept and
  reported (``W-NOT-GIVEN``); ``--retire`` moves such entries to ``content/retired/``. Nothing
  is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefings.entryfile import edited_by_person, read_entry, render_entry
from briefings.ingest.cite import slugify
from briefings.ingest.events import categorise, default_category, keyword_categories
from briefings.ingest.headline import told
from briefings.ingest.merge import LEN, Development, compatible
from briefings.ingest.model import PRECISION_RANK as RANK
from briefings.ingest.model import Event
from briefings.ingest.read import settings
from briefings.ingest.scope import combine as combine_scopes
from briefings.model import Entry, Evidence, display_date
from briefings.problems import WARNING, Problem, display_path
from briefings.punctuation import educate
from briefings.schema import FLAGS

DATE_FLAGS = ("year-inferred", "relative-date")
TITLE_FLAG = "title-needs-review"
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # a BCP 47 tag, nothing else
MD_ESCAPE_RE = re.compile(r"([\\`*_\[\]])")
ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
BLOCK_START_RE = re.compile(r"^(\d+(?=[.)])|)([#>+.)-])")


@dataclass
class Existing:
    entry: Entry
    path: Path
    text: str
    edited: bool


@dataclass
class Outcome:
    new: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited by a person: not overwritten
    moved: list[tuple[Path, Path]] = field(default_factory=list)  # dated anew: (old, new)
    stale: list[Path] = field(default_factory=list)  # its sources no longer give it: kept
    retired: list[tuple[Path, Path]] = field(default_factory=list)  # (old, new) by --retire
    problems: list[Problem] = field(default_factory=list)


def md(text: str) -> str:
    """Plain words (a source's, a publisher's name) as Markdown that shows them as they are:
    escaped once, where they are written, and only where Markdown would read them otherwise
    (emphasis, links, citations, an HTML tag or entity); "a < b" stays as it is."""
    text = MD_ESCAPE_RE.sub(r"\\\1", " ".join(text.split()))
    text = ENTITY_RE.sub("&amp;", text)
    text = TAG_START_RE.sub("&lt;", text)
    text = BLOCK_START_RE.sub(r"\1\\\2", text)  # at a line's start: no heading, list, quote
    return text.replace("\\](", "\\]\\(").replace("@", "&#64;")


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_existing(content: Path) -> tuple[list[Existing], list[Problem]]:
    out, problems = [], []
    base = content / "briefings"
    if not base.exists():
        return out, problems
    for path in sorted(base.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        entry, probs = read_entry(path)
        problems.extend(p for p in probs)
        if entry.is_translation:
            continue  # misplaced (validate: W-TRANSLATION-FILE): a translation, not an entry
        out.append(Existing(entry, path, text, edited_by_person(text)))
    return out, problems


def _upper(text: str) -> str:
    """"the Office of …" at the start of a line; names such as "europ.info" stay as they are."""
    return "T" + text[1:] if text.startswith("the ") else text


#: a page's date metadata that extraction glued before its first sentence ("date 2021-03-09
#: PRISTINA, Kosovo (AP) — …"): not the source's words of the development
CAPTURE_RESIDUE_RE = re.compile(
    r"^\s*(?:date|published|updated|posted)(?:\s+on)?:?\s+\d{4}-\d{2}(?:-\d{2})?\s+(?=\S)",
    re.IGNORECASE)


def quoted(words: str) -> str:
    """Words of a source as quoted (key points, date evidence): without capture residue."""
    return CAPTURE_RESIDUE_RE.sub("", words, count=1)


def evidence_of(e: Event) -> list[Evidence]:
    """A report's date evidence as an entry quotes it (its publication line as it stands)."""
    return [Evidence(e.source, words if e.basis == "publication-line" else quoted(words))
            for words in e.evidence[:3]]


def _publishers(keys: list[str], ctx: Context) -> str:
    """"A, B and C": the publishers of ``keys``, escaped for Markdown."""
    return md(_join([ctx.publishers.get(k, k) for k in keys]))


REPORTED_RE = re.compile(r"^Reported by [^\[]+\[[^\]]*\]\.")


def _reported_by(body: str, sources: list[str], ctx: Context) -> str:
    """The body's opening "Reported by … [@…]." naming every one of ``sources``."""
    cites = "; ".join(f"@{k}" for k in sources)
    return REPORTED_RE.sub(lambda _m: f"Reported by {_publishers(sources, ctx)} [{cites}].",
                           body, count=1)


def _renamed(summary: str, old: list[str], new: list[str], ctx: Context,
             tail_for) -> tuple[str, str | None]:
    """What ingest wrote of who reports it (", according to …; <how sure>.") naming ``new``
    instead of ``old``, its tail passed through ``tail_for``; the tail (None: not found)."""
    said = f", according to {_publishers(old, ctx)}"
    at = summary.rfind(said)
    if at < 0 or not re.fullmatch(r"(?:; [^;]+)?\.", summary[at + len(said):]):
        return summary, None
    tail = tail_for(summary[at + len(said) + 2:-1])
    return (summary[:at] + f", according to {_publishers(new, ctx)}"
            + (f"; {tail}." if tail else ".")), tail


def _unpaired_edges(sentence: str) -> str:
    """``sentence`` without a quotation mark at its start that it never closes, or at its end
    that it never opened: the source's quotation runs on past the sentence, and the key point's
    own marks stand for it (no "““Vizita …")."""
    if sentence[:1] in "“„«" and not any(c in sentence for c in "”»"):
        sentence = sentence[1:]
    end = len(sentence.rstrip(".,;:!?"))
    if sentence[end - 1:end] in ("”", "»") and not any(c in sentence for c in "“„«"):
        sentence = sentence[:end - 1] + sentence[end:]
    return sentence


#: the source's double quotation marks inside a key point's: single ones ("“‘Vizita …’, thuhet”")
NESTED_QUOTES = str.maketrans("“”„", "‘’‚")


def category(lead: Event, title: str) -> str:
    """The lead's category; where none of the keywords of ``data/categories.yaml`` occurs in
    its source's own words (a source in Albanian or Serbian, or words the list lacks), the one
    those keywords find in the English headline, if any ("NATO deploys troops" for a Serbian
    report whose first verb is a reporting one). Here, once the headline is written: the
    headline's frames take their kind from the lead's category."""
    if keyword_categories(lead.clause, lead.sentence):
        return lead.category
    found = categorise(title, code="en")
    return found if found != default_category() else lead.category


def _cap(sentence: str, max_words: int = 60) -> str:
    """A sentence of at most ``max_words`` words (its beginning, marked with an ellipsis),
    as a key point quotes it: without an unpaired quotation mark at its edges, and with its
    own quotations in single marks."""
    sentence = _unpaired_edges(educate(quoted(sentence))).translate(NESTED_QUOTES)
    words = sentence.split()
    return sentence if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def when(date, precision: str | None, status: str) -> str:
    if date is None:
        return "date not known"
    shown = display_date(date, precision)
    return f"planned for {shown}" if status == "planned" else shown


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _order_flags(flags: set[str]) -> list[str]:
    return [f for f in FLAGS if f in flags]


def choose_title(dev: Development) -> Event:
    """The report whose title leads the entry: the most precise, the title that best tells what
    happened (:attr:`Event.score`), of a useful length (five words or more), then the first
    source and the first mention."""
    best = dev.best or dev.events[0]
    return min((e for e in dev.events if e.rank == best.rank), key=_title_key)


def _title_key(e: Event) -> tuple:
    return -e.score, len(e.title.split()) < 5, e.source, e.start


@dataclass
class Context:
    publishers: dict[str, str]  # source key -> publisher (or the key)
    source_flags: dict[str, list[str]]  # source key -> source flags
    speakers: dict[str, str]  # surname -> full name of a registered person
    published: dict[str, str] = field(default_factory=dict)  # source key -> YYYY[-MM[-DD]]
    languages: dict[str, str] = field(default_factory=dict)  # source key -> "sq", "sr-Cyrl" …


def _plain_title(text: str) -> str:
    """A title holds words only: no tag, bracket or brace a source's words carried."""
    return " ".join(re.sub(r"[<>{}\[\]]", "", re.sub(r"<[^>]{0,200}>", "", text)).split())


def compose(dev: Development, ctx: Context) -> Entry:
    """The entry of a development made only of this run's reports."""
    lead = choose_title(dev)
    title = _plain_title(lead.title) or _plain_title(
        f"A development reported by {_join([ctx.publishers[e.source] for e in dev.events[:1]])}")
    events = sorted(dev.events, key=lambda e: (e.source, e.start))
    sources = sorted({e.source for e in events})
    date, precision, status = dev.date, dev.precision, dev.status
    flags: set[str] = set(dev.flags)
    support = [e for e in events if e.date == date and e.precision == precision]
    for e in events:
        flags |= {f for f in e.flags if f not in DATE_FLAGS and f != TITLE_FLAG}
    if TITLE_FLAG in lead.flags:  # the headline's own flag: only when it leads
        flags.add(TITLE_FLAG)
    for f in DATE_FLAGS:
        if support and all(f in e.flags for e in support):
            flags.add(f)
    if len(sources) == 1:
        flags.add("single-source")
    for key in sources:
        if "low-reliability" in ctx.source_flags.get(key, []):
            flags.add("low-reliability")
        if date is None and "publication-date-unknown" in ctx.source_flags.get(key, []):
            flags.add("publication-date-unknown")
    actors: list[str] = []
    for e in [lead, *events]:
        actors.extend(a for a in e.actors if a not in actors)
    location = lead.location or next((e.location for e in events if e.location), None)
    if location:
        location = " ".join(re.sub(r"<[^>]{0,200}>|[<>]", "", location).split()) or None
    evidence: list[Evidence] = []
    for e in events:  # not the other day a source gives (conflicting-dates: the body says it)
        if compatible(e.date, e.precision, date, precision):
            evidence += [item for item in evidence_of(e) if item not in evidence]
    shown = when(date, precision, status)
    summary = summarise(lead, title, shown, sources, ctx, certainty(dev, flags, ctx), status)
    slug = _slug(date, precision, title)
    body = render_body(dating(dev, flags, ctx), events, sources, ctx)
    return Entry(title=title, slug=slug, category=category(lead, title), summary=md(summary),
                 sources=sources, date=date, date_precision=precision, event_status=status,
                 actors=actors, location=location, date_evidence=evidence,
                 scope=combine_scopes([e.scope for e in events]),
                 flags=_order_flags(flags), body=body)


def summarise(lead: Event, title: str, shown: str, sources: list[str], ctx: Context,
              sure: str = "", status: str = "occurred") -> str:
    """One neutral sentence (plain text): what happened, according to whom, and how sure its
    date is (``sure``); a quote only as a quote, attributed; a headline is told in the past,
    or as planned (:func:`headline.told`)."""
    publishers = _join([ctx.publishers[k] for k in sources])
    sentence = " ".join((lead.summary or title).split()).rstrip(".")
    if sentence == " ".join(title.split()).rstrip("."):
        sentence = told(sentence, status)
    tail = f"; {sure}." if sure else "."
    if sentence.endswith("\u201d"):  # "Who: “…”"
        return f"{sentence} ({shown}){tail}" if sentence.startswith(publishers) else \
            f"{sentence} ({shown}), according to {publishers}{tail}"
    if lead.speaker and len(sources) == 1 and not sentence.startswith(lead.speaker):
        return f"{sentence} ({shown}), according to {lead.speaker}, as published by " \
            f"{publishers}{tail}"
    return f"{sentence} ({shown}), according to {publishers}{tail}"


def certainty(dev: Development, flags: set[str], ctx: Context) -> str:
    """How sure the date of a development is, in a few words for its summary: who gives it,
    and the words it is worked out from when they are relative or lack the year."""
    best = dev.best
    if dev.date is None or best is None:
        return ""  # "(date not known)" says it
    if "conflicting-dates" in flags:
        return "the sources disagree on the date"
    pub = _shown_published(ctx.published.get(best.source))
    words = " ".join(best.date_words.split())
    quoted = f" (\u201c{words}\u201d)" if 0 < len(words) <= 40 else ""
    if "year-inferred" in flags:
        return f"the year is inferred from the publication date ({pub})" if \
            best.basis != "text-year" else "the year is inferred from the article's other dates"
    if "relative-date" in flags:
        return f"the date is worked out from relative words{quoted} and the publication date " \
            f"({pub})" if best.basis == "relative" else \
            f"the date is worked out from relative words{quoted}"
    giving = [k for k, d, p in dev.source_dates() if (d, p) == (dev.date, dev.precision)]
    return _giving(giving, dev.sources, ctx, dev.precision)


def _giving(giving: list[str], cited: list[str], ctx: Context, precision: str | None) -> str:
    """"both give the date", "RKS News gives only the month": which of the cited sources
    give the entry's date themselves."""
    if len(giving) == len(cited) or not giving:
        who = {1: "the source gives", 2: "both give"}.get(len(cited), f"all {len(cited)} give")
    elif len(giving) == 1:
        who = re.sub(r"\s*\([^)]*\)", "", ctx.publishers.get(giving[0], giving[0])) + " gives"
    else:
        who = f"{len(giving)} of them give"
    return f"{who} only the {precision}" if precision in ("month", "year") else \
        f"{who} the date"


#: the summary's words on a date a source did not give outright (see :func:`certainty`)
INFERRED_TAILS = ("the date is worked out", "the year is inferred")
GIVING_RE = re.compile(r"(?:the source gives|both give|all \d+ give|\d+ of them give|[^;]+ gives)"
                       r" (?:only the (?:month|year)|the date)$")


def _slug(date, precision: str | None, title: str) -> str:
    words = slugify(title, 8, drop_stop=True) or "development"
    if date is None:
        return words
    n = {"day": 10, "month": 7, "year": 4}[precision or "day"]
    return f"{date.isoformat()[:n]}-{words}"


def _shown_published(value: str | None) -> str:
    if not value:
        return "not known"
    from briefings.dates_util import partial_to_date

    return display_date(*partial_to_date(value))


def _period_words(timex: str) -> str:
    """"2024-W07" -> "a week", "2024-Q3" -> "a quarter", "PRESENT_REF" -> "the present"."""
    if timex == "PRESENT_REF":
        return "the present"
    if timex.endswith("-WE"):
        return "a weekend"
    for mark, words in (("-W", "a week"), ("-Q", "a quarter"), ("-H", "a half year")):
        if mark in timex:
            return words
    return "a season"


def dating(dev: Development, flags: set[str], ctx: Context) -> str:
    """How the entry is dated, in words a reviewer can check (cited)."""
    best = dev.best
    if best is None:
        days = sorted({md for e in dev.events for md in e.month_days})
        named = f" {NAMED_DAYS.format(_join([_day(*md) for md in days]))}" if days else ""
        return "None of the sources dates this development." + named
    # the words that give the date are shown with the entry's evidence: only what a reader
    # needs to weigh them is said here
    pub = _shown_published(ctx.published.get(best.source))
    text = ""
    if "year-inferred" in best.flags and best.basis == "text-year":
        text += " The source's words give no year: it is taken from the article's own dates " \
            "around them."
    elif "year-inferred" in best.flags:
        text += f" The source's words give no year: it is taken from the publication date ({pub})."
    if "relative-date" in best.flags and best.basis == "anchored":
        text += " The source's words are relative: they count from a date it gives."
    elif "relative-date" in best.flags and best.basis == "duration":
        text += (f" The source's words count years back from the publication date ({pub}): the "
                 "year is approximate.")
    elif "relative-date" in best.flags:
        text += (" The source's words are relative: they are read against the publication date "
                 f"({pub}).")
    if best.timex and dev.precision:
        text += (f" The words name {_period_words(best.timex)} ({best.timex}): the entry is "
                 f"dated by the {dev.precision} that holds it.")
    if dev.status == "planned":
        text += " At the time of the report it was planned."
    return (text + _source_dates(dev, ctx)).strip()


#: an undated entry's words on the days its source names with no year (see :func:`days_named_in`)
NAMED_DAYS = "Its words name {} without a year."
_NAMED_DAYS_RE = re.compile(re.escape(NAMED_DAYS).replace(r"\{\}", "(.+?)"))


def _day(month: int, day: int) -> str:
    return display_date(dt.date(2000, month, day), "day").rsplit(" ", 1)[0]  # "29 September"


def days_named_in(body: str) -> frozenset[tuple[int, int]]:
    """The months and days an undated entry's account says its source names with no year (as
    :func:`dating` writes them), for a later run to find the development of that day."""
    found = _NAMED_DAYS_RE.search(body)
    if found is None:
        return frozenset()
    days = set()
    for words in re.split(r", | and ", found.group(1)):
        try:
            when = dt.datetime.strptime(f"{words} 2000", "%d %B %Y")
        except ValueError:
            continue
        days.add((when.month, when.day))
    return frozenset(days)


def _source_dates(dev: Development, ctx: Context) -> str:
    """Which source gives which date, when several date it or others give another day."""
    def says(key: str, date, precision: str) -> str:
        return f"{md(ctx.publishers[key])}: {display_date(date, precision)}"

    text = ""
    given = dev.source_dates()
    if len({(d, p) for _k, d, p in given}) > 1:  # they differ (in precision, at least)
        text += " The date each source gives: " + "; ".join(
            [says(*x) + f" [@{x[0]}]" for x in given]) + "."
    dated = {x[0] for x in given}
    silent = [k for k in dev.sources if k not in dated]
    if silent and dated:
        text += " " + _upper(_join([md(ctx.publishers[k]) for k in sorted(silent)])) + (
            " report it without a date of their own." if len(silent) > 1 else
            " reports it without a date of its own.")
    if dev.disagree:
        text += (" Sources disagree on the day: reports that read alike, in another entry, "
                 "give " + "; ".join(says(*x) for x in dev.disagree) + ".")
    return text


def render_body(dated: str, events: list[Event], sources: list[str], ctx: Context) -> str:
    cites = "; ".join(f"@{k}" for k in sources)
    out = [f"Reported by {_publishers(sources, ctx)} [{cites}]. {dated}".rstrip(), ""]
    checks = [(e.source, c) for e in events for c in e.checks]
    if checks:
        out += ["To check:", ""]
        out += [f"- {md(c)} [@{k}]" for k, c in dict.fromkeys(checks)]
        out.append("")
    out += ["Key points:", ""]
    per_source: dict[str, int] = {}
    limit = int(settings()["key_points_per_source"])
    seen: set[str] = set()
    for e in events:
        for sentence in e.sentences:
            if sentence in seen or per_source.get(e.source, 0) >= limit:
                continue
            seen.add(sentence)
            per_source[e.source] = per_source.get(e.source, 0) + 1
            who = _upper(ctx.publishers[e.source])
            if e.speaker:
                who = f"{e.speaker}, as published by {ctx.publishers[e.source]}"
            who = md(who)
            out.append(f"- {who}: \u201c{md(_cap(sentence))}\u201d [@{e.source}]")
    quoted: set[str] = set()
    for e in events:
        for quote, surname in e.quotes[:1]:
            if quote in quoted:
                continue
            quoted.add(quote)
            who = ctx.speakers.get(surname) or (surname if " " in surname else "")
            by = md(f"{who}, quoted by {ctx.publishers[e.source]}" if who else
                    f"quoted by {ctx.publishers[e.source]}")
            out += ["", f"> \u201c{md(educate(quote).translate(NESTED_QUOTES))}\u201d"]
            lang = ctx.languages.get(e.source, "")
            if LANG_RE.match(lang):  # the quote keeps the source's words: say their language
                out.append(f'> {{: lang="{lang}" }}')
            out += [">", f"> \u2014 {by} [@{e.source}]"]
    return "\n".join(out)


def extend_seed(dev: Development, ctx: Context) -> Entry | None:
    """A seed entry with the reports of sources it does not cite yet; ``None`` when none."""
    seed = dev.seed
    assert seed is not None
    fresh = [e for e in sorted(dev.events, key=lambda e: (e.source, e.start))
             if e.source not in seed.sources]
    if not fresh:
        return None
    sources = list(seed.sources)
    evidence = list(seed.date_evidence)
    actors = list(seed.actors)
    flags = set(seed.flags)
    for e in fresh:
        if e.source not in sources:
            sources.append(e.source)
        evidence += [item for item in evidence_of(e) if item not in evidence]
        actors.extend(a for a in e.actors if a not in actors)
        flags |= {f for f in e.flags if f not in DATE_FLAGS and f != "undated"}
    if len(sources) > 1:
        flags.discard("single-source")
    # a new source that gives a finer date inside the entry's (the day of its month): the entry
    # takes it, as a merged development takes the most precise date a source supports
    date, precision = seed.date, seed.date_precision
    finer = [e for e in fresh if e.date is not None and date is not None and e.precision
             and RANK.get(e.precision, 3) < RANK.get(precision or "", 3)
             and e.date.isoformat()[:LEN[precision or "day"]] ==
             date.isoformat()[:LEN[precision or "day"]]]
    if finer:
        best = min(finer, key=lambda e: RANK[e.precision or "day"])
        date, precision = best.date, best.precision
        flags -= set(DATE_FLAGS)
        flags |= {f for f in best.flags if f in DATE_FLAGS}
    # new sources a day away from the entry's day (merge.attach): the day more sources give
    other = [] if finer else _other_day(seed, fresh)
    if other:
        flags.add("conflicting-dates")
        if _day_votes(other) > _seed_votes(seed, ctx):
            finer = other  # the entry takes their day, as a finer date, and says who gives which
            date, precision = other[0].date, "day"
            flags -= set(DATE_FLAGS)
            flags |= {f for e in other for f in e.flags if f in DATE_FLAGS}

        def gives(x: Evidence) -> tuple[dt.date, str]:
            e = next((e for e in fresh if x in evidence_of(e)), None)
            return (e.date, e.precision or "day") if e is not None and e.date is not None \
                else _given(seed, x.source, ctx)

        # the date evidence is of the day it is dated by (the account says who gives which)
        evidence = [x for x in evidence if compatible(*gives(x), date, precision)]
    # a new source that gives the entry's date outright: no longer inferred or relative
    outright = [e for e in fresh if (e.date, e.precision) == (date, precision)
                and not set(e.flags) & set(DATE_FLAGS)]
    if outright:
        flags -= set(DATE_FLAGS)
    done = [e for e in fresh if e.status == "occurred" and e.date == date]
    status = "occurred" if seed.event_status == "planned" and done else seed.event_status
    # What ingest itself wrote about who reports it now names every source.
    giving = ({e.source for e in fresh if (e.date, e.precision) == (date, precision)} if finer
              else {x.source for x in evidence}) if date else set()
    counted = _giving([k for k in sources if k in giving], sources, ctx, precision)
    if other:  # as certainty() says of a development merged in one run
        counted = "the sources disagree on the date"
    title = seed.title
    summary, tail = _renamed(  # who gives the date: counted again with the new sources
        seed.summary, seed.sources, sources, ctx,
        lambda t: counted if GIVING_RE.match(t) or finer
        or (outright and t.startswith(INFERRED_TAILS)) else t)
    lead = min(finer, key=_title_key, default=None)
    if lead is not None and lead.score >= 2 and TITLE_FLAG not in lead.flags:
        # the day's own reports tell it better than the month's source: their headline leads
        title = lead.title
        summary = md(summarise(lead, title, when(date, precision, status), sources, ctx,
                               counted, status))
    elif finer:  # "(March 2025)" -> "(18 March 2025)"
        summary = summary.replace(f"({when(seed.date, seed.date_precision, seed.event_status)})",
                                  f"({when(date, precision, seed.event_status)})", 1)
    first, sep, rest = _reported_by(seed.body.rstrip("\n"), sources, ctx).partition("\n\n")
    if status != seed.event_status:
        # a plan's day, reported done by a later source: told as done, in that source's words
        lead = max(done, key=lambda e: e.score)
        if TITLE_FLAG not in lead.flags and tail is not None:
            title = lead.title
            summary = md(summarise(lead, title, when(date, precision, status),
                                   sources, ctx, counted if outright else tail, status))
        first = first.replace(" At the time of the report it was planned.", "") + \
            " It was announced as planned; a later report says it happened."
    if other:  # each source's own day, read again from its words; said once
        first = _SAID_RE.sub("", first)
        said = [f"{md(ctx.publishers.get(k, k))}: {display_date(*_given(seed, k, ctx))} [@{k}]"
                for k in dict.fromkeys(x.source for x in seed.date_evidence)]
        said += [f"{md(ctx.publishers[e.source])}: {display_date(e.date, e.precision)} "
                 f"[@{e.source}]" for e in sorted(fresh, key=lambda e: e.source)
                 if e.date is not None and e.precision is not None
                 and (e in other or compatible(e.date, e.precision, date, precision))]
        first += " The date each source gives: " + "; ".join(dict.fromkeys(said)) + "."
    elif finer:  # which source gives which date, as for a development merged in one run
        said = [f"{md(ctx.publishers.get(k, k))}: {display_date(seed.date, seed.date_precision)}"
                f" [@{k}]" for k in seed.sources if k in {x.source for x in seed.date_evidence}]
        said += [f"{md(ctx.publishers[e.source])}: {display_date(e.date, e.precision)} "
                 f"[@{e.source}]" for e in finer]
        first += " The date each source gives: " + "; ".join(dict.fromkeys(said)) + "."
    lines = [first + sep + rest, ""]
    for e in fresh:
        lines.append(f"- Also reported by {md(ctx.publishers[e.source])}: "
                     f"\u201c{md(_cap(e.sentences[0]))}\u201d [@{e.source}]")
    slug = _slug(date, precision, title) if finer else seed.slug
    return Entry(title=title, slug=slug, category=seed.category, summary=summary,
                 sources=sources, date=date, date_precision=precision,
                 event_status=status, actors=actors, location=seed.location,
                 date_evidence=evidence,
                 scope=combine_scopes([seed.scope, *(e.scope for e in fresh)]),
                 review=seed.review, flags=_order_flags(flags),
                 body="\n".join(lines), extra=seed.extra)


def _other_day(seed: Entry, fresh: list[Event]) -> list[Event]:
    """The new reports dating the entry's development a day or so from the entry's day, one
    per source (merge.attach joins them: sources that disagree by a day)."""
    if seed.date is None or seed.date_precision != "day":
        return []
    near = dt.timedelta(days=int(settings()["merge_conflict_days"]))
    days = [e for e in fresh if e.date is not None and e.precision == "day"
            and e.date != seed.date and abs(e.date - seed.date) <= near]
    if len({e.date for e in days}) != 1:
        return []
    return list({e.source: e for e in reversed(days)}.values())


#: the account's sentence on which source gives which date (at the end of its first paragraph)
_SAID_RE = re.compile(r" The date each source gives: .*\Z", re.S)


def _given(seed: Entry, key: str, ctx: Context) -> tuple[dt.date, str]:
    """The date a source's evidence of ``seed`` gives (the entry's, at the finest precision
    its words support), read again from its words."""
    from briefings.ingest.dates import find_dates

    assert seed.date is not None
    best = (seed.date, seed.date_precision or "day")
    found = [(m.date, m.precision) for x in seed.date_evidence if x.source == key
             for m in find_dates(x.text, ctx.published.get(key), ctx.languages.get(key))
             if compatible(m.date, m.precision, seed.date, seed.date_precision)]
    return min(found, key=lambda t: -RANK.get(t[1], 3)) if found else best


def _day_votes(reports: list[Event]) -> tuple[int, int, int]:
    """As merge._votes: how many sources give the day, how many outright, the earlier first."""
    sure = sum(1 for e in reports if not set(e.flags) & set(DATE_FLAGS)
               and e.basis == "explicit")
    assert reports[0].date is not None
    return len(reports), sure, -reports[0].date.toordinal()


def _seed_votes(seed: Entry, ctx: Context) -> tuple[int, int, int]:
    """The same count for the day of an entry: its sources whose date evidence gives that day
    (read again from the words, in each source's language and with its publication date)."""
    from briefings.ingest.dates import find_dates

    assert seed.date is not None
    given: dict[str, bool] = {}
    for x in seed.date_evidence:
        for m in find_dates(x.text, ctx.published.get(x.source), ctx.languages.get(x.source)):
            if m.date == seed.date and m.precision == "day":
                sure = m.basis == "explicit" and not set(m.flags) & set(DATE_FLAGS)
                given[x.source] = given.get(x.source, False) or sure
    return len(given), sum(given.values()), -seed.date.toordinal()


def with_absorbed(entry: Entry, absorbed: list[Entry], ctx: Context) -> Entry:
    """``entry`` citing also the sources of the undated entries it takes in (merge.absorb):
    each one's headline kept as a key point, its flags that still hold, its actors."""
    sources, flags, actors = list(entry.sources), set(entry.flags), list(entry.actors)
    lines = []
    for u in absorbed:
        sources += [k for k in u.sources if k not in sources]
        actors += [a for a in u.actors if a not in actors]
        flags |= {f for f in u.flags if f not in (*DATE_FLAGS, "undated", "single-source",
                                                   TITLE_FLAG)}
        cites = "; ".join(f"@{k}" for k in u.sources)
        # a headline drafted without all its parts is no key point: the source's words are
        told = _first_quote(u.body) if TITLE_FLAG in u.flags else None
        lines.append(f"- Also reported by {_publishers(u.sources, ctx)}, without a date of its "
                     f"own: \u201c{told or md(u.title)}\u201d [{cites}]")
    if len(sources) > 1:
        flags.discard("single-source")
    giving = [k for k in sources if k in {x.source for x in entry.date_evidence}]
    summary, _tail = _renamed(  # they do not date it: who gives the date, counted again
        entry.summary, entry.sources, sources, ctx,
        lambda t: _giving(giving, sources, ctx, entry.date_precision)
        if entry.date is not None and GIVING_RE.match(t) else t)
    body = _reported_by(entry.body, sources, ctx).rstrip("\n") + "\n\n" + "\n".join(lines)
    return replace(entry, sources=sources, flags=_order_flags(flags), actors=actors,
                   summary=summary, body=body)


def with_joined(entry: Entry, joined: list[Entry], ctx: Context) -> Entry:
    """``entry`` and the dated entries of its development a day or so away (merge.bridge) as
    one entry: every source, dated by the day more of them give (then more outright, then the
    earlier), flagged ``conflicting-dates`` when the days differ; the entry of that day leads
    (headline, summary, account), each other one is kept as a key point, the date evidence is
    of that day, and the account says which source gives which date."""
    every = [entry, *joined]
    votes: dict[dt.date, list[int]] = {}
    for u in every:
        n, sure, _day = _seed_votes(u, ctx)
        assert u.date is not None
        v = votes.setdefault(u.date, [0, 0])
        v[0], v[1] = v[0] + n, v[1] + sure
    day = max(votes, key=lambda d: (votes[d][0], votes[d][1], -d.toordinal()))
    lead = next(u for u in every if u.date == day)
    rest = [u for u in every if u is not lead]
    sources = list(dict.fromkeys(k for u in [lead, *rest] for k in u.sources))
    actors = list(dict.fromkeys(a for u in [lead, *rest] for a in u.actors))
    flags = set(lead.flags)
    for u in rest:
        flags |= {f for f in u.flags if f not in (*DATE_FLAGS, "single-source", TITLE_FLAG)}
    flags.discard("single-source")
    conflict = len(votes) > 1
    if conflict:
        flags.add("conflicting-dates")
    given = {x.source: _given(u, x.source, ctx) for u in every for x in u.date_evidence}
    evidence = [x for u in [lead, *rest] for x in u.date_evidence
                if compatible(*given[x.source], day, "day")]
    summary, _tail = _renamed(lead.summary, lead.sources, sources, ctx,
                              lambda t: "the sources disagree on the date" if conflict else t)
    first, sep, tail = _reported_by(lead.body.rstrip("\n"), sources, ctx).partition("\n\n")
    if conflict:
        said = [f"{md(ctx.publishers.get(k, k))}: {display_date(*given[k])} [@{k}]"
                for k in sources if k in given]
        first = _SAID_RE.sub("", first) + " The date each source gives: " + "; ".join(said) + "."
    lines = [first + sep + tail, ""]
    for u in rest:
        cites = "; ".join(f"@{k}" for k in u.sources)
        lines.append(f"- Also reported by {_publishers(u.sources, ctx)}: "
                     f"\u201c{_first_quote(u.body) or md(u.title)}\u201d [{cites}]")
    return replace(lead, sources=sources, actors=actors, flags=_order_flags(flags),
                   date_evidence=evidence, summary=summary, body="\n".join(lines),
                   review=entry.review, extra=entry.extra,
                   scope=combine_scopes([u.scope for u in every]))


def _first_quote(body: str) -> str | None:
    """The words an entry's first key point quotes from its source, as written there."""
    point = next((line for line in body.splitlines() if line.startswith("- ")), "")
    found = re.search("\u201c(.+)\u201d", point)
    return found.group(1) if found else None


def entry_path(content: Path, entry: Entry) -> Path:
    folder = str(entry.date.year) if entry.date else "undated"
    return content / "briefings" / folder / f"{entry.slug}.md"


def write_all(content: Path, devs: list[Development], existing: list[Existing],
              run_sources: set[str], ctx: Context, retire: bool = False) -> Outcome:
    """Write every development; keep what a person edited; keep, and report, the entries the
    tool wrote whose sources were all read again and no longer give them (``retire`` moves
    those to ``content/retired/``)."""
    out = Outcome()
    by_path = {x.path: x for x in existing}
    used: set[Path] = set(by_path)  # a new entry never takes the path of another
    claimed: set[Path] = set()

    def emit(dev: Development, path: Path, entry: Entry) -> None:
        if dev.absorbed:  # undated entries of earlier runs that report it: taken in, moved
            entry = with_absorbed(entry, dev.absorbed, ctx)
        _write(path, typeset(entry), out, by_path)
        for u in dev.absorbed + dev.joined:
            if u.path is not None and u.path != path and u.path.exists():
                u.path.unlink()
                out.moved.append((u.path, path))

    for dev in devs:
        x = by_path[dev.seed.path] if dev.seed is not None and dev.seed.path else None
        if x is not None:
            claimed.add(x.path)
        claimed.update(u.path for u in dev.absorbed + dev.joined if u.path)
        if x is not None and x.edited:
            out.kept.append(x.path)
            new = [k for k in dev.sources if k not in x.entry.sources]
            if new:
                out.problems.append(Problem(
                    display_path(x.path), 1, "W-EDITED-KEPT",
                    "a person edited this entry, so ingest did not add " + ", ".join(new)
                    + " to it", "add the new source by hand if it fits", WARNING))
            continue
        if x is not None and not set(x.entry.sources) <= run_sources:
            entry = extend_seed(dev, ctx)  # it cites sources not read now: add the new ones
            if entry is None and (dev.absorbed or dev.joined):
                entry = x.entry  # only entries of earlier runs to take in
            if entry is not None and dev.joined:  # their day, or the entry's: the votes say
                entry = with_joined(entry, dev.joined, ctx)
            if entry is None:
                out.unchanged.append(x.path)
            elif entry.slug != x.entry.slug:  # a finer date: the entry moves to its address
                path = _free_path(content, entry, used)
                emit(dev, path, entry)
                x.path.unlink()
                out.moved.append((x.path, path))
            else:
                emit(dev, x.path, entry)
            continue
        entry = compose(dev, ctx)
        if dev.joined:
            entry = with_joined(entry, dev.joined, ctx)
        path = entry_path(content, entry)
        if x is not None and path != x.path:
            if (entry.date, entry.date_precision) == (x.entry.date, x.entry.date_precision):
                entry.slug, path = x.entry.slug, x.path  # same development: same address
            else:  # ingest now dates it otherwise: the entry moves to its new address
                path = _free_path(content, entry, used)
                emit(dev, path, entry)
                x.path.unlink()
                out.moved.append((x.path, path))
                continue
        elif x is None:
            path = _free_path(content, entry, used)
        used.add(path)
        emit(dev, path, entry)
    for x in existing:
        if x.path in claimed or x.edited or not set(x.entry.sources) <= run_sources:
            continue
        if retire:
            dest = content / "retired" / x.path.relative_to(content / "briefings")
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(x.path, dest)
            out.retired.append((x.path, dest))
            continue
        out.stale.append(x.path)
        out.problems.append(Problem(
            display_path(x.path), 1, "W-NOT-GIVEN",
            "the sources this entry cites were read again and no longer give this "
            "development; it is kept", "check it against its sources; edit it to keep it, or "
            "run 'briefings ingest --retire' to move such entries to content/retired/",
            WARNING))
    return out


def _free_path(content: Path, entry: Entry, used: set[Path]) -> Path:
    """The entry's path, its slug numbered (``-2``, ``-3`` …) past every path in ``used``."""
    path = entry_path(content, entry)
    n = 1
    while path in used:
        n += 1
        entry.slug = f"{_slug(entry.date, entry.date_precision, entry.title)}-{n}"
        path = entry_path(content, entry)
    used.add(path)
    return path


#: a line of attributes (``> {: lang="sq" }``): its quotes are Markdown's, not the text's
ATTR_LIST_RE = re.compile(r"^(?:> ?)*\{:[^}]*\}\s*$")


def typeset(entry: Entry) -> Entry:
    """``entry`` with typographic quotes, dashes and ellipses in its title, summary and text
    (smarty's rules: :func:`briefings.punctuation.educate`), as the site shows them; the
    date evidence stays the source's words exactly."""
    body = "\n".join(line if ATTR_LIST_RE.match(line) else educate(line)
                     for line in entry.body.split("\n"))
    return replace(entry, title=educate(entry.title), summary=educate(entry.summary),
                   body=body)


def _write(path: Path, entry: Entry, out: Outcome, by_path: dict[Path, Existing]) -> None:
    text = render_entry(entry, with_checksum=True)
    old = by_path.get(path)
    if old is not None and old.text == text:
        out.unchanged.append(path)
        return
    if old is not None and old.edited:
        out.kept.append(path)
        out.problems.append(Problem(display_path(path), 1, "W-EDITED-KEPT",
                                    "a person edited this entry; ingest did not overwrite it",
                                    "compare it with the sources by hand", WARNING))
        return
    atomic_write(path, text)
    (out.updated if old is not None else out.new).append(path)
