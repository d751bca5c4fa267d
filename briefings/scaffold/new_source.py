"""``briefings new-source FILE-OR-URL [--publisher P --published DATE --title T]``: add a source.

- A FILE (``.txt``, ``.md``, ``.html``) is copied to ``sources/<key><suffix>`` (left where it is
  when it already is in ``sources/``), its sidecar ``<key>.meta.yaml`` is written with
  :func:`briefings.sourcemeta.write_meta`, and its BibTeX entry is appended to
  ``content/bibliography.bib``. ``briefings ingest`` can then draft entries from it. A file
  that ingest would refuse to read (empty, too large, binary, not UTF-8, no text: the checks
  of :func:`briefings.ingest.read.check_source`, which ingest runs too) is refused with the
  same problem, exit 1, and nothing is written.
- A URL is fetched (:mod:`briefings.fetch`): the page as fetched, its text and the sidecar
  (title, publisher, author, date and language from the page; the options win) are archived
  as ``sources/<key>.html``, ``.txt`` and ``.meta.yaml``, then the BibTeX entry is appended as
  for a file. A page that cannot be fetched is refused with the URL and the reason, exit 1,
  and nothing is written; so is a URL already in the bibliography or archived in ``sources/``.
- With ``--no-fetch`` a URL is only recorded (nothing goes over the network): the BibTeX entry
  alone, so that a hand-written entry can cite it; ``--title``, ``--publisher`` and
  ``--published`` are then required, as ``--publisher`` and ``--published`` are for a file.

The key is ``publisher-year-slug`` (``rks-news-2025-kosovo-albania-croatia-implementation``),
made as ``briefings ingest`` makes it; ``nd`` stands for an unknown year. The entry records the
source file (``file = {sources/…}``) and URL, by which ingest recognises the source and keeps
its key. The BibTeX entry is written with bibtexparser 2 and appended, so that the
entries already in the file stay byte for byte as they were.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

from briefings import invisible
from briefings.bibliography import bib_escape
from briefings.urls import link_scheme, url_problem

HELP = "add a source: its file and metadata under sources/ and its BibTeX entry"

#: The key scheme of `briefings ingest` (briefings/ingest/cite.py), so that both make one key.
KEY_STOPWORDS = frozenset({"a", "an", "the", "of", "and", "to", "for", "in", "on", "at", "with",
                           "by", "is", "are", "its", "from"})
ACRONYM_RE = re.compile(r"(?<![{\w])([A-Z][A-Z0-9.]*[A-Z0-9](?:['’]s)?)(?![\w}])")
UNKNOWN = ("unknown", "null", "none", "")
MAX_TITLE_LINE = 150  # a longer first line is a paragraph, not a title


class UsageError(Exception):
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="a source file (.txt, .md, .html) or an http(s) URL "
                        "(fetched and archived in sources/)")
    parser.add_argument("--publisher", help="the outlet or office (required for a file; for a "
                        "URL, the page's site name)")
    parser.add_argument("--published",
                        help="YYYY, YYYY-MM or YYYY-MM-DD at the precision you know, or "
                        "'unknown' (required for a file; for a URL, the page's date)")
    parser.add_argument("--title", help="the source's own title (for a URL: the page's)")
    parser.add_argument("--no-fetch", action="store_true",
                        help="record a URL in the bibliography without fetching it (needs "
                        "--title, --publisher, --published)")
    parser.add_argument("--url", help="where a FILE was published")
    parser.add_argument("--author")
    parser.add_argument("--accessed", help="YYYY-MM-DD when it was captured")
    parser.add_argument("--language", help="the language of the text: en, sq, sr (sr-Latn, "
                        "sr-Cyrl); without it, ingest detects it")
    parser.add_argument("--reliability", choices=("low",),
                        help="low for aggregators and unattributed texts")
    parser.add_argument("--notes", help="anything a reviewer should know")
    parser.add_argument("--key", help="the BibTeX key (default: publisher-year-slug)")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--sources", type=Path, default=Path("sources"))


def _words(text: str, n: int) -> list[str]:
    from unidecode import unidecode

    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", unidecode(text).lower()))
    return ([w for w in words if w not in KEY_STOPWORDS] or words)[:n]


def make_key(publisher: str, published: str | None, title: str, taken: set[str]) -> str:
    """``publisher-year-slug`` as ``briefings ingest`` makes it: three words of the publisher,
    the year (``nd`` when unknown), four words of the title, ``-b``, ``-c`` … on a clash."""
    base = "-".join([*(_words(publisher, 3) or ["source"]), published[:4] if published else "nd",
                     *_words(title, 4)])
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{chr(ord('a') + n - 1)}"
    return key


def protect(value: str) -> str:
    """A value as BibTeX wants it (as ingest writes it): no braces of its own, LaTeX
    specials escaped, acronyms braced against lower-casing."""
    value = bib_escape(value)
    return ACRONYM_RE.sub(r"{\1}", value)


def _check_date(name: str, value: str | None, partial: bool = True) -> str | None:
    from briefings.dates_util import check_partial_date
    from briefings.sourcemeta import PARTIAL_DATE_RE

    if value is None or value.strip().lower() in UNKNOWN:
        return None
    value = value.strip()
    if not PARTIAL_DATE_RE.match(value) or (not partial and len(value) != 10):
        form = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
        raise UsageError(f"--{name} {value}: write {form}" + (", or 'unknown'" if partial else ""))
    err = check_partial_date(value)
    if err:
        raise UsageError(f"--{name} {value}: {err}")
    return value


def _title_from_text(path: Path) -> str | None:
    """The title a file states: an HTML ``<title>``, or a short first line (a heading) of a
    text or Markdown file. ``None`` when it states none: a title is never made up."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        import html

        m = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        return " ".join(html.unescape(m.group(1)).split()) or None if m else None
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= MAX_TITLE_LINE else None
    return None


def bib_entry_text(key: str, fields: dict[str, str | None]) -> str:
    """One BibTeX ``@online`` entry, written by bibtexparser 2 in the file's style."""
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    entry = Entry("online", key, [Field(k, " ".join(v.split())) for k, v in fields.items() if v])
    fmt = bibtexparser.BibtexFormat()
    fmt.indent = "  "
    fmt.trailing_comma = True
    return bibtexparser.write_string(Library([entry]), bibtex_format=fmt)


def add_source(args: argparse.Namespace) -> tuple[str, list[Path]]:
    """Add the source; returns its key and the files written."""
    import bibtexparser

    from briefings.model import SourceMeta
    from briefings.problems import ProblemError
    from briefings.sourcemeta import meta_path_for, write_meta

    # a URL: anything with a scheme that is not a file (which url_problem then checks)
    is_url = bool(link_scheme(args.source)) and not Path(args.source).exists()
    fetching = is_url and not args.no_fetch
    for name in ("publisher", "published"):
        if not fetching and getattr(args, name) is None:
            raise UsageError(f"--{name} is required " + ("with --no-fetch" if is_url else
                                                         "for a file"))
    published = _check_date("published", args.published)
    accessed = _check_date("accessed", args.accessed, partial=False)
    url = args.source if is_url else args.url
    reason = url_problem(url) if url is not None else None
    if reason:
        raise UsageError(f"{'' if is_url else '--url '}{invisible.shown(url)}: not an http(s) "
                         f"address: {reason}; write the address the source was published at, "
                         "https://…")
    for name in ("title", "publisher", "author", "notes", "language"):
        hidden = [ch for _i, ch in invisible.find(getattr(args, name) or "")]
        if hidden:
            raise UsageError(f"--{name} '{invisible.shown(getattr(args, name))}' holds a "
                             "character that cannot be seen: " + invisible.summary(hidden)
                             + "; delete it")
    src: Path | None = None
    title = " ".join(args.title.split()) if args.title else None
    note = args.notes
    publisher, author, language, cap = args.publisher, args.author, args.language, None
    if fetching:
        cap = _fetch(url, args)
        values = cap.meta  # the options win over the page
        title, publisher = title or values["title"], publisher or values["publisher"]
        author, language = author or values["author"], language or values["language"]
        published = published if args.published is not None else values["published"]
        accessed = accessed or values["accessed"]
        note = " ".join(n for n in [note, cap.note({"publisher": args.publisher,
                                                    "published": args.published})] if n) or None
        if not title:
            raise UsageError(f"{url}: the page states no title: give --title (its own title)")
    elif is_url:
        if not title:
            raise UsageError("a URL needs --title: the page is not fetched, so its title is "
                             "not known")
    else:
        src = Path(args.source)
        if not src.is_file():
            raise UsageError(f"{src} is not a file (give a .txt, .md or .html file, or a URL)")
        from briefings.ingest.read import check_source

        refused = [p for p in check_source(src) if p.is_error]
        if refused:  # what `briefings ingest` would refuse to read
            raise ProblemError(refused)
    bib_title = title or (_title_from_text(src) if src else None)
    if not bib_title:
        raise UsageError("no title: the file states none that can be read (no heading or "
                         "<title>), so give --title (the source's own title)")
    if bib_title != title:
        note = "; ".join(n for n in [note, "Title taken from the text's heading."] if n)

    bib = args.content / "bibliography.bib"
    text = bib.read_text(encoding="utf-8") if bib.exists() else ""
    library = bibtexparser.parse_string(text)
    taken = {e.key for e in library.entries}
    if url:
        for e in library.entries:
            if "url" in e.fields_dict and str(e.fields_dict["url"].value).strip() == url:
                raise UsageError(f"{url} is already in {bib} as '{e.key}': cite that key")
    # the archive's files are named by the key: a new key is free in sources/ too
    stems = {p.name.split(".")[0] for p in args.sources.iterdir()} \
        if cap is not None and args.sources.is_dir() else set()
    key = args.key or make_key(publisher, published, bib_title, taken | stems)
    if key in taken:
        raise UsageError(f"the key '{key}' is already in {bib}: choose another --key")
    from briefings.schema import SLUG_RE

    if not SLUG_RE.match(key):
        raise UsageError(f"--key {key}: use lowercase letters, digits and hyphens")

    written: list[Path] = []
    dest: Path | None = None
    if src is not None:
        args.sources.mkdir(parents=True, exist_ok=True)
        if src.resolve().parent == args.sources.resolve():
            dest = src
        else:
            dest = args.sources / f"{key}{src.suffix.lower()}"
            if dest.exists() or meta_path_for(dest).exists():
                raise UsageError(f"{dest} already exists")
            shutil.copyfile(src, dest)
            written.append(dest)
        if meta_path_for(dest).exists():
            raise UsageError(f"{meta_path_for(dest)} already exists: edit it instead")
        meta = SourceMeta(file=dest, url=url, title=title, publisher=publisher,
                          author=author, published=published, accessed=accessed,
                          language=language, reliability=args.reliability,
                          notes=args.notes)
        written.append(write_meta(meta))
    elif cap is not None:
        from briefings.fetch import archive

        dest = args.sources / f"{key}.txt"
        if any(p.exists() for p in (dest, dest.with_suffix(".html"), meta_path_for(dest))):
            raise UsageError(f"{dest} already exists: choose another --key")
        written += archive(cap, dest, {
            "url": url, "title": title, "publisher": publisher, "author": author,
            "published": published, "accessed": accessed, "language": language,
            "reliability": args.reliability, "notes": note})
    from briefings.problems import display_path

    entry = bib_entry_text(key, {
        "author": bib_escape(author) if author else None, "title": protect(bib_title),
        "organization": bib_escape(publisher), "date": published,
        "url": url, "urldate": accessed, "language": language,
        "note": bib_escape(note) if note else None,
        # ingest knows a source by its url or its file, and keeps the key it has
        "file": display_path(dest) if dest is not None else None,
    })
    bib.parent.mkdir(parents=True, exist_ok=True)
    trailing = len(text) - len(text.rstrip("\n"))
    sep = "\n" * max(0, 2 - trailing) if text.strip() else ""
    bib.write_text(text + sep + entry, encoding="utf-8")
    written.append(bib)
    return key, written


def _fetch(url: str, args: argparse.Namespace):
    """The page at ``url`` captured, unless the bibliography or ``sources/`` has it already
    (checked first, so that a second run needs no network)."""
    from briefings.fetch import archived, capture, fetch

    bib = args.content / "bibliography.bib"
    if bib.exists():
        import bibtexparser

        for e in bibtexparser.parse_file(str(bib)).entries:
            if "url" in e.fields_dict and str(e.fields_dict["url"].value).strip() == url:
                raise UsageError(f"{url} is already in {bib} as '{e.key}': cite that key")
    found = archived(url, args.sources)
    if found is not None:
        raise UsageError(f"{url} is already archived as {found}: `briefings ingest {found}` "
                         "reads it; edit its sidecar to correct what is known about it")
    return capture(fetch(url))


def main(args: argparse.Namespace) -> int:
    from briefings.fetch import FetchError
    from briefings.problems import ProblemError, display_path

    try:
        key, written = add_source(args)
    except UsageError as exc:
        print(f"briefings new-source: {exc}", file=sys.stderr)
        return 2
    except FetchError as exc:  # nothing is written when the page cannot be had
        print(f"briefings new-source: {exc}", file=sys.stderr)
        return 1
    except ProblemError as exc:  # the file is not a source ingest can read
        for p in exc.problems:
            print(p.format(), file=sys.stderr)
        return 1
    print(key)
    for path in written:
        print(f"wrote {display_path(path)}", file=sys.stderr)
    print(f"Cite it as [@{key}] and list it in Sources; `briefings new \"What happened\" "
          f"--date YYYY-MM-DD --source {key}` starts an entry.", file=sys.stderr)
    return 0
