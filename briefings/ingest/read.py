"""Stage 2, read: a source file and what is known about it become a :class:`Source`.

Refuses what is not an article (empty, binary, not UTF-8, too large) with a problem that names
the file and line; extracts the text of HTML pages with trafilatura (which also gives their title
and date); merges metadata from the command line, the sidecar and the page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from briefings import invisible
from briefings.dates_util import check_partial_date
from briefings.ingest.clean import clean
from briefings.ingest.model import Source
from briefings.model import SourceMeta
from briefings.problems import WARNING, Problem, display_path
from briefings.sourcemeta import PARTIAL_DATE_RE, SOURCE_SUFFIXES, read_meta
from briefings.urls import is_web_url, url_problem

SETTINGS = Path(__file__).parent / "data" / "settings.yaml"
HTML_SUFFIXES = (".html", ".htm")
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")
#: How the article text of a page is extracted (here and by briefings/fetch.py).
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": False,
                       "favor_precision": True}


@cache
def settings() -> dict:
    return yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))


def _fail(src: Source, line: int, code: str, message: str, hint: str) -> Source:
    src.problems.append(Problem(src.display, line, code, message, hint))
    src.ok = False
    return src


def decode(src: Source, data: bytes) -> str | None:
    """The text of ``data``, or ``None`` after recording why it is not an article's text."""
    if not data.strip():
        _fail(src, 1, "E-SOURCE-EMPTY", "the source is empty",
              "paste the article's text into the file, or remove it")
        return None
    if b"\x00" in data[:8192] or len(CONTROL_RE.findall(data[:8192].decode("latin-1"))) > 8:
        line = data[: data.find(b"\x00") if b"\x00" in data else 0].count(b"\n") + 1
        _fail(src, line, "E-SOURCE-BINARY", "the source is a binary file, not text",
              "save the article as .txt, .md or .html")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        _fail(src, line, "E-SOURCE-ENCODING",
              f"the source is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
              "re-save the file as UTF-8, e.g. iconv -f windows-1252 -t utf-8")
        return None


def visible_text(src: Source, text: str, line_of_file: bool = True) -> str:
    """``text`` without the characters a reader cannot see (:mod:`briefings.invisible`),
    reported once, and in NFC, so that names are found and compared as they read. Lines stay
    as they were (``line_of_file``: the lines are the file's, else line 1 is reported)."""
    found = [(i, ch) for i, ch in invisible.find(text) if i or ch != "\ufeff"]
    if found:
        first = found[0][0]
        line, col = ((text.count("\n", 0, first) + 1, first - text.rfind("\n", 0, first))
                     if line_of_file else (1, 1))
        src.problems.append(Problem(
            src.display, line, "W-SOURCE-INVISIBLE-CHAR",
            f"{len(found)} character{'s' if len(found) != 1 else ''} that cannot be seen "
            "removed from the text: " + invisible.summary([ch for _i, ch in found]),
            "they reorder or split the words around them; check the capture against the page",
            WARNING, col))
    return invisible.normalise(text)


def extract_html(src: Source, html: str) -> str:
    """The article text of an HTML page (trafilatura); fills title and date when the page has
    them and the metadata does not."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, **TRAFILATURA_OPTIONS)
    if doc is None:
        return ""
    text = getattr(doc, "text", None) or ""
    title = invisible.normalise(str(getattr(doc, "title", None) or "")).strip()
    if title and not src.meta.title:
        src.meta = replace(src.meta, title=title)
    date = getattr(doc, "date", None)
    if date and not src.meta.published and PARTIAL_DATE_RE.match(str(date)[:10]):
        # trafilatura reads the page's own metadata (<meta>, <time>): a publication date.
        src.published = str(date)[:10]
        src.published_words = f"page metadata: {date}"
    if not src.meta.url:
        url = getattr(doc, "url", None)
        if url and is_web_url(str(url)):  # a page's own link may be anything
            src.meta = replace(src.meta, url=str(url).strip())
    return text


def apply_overrides(meta: SourceMeta, overrides: dict[str, str | None]) -> SourceMeta:
    values = {k: v for k, v in overrides.items() if v}
    return replace(meta, **values) if values else meta


def read_source(path: Path, overrides: dict[str, str | None] | None = None) -> Source:
    """Read one source file and its metadata; never raises for bad input."""
    src = Source(path=path, display=display_path(path), meta=SourceMeta(file=path))
    if not _check_type(src):
        return src
    meta, problems = read_meta(path)
    src.problems.extend(problems)
    if any(p.is_error for p in problems):
        src.ok = False
        return src
    src.meta = apply_overrides(meta, overrides or {})
    _read_text(src)
    if src.ok and src.meta.published:
        src.published = src.meta.published
    return src


def check_source(path: Path) -> list[Problem]:
    """What ingest's read stage refuses in the file ``path`` (type, size, empty, binary, not
    UTF-8, no text left): ``briefings new-source`` runs this, so that it accepts exactly the
    files ingest then reads. Its metadata is not read (new-source writes it)."""
    src = Source(path=path, display=display_path(path), meta=SourceMeta(file=path))
    if _check_type(src):
        _read_text(src)
    return src.problems


def _check_type(src: Source) -> bool:
    if src.path.suffix.lower() in SOURCE_SUFFIXES:
        return True
    _fail(src, 1, "E-SOURCE-TYPE", f"'{src.path.suffix}' is not a source type",
          "sources are .txt, .md or .html files")
    return False


def _read_text(src: Source) -> None:
    """Read, decode and clean the file's text into ``src``, or record why it is refused."""
    path = src.path
    try:
        size = path.stat().st_size
        limit = int(settings()["max_bytes"])
        if size > limit:
            _fail(src, 1, "E-SOURCE-TOO-LARGE",
                  f"the source is {size / 1e6:.1f} MB, more than the {limit / 1e6:.1f} MB "
                  "an article can be", "keep only the article's text in the file")
            return
        data = path.read_bytes()
    except OSError as exc:
        _fail(src, 1, "E-SOURCE-READ", f"cannot read the source: {exc.strerror}",
              "check that the file exists and is readable")
        return
    text = decode(src, data)
    if text is None:
        return
    text = visible_text(src, text)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = visible_text(src, extract_html(src, text), line_of_file=False)
        src.text, src.line_of = clean(text)
        src.line_of = [1] * len(src.line_of)  # lines of extracted text are not the file's
    else:
        src.text, src.line_of = clean(text)
    if not re.search(r"\w", src.text):
        _fail(src, 1, "E-SOURCE-NO-TEXT", "no text is left after boilerplate removal",
              "check the capture; if the article's text is there, a pattern in "
              "briefings/ingest/data/boilerplate.yaml is too broad")


def check_url_option(value: str | None) -> str | None:
    """What is wrong with a ``--url`` value, or ``None``."""
    reason = url_problem(value) if value is not None else None
    return (f"--url '{invisible.shown(value)}' is not an http(s) address: {reason}" if reason
            else None)


def check_text_options(options: dict[str, str | None]) -> str | None:
    """What is wrong with ``--title``, ``--publisher`` …: a character that cannot be seen."""
    for name, value in options.items():
        if value and invisible.find(value):
            return (f"--{name} '{invisible.shown(value)}' holds a character that cannot be "
                    "seen: " + invisible.summary([ch for _i, ch in invisible.find(value)]))
    return None


def check_published_option(value: str | None) -> str | None:
    """What is wrong with a ``--published`` value, or ``None``."""
    if value is None:
        return None
    if not PARTIAL_DATE_RE.match(value):
        return f"--published '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD"
    return check_partial_date(value)


def warn(src: Source, line: int, code: str, message: str, hint: str = "", col: int = 1) -> None:
    src.problems.append(Problem(src.display, line, code, message, hint, WARNING, col))


def where(src: Source, offset: int) -> tuple[int, int]:
    """``(line, column)`` in the source file of an offset in the cleaned text (cleaning keeps
    the start of every line it keeps); column 1 for HTML, whose text is extracted."""
    line = src.line_at(offset)
    if src.path.suffix.lower() in HTML_SUFFIXES:
        return line, 1
    return line, offset - (src.text.rfind("\n", 0, offset) + 1) + 1
