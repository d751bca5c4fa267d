"""Stage 7, cite: one BibTeX entry per source, written with bibtexparser 2.

Keys are stable: ``publisher-year-slug`` (``rks-news-2025-kosovo-albania-croatia-implementation``;
``nd`` when the year is not known), and a source already in the bibliography (same URL or same
file) keeps the key it has. The date is written at its precision, ``urldate`` only when the
capture date is known; ``keywords`` carries the source's flags and ``file`` the source file, so
that the bibliography alone describes every source.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from briefings.bibliography import bib_escape
from briefings.ingest.model import Source
from briefings.problems import Problem, display_path

FIELD_ORDER = ("author", "title", "organization", "date", "url", "urldate", "language", "note",
               "keywords", "file")
ACRONYM_RE = re.compile(r"(?<![{\w])([A-Z][A-Z0-9.]*[A-Z0-9](?:['’]s)?)(?![\w}])")
SLUG_STOP = {"a", "an", "the", "of", "and", "to", "for", "in", "on", "at", "with", "by", "is",
             "are", "its", "from"}


def slugify(text: str, max_words: int | None = None, drop_stop: bool = False) -> str:
    from unidecode import unidecode

    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", unidecode(text).lower()))
    if drop_stop:
        words = [w for w in words if w not in SLUG_STOP] or words
    if max_words:
        words = words[:max_words]
    return "-".join(words)


def url_title(url: str | None, case_words: dict[str, str]) -> str | None:
    """A title from the last path segment of ``url`` when it is a slug of several words."""
    if not url:
        return None
    seg = unquote(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1])
    seg = re.sub(r"\.(html?|php|aspx?)$", "", seg)
    words = [w for w in re.split(r"[-_]+", seg) if w]
    if len(words) < 3 or not all(re.fullmatch(r"[A-Za-z0-9À-ÿ']+", w) for w in words):
        return None
    words = [case_words.get(w.lower(), w.lower()) for w in words]
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def heading_title(text: str) -> str | None:
    """The first short line without final punctuation (a heading) in the first lines."""
    for line in text.split("\n")[:6]:
        s = line.strip()
        if 3 <= len(s.split()) <= 14 and not s.endswith((".", ",", ";", ":", "?", "!")) \
                and not s.startswith(("-", "–", "•", "*")):
            return s
    return None


def infer_title(src: Source, case_words: dict[str, str]) -> tuple[str | None, str | None]:
    """``(title, how)``: the captured title, or one inferred from the URL or a heading."""
    if src.meta.title:
        return src.meta.title, None
    t = url_title(src.meta.url, case_words)
    if t:
        return t, "Title inferred from the URL."
    t = heading_title(src.text)
    if t:
        return t, "Title inferred from a heading of the text."
    t = first_sentence_title(src.text)
    if t:
        return t, "Title inferred from the first sentence of the text."
    return None, None


def first_sentence_title(text: str, max_words: int = 20) -> str | None:
    """The first clause of the first sentence, or its first ``max_words`` words."""
    from briefings.ingest.events import CLAUSE_SPLIT_RE, sentences

    spans = sentences(text)
    if not spans:
        return None
    s = " ".join(text[spans[0][0]:spans[0][1]].split()).rstrip(".")
    m = CLAUSE_SPLIT_RE.search(s)
    if m and len(s[:m.start()].split()) >= 6:
        s = s[:m.start()]
    words = s.split()
    if len(words) > max_words:
        s = " ".join(words[:max_words]) + " …"
    return s[:1].upper() + s[1:] if s else None


def base_key(src: Source) -> str:
    publisher = slugify(src.meta.publisher or "", 3, drop_stop=True) or "source"
    year = (src.published or "")[:4] or "nd"
    if src.meta.title:
        topic = slugify(src.meta.title, 4, drop_stop=True)
    else:
        stem = slugify(src.path.stem)
        for prefix in (slugify(src.meta.publisher or ""), publisher):
            if prefix and stem.startswith(prefix + "-"):
                stem = stem[len(prefix) + 1:]
        stem = re.sub(r"^\d{4}(-\d{2}){0,2}-", "", stem)
        topic = "-".join([w for w in stem.split("-") if w not in SLUG_STOP][:4])
    return f"{publisher}-{year}-{topic}".strip("-")


def assign_keys(sources: list[Source], known: dict[str, str]) -> None:
    """Give each source its key: the one it already has in the bibliography (``known`` maps
    url or file -> key), else ``publisher-year-slug``, with ``-b``, ``-c`` … on a clash."""
    taken = set(known.values())
    for src in sorted(sources, key=lambda s: s.display):
        old = (known.get(src.meta.url or "") if src.meta.url else None) or known.get(src.display)
        if old:
            src.key = old
            continue
        key = base_key(src)
        n = 1
        while key in taken:
            n += 1
            key = f"{base_key(src)}-{chr(ord('a') + n - 1)}"
        taken.add(key)
        src.key = key


def protect(title: str, proper: frozenset[str] = frozenset()) -> str:
    """A title as BibTeX wants it: LaTeX specials escaped; acronyms and the words of proper
    names (``proper``: from the actor registry) braced, so that styles that change the case of
    titles (pandoc, biber) leave "Kosovo" and "NATO" alone."""
    title = bib_escape(title)
    title = ACRONYM_RE.sub(r"{\1}", title)
    if not proper:
        return title
    return re.sub(r"(?<![{\w])([A-Z][\w’'-]*[a-z][\w’'-]*)(?![\w}])",
                  lambda m: "{" + m.group(1) + "}" if m.group(1) in proper or
                  re.sub(r"['’]s$", "", m.group(1)) in proper else m.group(1), title)


#: how a source's BibTeX note says its language was detected, not given (report.py reads it)
DETECTED_NOTE = "Language detected from the text:"


def settle_flags(src: Source) -> None:
    """The source's own flags (BibTeX ``keywords``): what a reader of its citation weighs."""
    if src.meta.reliability == "low":
        src.flags.append("low-reliability")
    if not src.published:
        src.flags.append("publication-date-unknown")
    if src.title_inferred or not src.title:
        src.flags.append("title-inferred")


def bib_fields(src: Source, proper: frozenset[str] = frozenset()) -> dict[str, str]:
    m = src.meta
    notes = [m.notes.strip()] if m.notes else []
    fields: dict[str, str] = {}
    if m.author:
        fields["author"] = bib_escape(m.author)
    if src.title:
        fields["title"] = protect(src.title, proper)
    if m.publisher:
        fields["organization"] = bib_escape(m.publisher)
    if src.published:
        fields["date"] = src.published
    if m.url:
        fields["url"] = m.url
    if m.accessed:
        fields["urldate"] = m.accessed
    if src.language:
        fields["language"] = src.language
    if src.title_inferred and src.title_note:
        notes.append(src.title_note)
    if src.published_words and not m.published:
        notes.append(f"Publication date from the text: \u201c{src.published_words}\u201d.")
    if src.language_detected:
        notes.append(f"{DETECTED_NOTE} {src.language}.")
    if notes:
        fields["note"] = bib_escape(" ".join(" ".join(notes).split()))
    if src.flags:
        fields["keywords"] = ", ".join(src.flags)
    fields["file"] = src.display
    return {k: fields[k] for k in FIELD_ORDER if k in fields}


def read_bib(path: Path) -> tuple[dict[str, tuple[str, dict[str, str]]], list[Problem]]:
    """``key -> (entry type, fields)`` of an existing bibliography, and its problems
    (``failed_blocks`` of bibtexparser: syntax errors and duplicate keys; addresses that are
    not http(s) URLs)."""
    import bibtexparser

    if not path.exists():
        return {}, []
    from briefings.bibliography import url_problems
    from briefings.validate.bibliography import failed_blocks

    text = path.read_text(encoding="utf-8")
    lib = bibtexparser.parse_string(text)
    where = display_path(path)
    problems = failed_blocks(lib, where, {e.key: e.start_line + 1 for e in lib.entries})
    lines = text.split("\n")
    for e in lib.entries:
        problems += url_problems(e, where, lines)
    entries = {e.key: (e.entry_type, {f.key: str(f.value) for f in e.fields})
               for e in lib.entries}
    return entries, problems


def render_bib(entries: dict[str, tuple[str, dict[str, str]]]) -> str:
    import bibtexparser
    from bibtexparser.middlewares import AddEnclosingMiddleware
    from bibtexparser.model import Entry, Field

    lib = bibtexparser.Library()
    for key in sorted(entries):
        etype, fields = entries[key]
        lib.add(Entry(etype, key, [Field(k, v) for k, v in fields.items()]))
    fmt = bibtexparser.BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    header = ("% Written by `briefings ingest`: one entry per source in sources/. Entries of\n"
              "% sources no longer given to ingest are kept as they are.\n\n")
    # The library is built here and thrown away: middlewares may change it in place (the
    # default stack deep-copies every block, which is slow for thousands of sources).
    stack = [AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=False,
                                    default_enclosing="{", allow_inplace_modification=True)]
    return header + bibtexparser.write_string(lib, unparse_stack=stack, bibtex_format=fmt)


def known_keys(entries: dict[str, tuple[str, dict[str, str]]]) -> dict[str, str]:
    """url -> key and file -> key of an existing bibliography."""
    out: dict[str, str] = {}
    for key, (_t, fields) in entries.items():
        for name in ("url", "file"):
            if fields.get(name):
                out.setdefault(fields[name], key)
    return out
