"""Deterministic synthetic corpora for the benchmark.

:func:`generate_content` writes a content tree in the project's schema: ``N`` entry files
(``briefings/<year>/<slug>.md``, undated ones in ``briefings/undated/``) rendered with
:func:`briefings.entryfile.render_entry`, a ``bibliography.bib`` written with bibtexparser 2 and an
``actors.yaml``. :func:`generate_sources` writes raw source articles with ``.meta.yaml`` sidecars
for ``briefings ingest``. The same seed gives the same bytes: everything random comes from one
``random.Random(seed)`` per corpus, and no clock is read.

The mix follows the real chronology: about 70 % day, 20 % month and 10 % year precision, about
5 % planned, about 2 % undated, years 1999-2026 weighted to recent years, 1-3 sources per entry
(sources shared between entries of the same period), bodies of 300-400 words with ``[@key]``
citations, key points and a quote.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefings.bench import vocab
from briefings.entryfile import render_entry
from briefings.model import Entry, Evidence, SourceMeta
from briefings.punctuation import educate
from briefings.schema import CATEGORIES
from briefings.sourcemeta import write_meta

YEARS = list(range(1999, 2027))
#: Fixed "access date" of every generated source: no clock is read.
ACCESSED = "2026-11-01"


@dataclass
class Person:
    key: str
    name: str
    office: str
    org: str
    start: int
    end: int | None


@dataclass
class BibSource:
    key: str
    title: str
    publisher: str
    date: str  # YYYY-MM-DD
    url: str


@dataclass
class Corpus:
    """What :func:`generate_content` wrote (for the other steps and the tests)."""

    root: Path
    entries: list[Path] = field(default_factory=list)
    sources: list[BibSource] = field(default_factory=list)
    actors: dict[str, dict] = field(default_factory=dict)

    @property
    def dated_entries(self) -> list[Path]:
        return [p for p in self.entries if p.parent.name != "undated"]


def slugify(text: str, words: int = 9) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(parts[:words])


# --- actors -------------------------------------------------------------------------------------


def make_people(rng: random.Random, count: int = 60) -> list[Person]:
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < count:
        name = f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
        key = slugify(name)
        if key in seen:
            continue
        seen.add(key)
        office, org = rng.choice(vocab.OFFICES)
        start = rng.randint(1999, 2024)
        end = start + rng.randint(1, 5)
        people.append(Person(key, name, office, org, start, end if end < 2026 else None))
    return people


def actors_registry(people: list[Person]) -> dict[str, dict]:
    data: dict[str, dict] = {}
    for key, (name, kind, aliases) in vocab.FIXED_ACTORS.items():
        data[key] = {"name": name, "kind": kind, "aliases": list(aliases)}
    for p in people:
        office: dict = {"title": p.office, "from": str(p.start)}
        if p.end:
            office["to"] = str(p.end)
        data[p.key] = {"name": p.name, "kind": "person", "aliases": [p.name.split()[-1]],
                       "offices": [office]}
    return data


def write_actors(path: Path, registry: dict[str, dict]) -> None:
    header = "# Synthetic actor registry written by `briefings bench` (briefings/bench).\n"
    text = yaml.safe_dump(registry, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")


# --- dates --------------------------------------------------------------------------------------


def pick_year(rng: random.Random) -> int:
    weights = [1.0 + 0.15 * (y - YEARS[0]) for y in YEARS]
    return rng.choices(YEARS, weights)[0]


def month_name(month: int) -> str:
    return calendar.month_name[month]


def ordinal(n: int) -> str:
    suffix = "th" if 4 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_words(date: dt.date, precision: str, planned: bool) -> str:
    """The words of a source that give ``date`` at ``precision`` (the Date-Evidence text)."""
    if precision == "day":
        text = f"on {date.day} {month_name(date.month)} {date.year}"
    elif precision == "month":
        text = f"in {month_name(date.month)} {date.year}"
    else:
        text = f"in {date.year}"
    return ("is planned " + text) if planned else text


# --- entries ------------------------------------------------------------------------------------


class _EntryMaker:
    def __init__(self, rng: random.Random, people: list[Person]):
        self.rng = rng
        self.people = people
        self.names = {k: ("the " if k in vocab.WITH_ARTICLE else "") + v[0]
                      for k, v in vocab.FIXED_ACTORS.items()}
        self.names.update({p.key: p.name for p in people})
        self.sources: list[BibSource] = []
        self.sources_by_year: dict[int, list[int]] = {}
        self.keys: set[str] = set()
        self.slugs: set[str] = set()

    # sources

    def new_source(self, date: dt.date, title: str) -> BibSource:
        rng = self.rng
        publisher, short, base = rng.choice(vocab.PUBLISHERS)
        slug = slugify(title, 5)
        key = f"{short}-{date.year}-{slug}"
        n = 2
        while key in self.keys:
            key = f"{short}-{date.year}-{slug}-{n}"
            n += 1
        self.keys.add(key)
        pub = date + dt.timedelta(days=rng.randint(0, 3))
        url = f"{base}{slugify(title, 12)}-{rng.randint(1000, 99999)}"
        src = BibSource(key, title, publisher, pub.isoformat(), url)
        self.sources_by_year.setdefault(date.year, []).append(len(self.sources))
        self.sources.append(src)
        return src

    def pick_sources(self, date: dt.date, title: str) -> list[BibSource]:
        rng = self.rng
        count = rng.choices([1, 2, 3], [0.5, 0.35, 0.15])[0]
        chosen: list[BibSource] = [self.new_source(date, title)]
        pool = self.sources_by_year.get(date.year, [])
        while len(chosen) < count:
            if pool and rng.random() < 0.5:
                cand = self.sources[rng.choice(pool)]
            else:
                cand = self.new_source(date, rng.choice(["Report: ", "Update: ", ""]) + title)
            if cand not in chosen:
                chosen.append(cand)
        return chosen

    # text

    def fill(self, template: str, slots: dict[str, str]) -> str:
        """A template filled in, its first letter capitalised (templates are sentences)."""
        text = template.format(**slots)
        return text[:1].upper() + text[1:]

    def slots(self, a: str, b: str, date: dt.date | None) -> dict[str, str]:
        rng = self.rng
        year = date.year if date else 2020
        in_office = [p for p in self.people if p.start <= year and (p.end or 2030) >= year]
        person = rng.choice(in_office or self.people)
        topic, topic2 = rng.sample(vocab.TOPICS, 2)
        c = rng.choice([k for k in vocab.PARTNERS if k not in (a, b)])
        return {
            "a": self.names[a], "b": self.names[b], "c": self.names[c],
            "place": rng.choice(vocab.PLACES), "topic": topic, "topic2": topic2,
            "item": rng.choice(vocab.ITEMS), "exercise": rng.choice(vocab.EXERCISES),
            "agreement": rng.choice(vocab.AGREEMENTS), "mission": rng.choice(vocab.MISSIONS),
            "person": person.name, "office": person.office, "person_key": person.key,
            "event": rng.choice(["meeting", "agreement", "visit", "exercise", "decision",
                                 "announcement", "handover"]),
        }

    def body(self, slots: dict[str, str], keys: list[str], planned: bool, when: str) -> str:
        rng = self.rng
        target = rng.randint(300, 400)

        def cite(n: int = 1) -> str:
            picked = rng.sample(keys, min(n, len(keys)))
            return "[" + "; ".join(f"@{k}" for k in picked) + "]"

        verb = "are expected to advance" if planned else "advanced"
        lead = self.fill("{a} and {b} ", slots) + (f"{verb} their cooperation on "
                f"{slots['topic']} {when}, in {slots['place']} {cite(len(keys))}. "
                f"The {slots['event']} involved the {slots['office']}, {slots['person']}, "
                f"and a delegation from {slots['c']} {cite()}.")
        paragraphs = [lead]
        points = [self.fill(t, slots)[:-1] + " " + cite() + "."
                  for t in rng.sample(vocab.POINTS, 4)]
        quote = (f'> "{self.fill(rng.choice(vocab.QUOTES), slots)}"\n>\n'
                 f"> — {slots['person']}, {slots['office']} {cite()}")
        words = len(lead.split()) + sum(len(p.split()) for p in points) + len(quote.split())
        context: list[str] = []
        templates = list(vocab.SENTENCES_CONTEXT)
        rng.shuffle(templates)
        i = 0
        while words < target and i < len(templates):
            sentence = self.fill(templates[i], slots)
            if rng.random() < 0.4:
                sentence = sentence[:-1] + " " + cite() + "."
            context.append(sentence)
            words += len(sentence.split())
            i += 1
        half = max(1, len(context) // 2)
        paragraphs.append(" ".join(context[:half]))
        text = "\n\n".join(paragraphs)
        text += "\n\n## Key points\n\n" + "\n".join(f"- {p}" for p in points)
        text += "\n\n" + quote
        if context[half:]:
            text += "\n\n" + " ".join(context[half:])
        return text

    def entry(self, index: int) -> tuple[Entry, str]:
        rng = self.rng
        undated = rng.random() < 0.02
        planned = not undated and rng.random() < 0.05
        if planned:
            year = 2026  # announced for later: the last year of the corpus
            precision = rng.choices(["day", "month", "year"], [0.4, 0.5, 0.1])[0]
        else:
            year = pick_year(rng)
            precision = rng.choices(["day", "month", "year"], [0.7, 0.2, 0.1])[0]
        month = rng.randint(1, 12) if precision != "year" else 1
        day = rng.randint(1, calendar.monthrange(year, month)[1]) if precision == "day" else 1
        date = None if undated else dt.date(year, month, day)
        category = rng.choice(list(CATEGORIES))
        a = rng.choice(vocab.MAIN_PARTIES)
        b = rng.choice([k for k in vocab.PARTNERS if k != a])
        slots = self.slots(a, b, date)
        title = self.fill(rng.choice(vocab.TITLES[category]), slots)
        src_date = date or dt.date(pick_year(rng), rng.randint(1, 12), rng.randint(1, 28))
        sources = self.pick_sources(src_date, title)
        keys = [s.key for s in sources]
        when = date_words(date, precision, planned) if date else "at an unspecified date"
        prefix = ({"day": date.isoformat(), "month": date.isoformat()[:7],
                   "year": str(date.year)}[precision] + "-") if date else ""
        slug = base = f"{prefix}{slugify(title)}"
        base_title, n = title, 2
        while slug in self.slugs:  # two developments never share a title and a date
            title, slug = f"{base_title} (round {n})", f"{base}-{n}"
            n += 1
        self.slugs.add(slug)
        actors = [a, b]
        if rng.random() < 0.6:
            actors.append(slots["person_key"])
        flags: list[str] = []
        if undated:
            flags.append("undated")
        if len(sources) == 1:
            flags.append("single-source")
        if date and rng.random() < 0.05:
            flags.append("year-inferred")
        evidence = [Evidence(keys[0], date_words(date, precision, planned))] if date else []
        summary = (self.fill("{a} and {b} ", slots)
                   + f"{'plan to advance' if planned else 'advanced'} their cooperation on "
                   f"{slots['topic']}"
                   + (f" in {slots['place']}." if rng.random() < 0.7 else "."))
        entry = Entry(  # with typographic punctuation, as ingest writes (ingest.write.typeset)
            title=educate(title), slug=slug, category=category, summary=educate(summary),
            sources=keys,
            date=date, date_precision=precision if date else None,
            event_status="planned" if planned else "occurred", actors=actors,
            location=slots["place"] if rng.random() < 0.7 else None, date_evidence=evidence,
            review="reviewed" if rng.random() < 0.3 else "unreviewed", flags=flags,
            body=educate(self.body(slots, keys, planned, when)),
        )
        folder = "undated" if undated else str(year)
        return entry, folder


def write_bibliography(path: Path, sources: list[BibSource]) -> None:
    import bibtexparser
    import bibtexparser.middlewares
    from bibtexparser import model

    library = bibtexparser.Library()
    for s in sources:
        library.add(model.Entry("online", s.key, [
            model.Field("title", s.title),
            model.Field("organization", s.publisher),
            model.Field("date", s.date),
            model.Field("url", s.url),
            model.Field("urldate", ACCESSED),
            model.Field("language", "en"),
        ]))
    # the library is thrown away after writing: let the writer modify it in place (no deep copy)
    stack = bibtexparser.middlewares.default_unparse_stack(allow_inplace_modification=True)
    path.write_text(bibtexparser.write_string(library, unparse_stack=stack), encoding="utf-8")


def generate_content(root: Path, size: int, seed: int = 1) -> Corpus:
    """Write a content tree of ``size`` entries under ``root`` (created; must be empty)."""
    rng = random.Random(f"briefings-bench-content-{seed}")
    root.mkdir(parents=True, exist_ok=True)
    people = make_people(rng)
    registry = actors_registry(people)
    write_actors(root / "actors.yaml", registry)
    maker = _EntryMaker(rng, people)
    corpus = Corpus(root, actors=registry)
    for i in range(size):
        entry, folder = maker.entry(i)
        path = root / "briefings" / folder / f"{entry.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_entry(entry), encoding="utf-8")
        corpus.entries.append(path)
    corpus.sources = maker.sources
    write_bibliography(root / "bibliography.bib", maker.sources)
    pages = root / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "about.md").write_text(
        "Title: About\nSlug: about\n\nA synthetic chronology made by `briefings bench`.\n",
        encoding="utf-8")
    return corpus


# --- raw sources for ingest ---------------------------------------------------------------------


def _source_text(rng: random.Random, maker: _EntryMaker, published: dt.date) -> tuple[str, str]:
    """(title, text of ~600 words) of one raw article published on ``published``."""
    a = rng.choice(vocab.MAIN_PARTIES)
    b = rng.choice([k for k in vocab.PARTNERS if k != a])
    slots = maker.slots(a, b, published)
    category = rng.choice(list(CATEGORIES))
    title = maker.fill(rng.choice(vocab.TITLES[category]), slots)
    past = published - dt.timedelta(days=rng.randint(2, 60))
    future_month = (published.month % 12) + 1
    weekday = vocab.WEEKDAYS[rng.randrange(5)]
    full_forms = [
        f"{month_name(past.month)} {past.day}, {past.year}",
        f"{past.day} {month_name(past.month)} {past.year}",
        f"the {ordinal(past.day)} of {month_name(past.month)} {past.year}",
        f"{past.day:02d}.{past.month:02d}.{past.year}",
    ]
    dated = [
        maker.fill("{a} and {b} ", slots)
        + f"{rng.choice(['met', 'signed the document', 'held talks'])} "
        f"on {month_name(past.month)} {past.day} in {slots['place']}.",
        f"The {slots['event']} was announced yesterday by the {slots['office']}, "
        f"{slots['person']}.",
        f"On {weekday}, officials from {slots['c']} joined the discussions on {slots['topic']}.",
        f"A follow-up plan will be presented in {month_name(future_month)} for approval.",
        f"Earlier this year the two sides had agreed to work on {slots['topic2']}.",
        f"A first agreement on {slots['topic']} dates back to {rng.choice(full_forms)}.",
    ]
    rng.shuffle(dated)
    paras: list[str] = []
    words = 0
    templates = list(vocab.SENTENCES_CONTEXT)
    target = rng.randint(560, 640)
    i = 0
    while words < target:
        sentences = []
        if dated:
            sentences.append(dated.pop())
        for _ in range(rng.randint(2, 4)):
            sentences.append(maker.fill(templates[i % len(templates)], slots))
            i += 1
        if rng.random() < 0.3:
            sentences.append(f'"{maker.fill(rng.choice(vocab.QUOTES), slots)[:-1]}," said '
                             f"{slots['person']}.")
        para = " ".join(sentences)
        paras.append(para)
        words += len(para.split())
    place = rng.choice(["PRISTINA", "Pristina", "TIRANA", "BRUSSELS", "Prishtina"])
    if rng.random() < 0.7:
        paras[0] = f"{place}, {published.day} {month_name(published.month)} {published.year} – " \
            + paras[0]
    return title, "\n\n".join(paras)


def _footer(rng: random.Random, maker: _EntryMaker, published: dt.date) -> list[str]:
    later = published + dt.timedelta(days=rng.randint(30, 900))
    slots = maker.slots("kosovo", "nato", later)
    other = maker.fill(rng.choice(vocab.TITLES["statements"]), slots)
    lines = []
    for template in rng.sample(vocab.BOILERPLATE_FOOTERS, rng.randint(2, 5)):
        lines.append(template.format(
            footer_date=f"{month_name(later.month)} {later.day}, {later.year}",
            footer_year=later.year, other_headline=other))
    return lines


def _html(title: str, header: str, text: str, footer: list[str], published: dt.date) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    foot = "\n".join(f"<p>{f}</p>" for f in footer)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title>"
        f"<meta property=\"article:published_time\" content=\"{published.isoformat()}\">"
        "</head><body>\n"
        f"<nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a> | {header}</nav>\n"
        f"<article><h1>{title}</h1>\n{body}\n</article>\n"
        f"<footer>{foot}</footer>\n</body></html>\n"
    )


def generate_sources(folder: Path, count: int, seed: int = 1,
                     actors: Path | None = None) -> list[Path]:
    """Write ``count`` raw source articles (about 600 words each, 75 % ``.txt``, 10 % ``.md``,
    15 % ``.html``) with ``.meta.yaml`` sidecars into ``folder``. Some metadata is unknown
    (no title, no or month-only publication date), as in real captures. With ``actors``, the
    registry of the actors the articles name is written there."""
    rng = random.Random(f"briefings-bench-sources-{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    people = make_people(rng)
    if actors is not None:
        actors.parent.mkdir(parents=True, exist_ok=True)
        write_actors(actors, actors_registry(people))
    maker = _EntryMaker(rng, people)
    written: list[Path] = []
    for i in range(count):
        year = pick_year(rng)
        published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        publisher, short, base = rng.choice(vocab.PUBLISHERS)
        title, text = _source_text(rng, maker, published)
        header = rng.choice(vocab.BOILERPLATE_HEADERS)
        footer = _footer(rng, maker, published)
        suffix = rng.choices([".txt", ".md", ".html"], [0.75, 0.10, 0.15])[0]
        name = f"{i:05d}-{short}-{slugify(title, 6)}"
        path = folder / f"{name}{suffix}"
        if suffix == ".html":
            content = _html(title, header, text, footer, published)
        elif suffix == ".md":
            content = f"# {title}\n\n{header}\n\n{text}\n\n" + "\n\n".join(footer) + "\n"
        else:
            content = f"{header}\n\n{title}\n\n{text}\n\n" + "\n".join(footer) + "\n"
        path.write_text(content, encoding="utf-8")
        r = rng.random()
        known = published.isoformat() if r < 0.8 else (published.isoformat()[:7] if r < 0.9
                                                        else None)
        write_meta(SourceMeta(
            file=path, url=f"{base}{slugify(title, 10)}-{i}", title=title if rng.random() < 0.8
            else None, publisher=publisher, published=known, accessed=ACCESSED, language="en"))
        written.append(path)
    return written
