"""Stage 6, headlines: a clause of a source becomes "what happened, in one line".

:func:`briefings.ingest.events.make_title` cuts the clause that holds a date out of its sentence
and takes the date words out. :func:`compose` then writes the entry's title and the first
sentence of its summary from it, with the rules of ``data/titles.yaml``:

1. capture debris ("with _ Mr Hahn") and discourse markers ("Above all", "As you are aware",
   "First, let me share with you", "So,") are taken off;
2. a first-person clause ("I sent a letter to …") is told in the third person when the source
   says who speaks (:class:`People`: the holder of the publishing office at the publication
   date, or the person a heading such as "Speech of Minister …" names, as the actor registry
   has them) and the verb is a known one; otherwise it stays a quote, attributed;
3. a clause with a clear subject and a known verb becomes a present-tense headline ("met" ->
   "meets", "will be presented" -> "to be presented", "has entered" -> "enters"); "the meeting
   that A had with B" becomes "A meets B";
4. registered people are named in full, with the office the registry gives them at the date
   ("Secretary Stoltenberg" -> "NATO Secretary General Jens Stoltenberg"); judgement words go.

Nothing is invented: every name, office, verb and object comes from the clause or the registry.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

from briefings.ingest.actors import Registry, _covers, fold, last_person, tag
from briefings.registry import Actor

DATA = Path(__file__).parent / "data" / "titles.yaml"
FIRST_PERSON_RE = re.compile(r"\b(?:I|[Ww]e|[Uu]s|[Oo]ur|[Mm]y|[Mm]e|[Oo]urs|[Mm]yself)\b")
PRONOUN_SUBJECTS = {"it", "this", "that", "they", "these", "those", "he", "she", "there",
                    "we", "you", "which", "who"}
SUBJECT_STOP = {"that", "which", "who", "is", "are", "was", "were", "will", "has", "have",
                "had", "would", "could", "should", "may", "might", "can", "must", "not"}
PREPOSITIONS = {"in", "on", "at", "by", "during", "with", "for", "from", "to", "into", "after",
                "before", "since", "under", "last", "earlier", "this"}
HEAD_STOP = {"of", "in", "between", "from", "for", "with", "at", "on", "to", "among"}
EMPTY_REGISTRY = Registry({}, None, None, {})
REPORTING_TAIL_RE = re.compile(
    r",?\s+(?:the\s+)?[\w’'-]+\s+(?:said|say|says|announced|confirmed|reported|"
    r"stated|told\s+\w+)\s*$")
PLANNED = ("expected", "set", "due", "scheduled", "planned", "going")


@cache
def rules() -> dict:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    data["_openers"] = re.compile(
        r"^(?:" + "|".join(f"(?:{p})" for p in data["openers"]) + r")(?:\s*,\s*|\s+|$)",
        re.IGNORECASE)
    data["_stray"] = re.compile(r"(?:(?<=\s)|^)(?:" + data["stray_tokens"] + r")(?=\s|$)")
    data["_evaluative"] = re.compile(r"\b(?:" + "|".join(
        map(re.escape, [*data["evaluative"], *data.get("linking", ())])) + r")\s+(?=[a-z])")
    data["_publisher"] = [re.compile(p, re.IGNORECASE) for p in data["publisher_offices"]]
    data["_transitive"] = frozenset(data["transitive"])
    data["_vague"] = re.compile(r"(?i)\b(?:" + "|".join(data["vague"]) + r")\b")
    return data


def _norm(text: str) -> str:
    return " ".join(text.split())


def clean(text: str) -> str:
    """Capture debris and discourse markers off ``text`` (the words kept are the source's)."""
    r = rules()
    text = _norm(r["_stray"].sub(" ", text))
    while True:
        m = r["_openers"].match(text)
        if not m or not text[m.end():].strip():
            break
        text = text[m.end():].lstrip(" ,;:")
    return text


def tidy(text: str) -> str:
    """:func:`clean`, and what taking the date words out left behind: an appositive participle
    with nothing left ("the agreement, signed, entered into force" -> "the agreement entered
    into force"; "the agreement, signed" -> "the agreement signed"), and a reporting frame at
    the end ("…, officials said"), which the summary's attribution replaces."""
    text = clean(text)
    participles = "|".join(re.escape(w) for w in rules()["verbs"] if w.endswith(("ed", "en")))
    forms = "|".join(re.escape(w) for w in verb_forms())
    text = re.sub(rf",\s+(?:{participles})\s*(?:,\s*|\s+(?=(?:{forms})\b))", " ", text)
    text = re.sub(rf",\s+({participles})\s*$", r" \1", text)
    # the marks of a quote the clause starts in or ends with ("“I sent …,” Mustafa said")
    text = re.sub(r"^[“\"]", "", text)
    text = re.sub(r",?[”\"](?=\s*,?\s*(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?\s+(?:said|stated|"
                  r"added|told)\b)", ",", text)
    text = re.sub(r"[”\"]$", "", text)
    m = REPORTING_TAIL_RE.search(text)
    if m and len(text[:m.start()].split()) >= 5:
        text = text[:m.start()]
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# --- who speaks --------------------------------------------------------------------------


@dataclass
class People:
    """What the registry knows about the people of one source, and who speaks where in it."""

    actors: dict[str, Actor]
    reg: Registry
    publisher: str | None = None
    published: tuple[dt.date, str] | None = None  # (date, precision) of publication
    voices: list[tuple[int, str]] = field(default_factory=list)  # (offset, person key)
    #: headlines already composed for this source, by everything they depend on (see compose)
    memo: dict[tuple, Headline] = field(default_factory=dict, repr=False, compare=False)
    _starts: tuple[list, int, list[int] | None] | None = field(
        default=None, init=False, repr=False, compare=False)
    _names: tuple[dict, list[tuple[str, str, re.Pattern[str]]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def speaker_at(self, offset: int) -> str | None:
        """The person of the last voice that starts at or before ``offset``."""
        voices = self.voices
        if self._starts is None or self._starts[0] is not voices \
                or self._starts[1] != len(voices):
            starts = [start for start, _k in voices]
            self._starts = (voices, len(voices), starts if starts == sorted(starts) else None)
        starts = self._starts[2]
        if starts is not None:  # in order of offset (as find_voices gives them): bisection
            i = bisect_right(starts, offset)
            return voices[i - 1][1] if i else None
        key = None
        for start, k in voices:
            if start <= offset:
                key = k
        return key

    def names(self) -> list[tuple[str, str, re.Pattern[str]]]:
        """``(key, name, pattern)`` of every name and alias of the registered people, longest
        first for each person (compiled once per source, not once per headline)."""
        if self._names is None or self._names[0] is not self.actors:
            found = [(key, name, re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"))
                     for key, actor in self.actors.items() if actor.kind == "person"
                     for name in sorted({actor.name, *actor.aliases}, key=len, reverse=True)]
            self._names = (self.actors, found)
        return self._names[1]

    def label(self, key: str, at: tuple[dt.date, str] | None, office: bool = True) -> str:
        """"NATO Secretary General Jens Stoltenberg": the person's name, after the office the
        registry gives them at ``at`` (when one, and only one, is known)."""
        actor = self.actors[key]
        held = _office_at(actor, at)
        if office and held:
            return f"{rules()['office_titles'].get(held, held)} {actor.name}"
        return actor.name


def _office_at(actor: Actor, at: tuple[dt.date, str] | None) -> str | None:
    if at is None:
        return None
    titles = {o.title for o in actor.offices if _covers(o.start, o.end, at[0], at[1])}
    return titles.pop() if len(titles) == 1 else None


def _fold(text: str) -> str:
    return fold(text).casefold()


def find_voices(text: str, publisher: str | None, published: tuple[dt.date, str] | None,
                actors: dict[str, Actor], reg: Registry) -> list[tuple[int, str]]:
    """Who speaks in the first person, from where: the holder of the publishing office at the
    publication date (when the text names them), then whoever a speech heading names."""
    voices: list[tuple[int, str]] = []
    folded = _fold(text)
    if publisher and published:
        for rx in rules()["_publisher"]:
            m = rx.match(publisher.strip())
            if not m:
                continue
            office = m.group("office").strip().casefold()
            holders = [a for a in actors.values() if a.kind == "person" and any(
                o.title.casefold() == office and _covers(o.start, o.end, *published)
                for o in a.offices)]
            named = [a for a in holders if any(re.search(rf"\b{re.escape(_fold(n))}\b", folded)
                                               for n in (a.name, *a.aliases))]
            if len(named) == 1:
                voices.append((0, named[0].key))
            break
    heads = "|".join(map(re.escape, rules()["speaker_headings"]))
    for m in re.finditer(rf"(?im)^(?:{heads})\b[^\n.!?]{{0,120}}$", text):
        if len(m.group(0).split()) > 15:
            continue
        people = [k for k in tag(m.group(0), reg) if actors[k].kind == "person"]
        if people:
            voices.append((m.end(), people[0]))
    return voices


def name_people(text: str, people: People, at: tuple[dt.date, str] | None,
                offices: bool = True, skip: str = "") -> str:
    """Registered people named in full, with their office at ``at`` where the words before the
    name are an honorific or part of that office ("Mr Hahn", "the Secretary Stoltenberg").
    Words that disagree with the registry are left as the source wrote them."""
    hon = {h.casefold() for h in rules()["honorifics"]}
    spans: list[tuple[int, int, str]] = []
    for key, name, pattern in people.names():
        if name in text:
            spans.extend((m.start(), m.end(), key) for m in pattern.finditer(text))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        if not kept or s[0] >= kept[-1][1]:
            kept.append(s)
    for start, end, key in reversed(kept):
        actor = people.actors[key]
        if skip and text[start:end] in skip:
            continue
        words = text[:start].split(" ")[:-1] if text[:start].endswith(" ") else []
        title: list[str] = []
        while words and len(title) < 4 and (words[-1][:1].isupper()
                                            or words[-1].casefold() in hon):
            title.insert(0, words.pop())
        core = [w for w in title if w.casefold() not in hon]
        held = _office_at(actor, at)
        display = rules()["office_titles"].get(held, held) if held else ""
        office_words = set(f"{held or ''} {display}".casefold().split())
        if core and not all(w.casefold() in office_words for w in core):
            # other words: keep them, name the person in full if the text gave a surname only
            if text[start:end] != actor.name and len(core) <= 3:
                text = text[:start] + actor.name + text[end:]
            continue
        if core and " ".join(core).casefold() == display.casefold():
            new = " ".join(core) + " " + actor.name
        else:
            new = (display + " " if display and offices else "") + actor.name
        begin = start - len(" ".join(title)) - (1 if title else 0)
        text = text[:begin] + new + text[end:]
    return text


# --- headlines ---------------------------------------------------------------------------


@dataclass
class Headline:
    title: str  # present tense, third person, no trailing period
    sentence: str  # the same in the source's tense, for the summary
    score: int  # 3: told in the third person; 2: subject-verb headline; 1: plain; 0: a quote
    speaker: str = ""  # who speaks in the clause, when the source says so


def _present(base: str, plural: bool) -> str:
    first, _, rest = base.partition(" ")
    if not plural:
        if first in ("be", "have", "do", "go"):
            first = {"be": "is", "have": "has", "do": "does", "go": "goes"}[first]
        elif first.endswith(("s", "sh", "ch", "x", "z", "o")):
            first += "es"
        elif re.search(r"[^aeiou]y$", first):
            first = first[:-1] + "ies"
        else:
            first += "s"
    return f"{first} {rest}".strip()


def _plural(subject: list[str]) -> bool:
    head = []
    for w in subject:
        if w.casefold() in HEAD_STOP:
            break
        head.append(w)
    if "and" in (w.casefold() for w in head):  # "A and B", not "cooperation between A and B"
        return True
    if len(head) == 1 and head[0].casefold() in ("some", "many", "several", "most", "all"):
        return True  # "Some of its responsibilities"
    last = (head or subject)[-1].strip(",")
    if last.endswith(("’s", "'s")) or last[:1].isupper():
        return False
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


@dataclass
class _Parse:
    subject: list[str]
    adverb: list[str]
    verb: str  # the verb group as the source wrote it
    present: str  # the verb group of the headline ("meets", "to be", "expected to")
    rest: list[str]


def parse(text: str) -> _Parse | None:
    """Subject, verb and the rest of a clause whose verb is a known one, or ``None``."""
    verbs = rules()["verbs"]
    words = text.split()
    for i, raw in enumerate(words[:15]):
        w = raw.casefold().strip(",")
        if w in SUBJECT_STOP - {"is", "are", "was", "were", "will", "has", "have", "had"}:
            return None
        nxt = [x.casefold().strip(",.") for x in words[i + 1:i + 3]] + ["", ""]
        adverb: list[str] = []
        if i == 0:
            continue
        subject = [*words[:i - 1], words[i - 1].rstrip(",")]
        if all(x.casefold() in ("a", "an", "the") for x in subject):
            if w in verbs:
                return None  # "A finalized guide …": an adjective, not a verb
            continue
        if len(subject) > 1 and subject[-1].casefold().endswith("ly") \
                and subject[-1][:1].islower():
            adverb = [subject.pop()]
        plural = _plural(subject)
        if w in verbs and raw.endswith(","):
            continue  # "the agreement, signed in May, …": a participle, not the verb
        if w in verbs:
            base = verbs[w]
            if base in rules()["_transitive"] and (nxt[0] in PREPOSITIONS or not nxt[0]):
                return None  # "the declaration signed in Tirana …": a participle
            return _Parse(subject, adverb, raw, _present(base, plural), words[i + 1:])
        if w in ("has", "have") and nxt[0] in verbs:
            return _Parse(subject, adverb, f"{raw} {words[i + 1]}",
                          _present(verbs[nxt[0]], plural), words[i + 2:])
        if w == "had" and nxt[0] in verbs:
            return _Parse(subject, adverb, f"{raw} {words[i + 1]}",
                          _present(verbs[nxt[0]], plural), words[i + 2:])
        if w == "will" and nxt[0] and nxt[0] not in ("not", "also"):
            return _Parse(subject, adverb, f"{raw} {words[i + 1]}", f"to {words[i + 1]}",
                          words[i + 2:])
        if w in ("is", "are") and nxt[0] in PLANNED and nxt[1] in ("to", "for", ""):
            return _Parse(subject, adverb, f"{raw} {words[i + 1]}", words[i + 1],
                          words[i + 2:])
        if w in ("was", "were") and nxt[0] in verbs:
            return _Parse(subject, adverb, f"{raw} {words[i + 1]}", words[i + 1],
                          words[i + 2:])
        if w in ("is", "are", "was", "were", "will", "has", "have", "had"):
            return None
    return None


def _nominal(text: str) -> tuple[str, str, str, str] | None:
    """``(subject, noun, verb, object)`` of "the meeting that A had with B" -> "A meets B"."""
    r = rules()
    nouns = "|".join(map(re.escape, r["nominalisations"]))
    carriers = "|".join(map(re.escape, r["nominal_carriers"]))
    m = re.match(rf"(?i)^(?:the\s+|an?\s+)?(?P<noun>{nouns})\s+(?:that|which)\s+"
                 rf"(?P<subj>[A-Z][^,;]{{1,80}}?)\s+(?:{carriers})\s+(?:with|to)\s+"
                 rf"(?P<obj>[^,;]+)$", text)
    if not m:
        return None
    return m.group("subj"), m.group("noun"), r["nominalisations"][m.group("noun").lower()], \
        m.group("obj")


def _neutral(text: str) -> str:
    text = rules()["_evaluative"].sub("", text)
    return re.sub(r"\b([Aa])n?\s+(?=(\w))", lambda m: m.group(1) + (
        "n " if m.group(2).lower() in "aeiou" else " "), text)


def _drop_article(text: str) -> str:
    return re.sub(r"^(?:The|A|An)\s+(?=\S)", "", text)


def _fit(make, limit: int) -> str:
    """The first of ``make(offices=True)``, ``make(offices=False)`` within ``limit``
    characters, else the shorter cut at a word."""
    title = make(True)
    if len(title) > limit:
        title = make(False)
    if len(title) > limit:
        cut = title[: limit - 2].rsplit(" ", 1)[0].rstrip(" ,;:")
        title = cut + " …"
    return title


def _finish(text: str) -> str:
    return _cap(_norm(text).strip(" ,;:.")).rstrip(".")


def quoted(clause: str, who: str, limit: int, text: str = "") -> str:
    """``Who: “words of the source”``: ``text`` (the clause without its date words) when it
    is still verbatim, else the whole clause; cut at a word with an ellipsis if long."""
    words = text if text and text in clause else clean(clause)
    words = _cap(words.strip(" ,;:."))
    room = max(20, limit - len(who) - 4)
    if len(words) > room:
        words = words[: room - 2].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
    return f"{who}: \u201c{words}\u201d" if who else f"\u201c{words}\u201d"


def quote_speaker(name: str, people: People, offset: int, text: str) -> str | None:
    """The registry key of who a quote is attributed to: ``name`` as written (a surname or a
    full name), or "he": the last person ``text`` named before ``offset``."""
    if name == "he":
        return last_person(text[max(0, offset - 3000):offset], people.actors, people.reg)
    found = [k for k, a in people.actors.items() if a.kind == "person"
             and name in (a.name, *a.aliases, a.name.split()[-1])]
    return found[0] if len(found) == 1 else None


def compose(base: str, clause: str, people: People | None, offset: int,
            at: tuple[dt.date, str] | None, quoted_by: str | None = None,
            text_of_source: str = "") -> Headline:
    """The headline of a development: ``base`` is :func:`make_title`'s text (the clause without
    its date words), ``clause`` the source's words, ``offset`` where they are in the source,
    ``at`` the date and precision of the development; ``quoted_by``: ``None`` when the words
    are the source's own, else who the source quotes ("" when it does not say)."""
    speaker_key = people.speaker_at(offset) if people else None
    if quoted_by is not None:  # a quote in the source: its speaker, not the publisher's voice
        speaker_key = quote_speaker(quoted_by, people, offset, text_of_source) \
            if people and quoted_by else None
    if people is None:
        return _compose(base, clause, people, at, quoted_by, speaker_key)
    # A sentence repeated through a source gives the same headline each time: made once.
    key = (base, clause, at, quoted_by, speaker_key)
    if key not in people.memo:
        people.memo[key] = _compose(base, clause, people, at, quoted_by, speaker_key)
    return replace(people.memo[key])


def _compose(base: str, clause: str, people: People | None, at: tuple[dt.date, str] | None,
             quoted_by: str | None, speaker_key: str | None) -> Headline:
    limit = int(rules()["max_chars"])
    text = tidy(base)
    speaker = people.label(speaker_key, people.published) if people and speaker_key else ""
    role = re.match(r"^[Aa]s\s+(?:the\s+)?(?P<role>(?:[A-Z][\w’'-]*\s+){1,5}?)(?=(?:I|we)\b)",
                    text)
    if role:  # "as the Prime Minister I sent …": who speaks, said by the clause itself
        words = set(role.group("role").casefold().split())
        if not (speaker and words <= set(speaker.casefold().split())
                | set((_office_at(people.actors[speaker_key], people.published) or "")
                      .casefold().split())):
            speaker = ""
        text = text[role.end():]
    who = speaker or (people.publisher if people and people.publisher else "")
    if quoted_by is not None and not speaker:
        who = f"Quoted by {who}" if who else ""

    def named(s: str, offices: bool) -> str:
        return name_people(s, people, at, offices) if people else s

    participles = "|".join(re.escape(w) for w in rules()["verbs"] if w.endswith(("ed", "en")))
    dated = re.search(rf"\s(a|an|the)\s+((?:[\w’'-]+\s+){{0,3}}?)({participles})$", text)
    if dated and not clause.rstrip(" .").endswith(dated.group(3)) \
            and not FIRST_PERSON_RE.search(text):
        # "the delivery completes a contract signed [in 2022]": the date is the signing's
        article, noun, participle = dated.group(1), dated.group(2).strip(), dated.group(3)
        title = _finish(named(f"{noun} {participle}", True))
        sentence = _finish(named(f"{article} {noun} was {participle}", True))
        return Headline(title, sentence, 1, speaker)
    nominal = _nominal(text)
    if nominal and not FIRST_PERSON_RE.search(text):
        subj, noun, verb, obj = nominal
        subj_n = named(subj, True)
        title = _fit(lambda o: _finish(_neutral(
            f"{subj_n} {_present(verb, _plural(subj.split()))} {named(obj, o)}")), limit)
        sentence = _finish(_neutral(f"{subj_n} had a {noun} with {named(obj, True)}"
                                    if noun != "visit" else f"{subj_n} paid a visit to "
                                    f"{named(obj, True)}"))
        return Headline(title, sentence, 2, speaker)
    p = parse(text)
    if p is not None:
        first = p.subject == ["I"]
        pron = " ".join(p.subject).casefold() in PRONOUN_SUBJECTS
        rest = " ".join(p.rest)
        if first and speaker:
            rest = re.sub(r"\b(?:[Oo]ur|[Mm]y)\b", "the", rest)
        ok_subject = (first and speaker) or (not pron and not FIRST_PERSON_RE.search(
            " ".join(p.subject)) and re.match(r"[A-Z]|(?:the|a|an)\s+[A-Z]",
                                              " ".join(p.subject[:2])))
        if ok_subject and not FIRST_PERSON_RE.search(rest):
            subj = speaker if first else " ".join(p.subject)
            adverb = " ".join(p.adverb)

            def make(offices: bool, tense: str = "present") -> str:
                verb = p.present if tense == "present" else p.verb
                s = named(subj, offices or first)
                if tense == "present":
                    s = _drop_article(_cap(s))  # "the KPC" cut from mid-sentence too
                return _finish(_neutral(" ".join(filter(None, [s, adverb, verb,
                                                               named(rest, offices)]))))

            title = _fit(make, limit)
            sentence = make(True, "past")
            vague = re.search(rules()["_vague"], title)
            return Headline(title, sentence, (3 if first else 2) - bool(vague), speaker)
    if FIRST_PERSON_RE.search(text) or (text.split()[:1] and text.split()[0].casefold().strip(
            ",") in PRONOUN_SUBJECTS):
        title = quoted(clause, who, limit, text)
        return Headline(title, title, 0, speaker)
    title = _fit(lambda o: _finish(_neutral(_drop_article(named(text, o)))), limit)
    return Headline(title, _finish(_neutral(named(text, True))), 1, speaker)


@cache
def _tenses() -> tuple[tuple[tuple[str, ...], str, str, bool], ...]:
    """``(present words, base, past, plural)`` of every known verb (the event kinds' and the
    ``verbs`` list's), the longest first."""
    out: dict[tuple[str, ...], tuple[str, str, bool]] = {}
    for spec in rules()["event_kinds"].values():
        out.setdefault(tuple(spec["verb"].split()), (spec["plural"], spec["past"], False))
        out.setdefault(tuple(spec["plural"].split()), (spec["plural"], spec["past"], True))
    pasts: dict[str, str] = {}
    for past, base in rules()["verbs"].items():
        pasts.setdefault(base, past)  # "gave" before "given"
    for base, past in pasts.items():
        out.setdefault((_present(base, False),), (base, past, False))
        out.setdefault((base,), (base, past, True))
    return tuple(sorted(((k, *v) for k, v in out.items()), key=lambda t: -len(t[0])))


def told(title: str, status: str) -> str:
    """A headline ("X visits Y", "X to begin …", "X is adopted") as a summary tells it: in the
    past when it occurred, with "is to" / "are to" when it is planned; the headline itself when
    no known verb follows its subject."""
    if re.search(r"[“”\"„«»:]", title):
        return title  # a quote, attributed: told as it is
    words = title.split()
    for i in range(1, min(len(words), 15)):
        w = words[i]
        if w in SUBJECT_STOP - {"is", "are"}:
            return title
        if not w.islower():
            continue
        subject, plural = words[:i], _plural(words[:i])
        if subject[0] not in ("The", "A", "An") and any(
                re.search(rx, " ".join(subject)) for rx in rules()["definite_names"]):
            subject = ["The", *subject]  # "The Kosovo Security Force was to begin …"
        if w == "to" and i + 1 < len(words):
            verb = ("were to" if plural else "was to") if status != "planned" else \
                ("are to" if plural else "is to")
            return " ".join([*subject, verb, *words[i + 1:]])
        if w in ("is", "are") and i + 1 < len(words) and words[i + 1] in rules()["verbs"]:
            verb = ("were" if w == "are" else "was") if status != "planned" else f"{w} to be"
            return " ".join([*subject, verb, *words[i + 1:]])
        for present, base, past, many in _tenses():
            if tuple(words[i:i + len(present)]) == present:
                rest = words[i + len(present):]
                verb = past if status != "planned" else \
                    f"{'are' if many else 'is'} to {base}"
                return " ".join([*subject, verb, *rest])
    return title


@cache
def verb_forms() -> frozenset[str]:
    """Past forms of the known verbs, and the auxiliaries: words that start a predicate."""
    return frozenset(rules()["verbs"]) | {"is", "are", "was", "were", "will", "has", "have",
                                          "had"}


def incident(phrase: str, people: People) -> str | None:
    """"after the attack of 24 September near Banjska" -> "The attack in Banjska": the earlier
    incident a date names, in English whatever the source's language (``incidents`` of
    ``data/titles.yaml``), with the place or country the phrase names; ``None`` when the
    phrase names no known incident or no place."""
    from briefings.ingest.actors import fold, mentions

    folded = fold(phrase).lower()
    noun = next((name for name, rx in _incidents() if rx.search(folded)), None)
    if noun is None or not people.reg.keys:
        return None
    where = [k for _s, k in mentions(phrase, people.reg)
             if k in people.actors and people.actors[k].kind in ("place", "country")]
    if not where:
        return None
    place = people.actors[where[0]].name
    return f"The {noun} in {place}" if not noun.endswith(" in") else f"The {noun} {place}"


def is_incident_title(title: str) -> bool:
    """Whether ``title`` is one :func:`incident` writes ("The attack in Banjska"): the entry of
    an incident that other reports count from."""
    heads = [f"The {n} " if str(n).endswith(" in") else f"The {n} in " for n in
             rules()["incidents"]]
    return any(title.startswith(h) and len(title) > len(h) for h in heads)


@cache
def _incidents() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((str(name), re.compile(r"(?<!\w)(?:" + "|".join(words) + ")"))
                 for name, words in rules()["incidents"].items())
