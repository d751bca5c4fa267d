"""Stage 5c, event frames: an English headline from the parts of a development, whatever the
language of its source.

A frame is who acted (actors of the registry, named before the verb), the kind of development
(the event lexicon of the source's language, ``data/<code>/events.yaml``), the counterpart (named
after it), the object ("55 armoured vehicles") and the place. :func:`settle` gives each
development of a source its headline:

1. an English clause that :mod:`.headline` made into "subject verb …" and that passes the
   headline checks is kept;
2. else the fullest frame of its clause, its sentence or (for the development an article leads
   with) the article's own title, written in English (``data/titles.yaml``, ``event_kinds``);
3. else, flagged ``title-needs-review``: the frame completed from the actors of the development
   and the kind its category implies. Never a fragment, never a title in another language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
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
                   _words(data["speech_verbs"]), frozenset(data["pronouns"]))


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
        return bool(self.counterpart or (self.obj and link != ""))


def find(text: str, code: str, people: headline.People) -> Frame:
    """The frame of ``text`` (a clause, a sentence or a title in language ``code``)."""
    lex = lexicon(code)
    text = text[:MAX_CHARS].translate(lex.script)  # parts are near the start; and in Latin
    # what is in brackets (agency tags, acronyms) and capture residue ("date 2021-10") says
    # nothing about who acted: blanked, so that offsets stay those of the text
    text = NOISE_RE.sub(lambda m: " " * len(m.group(0)), text)
    folded = fold(text).lower()  # the offsets of actors.mentions are into fold(text)
    frame = Frame()
    verb = (len(folded), len(folded))
    kinds = headline.rules()["event_kinds"]
    ranked = []
    for kind, rx in lex.kinds:
        m = rx.search(folded)
        if m:  # a kind that takes some objects only is likelier when one is named
            takes = kinds[kind].get("objects")
            fits = takes is None or _object(folded, 0, lex, takes) is not None
            ranked.append((not fits, m.start(), kind, m.end()))
    if ranked:
        _fits, start, frame.kind, end = min(ranked)
        verb = (start, end)
    found = []
    for start, key in mentions(text, people.reg) if people.reg.keys else []:
        actor = people.actors[key]
        at_place = actor.kind == "place" or (actor.kind == "country" and bool(
            lex.place_before.search(folded[max(0, start - 12):start])))
        found.append((start, key, at_place))
    places = [k for _s, k, p in found if p]
    frame.place = places[0] if places else None
    before = [(s, k) for s, k, p in found if not p and s < verb[0]]
    after = [(s, k) for s, k, p in found if not p and s >= verb[1]]
    people_before = [(s, k) for s, k in before if people.actors[k].kind == "person"]
    if people_before:
        frame.subject = [people_before[-1][1]]
    elif before:
        frame.subject = _joined(before, folded, lex)
    if not frame.subject:
        frame.subject = _speaker(text, folded, lex)
    if not frame.subject and frame.kind and after and len(folded[:verb[0]].split()) <= 1:
        # "Visit of X to Kosovo", "Vizita e X": the noun opens the words, its actor follows
        frame.subject, after = [after[0][1]], after[1:]
    if frame.kind and kinds[frame.kind].get("from"):  # "receives … from X": X after "from"
        after = [(s, k) for s, k in after if lex.from_before.search(folded[max(0, s - 8):s])]
    frame.counterpart = [k for k in _joined(after, folded, lex) if k not in frame.subject]
    if frame.kind and kinds[frame.kind].get("to_place"):  # "deploys troops to Kosovo"
        frame.counterpart = [frame.place] if frame.place else []
    if frame.kind and kinds[frame.kind].get("place_first") and frame.place:
        frame.counterpart = [frame.place]  # "visits Kosovo", before whom it names there
    if frame.place in frame.counterpart or frame.place in frame.subject:
        frame.place = None
    frame.counterpart = [k for k in frame.counterpart if k not in frame.subject]
    takes = headline.rules()["event_kinds"].get(frame.kind or "", {}).get("objects")
    frame.obj = _object(folded, verb[1] if frame.kind else 0, lex, takes)
    return frame


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
                return num.group(1) + " " + re.sub(r"^(?:an?|its)\s+", "", best[1])
            return best[1]
    return None


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
        if obj and spec["with"] != "":  # "meets", "visits", "warns": no object
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
    code = code_of(src.language)
    for ev in src.events:
        _settle(ev, src, code, people)


def _settle(ev: Event, src: Source, code: str, people: headline.People) -> None:
    at = (ev.date, ev.precision) if ev.date and ev.precision else people.published
    cut = _cut(ev.title, ev.clause)
    if code == "en" and ev.score >= 2 and _good(ev.title) and not cut:
        return
    if code == "en" and ev.date is None and ev.title == src.title and not src.title_inferred \
            and _good(ev.title) and _sentence_like(ev.title):
        ev.score = 2  # an English article's own headline, for the article as a whole
        return
    texts = [ev.clause, ev.sentence]
    frames = [find(t, code, people) for t in texts if t]
    if src.title and _news_of(ev, people) \
            and not any(f.complete for f in frames):
        frames.append(find(src.title, code, people))  # the article's headline tells its news
    best = max(frames, key=lambda f: f.parts, default=Frame())
    if code == "en" and cut and ev.score >= 2 and _good(ev.title) and not best.complete:
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
        for candidate in (_headline_form(ev.title), _rewrite(ev.title)):
            if _good(candidate) and ev.score < 0 and _sentence_like(candidate):
                ev.title = candidate
                ev.summary = ev.summary if candidate == ev.title else candidate
                return
    title, sentence = _fallback(best, ev, src, people, at)
    ev.title, ev.summary = title, title if ev.status == "planned" else sentence


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
    return re.sub(r"^((?:[A-Z][\w’'-]*\s+)(?:[\w’'()-]+\s+){0,6}?)(?:was|were)\s+"
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


def _fallback(best: Frame, ev: Event, src: Source, people: headline.People,
              at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """What the parts allow, in this order: the object and what was done ("Defence
    cooperation declaration signed"); an unnamed actor ("A delegation visits the Kosovo
    Security Force"); the actors the sentences name with the kind (its category's when the
    words give none); for English, the sentence without its opening phrase as a headline."""
    frame = Frame(best.kind, list(best.subject), list(best.counterpart), best.place, best.obj)
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
    if not frame.subject:
        # only an object the source names ("its presence" needs its owner)
        if frame.obj and spec["with"] != "" and not frame.obj.startswith("its "):
            candidates.append(_passive(Frame(frame.kind, [], frame.counterpart, frame.place,
                                             frame.obj), people, at))
        if spec.get("unnamed") and (frame.counterpart or len(known) > 1):
            unnamed = Frame(frame.kind, [], frame.counterpart or known[:4], frame.place)
            candidates.append(_unnamed(unnamed, spec, people, at))
    if code_of(src.language) == "en":
        candidates.append(_english(ev, people, at))
    if not frame.subject and known and spec["with"] is None and frame.obj:
        frame.subject = known[:1]  # who speaks: "… announces additional forces"
    if frame.subject and frame.complete:
        candidates.append(render(frame, people, at))
    if code_of(src.language) == "en" and src.title and not src.title_inferred \
            and _news_of(ev, people):
        # the article's own headline, for the news it reports (flagged for review)
        candidates.append((src.title, src.title))
    for title, sentence in candidates:
        if _good(title) and _sentence_like(title) and len(title.split()) >= 3:
            return title, sentence
    publisher = re.sub(r"\s*\([^)]*\)", "", src.meta.publisher or "").strip() or "A source"
    title = f"{publisher} reports a development in {_category_words(ev.category)}"
    return title, f"The source reports a development in {_category_words(ev.category)}"


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


def _passive(frame: Frame, people: headline.People,
             at: tuple[dt.date, str] | None) -> tuple[str, str]:
    """"Defence cooperation declaration signed with Albania": the object and what was done,
    as headlines say it when the source does not say who did it."""
    spec = headline.rules()["event_kinds"][frame.kind or "announce"]
    obj = re.sub(r"^(?:an?|its)\s+", "", frame.obj or "")
    done = spec.get("participle", spec["past"])  # "deployed", "enter service"
    words = [obj, done]
    if frame.counterpart and spec["with"] and spec["with"] != "with":  # "with X": a signer
        words += [spec["with"], _join([_name(k, people, at, False) for k in frame.counterpart])]
    if frame.place and frame.place not in frame.counterpart:
        words.append("in " + _name(frame.place, people, at, False))
    plural = obj.endswith("s") or obj[:1].isdigit()
    article = "" if plural or obj[:1].isupper() else ("an " if obj[:1] in "aeiou" else "a ")
    sentence = " ".join([article + obj, "were" if plural else "was", spec["past"], *words[2:]])
    if "participle" in spec:  # "… entered service": said in the past, no auxiliary
        sentence = " ".join([article + obj, spec["past"], *words[2:]])
    if len(words) < 3 and "participle" not in spec:  # "Declaration signed": "… is signed"
        words = [article + obj, "are" if plural else "is", done]
    text = " ".join(words)
    return text[:1].upper() + text[1:], sentence[:1].upper() + sentence[1:]


def _category_words(category: str) -> str:
    from briefings.schema import CATEGORIES

    return CATEGORIES.get(category, "defence cooperation").lower()
