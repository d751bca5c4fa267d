"""Stage 6, headlines (continued), event frames: an English headline from the parts of a
development, whatever the language of its source.

A frame is who acted (actors of the registry, named before the verb), the kind of development
(the event lexicon of the source's language, ``data/<code>/events.yaml``), the counterpart (named
after it), the object ("55 armoured vehicles") and the place. :func:`settle` gives each
development of a source its headline:

1. an English clause that :mod:`.headline` made into "subject verb …" and that passes the
   headline checks is kept;
2. else the fullest frame of its clause, its sentence or (for the development an article leads
   with) the article's own title, written in English (``data/titles.yaml``, ``event_kinds``);
3. else, flagged ``title-needs-review``: the frame completed from the actors of the development
   and the kind its category implies; for English, the clause rewritten to headline form; a
   complete frame around the verb of the date; the object the kind implies; the officials of
   the countries the entry names (:func:`_fallback`, :func:`_more`). Never a fragment, never a
   title in another language; "<publisher> reports a development in …" only when none of
   these can be written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

import yaml

from briefings.headline_checks import failures
from briefings.ingest import headline
from briefings.ingest.actors import TO_LATIN, fold, mentions, tag
from briefings.ingest.model import Event, Source
from briefings.ingest.read import settings

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "sq", "sr")
REVIEW = "title-needs-review"
#: Days from its publication within which a development is an article's news.
NEWS_DAYS = 31
#: Characters of a clause, sentence or title read for a frame.
MAX_CHARS = 600
NOISE_RE = re.compile(r"\((?:[^()]|\([^()]*\))*\)|^\s*date\s+[\d-]+", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    objects: tuple[tuple[str, re.Pattern[str]], ...]
    place_before: re.Pattern[str]  # a place preposition right before an actor
    joins: re.Pattern[str]  # the words between two actors named together
    from_before: re.Pattern[str]  # "from" right before an actor
    script: dict[int, str]  # another script's letters -> this lexicon's (str.translate)
    speech: re.Pattern[str]  # verbs of saying: the name right before one is who spoke
    pronouns: frozenset[str]
    dated_document: re.Pattern[str] | None = None  # "the agreement of @" ("@": the date)
    dated_objects: tuple[tuple[str, re.Pattern[str]], ...] = ()  # "a summit": read first


def _words(patterns: list[str]) -> re.Pattern[str]:
    # not inside a compound either ("NATO-trained" is no training)
    return re.compile(r"(?<![a-z0-9-])(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


@cache
def lexicon(code: str) -> Lexicon:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built with it
    data = yaml.load((DATA / code / "events.yaml").read_text(encoding="utf-8"), Loader=loader)
    kinds = tuple((k, _words(v)) for k, v in data["kinds"].items())
    unknown = [k for k, _rx in kinds if k not in headline.rules()["event_kinds"]]
    if unknown:
        raise ValueError(f"{DATA / code / 'events.yaml'}: kinds not in titles.yaml: {unknown}")
    objects = tuple((k, _words(v)) for k, v in data["objects"].items())
    preps = "|".join(re.escape(p) for p in data["place_prepositions"])
    joins = "|".join(re.escape(w) for w in data["and_words"])
    froms = "|".join(re.escape(w) for w in data["from_words"])
    return Lexicon(kinds, objects, re.compile(rf"(?<![a-z0-9])(?:{preps})\s+$"),
                   re.compile(rf"(?:,|(?<![a-z0-9])(?:{joins}))\s*$"),
                   re.compile(rf"(?<![a-z0-9])(?:{froms})\s+(?:the\s+)?$"), _script(data),
                   _words(data["speech_verbs"]), frozenset(data["pronouns"]),
                   re.compile("|".join(f"(?:{p})" for p in data["dated_document"]))
                   if data.get("dated_document") else None,
                   tuple((k, _words(v)) for k, v in (data.get("dated_objects") or {}).items()))


def _script(data: dict) -> dict[int, str]:
    return TO_LATIN if "Cyrillic" in (data.get("scripts") or []) else {}


def code_of(language: str | None) -> str:
    """The lexicon of a source's language ("sr-Cyrl" -> "sr"); English when it has none."""
    code = (language or "en")[:2].lower()
    return code if code in LANGUAGES else "en"


@dataclass
class Frame:
    kind: str | None = None
    subject: list[str] = field(default_factory=list)  # actor keys
    counterpart: list[str] = field(default_factory=list)
    place: str | None = None  # actor key
    obj: str | None = None  # English noun phrase, with its number

    @property
    def parts(self) -> int:
        return (2 * bool(self.kind) + 2 * bool(self.subject) + bool(self.counterpart)
                + bool(self.obj) + bool(self.place))

    @property
    def complete(self) -> bool:
        """Who, what, and with whom or what (an object only where the kind takes one)."""
        if not (self.kind and self.subject):
            return False
        spec = headline.rules()["event_kinds"][self.kind]
        link = spec["with"]
        if link is None:  # the counterpart is not said: the object must be
            return bool(self.obj)
        if link not in ("", "with") and not (self.obj or spec.get("object")):
            return False  # "receives from …": the object is wanting
        return bool(self.counterpart or (self.obj and (link != "" or spec.get("objects"))))


_CLAUSE_END_RE = re.compile(r"[,;:()–—]|\.\s")


def _incident_spans(folded: str) -> list[tuple[int, int]]:
    """Where words naming an earlier incident stand in ``folded`` (asides' ``anchor`` words, up
    to the end of their clause)."""
    from briefings.ingest import asides

    rx = asides.words()["anchor"]
    out = []
    for m in rx.finditer(folded) if rx is not None else ():
        stop = _CLAUSE_END_RE.search(folded, m.end())
        out.append((m.start(), stop.start() if stop else len(folded)))
    return out


def _prepare(text: str, lex: Lexicon) -> tuple[str, str]:
    """``(text, folded)``: the first characters of ``text`` in Latin letters, what is in
    brackets blanked (offsets kept), and the same folded to lower-case ASCII."""
    text = text[:MAX_CHARS].translate(lex.script)  # parts are near the start; and in Latin
    # what is in brackets (agency tags, acronyms) and capture residue ("date 2021-10") says
    # nothing about who acted: blanked, so that offsets stay those of the text
    text = NOISE_RE.sub(lambda m: " " * len(m.group(0)), text)
    return text, fold(text).lower()  # the offsets of actors.mentions are into fold(text)


QUOTED_RE = re.compile(r"[\"“„«]([^\"“”„«»]{3,300})[\"”“»]")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes someone within its words (not when the quote is most of it)."""
    spans = [(m.start(1), m.end(1)) for m in QUOTED_RE.finditer(text)]
    if sum(b - a for a, b in spans) > 0.6 * len(text.strip()):
        return []
    return spans


def verbs_in(text: str, code: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of every word of ``text`` the lexicon of ``code`` knows as a
    kind of development, in the order of the text (a sentence may report several)."""
    lex = lexicon(code)
    _text, folded = _prepare(text, lex)
    found = {(m.start(), m.end(), kind) for kind, rx in lex.kinds for m in rx.finditer(folded)}
    return [(kind, start, end) for start, end, kind in sorted(found)]


def find(text: str, code: str, people: headline.People,
         kind_at: tuple[str, int, int] | None = None, keep: str = "") -> Frame:
    """The frame of ``text`` (a clause, a sentence or a title in language ``code``); around
    the verb ``kind_at`` (one of :func:`verbs_in`) when given, else around the likeliest. A
    quote within ``text`` is not read for the verb, unless it holds ``keep`` (the words the
    development is dated by)."""
    lex = lexicon(code)
    text, folded = _prepare(text, lex)
    frame = Frame()
    verb = (len(folded), len(folded))
    kinds = headline.rules()["event_kinds"]
    ranked = []
    quoted = _quoted_spans(text)
    i = text.find(keep.strip(" \"“”„«»")[:40]) if keep else -1
    quoted = [(a, b) for a, b in quoted if not a <= i < b]
    for kind, rx in lex.kinds:
        # the words of someone the text quotes ("… the best the US can offer") are no verb of
        # the development it reports
        m = next((m for m in rx.finditer(folded)
                  if not any(a <= m.start() < b for a, b in quoted)), None)
        if m:  # a kind that takes some objects only is likelier when one is named
            takes = kinds[kind].get("objects")
            fits = takes is None or _object(folded, 0, lex, takes) is not None
            ranked.append((not fits, m.start(), kind, m.end()))
    if kind_at:
        ranked = [(False, kind_at[1], kind_at[0], kind_at[2])]
    if ranked:
        _fits, start, frame.kind, end = min(ranked)
        verb = (start, end)
    found = []
    for start, key in mentions(text, people.reg) if people.reg.keys else []:
        actor = people.actors[key]
        at_place = actor.kind == "place" or (actor.kind == "country" and bool(
            lex.place_before.search(folded[max(0, start - 12):start])))
        found.append((start, key, at_place))
    # a place in words naming an earlier incident ("after the attack in Banjska") is the
    # incident's, not where this development happened
    incident = _incident_spans(folded)
    places = [k for s, k, p in found if p and not any(a <= s < b for a, b in incident)]
    frame.place = places[0] if places else None
    before = [(s, k) for s, k, p in found if not p and s < verb[0]]
    if not any(a <= verb[0] < b for a, b in quoted):  # not who the quote names
        before = [(s, k) for s, k in before if not any(a <= s < b for a, b in quoted)]
    if kind_at and before:  # a verb further on: those named together nearest before it
        j = len(before) - 1
        while j and len(folded[before[j - 1][0]:before[j][0]].split()) <= 5 \
                and lex.joins.search(folded[before[j - 1][0]:before[j][0]]):
            j -= 1
        before = before[j:]
    after = [(s, k) for s, k, p in found if not p and s >= verb[1]]
    # a long opening phrase ends at a comma: who acts is named after it ("After weeks of
    # bombing led by the US, …, NATO troops entered"), when anyone is
    comma = folded.rfind(", ", 0, verb[0])
    if frame.kind and not kind_at and comma > 0 and len(folded[:comma].split()) >= 8 and (
            any(s > comma for s, _k in before) or _NEW_SUBJECT_RE.match(folded, comma + 2)):
        before = [(s, k) for s, k in before if s > comma]  # none: it names no actor
    people_before = [(s, k) for s, k in before if people.actors[k].kind == "person"]
    if people_before:
        frame.subject = [people_before[-1][1]]
    elif before:
        frame.subject = _joined(before, folded, lex)
    if not frame.subject:
        frame.subject = _speaker(text, folded, lex)
    if not frame.subject and frame.kind and after and len(folded[:verb[0]].split()) <= 1:
        # "Visit of X to Kosovo", "Vizita e X": the noun opens the words, its actor follows;
        # "Vizita e Sekretarit të NATO-s, Mark Rutte": the person an office of X is held by
        first = after[0]
        if len(after) > 1 and people.actors[after[1][1]].kind == "person" \
                and people.actors[first[1]].kind != "person" \
                and len(folded[first[0]:after[1][0]].split()) <= 4:
            first = after[1]
        frame.subject, after = [first[1]], [a for a in after if a[0] > first[0]]
    if frame.kind and kinds[frame.kind].get("from"):  # "receives … from X": X after "from"
        after = [(s, k) for s, k in after if lex.from_before.search(folded[max(0, s - 8):s])]
    frame.counterpart = [k for k in _joined(after, folded, lex) if k not in frame.subject]
    if frame.kind and kinds[frame.kind].get("to_place"):  # "deploys troops to Kosovo"
        # where they go is named after the verb ("after the attack in Banjska" is not it)
        onward = [k for s, k, p in found if p and s >= verb[1]]
        frame.place = onward[0] if onward else None
        frame.counterpart = [frame.place] if frame.place else []
    if frame.kind and kinds[frame.kind].get("place_first") and frame.place:
        frame.counterpart = [frame.place]  # "visits Kosovo", before whom it names there
    if frame.place in frame.counterpart or frame.place in frame.subject:
        frame.place = None
    frame.counterpart = [k for k in frame.counterpart if k not in frame.subject]
    takes = headline.rules()["event_kinds"].get(frame.kind or "", {}).get("objects")
    frame.obj = _object(folded, verb[1] if frame.kind else 0, lex, takes)
    return frame


#: A clause after a comma whose subject is a noun no actor names ("…, as the territory prepares
#: to adopt …"): the actors before the comma do not act
_NEW_SUBJECT_RE = re.compile(r"(?i)(?:as|while|when|and|but)\s+(?:the|its|their|this)\s+\w+")

#: A name as a source writes it: one to three capitalised words, at the end of the text before.
NAME_BEFORE_RE = re.compile(r"((?:[A-ZÀ-ÖØ-ÞČĆĐŠŽ][\w’'-]+\s+){1,3})$")


def _speaker(text: str, folded: str, lex: Lexicon) -> list[str]:
    """``["=Name"]``: a person the registry does not know, named right before a verb of saying
    ("Vuçiq tha se …"), as the source writes the name; ``[]`` when there is none."""
    from briefings.ingest.events import stopwords

    m = lex.speech.search(folded)
    if not m:
        return []
    run = NAME_BEFORE_RE.search(text[:m.start()])
    if not run:
        return []
    words = run.group(1).split()
    while words and words[0].casefold().strip("’'") in stopwords():
        words.pop(0)  # "Yesterday Petrović said": the opening word is no part of the name
    if not words or any(w.casefold().strip("’'") in stopwords()
                        or fold(w).casefold() in lex.pronouns for w in words):
        return []  # "He said", "Ai tha": a pronoun, not a name
    return ["=" + " ".join(words)]


def _joined(found: list[tuple[int, str]], folded: str, lex: Lexicon) -> list[str]:
    """The first actor of ``found`` and those named together with it ("A, B and C")."""
    keys = [k for _s, k in found[:1]]
    for (s1, _k1), (s2, k2) in pairwise(found):
        between = folded[s1:s2]  # the first name, then "," or "and" right before the next
        if len(between.split()) > 5 or not lex.joins.search(between):
            break
        if k2 not in keys:
            keys.append(k2)
    return keys


def _object(folded: str, start: int, lex: Lexicon, takes: list[str] | None) -> str | None:
    """The English object the words after ``start`` (else anywhere) name, with its number;
    only one of ``takes`` when given (a kind of development takes some objects only)."""
    for lo in (start, 0):
        best: tuple[int, str, int] | None = None
        for english, rx in lex.objects:
            if takes is not None and english not in takes:
                continue
            m = rx.search(folded, lo)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), english, m.end())
        if best:
            num = re.search(r"(?<![\d.,])(\d[\d.,]*\d|\d)\s+(?:[a-z-]+\s+)?$",
                            folded[max(0, best[0] - 20):best[0]])
            if num and not re.fullmatch(r"(?:19|20)\d\d", num.group(1)):
                noun = re.sub(r"^(?:an?|its)\s+", "", best[1])
                if best[1] in headline.rules().get("ordinal_objects", []) \
                        and num.group(1).isdigit():
                    return f"the {_ordinal(int(num.group(1)))} {noun}"  # "25 vjetori"
                return num.group(1) + " " + noun
            return best[1]
    return None


def _bare(obj: str) -> str:
    """An object without its article and number: "the 25th anniversary" -> "anniversary"."""
    return re.sub(r"^(?:(?:an?|its|the)\s+)?(?:[\d.,]+(?:st|nd|rd|th)?\s+)?", "", obj)


def _ordinal(n: int) -> str:
    """25 -> "25th": a number before a singular noun counts its kind (an anniversary)."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- writing -------------------------------------------------------------------------------


def _name(key: str, people: headline.People, at: tuple[dt.date, str] | None,
          offices: bool) -> str:
    if key.startswith("="):  # not in the registry: as the source writes it
        return key[1:]
    actor = people.actors[key]
    if actor.kind == "person":
        return people.label(key, at, offices)
    if any(re.search(p, actor.name) for p in headline.rules()["definite_names"]):
        return f"the {actor.name}"
    return actor.name


def _join(names: list[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def render(frame: Frame, people: headline.People,
           at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """``(title, sentence)``: the headline (present tense) and the same in the past tense, for
    the summary; shortened to ``frame_max_chars`` by dropping offices, then the place."""
    spec = headline.rules()["event_kinds"][frame.kind or "announce"]
    limit = int(headline.rules()["frame_max_chars"])

    def make(offices: bool, place: bool, tense: str) -> str:
        subject = _join([_name(k, people, at, offices) for k in frame.subject])
        verb = spec["past"] if tense == "past" else (
            spec["plural"] if len(frame.subject) > 1 else spec["verb"])
        words = [subject, verb]
        obj = frame.obj or spec.get("object")
        if obj and (spec["with"] != "" or spec.get("objects")):  # "meets", "visits": none
            words.append(obj)
        if frame.counterpart and spec["with"] is not None:
            words += [spec["with"], _join([_name(k, people, at, offices)
                                           for k in frame.counterpart])]
        if place and frame.place and frame.place not in frame.counterpart:
            words.append("in " + _name(frame.place, people, at, offices))
        text = " ".join(w for w in words if w)
        return text[:1].upper() + text[1:]

    title = make(True, True, "present")
    for offices, place in ((False, True), (False, False)):
        if len(title) > limit:
            title = make(offices, place, "present")
    return title, make(True, True, "past")


# --- the policy ----------------------------------------------------------------------------


def _good(title: str) -> bool:
    return bool(title) and not failures(title)


def settle(src: Source, people: headline.People) -> None:
    """Give every development of ``src`` an English headline (see the module's docstring);
    a headline made without all its parts is flagged ``title-needs-review`` and scores below
    every other, so that a report of the same development by another source leads."""
    from briefings.ingest.events import first_kind  # events imports this module

    code = code_of(src.language)
    drafted = {id(ev): (ev.title, ev.summary, ev.score, list(ev.flags)) for ev in src.events}
    for ev in src.events:
        texts = _own_words(ev, code)
        ev.kind = next((k for t in texts if t and (k := first_kind(t, code))), None)
        own = [find(t, code, people, keep=texts[0]) for t in texts if t]
        ev.obj = next((f.obj for f in own if f.obj), None)
        _settle(ev, src, code, people, own)
        _own_headline(ev, src, people)
    # two days of one source with one headline (the article's own, as a rule): it stays with
    # the day whose words name its kind; the other is drafted again from its own words
    alike: dict[str, list[Event]] = {}
    for ev in src.events:
        if ev.date is not None:
            alike.setdefault(ev.title, []).append(ev)
    for same in alike.values():
        if len({(e.date, e.precision) for e in same}) < 2:
            continue
        kind = first_kind(same[0].title, "en")
        keep = next((e for e in same if e.kind == kind), same[0])
        for ev in same:
            if ev is not keep:
                ev.title, ev.summary, ev.score, ev.flags = drafted[id(ev)]
                _settle(ev, replace(src, title=None), code, people)  # as if it had none
                _own_headline(ev, src, people)


_SINCE_PASSIVE = re.compile(r"^(?P<x>.+?) ha(?:s|ve) been (?P<pp>[a-z]+) by (?P<y>.+)$")
_SINCE_STATE = re.compile(r"^(?P<x>.+?) ha(?:s|ve) been (?P<rest>(?:a|an|the|part of) .+)$")
_SINCE_ACTIVE = re.compile(r"^(?P<x>.+?) ha(?:s|ve) (?P<pp>[a-z]+) (?P<rest>.+)$")


#: verbs of a state a force or body keeps ("has been run by …"), by their past participle
_STATE_VERBS = {"run": "run", "led": "lead", "held": "hold", "kept": "keep", "built": "build",
                "administered": "administer", "governed": "govern", "hosted": "host",
                "stationed": "station", "deployed": "deploy", "trained": "train",
                "supported": "support", "protected": "protect", "secured": "secure",
                "patrolled": "patrol", "controlled": "control", "guarded": "guard",
                "funded": "fund", "equipped": "equip", "based": "base", "used": "use",
                "occupied": "occupy", "monitored": "monitor", "commanded": "command",
                "managed": "manage", "operated": "operate", "served": "serve",
                "maintained": "maintain", "provided": "provide", "assisted": "assist"}


def since_start(title: str, sentence: str = "") -> tuple[str, str] | None:
    """A state a source dates with "since" told as its start: "Kosovo has been run by the UN"
    -> "The UN begins to run Kosovo", "X has been a member" -> "X becomes a member";
    ``(headline, summary)``, or ``None`` when the words are no such state (or its verb is not
    one of :data:`_STATE_VERBS`)."""
    if (m := _SINCE_PASSIVE.match(title)) and m["pp"] in _STATE_VERBS:
        y, verb, x = m["y"], _STATE_VERBS[m["pp"]], m["x"]
        y = "The " + y[4:] if y.startswith("the ") else y[:1].upper() + y[1:]
        x = x[:1].lower() + x[1:] if x.startswith(("The ", "A ")) else x
        word = x.split(" ", 1)[0]
        if word[:1].isupper() and re.search(rf"\b(?i:the) {re.escape(word.lower())}\b", sentence):
            x = "the " + x[:1].lower() + x[1:]  # "Province" the title took "the" from
        return f"{y} begins to {verb} {x}", f"{y} began to {verb} {x}"
    if m := _SINCE_STATE.match(title):
        return f"{m['x']} becomes {m['rest']}", f"{m['x']} became {m['rest']}"
    if (m := _SINCE_ACTIVE.match(title)) and m["pp"] in _STATE_VERBS:
        verb = _STATE_VERBS[m["pp"]]
        return f"{m['x']} begins to {verb} {m['rest']}", f"{m['x']} began to {verb} {m['rest']}"
    return None


def _own_headline(ev: Event, src: Source, people: headline.People) -> None:
    """A title that is the source's own headline in sentence case (and told as what happened
    when it names a document); any other "was operational" as "becomes operational"."""
    # the source's own headline, as it wrote it (its date taken out, perhaps)
    if src.title and ev.title and ev.title in src.title \
            and len(ev.title) >= 0.6 * len(src.title):
        own = ev.title
        ev.title = sentence_case(ev.title, src.text, people)
        if ev.summary == own:
            ev.summary = ev.title
        ev.title, ev.summary = document_headline(ev.title, ev.summary)
    else:
        ev.title = becomes(ev.title)
    started = since_start(ev.title, ev.sentence) if re.match(r"(?i)since\b", ev.date_words) \
        else None
    if started and code_of(src.language) == "en":
        ev.title, ev.summary = started


def document_headline(title: str, summary: str) -> tuple[str, str]:
    """"Ambassador's remarks for Defender Europe 23 outreach day" -> "Ambassador speaks at
    Defender Europe 23 outreach day": a headline naming a document told as what happened
    (``document_headlines`` of ``data/titles.yaml``), its summary in the past."""
    for rx, rule in _document_rules():
        m = rx.match(title)
        if m:
            parts = {k: v.strip(" ,;:") for k, v in m.groupdict().items()}
            made = rule["title"].format(**parts)
            return made[:1].upper() + made[1:], \
                (rule["summary"].format(**parts) if summary == title else summary)
    return title, summary


@cache
def _document_rules() -> tuple[tuple[re.Pattern[str], dict], ...]:
    return tuple((re.compile(r["pattern"], re.IGNORECASE), r)
                 for r in headline.rules()["document_headlines"])


def becomes(title: str) -> str:
    """"Task Force Falcon headquarters was operational at …" -> "… becomes operational at …":
    a state a development brings about, told in a headline's present."""
    return _become_re().sub(
        lambda m: f"{m.group(1)} {'becomes' if m.group(2) == 'was' else 'become'} ", title,
        count=1)


@cache
def _become_re() -> re.Pattern[str]:
    states = "|".join(re.escape(a) for a in headline.rules()["become_adjectives"])
    return re.compile(rf"^([A-Z][^,;:]{{2,80}}?)\s+(was|were)\s+(?=(?:{states})\b)")


#: A word capitalised as Title Case capitalises it ("Says", "To", "Troops")
_CAPITALISED_RE = re.compile(r"[A-Z][a-z’']+")
_PUNCT = ",:;.!?\"“”'’()"


def sentence_case(title: str, text: str, people: headline.People | None = None) -> str:
    """"NATO Says It Will Send More Troops To Kosovo" -> "NATO says it will send more troops
    to Kosovo": a headline in Title Case (an English source's own) as the chronology writes
    headlines. A word keeps its capital when it belongs to the name of an actor the title
    names (the registry's), or when the source writes it with a capital after a sentence's
    first word and never in lower case (a name the registry lacks: "Bondsteel")."""
    words = title.split()
    if len(words) < 4:
        return title
    cores = [w.strip(_PUNCT) for w in words[1:]]
    caps = [c for c in cores if _CAPITALISED_RE.fullmatch(c)]
    small = [c for c in cores if c[:1].islower()]
    if len(caps) < 3 or len(small) > len(caps) // 3:
        return title  # not Title Case: its capitals are names
    keep: set[str] = set()
    if people is not None and people.reg.keys:
        for key in tag(title, people.reg):
            actor = people.actors.get(key)
            if actor is not None:
                for name in (actor.name, *actor.aliases):
                    keep.update(w.strip(_PUNCT) for w in name.split())
    text = text.replace(title, " ")  # the page's own headline, in the text, is no evidence
    lower = {w.lower() for w in re.findall(r"\b[a-z][a-z’']+\b", text)}
    named = set(re.findall(r"(?<=[a-z,;] )([A-Z][a-z’']+)\b", text))

    def one(word: str) -> str:
        core = word.strip(_PUNCT)
        if not _CAPITALISED_RE.fullmatch(core) or core in keep or \
                (core in named and core.lower() not in lower):
            return word
        return word.replace(core, core.lower(), 1)

    return " ".join([words[0], *(one(w) for w in words[1:])])


#: the function words a date's words may open with ("of the 1996", "iz 1996.", "në korrik")
LEAD_WORDS_RE = re.compile(r"(?:(?:of|the|The|in|In|on|On|at|from|during|iz|od|u|na|e|i|të|së|"
                           r"te|se|në|ne|më|me|vitit|vitin)\s+){0,3}")


def dated_document(ev: Event, src: Source, code: str) -> Frame | None:
    """The document a date names ("the agreement of 1996", "marrëveshja e vitit 1996"): a
    frame of its signing or adoption (``dated_document_kinds`` of ``data/titles.yaml``), no
    one named; ``None`` when the date's words are not such a document's."""
    lex = lexicon(code)
    end = ev.start + len(ev.date_words)
    if lex.dated_document is None or not ev.date_words or not src.text \
            or src.text[ev.start:end] != ev.date_words or verbs_in(ev.date_words, code):
        return None  # (words counting from a development name no document: "after the signing")
    # the date's own leading words ("of the", "iz") read as what comes before it
    lead = LEAD_WORDS_RE.match(ev.date_words)
    before = src.text[max(0, ev.start - 80):ev.start] + (lead.group(0) if lead else "")
    around = " ".join(fold(before.translate(lex.script)).lower().split()) + " @ " + \
        " ".join(fold(src.text[end:end + 60].translate(lex.script)).lower().split())
    found = lex.dated_document.search(around)
    if found is None:
        return None
    named = around[found.start():].replace(" @ ", " ")  # the document, what follows it
    obj = next((name for name, rx in (*lex.dated_objects, *lex.objects)
                if ((m := rx.search(named, 0, 120))
                and m.start() <= len(" ".join(named.split()[:2])))
                or rx.search(found.group(0))), None)
    kind = headline.rules()["dated_document_kinds"].get(obj)
    return Frame(kind, obj=obj) if kind else None


def _settle(ev: Event, src: Source, code: str, people: headline.People,
            own: list[Frame] | None = None) -> None:
    """Head ``ev``; ``own``: the frames of its own words (:func:`_own_words`), if made."""
    from briefings.ingest.events import first_kind  # events imports this module

    if ev.incident:  # an earlier incident its date names: titled as the incident
        return
    at = (ev.date, ev.precision) if ev.date and ev.precision else people.published
    doc = dated_document(ev, src, code)
    if doc is not None and ev.clause:
        doc.place = find(ev.clause, code, people).place  # "… signed in Tirana"
    if doc is not None and code == "en" and (first_kind(ev.title, "en") != doc.kind
                                             or _names_first(ev.title, doc.obj or "")):
        return _document(ev, doc, people, at)
    cut = _cut(ev.title, ev.clause)
    if code == "en" and ev.score >= 2 and _good(ev.title) and not cut:
        return
    if code == "en" and ev.date is None and ev.title == src.title and not src.title_inferred \
            and _good(ev.title) and _sentence_like(ev.title):
        ev.score = 2  # an English article's own headline, for the article as a whole
        return
    if own is None:
        texts = _own_words(ev, code)
        own = [find(t, code, people, keep=texts[0]) for t in texts if t]
    frames = list(own)
    if src.title and _news_of(ev, people) \
            and not any(f.complete for f in frames):
        frames.append(find(src.title, code, people))  # the article's headline tells its news
    if ev.clause and frames[0].kind:  # the verb of the date's own clause tells what happened
        frames = [f for f in frames if f.kind == frames[0].kind]
    best = max(frames, key=lambda f: f.parts, default=Frame())
    if doc is not None and not (best.complete and best.kind == doc.kind):
        return _document(ev, doc, people, at)
    if code == "en" and cut and ev.score >= 2 and _good(ev.title) and not best.complete:
        ev.title, ev.summary = _uncut(ev.title), _uncut(ev.summary)
        return
    if best.complete:
        title, sentence = render(best, people, at)
        if _good(title):
            if any(k.startswith("=") for k in best.subject):
                ev.flags = sorted(set(ev.flags) | {"unknown-actor"})
            # a planned development is not told in the past
            ev.title, ev.summary, ev.score = title, title if ev.status == "planned" \
                else sentence, 2
            ev.flags = sorted(set(ev.flags) - {REVIEW})
            return
    ev.flags = sorted(set(ev.flags) | {REVIEW})
    ev.score = -1
    if code == "en" and not cut:
        for candidate in (_progressive(_headline_form(ev.title)), _rewrite(ev.title)):
            if _good(candidate) and _sentence_like(candidate) and not _quote(candidate):
                ev.title = candidate
                ev.summary = ev.summary if candidate == ev.title else candidate
                return
    title, sentence = _fallback(best, ev, src, people, at)
    ev.title, ev.summary = title, title if ev.status == "planned" else sentence


def _own_words(ev: Event, code: str) -> list[str]:
    """The clause and sentence of a development, without the verb of the one its date counts
    from ("four days after the signing, the text was published": no signing)."""
    texts = [ev.clause, ev.sentence]
    if ev.date_words and verbs_in(ev.date_words, code):
        # words kept as words ("·"), so that the verb after them does not open the clause
        masked = re.sub(r"\S", "·", ev.date_words)
        texts = [t.replace(ev.date_words, masked) if t else t for t in texts]
    return texts


def _names_first(title: str, obj: str) -> bool:
    """Whether ``title`` opens with the document ``obj`` ("Declaration signed in Tirana commits
    …"): what the sentence says of the document is not the development its date dates."""
    noun = obj.split()[-1:] or [""]
    return bool(noun[0]) and re.match(
        rf"(?i)(?:the |a |an )?(?:[\w’'-]+ ){{0,3}}?{re.escape(noun[0].rstrip('s'))}s?\b",
        title) is not None


def _document(ev: Event, doc: Frame, people: headline.People,
              at: tuple[dt.date, str] | None) -> None:
    """The date is the document's, whoever the sentence says spoke of it."""
    title, sentence = _passive(doc, people, at, ev.status == "planned")
    ev.title, ev.summary, ev.score = title, title if ev.status == "planned" else sentence, 2
    ev.flags = sorted(set(ev.flags) - {REVIEW})


def _cut(title: str, clause: str) -> bool:
    """Whether ``title`` was cut short at ``title_max_words`` in the middle of a phrase: the
    words of ``clause`` after its last words go on in lower case ("… first ever international
    peacekeeping mission"), not with a quote's end or a reporting frame."""
    words = title.split()
    if len(words) < int(settings()["title_max_words"]) - 2:
        return False
    tail = " ".join(words[-3:])
    i = clause.find(tail)
    return i >= 0 and bool(re.match(r"\s+[a-z]", clause[i + len(tail):]))


#: prepositions a title cut at its word limit may end before ("… began | under the …")
PHRASE_OPENERS = frozenset({"under", "with", "in", "for", "at", "to", "from", "by", "after",
                            "during", "on", "as", "within", "between", "through", "about"})


def _uncut(title: str) -> str:
    """A title cut inside a phrase, ended before that phrase's preposition when a verb and six
    words come before it ("… (KSF) begins under the instructions and assistance" -> "… begins")."""
    words = title.split()
    verbs = headline.verb_forms() | {"begins", "becomes"}
    at = max((i for i, w in enumerate(words) if w.lower() in PHRASE_OPENERS
              and any(x.lower() in verbs for x in words[:i])), default=0)
    return " ".join(words[:at]).rstrip(",;:") if at >= 6 else title


def _news_of(ev: Event, people: headline.People) -> bool:
    """Whether ``ev`` is what the article reports as news: undated, or dated within a month
    of its publication (older developments are its background)."""
    if ev.date is None:
        return True
    if people.published is None:
        return False
    return abs((ev.date - people.published[0]).days) <= NEWS_DAYS


def _rewrite(title: str) -> str:
    """An English clause to headline form: an opening prepositional phrase and a reporting
    tail taken off ("Following the signing of X, Y happened" -> "Y happened")."""
    text = re.sub(r"^(?:[A-Z]\w*\s+)?(?:[^,]{0,80}),\s+(?=[A-Z])", "", title) \
        if headline.PREPOSITIONS & {title.split(" ", 1)[0].casefold()} else title
    text = re.sub(r",?\s+(?:the\s+)?\w+\s+said\s*(?:\(\s*\))?$", "", text)
    text = re.sub(r"\(\s*\)", "", text)
    return " ".join(text.split())


def _headline_form(title: str) -> str:
    """"Task Force Falcon was formed" -> "Task Force Falcon formed": a passive in the past
    told as headlines tell it, without its auxiliary."""
    return re.sub(r"^((?:[A-Z][\w’'-]*\s+)(?:\d{1,3}(?:,\d{3})+-[\w-]+\s+|[\w’'()-]+\s+)"
                  r"{0,6}?)(?:was|were)\s+"
                  r"((?:\w+ly\s+)?\w+(?:ed|en|un|wn|lt|nt)\b)", r"\1\2", title)


def _sentence_like(title: str) -> bool:
    """A headline has a subject: it does not open with a verb or an auxiliary, and says more
    than that someone spoke ("Cohen said here")."""
    if re.search(r"\b(?:said|says|told|added|stated)(?:\s+\w+)?$", title):
        return False
    if re.match(r"^[A-Z][a-z]+ed\s+(?:by|to|in|with|as|from|at)\b", title):
        return False  # "Replaced by …": a participle, no subject
    first = title.split(" ", 1)[0].casefold()
    return first not in headline.SUBJECT_STOP and first not in headline.verb_forms() \
        and (first[:1].isdigit() or title[:1].isupper())


def _quote(title: str) -> bool:
    """Whether ``title`` is the source's words in quotation marks (``Who: “…”``), which
    headline.compose writes when it finds no subject and verb: no headline."""
    return bool(re.search(r"(?:^|:\s)\u201c.*\u201d$", title))


def _fallback(best: Frame, ev: Event, src: Source, people: headline.People,
              at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """What the parts allow, in this order: the object and what was done ("Defence
    cooperation declaration signed"); an unnamed actor ("A delegation visits the Kosovo
    Security Force"); the actors the sentences name with the kind (its category's when the
    words give none); for English, the sentence without its opening phrase as a headline."""
    frame = Frame(best.kind, list(best.subject), list(best.counterpart), best.place, best.obj)
    if not frame.kind and frame.obj:  # the kind its object implies ("troops": deployed)
        frame.kind = next((kind for obj, kind in headline.rules()["object_kinds"].items()
                           if _bare(frame.obj).endswith(_bare(obj))), None)
    if not frame.kind:
        frame.kind = headline.rules()["category_kinds"].get(ev.category, "announce")
    spec = headline.rules()["event_kinds"][frame.kind]
    if frame.obj and spec.get("objects") is not None and frame.obj.split(" ", 1)[-1] not in {
            o.split(" ", 1)[-1] for o in spec["objects"]}:
        frame.obj = None  # found for no kind: not one this kind takes
    taken = {*frame.counterpart, frame.place}
    named = tag(" ".join(ev.sentences), people.reg) if people.reg.keys else []
    known = [k for k in named if k in people.actors and k not in taken
             and people.actors[k].kind not in ("place",)]
    candidates = []
    signers = [k for k in frame.counterpart if people.actors.get(k) is not None
               and people.actors[k].kind == "country"]
    if not frame.subject and spec["with"] == "with" and len(signers) > 1:
        # "… signed by the ministers of A, B and C": those named together after the verb
        candidates.append(render(Frame(frame.kind, signers, [], frame.place, frame.obj),
                                 people, at))
    if not frame.subject:
        # only an object the source names ("its presence" needs its owner)
        if frame.obj and spec["with"] != "" and not frame.obj.startswith("its "):
            obj = _named_object(ev, src, frame.obj) or frame.obj
            candidates.append(_passive(Frame(frame.kind, [], frame.counterpart, frame.place,
                                             obj), people, at, ev.status == "planned"))
        if spec.get("unnamed") and (frame.counterpart or len(known) > 1):
            unnamed = Frame(frame.kind, [], frame.counterpart or known[:4], frame.place)
            candidates.append(_unnamed(unnamed, spec, people, at))
    if code_of(src.language) == "en":
        candidates.append(_english(ev, people, at))
    # a complete frame around another verb names who acted; a guess from the sentence does not
    candidates += [render(f, people, at) for f in _other_frames(ev, src, people) if f.complete]
    if not frame.subject and known and spec["with"] is None and frame.obj:
        frame.subject = known[:1]  # who speaks: "… announces additional forces"
    if frame.subject and frame.complete and not best.kind and frame.kind == "announce" \
            and (frame.obj or "").endswith("declaration"):
        # no verb, a declaration of someone: a statement it issues ("Deklaratë nga …")
        candidates.append(_statement(frame, known, people, at))
    if frame.subject and frame.complete:
        candidates.append(render(frame, people, at))
    if code_of(src.language) == "en" and src.title and not src.title_inferred \
            and _news_of(ev, people):
        # the article's own headline, for the news it reports (flagged for review)
        candidates.append((src.title, src.title))
    for title, sentence in candidates:
        if _good(title) and _sentence_like(title) and len(title.split()) >= 3:
            return title, sentence
    for title, sentence in _more(best, ev, src, people, at):
        if _good(title) and _sentence_like(title) and len(title.split()) >= 3:
            return title, sentence
    if _quote(ev.title) and _good(ev.title):  # the source's words, attributed
        return ev.title, ev.summary or ev.title
    publisher = re.sub(r"\s*\([^)]*\)", "", src.meta.publisher or "").strip() or "A source"
    title = f"{publisher} reports a development in {_category_words(ev.category)}"
    # who its words name, at least, for the reviewer who writes the headline
    names = _join([_name(k, people, at, False) for k in ev.actors
                   if k.startswith("=") or k in people.actors][:4])
    return title, f"The source reports a development in {_category_words(ev.category)}" + (
        f" involving {names}" if names else "")


def _statement(frame: Frame, known: list[str], people: headline.People,
               at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """"The United States issues a statement on the Kosovo Security Force": who the words name
    first, and the organisation they name besides, if one."""
    who = _join([_name(k, people, at, True) for k in frame.subject])
    about = [k for k in known if k not in frame.subject
             and people.actors[k].kind in ("organisation", "programme")]
    on = f" on {_name(about[0], people, at, True)}" if about else ""
    verb = "issue" if len(frame.subject) > 1 else "issues"
    title = f"{who} {verb} a statement{on}"
    sentence = f"{who} issued a statement{on}"
    return title[:1].upper() + title[1:], sentence[:1].upper() + sentence[1:]


def _unnamed(frame: Frame, spec: dict, people: headline.People,
             at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """"Officials of Kosovo and Albania meet", "A delegation visits the Kosovo Security
    Force": the kind's ``unnamed`` actor when the source names none the registry knows."""
    names = _join([_name(k, people, at, False) for k in frame.counterpart])
    several = spec.get("unnamed_several") if len(frame.counterpart) > 1 else None
    title = (several or spec["unnamed"]).format(names=names)
    place = f" in {_name(frame.place, people, at, False)}" if frame.place else ""
    title = title + place
    # the summary tells it in the past: the kind's verb form replaced by its past
    sentence = re.sub(rf"\b(?:{re.escape(spec['verb'])}|{re.escape(spec['plural'])})\b",
                      spec["past"], title, count=1)
    return title[:1].upper() + title[1:], sentence[:1].upper() + sentence[1:]


def _english(ev: Event, people: headline.People,
             at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """An English sentence without its opening phrase ("Since June 11, 1999, the United
    States European Command has provided forces" -> "United States European Command provides
    forces"), as :func:`headline.compose` writes a clause."""
    sentence = NOISE_RE.sub(" ", ev.sentence[:MAX_CHARS])
    m = re.match(r"^\s*(?:[A-Z][\w’'-]*\s+){0,1}[^,]{0,60},\s+(?=\S)", sentence)
    if not m or sentence.split(" ", 1)[0].casefold().strip() not in headline.PREPOSITIONS \
            | {"following", "after", "since", "all", "as"}:
        return "", ""
    rest = re.sub(r"^(?:\d{4}|\d{1,2}),\s+", "", sentence[m.end():])  # "June 11, 1999, …"
    clause = re.split(r"[;:]\s|,\s+(?:which|when|while|where|but|as|after)\b|\.\s",
                      rest)[0].strip(" ,.")
    clause = re.sub(r"^the\s+", "The ", clause)  # a sentence's subject, now its first words
    head = headline.compose(clause, clause, people, ev.start, at)
    if head.score < 2:
        return "", ""
    return head.title, head.sentence


#: The name an English source gives the object ("the Military Technical Agreement").
NAMED_OBJECT_RE = re.compile(
    r"\b((?:[A-Z][\w’'-]*\s+){1,6}(?:Agreement|Declaration|Accord|Memorandum|Contract|Treaty|"
    r"Law|Exercise))\b")


def _named_object(ev: Event, src: Source, obj: str) -> str | None:
    """The name of the object of ``obj``'s kind ("an agreement") an English sentence gives:
    its capitalised words ending with the noun; ``None`` for another language, or none."""
    if code_of(src.language) != "en":
        return None
    noun = obj.split()[-1].casefold()
    for m in NAMED_OBJECT_RE.finditer(ev.sentence):
        name = re.sub(r"^(?:The|A|An|This|That|Its|Their)\s+", "", m.group(1))
        if name.split()[-1].casefold() == noun and len(name.split()) > 1:
            return name
    return None


def _passive(frame: Frame, people: headline.People, at: tuple[dt.date, str] | None,
             planned: bool = False) -> tuple[str, str]:
    """"Defence cooperation declaration signed with Albania": the object and what was done,
    as headlines say it when the source does not say who did it ("A constitution to be
    adopted" when it is ``planned``)."""
    spec = headline.rules()["event_kinds"][frame.kind or "announce"]
    obj = re.sub(r"^(?:an?|its)\s+", "", frame.obj or "")
    done = spec.get("participle", spec["past"])  # "deployed", "enter service"
    words = [obj, done]
    if frame.counterpart and spec["with"] and spec["with"] != "with":  # "with X": a signer
        words += [spec["with"], _join([_name(k, people, at, False) for k in frame.counterpart])]
    if frame.place and frame.place not in frame.counterpart:
        words.append("in " + _name(frame.place, people, at, False))
    plural = obj.endswith("s") or obj[:1].isdigit()
    article = "" if plural else "the " if obj[:1].isupper() and " " in obj else \
        "" if obj[:1].isupper() else ("an " if obj[:1] in "aeiou" else "a ")
    sentence = " ".join([article + obj, "were" if plural else "was", spec["past"], *words[2:]])
    if "participle" in spec:  # "… entered service": said in the past, no auxiliary
        sentence = " ".join([article + obj, spec["past"], *words[2:]])
    if planned:  # what is to be done: "A constitution to be adopted", "… to enter service"
        to = f"to {done}" if "participle" in spec else f"to be {done}"
        words = [article + obj, to, *words[2:]]  # (its summary tells it from the title)
        sentence = " ".join([article + obj, "are" if plural else "is", to, *words[2:]])
    elif len(" ".join(words).split()) < 3 and "participle" not in spec:
        # "Declaration signed": "… is signed"
        words = [article + obj, "are" if plural else "is", done]
    text = " ".join(words)
    return text[:1].upper() + text[1:], sentence[:1].upper() + sentence[1:]


def _category_words(category: str) -> str:
    from briefings.schema import CATEGORIES

    return CATEGORIES.get(category, "defence cooperation").lower()


# --- when the frame of the dated words is wanting -------------------------------------------

#: A clause opening with a conjunction that makes it subordinate ("once NATO had agreed …"),
#: or with a phrase that only announces it ("It is worth noting that …").
SUBORDINATE_RE = re.compile(
    r"^\s*(?:(?:once|when|whenever|after|because|since|while|although|though|as|if|until|"
    r"before|so that|now that)\s+(?=(?:the\s+)?(?-i:[A-Z0-9]))"
    r"|(?:all|every|each|this|last|next|earlier|later|throughout|over|during|in|on|at|since|"
    r"after|before|following)\b[^,]{0,60},\s+(?=\w)"
    r"|it\s+(?:is|was)\s+(?:\w+\s+)?(?:worth\s+noting|to\s+be\s+noted|noted|known|"
    r"reported|clear)\s+that\s+|note\s+that\s+)", re.IGNORECASE)
#: A phrase set off by commas between a subject and its verb ("The unit, after a month of
#: drills in Germany, was declared ready"): the subject, then the rest.
INTERPOSED_RE = re.compile(
    r"^(?P<subj>(?:the\s+)?(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+),\s+(?:after|before|following|"
    r"during|having|despite|in|with|under|as|like|unlike|once)\b[^,]{0,160},\s+(?P<rest>[a-z])",
    re.IGNORECASE)
#: Where the main clause of a sentence ends: a dash, a semicolon, a colon, or a comma before a
#: relative pronoun, a conjunction or a participle that tells more.
CLAUSE_END_RE = re.compile(
    r"\s*(?:[—–;:]|\s-\s|,\s+(?:who|which|whose|where|when|while|whereas|but|as|after|"
    r"before|since|because|although|though|noting|saying|adding|stressing|according)\b)")
#: English date words, taken out of a clause rewritten to a headline ("in 1969", "(June
#: 2008)", "early 2009", "two years ago").
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
DATE_WORDS_RE = re.compile(
    r"\s*\b(?:(?:in|on|since|during|by|from|until|as\s+of)\s+)?(?:the\s+)?"
    r"(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+)?"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTHS}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+)?"
    r"(?:1[89]|20)\d\d\b(?![,.]?\d|\s*[-–]\s*\d)"
    r"|\s*\b(?:1[89]|20)\d\d\s*[-–]\s*(?:(?:1[89]|20)\d\d|\d\d)\b"  # "the 1998-1999 war"
    rf"|\s*\b(?:on|in)\s+(?:\d{{1,2}}\s+{MONTHS}|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
    r"|\s*\b(?:\w+|\d+)\s+(?:years?|months?|weeks?|days?)\s+(?:ago|earlier|later)\b"
    r"|\s*\b(?:yesterday|today|tomorrow|last\s+(?:week|month|year)|this\s+(?:week|month|year))\b",
    re.IGNORECASE)
#: A name as a sentence writes it right before ", who …": its capitalised words (titles such
#: as "Sgt." and initials included).
ANTECEDENT_RE = re.compile(r"((?:[A-Z][\w’'-]*\.?\s+){0,4}[A-Z][\w’'-]+)\s*,?\s*$")
#: A passive as headlines tell it, without its auxiliary ("The base is named after …" ->
#: "The base named after …"; "Sgt. X was killed in …" -> "Sgt. X killed in …").
PASSIVE_RE = re.compile(
    r"^((?:[A-Z0-9][\w’'.,-]*)(?:\s+(?:\d{1,3}(?:,\d{3})+-?[\w-]*|[\w’'.()-]+)){0,7}?)\s+"
    r"(?:is|are|was|were|has\s+been|"
    r"have\s+been)\s+((?:\w+ly\s+)?[a-z]+(?:ed|en|un|wn|lt|nt|ght)\b)")
#: Characters a clause rewritten to a headline may run beyond ``frame_max_chars`` (it has no
#: offices or place to drop).
SLACK = 10
#: Words that open a clause without naming who ("Their ministers met"): no headline's first.
POSSESSIVES = frozenset({"i", "we", "you", "my", "our", "your", "his", "her", "its", "their"})
SUFFIX_E = ("v", "at", "it", "ut", "ar", "ur", "ir", "os", "as", "us", "uc", "iz", "is", "ag",
            "rg", "dg", "ng", "rs", "rc", "ov")


def _more(best: Frame, ev: Event, src: Source, people: headline.People,
          at: tuple[dt.date, str] | None) -> list[tuple[str, str]]:
    """Headlines for review when the frame of the dated words is not complete, best first:
    for English, the clause (or the sentence's main clause) rewritten to a headline; a
    complete frame around another verb of the same words; a reinforcement told in troops; who
    acted and the kind, with the object the kind implies; the officials of the countries the
    entry names; who spoke, and about what."""
    found: list[tuple[str, str]] = []
    code = code_of(src.language)
    if code == "en":
        found += [h for c in _english_clauses(ev, src, people)
                  if (h := _clause_headline(c, ev, people, at))]
    frames = _other_frames(ev, src, people)
    found += [render(f, people, at) for f in frames if f.complete]
    # who acted and what they did, the object the kind implies ("… deploys troops")
    kinds = headline.rules()["event_kinds"]
    found += [render(f, people, at) for f in (best, *frames) if f.kind and f.subject
              and kinds[f.kind].get("object") and not f.subject[0].startswith("=")]
    countries = [k for k in ev.actors if k in people.actors
                 and people.actors[k].kind == "country"]
    kind = best.kind or headline.rules()["category_kinds"].get(ev.category, "")
    spec = headline.rules()["event_kinds"].get(kind, {})
    if not best.subject and spec.get("unnamed") and len(countries) > 1:
        found.append(_unnamed(Frame(kind, [], countries[:4], None), spec, people, at))
    speakers = [k for k in best.subject if k in people.actors
                and people.actors[k].kind == "person"]
    obj = best.obj or next((f.obj for f in frames if f.obj), None)
    if not speakers and ev.category == "statements" and src.title:
        lead = find(src.title, code, people)  # who the article reports speaking
        speakers = [k for k in lead.subject if k in people.actors
                    and people.actors[k].kind == "person"]
        obj = obj or lead.obj
    if speakers and obj and not obj.startswith(("its ", "an army")):
        who = _join([_name(k, people, at, True) for k in speakers[:2]])
        many = len(speakers[:2]) > 1
        if ev.status == "planned" and obj in kinds["receive"].get("objects", ()):
            # a date ahead for equipment the speaker talks about: when it is expected
            title = f"{who} {'expect' if many else 'expects'} {obj}"
            found.append((title[:1].upper() + title[1:], title[:1].upper() + title[1:]))
        title = f"{who} {'comment' if many else 'comments'} on {obj}"
        found.append((title[:1].upper() + title[1:], f"{who} commented on {obj}"))
    return found


def _date_in(text: str, ev: Event, src: Source) -> int | None:
    """Where in ``text`` (words of ``src``) the date of ``ev`` is mentioned, if there."""
    if ev.date is None or not src.text or not text:
        return None
    i = src.text.rfind(text[:50], 0, ev.start + len(text[:50]))  # starting at or before it
    if i < 0 or ev.start >= i + min(len(text), MAX_CHARS):
        return None
    return ev.start - i


def _nearest(text: str, ev: Event, src: Source, people: headline.People) -> Frame | None:
    """The frame around the verb nearest the date mention, when ``text`` tells developments
    of several kinds ("Since May we have strengthened …, and yesterday NATO approved …": May
    is the strengthening's date); ``None`` when it tells one, or the date is not in it."""
    code = code_of(src.language)
    at = _date_in(text, ev, src)
    verbs = verbs_in(text, code) if at is not None else []
    if len({kind for kind, _s, _e in verbs}) < 2:
        return None
    quoted = _quoted_spans(text)
    if any(a <= at < b for a, b in quoted):
        quoted = []  # the date is in the quote: so is its development
    verbs = [v for v in verbs if not any(a <= v[1] < b for a, b in quoted)] or verbs
    near = min(verbs, key=lambda v: (abs(v[1] - at), v[1]))
    return find(text, code, people, kind_at=near)


def _other_frames(ev: Event, src: Source, people: headline.People) -> list[Frame]:
    """The frames around every verb of the words of ``ev`` (and of the article's title, for
    its news), and a reinforcement told in troops; the fullest first."""
    code = code_of(src.language)
    texts = [t for t in (ev.clause, ev.sentence, *ev.sentences[:3]) if t]
    if src.title and not src.title_inferred and _news_of(ev, people):
        texts.append(src.title)
    found: list[Frame] = []
    for text in dict.fromkeys(texts):
        near = _nearest(text, ev, src, people)  # the verb of the date, when several are told
        found += [near] if near else [find(text, code, people, kind_at=v)
                                      for v in verbs_in(text, code)]
        found += [_troops(text, code, people)]
    return sorted((f for f in found if f.kind), key=lambda f: -f.parts)


def _troops(text: str, code: str, people: headline.People) -> Frame:
    """A reinforcement the words tell in troops ("has added 1000 soldiers"): the frame of
    deploying that many more (the frame of a reinforcement takes a presence only)."""
    frame = find(text, code, people)
    if frame.kind != "reinforce" or frame.obj not in (None, "its presence"):
        return Frame()
    lex = lexicon(code)
    _text, folded = _prepare(text, lex)
    obj = _object(folded, 0, lex, ["additional forces", "troops"])
    if not obj:
        return Frame()
    if obj[:1].isdigit() and obj.endswith("troops"):
        obj = obj.replace(" troops", " additional troops")
    elif obj == "troops":
        obj = "additional forces"
    counterpart = [frame.place] if frame.place else []
    return Frame("deploy", frame.subject, counterpart, None, obj)


def _english_clauses(ev: Event, src: Source | None = None,
                     people: headline.People | None = None) -> list[str]:
    """The clauses of an English development that may stand as a headline: the dated clause
    with its subordinating conjunction off, a relative clause with the name it is about
    ("…Bondsteel, who was killed" -> "…Bondsteel was killed"), the sentence with a phrase
    between its subject and its verb taken out; each up to where its main clause ends."""
    sentence = NOISE_RE.sub(" ", ev.sentence[:MAX_CHARS])
    clause = NOISE_RE.sub(" ", ev.clause[:MAX_CHARS])
    out = []
    rel = re.match(r"\s*(?:who|which)\s+", clause, re.IGNORECASE)
    i = sentence.find(clause.strip()[:40])
    if rel and i > 0:
        name = ANTECEDENT_RE.search(sentence[:i].rstrip(" ,"))
        if name and name.group(1).split()[0].casefold() not in headline.PREPOSITIONS:
            out.append(name.group(1) + " " + clause[rel.end():])
        elif people is not None and (named := _named_before(sentence[:i], people)):
            out.append(named + " " + clause[rel.end():])
    # "… that this organization which 17 years ago stepped in …": the actor it stands for
    inner = re.search(r"\b(?:this|that|the)\s+\w+\s*,?\s+(?:which|who|that)\s+", clause,
                      re.IGNORECASE)
    j = sentence.find(clause.strip()[:40])
    if inner and people is not None and j >= 0:
        head = sentence[:j + inner.start()] + clause[inner.start():inner.end()]
        named = _named_before(re.sub(r"\s*,?\s+(?:which|who|that)\s+$", "", head,
                                     flags=re.IGNORECASE), people)
        if named:
            out.append(named + " " + clause[inner.end():])
    for text in (clause, sentence):
        text = SUBORDINATE_RE.sub("", text, count=1)
        if src is not None and people is not None:
            text = _antecedent(text, ev, src, people)
        m = INTERPOSED_RE.match(text)
        if m:
            text = m.group("subj") + " " + text[m.start("rest"):]
        out.append(text)
    clauses = []
    for text in out:
        text = CLAUSE_END_RE.split(text, maxsplit=1)[0]
        text = DATE_WORDS_RE.sub("", text)
        text = " ".join(re.sub(r"\(\s*\)|[\"“”]", " ", text).split()).strip(" ,;.")
        text = re.sub(r"^the\s+", "The ", text)
        if len(text.split()) >= 3 and text not in clauses:
            clauses.append(text)
    return clauses


#: "this organisation", "the alliance" right before a relative clause: an actor named earlier.
DEMONSTRATIVE_RE = re.compile(r"\b(?:this|that|the)\s+(?P<noun>organi[sz]ation|alliance|"
                              r"country|state|force|mission)\s*,?\s*$", re.IGNORECASE)
DEMONSTRATIVE_KINDS = {"organisation": "organisation", "organization": "organisation",
                       "alliance": "organisation", "force": "organisation",
                       "mission": "organisation", "country": "country", "state": "country"}


def _named_before(text: str, people: headline.People) -> str | None:
    """"… NATO member states …, this organization" -> "NATO": the last actor of the noun's
    kind that the words before name, for a demonstrative that ends them."""
    m = DEMONSTRATIVE_RE.search(text)
    if not m or not people.reg.keys:
        return None
    kind = DEMONSTRATIVE_KINDS[m.group("noun").lower().replace("z", "s")
                               if m.group("noun").lower().startswith("organi")
                               else m.group("noun").lower()]
    keys = [k for _s, k in mentions(text[:m.start()], people.reg)
            if k in people.actors and people.actors[k].kind == kind]
    return _name(keys[-1], people, None, False) if keys else None


#: The subject of a sentence: capitalised words (after "The") before its first verb.
SUBJECT_RE = re.compile(r"^((?:The\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*)"
                        r"{0,5})(?:\s+\([^()]*\))?\s+(?:is|was|are|were|has|have|had|will|[a-z]+ed)\b")
PRONOUN_RE = re.compile(r"^(?P<part>(?:Some|Part|Most|All|Many|Much|One|Each)\s+of\s+)?"
                        r"(?:(?P<it>It|Its|its)|(?P<he>He|She)|(?P<they>They|their))\s+(?=[a-z])")


def _antecedent(text: str, ev: Event, src: Source, people: headline.People) -> str:
    """"It officially came into existence …" -> "The Kosovo Protection Corps officially came
    …": a pronoun that opens the clause, as the actor the sentence before names first (an
    organisation or a country for "it" and "they", a person for "he" and "she")."""
    m = PRONOUN_RE.match(text)
    if not m or not src.text or not people.reg.keys:
        return text
    part = m.group("part") or ""  # "Some of its responsibilities …": the owner's name
    pronoun = m.group("it") or m.group("he") or m.group("they")
    if bool(part) != (pronoun in ("its", "their")):
        return text
    at = src.text.find(ev.sentence[:60]) if ev.sentence else -1
    if at <= 0:
        return text
    before = re.split(r"(?<=[.!?])\s+", src.text[max(0, at - 800):at].strip())[-1]
    subject = SUBJECT_RE.match(before)  # only its subject: "it" is no actor named later on
    if not subject:
        return text
    kinds = ("person",) if m.group("he") else ("organisation", "country", "programme")
    keys = [k for k in tag(subject.group(1), people.reg) if k in people.actors
            and people.actors[k].kind in kinds]
    if keys:
        name = _name(keys[0], people, None, False)
    elif m.group("he"):
        return text
    else:  # as the sentence before writes it ("The KPC is …")
        name = subject.group(1)
    if pronoun in ("Its", "its", "their"):
        name += "’s"
    if part:
        return part + name + " " + text[m.end():]
    return name[:1].upper() + name[1:] + " " + text[m.end():]


def _progressive(text: str) -> str:
    """"members were working with …" -> "members work with …": the progressive of a clause
    in the simple present, as headlines tell it."""
    m = re.search(r"\b(was|were|is|are)\s+([a-z]+)ing\b", text)
    if not m:
        return text
    stem = m.group(2)
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        stem = stem[:-1]  # "patrolling" -> "patrol"
    elif stem.endswith(SUFFIX_E) and not stem.endswith(("ss", "ing")):
        stem += "e"  # "operating" -> "operate"
    elif len(stem) < 3:
        return text
    verb = headline._present(stem, m.group(1) in ("were", "are"))
    return text[:m.start()] + verb + text[m.end():]


def _clause_headline(clause: str, ev: Event, people: headline.People,
                     at: tuple[dt.date, str] | None) -> tuple[str, str] | None:
    """An English clause as a headline: a subject and a verb in the present ("NATO agrees to
    …"), or a passive as headlines tell it ("… killed in …"); ``None`` when neither."""
    limit = int(headline.rules()["frame_max_chars"]) + SLACK
    verbs = "|".join(map(re.escape, headline.rules()["verbs"]))
    # "… certified ready and moved to …": the first of two predicates, when there are two
    two = re.split(rf"\s+and\s+(?=(?:\w+ly\s+)?(?:{verbs}|[a-z]+ed)\b)", clause, maxsplit=1)
    # "… a successor of the army that fought …": without the relative clause, if too long
    short = re.split(r"\s+(?:that|which|who)\s+(?=[a-z])", two[0], maxsplit=1)[0]
    # "… comes into existence as a successor of …": without the complement, if still too long
    shorter = re.split(r"\s+as\s+(?:a|an|the)\s+", short, maxsplit=1)[0]
    for text in dict.fromkeys((two[0], clause, short, shorter)):
        passive = PASSIVE_RE.sub(r"\1 \2", text, count=1)
        told = _progressive(passive)
        head = headline.compose(told, told, people, ev.start, at)
        if head.score < 2 and (told == text or head.score < 1):
            continue  # neither a known verb nor a form headlines change
        title = head.title
        first = title.split(" ", 1)[0].casefold()
        if len(title) <= limit and len(title.split()) >= 3 \
                and first not in headline.PRONOUN_SUBJECTS | POSSESSIVES:
            # the summary tells it as the source does ("… was declared ready")
            told = headline.compose(text, text, people, ev.start, at) if told != text else head
            return title, told.sentence if told.score >= 1 else head.sentence
    return None
