"""Stage 3, clean (continued), language: the language a source is written in, so that its
dates are read with that language's tables (:func:`briefings.ingest.dates_rules.rules`).

The sidecar's ``language`` wins when it is given. Otherwise the text tells: each language with a
``data/<code>/language.yaml`` counts, in the first :data:`SAMPLE` characters, its function words
(words common in it and rare in the others) and its own letters ("ë", "š"); the language with
most wins when it has at least ``min_hits`` of them and ``margin`` times as many as the next one
(``data/settings.yaml``, ``language``). A language written in several scripts (Serbian) is
tagged with the script most of the letters are in: ``sr-Latn``, ``sr-Cyrl``. Too little
evidence, or two languages close to each other, gives no language: never a guess.

A detected language is written to the source's BibTeX entry (``language``, and a note saying it
was detected). When the sidecar names one language and the text clearly reads as another, the
sidecar's is kept and ``W-LANGUAGE-CONFLICT`` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from briefings.ingest.model import Source
from briefings.ingest.read import settings
from briefings.problems import WARNING, Problem, display_path

DATA = Path(__file__).parent / "data"
#: characters of a source read to tell its language: any article says it well before the end,
#: and a large source costs no more than this
SAMPLE = 20_000
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = "A-Za-zÀ-ɏ"


@dataclass(frozen=True)
class Profile:
    """What one language's ``language.yaml`` says: its words, its letters, its scripts."""

    code: str
    words: frozenset[str]
    letters: str
    #: script name -> a character class of its letters; empty: written in Latin only
    scripts: dict[str, str]


@dataclass(frozen=True)
class Detected:
    language: str  # a language tag: "en", "sq", "sr-Latn", "sr-Cyrl"
    code: str  # its language ("sr")
    hits: int  # words and letters of that language counted
    next_hits: int  # those of the language with most after it


@cache
def profiles() -> tuple[Profile, ...]:
    out = []
    for path in sorted(DATA.glob("*/language.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.append(Profile(path.parent.name, frozenset(str(w).lower() for w in data["words"]),
                           str(data.get("letters") or ""),
                           {str(k): str(v) for k, v in (data.get("scripts") or {}).items()}))
    return tuple(out)


def primary(language: str | None) -> str | None:
    """The language of a tag ("sr" of "sr-Cyrl", "sr_Latn"), lower case."""
    if not language or not language.strip():
        return None
    return re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower()


def counts(text: str) -> dict[str, int]:
    """Per language code: its function words and letters in the first :data:`SAMPLE`
    characters of ``text``."""
    sample = text[:SAMPLE].lower()
    tokens = _WORD.findall(sample)
    out = {}
    for p in profiles():
        out[p.code] = (sum(1 for t in tokens if t in p.words)
                       + sum(sample.count(ch) for ch in p.letters.lower()))
    return out


def detect(text: str) -> Detected | None:
    """The language ``text`` is written in, or None when the text does not say clearly."""
    knobs = settings()["language"]
    found = sorted(counts(text).items(), key=lambda kv: (-kv[1], kv[0]))
    if not found:
        return None
    code, hits = found[0]
    next_hits = found[1][1] if len(found) > 1 else 0
    if hits < int(knobs["min_hits"]) or hits < float(knobs["margin"]) * next_hits:
        return None
    profile = next(p for p in profiles() if p.code == code)
    return Detected(_tag(profile, text[:SAMPLE]), code, hits, next_hits)


def _tag(profile: Profile, sample: str) -> str:
    """``code-Script`` for a language written in several scripts, by the script of most
    letters; the code alone otherwise."""
    if not profile.scripts:
        return profile.code
    letters = {"Latn": len(re.findall(f"[{_LATIN}]", sample))}
    for name, chars in profile.scripts.items():
        letters[name] = len(re.findall(f"[{chars}]", sample))
    script = max(sorted(letters), key=lambda name: letters[name])
    return f"{profile.code}-{script}"


def settle(src: Source) -> None:
    """Set ``src.language``: the sidecar's, else the detected one (``language_detected``)."""
    given = src.meta.language
    detected = detect(src.text)
    if given:
        src.language = given
        if detected is not None and detected.code != primary(given):
            where, line = _language_line(src)
            src.problems.append(Problem(
                where, line, "W-LANGUAGE-CONFLICT",
                f"the metadata gives the language '{given}' but the text reads as "
                f"'{detected.language}' ({detected.hits} of its words and letters against "
                f"{detected.next_hits} of the next language's)",
                "check `language` in the sidecar; ingest reads the text in the sidecar's "
                "language", WARNING))
        return
    if detected is not None:
        src.language, src.language_detected = detected.language, True


def _language_line(src: Source) -> tuple[str, int]:
    """Where the sidecar gives the language (the source itself when it came from elsewhere)."""
    path = src.meta.meta_path
    if path is None:
        return src.display, 1
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("language:")), 1)
    return display_path(path), line
