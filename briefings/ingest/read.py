"""Stage 1, read: a source file and what is known about it become a :class:`Source`.

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

from briefings.dates_util import check_partial_date
from briefings.ingest.clean import clean
from briefings.ingest.model import Source
from briefings.model import SourceMeta
from briefings.problems import WARNING, Problem, display_path
from briefings.sourcemeta import PARTIAL_DATE_RE, SOURCE_SUFFIXES, read_meta

SETTINGS = Path(__file__).parent / "data" / "settings.yaml"
HTML_SUFFIXES = (".html", ".htm")
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


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


def extract_html(src: Source, html: str) -> str:
    """The article text of an HTML page (trafilatura); fills title and date when the page has
    them and the metadata does not."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return ""
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None)
    if title and not src.meta.title:
        src.meta = replace(src.meta, title=str(title).strip())
    date = getattr(doc, "date", None)
    if date and not src.meta.published and PARTIAL_DATE_RE.match(str(date)[:10]):
        # trafilatura reads the page's own metadata (<meta>, <time>): a publication date.
        src.published = str(date)[:10]
        src.published_words = f"page metadata: {date}"
    if not src.meta.url:
        url = getattr(doc, "url", None)
        if url:
            src.meta = replace(src.meta, url=str(url))
    return text


def apply_overrides(meta: SourceMeta, overrides: dict[str, str | None]) -> SourceMeta:
    values = {k: v for k, v in overrides.items() if v}
    return replace(meta, **values) if values else meta


def read_source(path: Path, overrides: dict[str, str | None] | None = None) -> Source:
    """Read one source file and its metadata; never raises for bad input."""
    src = Source(path=path, display=display_path(path), meta=SourceMeta(file=path))
    if path.suffix.lower() not in SOURCE_SUFFIXES:
        return _fail(src, 1, "E-SOURCE-TYPE", f"'{path.suffix}' is not a source type",
                     "sources are .txt, .md or .html files")
    meta, problems = read_meta(path)
    src.problems.extend(problems)
    if any(p.is_error for p in problems):
        src.ok = False
        return src
    src.meta = apply_overrides(meta, overrides or {})
    try:
        size = path.stat().st_size
        limit = int(settings()["max_bytes"])
        if size > limit:
            return _fail(src, 1, "E-SOURCE-TOO-LARGE",
                         f"the source is {size / 1e6:.1f} MB, more than the {limit / 1e6:.1f} MB "
                         "an article can be", "keep only the article's text in the file")
        data = path.read_bytes()
    except OSError as exc:
        return _fail(src, 1, "E-SOURCE-READ", f"cannot read the source: {exc.strerror}",
                     "check that the file exists and is readable")
    text = decode(src, data)
    if text is None:
        return src
    if path.suffix.lower() in HTML_SUFFIXES:
        text = extract_html(src, text)
        src.text, src.line_of = clean(text)
        src.line_of = [1] * len(src.line_of)  # lines of extracted text are not the file's
    else:
        src.text, src.line_of = clean(text)
    if not re.search(r"\w", src.text):
        return _fail(src, 1, "E-SOURCE-NO-TEXT", "no text is left after boilerplate removal",
                     "check the capture; if the article's text is there, a pattern in "
                     "briefings/ingest/data/boilerplate.yaml is too broad")
    if src.meta.published:
        src.published = src.meta.published
    return src


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
