"""The bibliography: ``content/bibliography.bib`` read with bibtexparser 2, converted to CSL-JSON.

Every problem is a :class:`~briefings.problems.Problem` with the line of the ``.bib`` file:
blocks bibtexparser could not parse (it keeps them in ``failed_blocks`` without raising),
duplicate keys (also case-insensitive ones: CSL processors lower-case keys), dates that are
not ISO dates.

The CSL-JSON conversion is our own (citeproc-py's BibTeX reader drops ``url`` and ``urldate``).
CSL processors read text variables as rich text (``<i>``, ``<span class="nocase">``…), so every
text value has ``<``, ``>`` and ``&`` escaped before the one markup the project adds (a title's
``{Braced}`` words in a ``nocase`` span); addresses are http(s) URLs only, written as they are.

=================================  ===========================================================
BibTeX field                        CSL-JSON
=================================  ===========================================================
entry type ``@online``/``@misc``    ``type: webpage``
entry type ``@article``             ``type: article-newspaper`` (``journaltitle``/``journal``
                                    -> ``container-title``)
``title``                           ``title`` (``{Braced}`` words keep their case)
``author``                          ``author`` (``Last, First and …``; ``{Whole Name}`` is one
                                    literal name, e.g. an organisation)
``organization``                    ``author`` as a literal name when there is no ``author``;
                                    ``publisher`` when there is no ``publisher``
``publisher``                       ``publisher``
``date`` (or ``year``/``month``)    ``issued`` at the precision written: ``2025-08`` ->
                                    ``[[2025, 8]]``; ``2025-08/2025-09`` is a range
``url``                             ``URL``
``urldate``                         ``accessed``
``archiveurl``                      ``custom.archive-url`` (CSL has no archive-URL variable;
                                    ``custom`` is CSL-JSON 1.0.2's place for extra data). The
                                    project's one spelling: ``archiveurl``, as in the
                                    ``archive-url`` of Wikipedia's citation templates.
``language`` / ``langid``           ``language``
``note``                            ``note``
=================================  ===========================================================
"""

from __future__ import annotations

import calendar
import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from briefings.problems import Problem, display_path
from briefings.urls import is_web_url, url_problem, web_url

#: BibTeX entry type -> CSL type.
CSL_TYPES: dict[str, str] = {
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "misc": "webpage",
    "article": "article-newspaper",
    "report": "report",
    "techreport": "report",
    "book": "book",
}
DEFAULT_CSL_TYPE = "webpage"
ARCHIVE_URL_FIELD = "archiveurl"
#: The fields that hold a source's addresses: http(s) URLs only (briefings.urls).
URL_FIELDS = ("url", ARCHIVE_URL_FIELD)

DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
@dataclass
class BibEntry:
    key: str
    entry_type: str
    fields: dict[str, str]
    line: int  # 1-based line of the ``@type{key,`` in the .bib file
    csl: dict = field(default_factory=dict)

    @property
    def note(self) -> str:
        """The note as plain text (the CSL-JSON ``note`` is escaped rich text)."""
        return plain_text(self.fields.get("note", ""))

    @property
    def publisher(self) -> str:
        """Who published it: publisher, organisation, newspaper or journal, author, the URL's
        host, or the key. Sources with one publisher are not independent of each other."""
        for name in ("publisher", "organization", "journaltitle", "journal", "author"):
            if self.fields.get(name):
                return strip_braces(self.fields[name])
        host = urlsplit(self.fields.get("url", "")).hostname
        return host.removeprefix("www.") if host else self.key


@dataclass
class Bibliography:
    path: Path | None
    entries: dict[str, BibEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def csl_json(self) -> list[dict]:
        """The CSL-JSON download: each item's addresses checked again as it is written."""
        return [_web_addresses_only(e.csl) for e in self.entries.values()]

    def bibtex_download(self) -> str:
        """The BibTeX download: the file as written, except that an entry with an address that
        is not an http(s) URL (which ``briefings validate`` reports) is written again
        without it."""
        unsafe = {k for k, e in self.entries.items()
                  if any(e.fields.get(n) and not is_web_url(e.fields[n]) for n in URL_FIELDS)}
        if not unsafe:
            return self.text
        import bibtexparser
        from bibtexparser.library import Library

        fmt = bibtexparser.BibtexFormat()
        fmt.indent = "  "
        fmt.trailing_comma = True
        text = self.text
        for e in bibtexparser.parse_string(self.text).entries:
            if e.key not in unsafe:
                continue
            for f in list(e.fields):
                if f.key.lower() in URL_FIELDS and not is_web_url(str(f.value)):
                    e.pop(f.key)
            text = text.replace(e.raw, bibtexparser.write_string(
                Library([e]), bibtex_format=fmt).strip(), 1)
        return text


def strip_braces(value: str) -> str:
    return value.replace("{", "").replace("}", "")


#: what :func:`bib_escape` writes for characters that are not text in BibTeX
_BIB_OUT = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "&": r"\&", "%": r"\%",
            "$": r"\$", "#": r"\#", "_": r"\_"}
_BIB_IN_RE = re.compile(r"\\textbackslash\{\}|\\textasciitilde\{\}|\\[&%$#_]|~")
_BIB_IN = {v: k for k, v in _BIB_OUT.items()} | {"~": "\u00a0"}


def bib_escape(value: str) -> str:
    """Plain text as a BibTeX field value: braces dropped (an unbalanced one breaks the
    file) and the characters BibTeX or LaTeX would read as syntax escaped; the site reads
    it back with :func:`plain_text`."""
    value = value.replace("{", "").replace("}", "")
    return re.sub(r"[\\~&%$#_]", lambda m: _BIB_OUT[m.group(0)], value)


def _latex(value: str) -> str:
    value = _BIB_IN_RE.sub(lambda m: _BIB_IN[m.group(0)], value)
    return re.sub(r"\s+", " ", value).strip()


def plain_text(value: str) -> str:
    """A BibTeX text value as plain text (for print): LaTeX escapes undone, braces dropped."""
    return _latex(value).replace("{", "").replace("}", "")


def csl_plain(value: str) -> str:
    """A BibTeX text value for CSL-JSON without case protection: ``<``, ``>`` and ``&``
    escaped, since CSL processors read every text variable as rich text (HTML-like markup)."""
    return html.escape(_latex(value), quote=False)


def csl_text(value: str) -> str:
    """A BibTeX text value for CSL-JSON: escaped as :func:`csl_plain`, then ``{Braced}``
    parts keep their case (``nocase`` span): the only markup in the project's CSL-JSON."""
    value = csl_plain(value)
    if "{" not in value:
        return value
    # The protected span takes the whole word it is part of ("{KFOR}:" -> "KFOR:"): citeproc-py
    # puts a space between a protected part and punctuation that follows it.
    return re.sub(r"([^\s{}]*)\{([^{}]*)\}([^\s{}]*)", r'<span class="nocase">\1\2\3</span>',
                  value).replace("{", "").replace("}", "")


def _split_names(value: str) -> list[str]:
    names, depth, current = [], 0, ""
    i = 0
    while i < len(value):
        ch = value[i]
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and value[i:i + 5].lower() == " and ":
            names.append(current)
            current = ""
            i += 5
            continue
        current += ch
        i += 1
    names.append(current)
    return [n.strip() for n in names if n.strip()]


def csl_names(value: str) -> list[dict]:
    """``Doe, Jane and {NATO Public Diplomacy Division}`` -> CSL name objects (escaped as
    :func:`csl_plain`)."""
    out: list[dict] = []
    for name in _split_names(csl_plain(value)):
        if name.startswith("{") and name.endswith("}"):
            out.append({"literal": strip_braces(name)})
        elif "," in name:
            family, given = (p.strip() for p in name.split(",", 1))
            out.append({"family": strip_braces(family), "given": strip_braces(given)})
        elif " " in name:
            given, family = name.rsplit(" ", 1)
            out.append({"family": strip_braces(family), "given": strip_braces(given)})
        else:
            out.append({"literal": strip_braces(name)})
    return out


def date_parts(value: str) -> list[list[int]] | None:
    """``2025`` -> ``[[2025]]``, ``2025-08`` -> ``[[2025, 8]]``, ``2025-08-03/2025-08-05`` -> two.

    ``None`` when the value is not an ISO date (or range) that exists.
    """
    parts: list[list[int]] = []
    for piece in value.strip().split("/"):
        m = DATE_RE.match(piece.strip())
        if not m:
            return None
        p = [int(g) for g in (m.group("y"), m.group("m"), m.group("d")) if g is not None]
        if len(p) > 1 and not 1 <= p[1] <= 12:
            return None
        if len(p) > 2 and not 1 <= p[2] <= calendar.monthrange(p[0], p[1])[1]:
            return None
        parts.append(p)
    return parts


def _web_addresses_only(item: dict) -> dict:
    """A CSL-JSON item without an address that is not an http(s) URL (the item itself when
    it has none)."""
    url = item.get("URL")
    archive = (item.get("custom") or {}).get("archive-url")
    bad_url = url is not None and not is_web_url(url)
    bad_archive = archive is not None and not is_web_url(archive)
    if not (bad_url or bad_archive):
        return item
    out = dict(item)
    if bad_url:
        del out["URL"]
    if bad_archive:
        custom = {k: v for k, v in item["custom"].items() if k != "archive-url"}
        if custom:
            out["custom"] = custom
        else:
            del out["custom"]
    return out


def url_problems(entry, where: str, lines: list[str]) -> list[Problem]:
    """``E-BIB-URL`` for each ``url`` or ``archiveurl`` of a bibtexparser ``entry`` that is not
    an http(s) address (:func:`briefings.urls.url_problem`), at its line and column in the file
    whose ``lines`` are given."""
    out: list[Problem] = []
    for f in entry.fields:
        name = f.key.lower()
        if name not in URL_FIELDS:
            continue
        value = str(f.value)
        reason = url_problem(value)
        if reason is None:
            continue
        line = (f.start_line or 0) + 1
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        at = text.find(value.strip()) if value.strip() else -1
        col = at + 1 if at >= 0 else len(text) - len(text.lstrip()) + 1
        out.append(Problem(where, line, "E-BIB-URL",
                           f"{name} of '{entry.key}' is not an http(s) address: {reason}",
                           "write the address the source was published at, https://…, or "
                           "remove the field", col=col))
    return out


def to_csl(entry: BibEntry) -> tuple[dict, list[tuple[str, str, str]]]:
    """The CSL-JSON item of one entry, and its problems as (code, message, hint)."""
    f = {k.lower(): v for k, v in entry.fields.items()}
    issues: list[tuple[str, str, str]] = []
    csl: dict = {"id": entry.key, "type": CSL_TYPES.get(entry.entry_type.lower(),
                                                        DEFAULT_CSL_TYPE)}
    if f.get("title"):
        csl["title"] = csl_text(f["title"])
    if f.get("author"):
        csl["author"] = csl_names(f["author"])
    elif f.get("organization"):
        csl["author"] = [{"literal": strip_braces(csl_plain(f["organization"]))}]
    publisher = f.get("publisher") or f.get("organization")
    if publisher:
        csl["publisher"] = strip_braces(csl_plain(publisher))
    container = f.get("journaltitle") or f.get("journal")
    if container:
        csl["container-title"] = csl_text(container)
    for bib_name, csl_name in (("date", "issued"), ("urldate", "accessed")):
        if f.get(bib_name):
            parts = date_parts(f[bib_name])
            if parts is None:
                issues.append(("E-BIB-DATE", f"{bib_name} '{f[bib_name]}' of '{entry.key}' is "
                               "not an ISO date", "write YYYY, YYYY-MM or YYYY-MM-DD, as precise "
                               "as the source allows"))
            else:
                csl[csl_name] = {"date-parts": parts}
    if "issued" not in csl and f.get("year", "").strip().isdigit():
        parts = [int(f["year"].strip())]
        month = f.get("month", "").strip().lower()[:3]
        if month.isdigit() or month in MONTHS:
            parts.append(int(month) if month.isdigit() else MONTHS[month])
        csl["issued"] = {"date-parts": [parts]}
    # Only web addresses (briefings.urls): `briefings validate` reports the others.
    if url := web_url(f.get("url")):
        csl["URL"] = url
    if archive := web_url(f.get(ARCHIVE_URL_FIELD)):
        csl["custom"] = {"archive-url": archive}
    language = f.get("language") or f.get("langid")
    if language:
        csl["language"] = csl_plain(language)
    if f.get("note"):
        csl["note"] = csl_plain(f["note"])
    return csl, issues


def load(path: Path) -> Bibliography:
    """Read ``path``; a missing file is an empty bibliography (citing from it is then an error)."""
    bib = Bibliography(path)
    if not path.exists():
        return bib
    import bibtexparser

    text = path.read_text(encoding="utf-8")
    bib.text = text
    where = display_path(path)
    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings are reported below, as problems with a place
    try:
        library = bibtexparser.parse_string(text)
    finally:
        quiet.setLevel(level)
    from briefings.validate.bibliography import failed_blocks

    seen_lower: dict[str, BibEntry] = {}
    bib.problems += failed_blocks(library, where, {e.key: e.start_line + 1
                                                   for e in library.entries})
    for e in library.entries:
        line = e.start_line + 1
        entry = BibEntry(e.key, e.entry_type, {k.lower(): str(v.value)
                                               for k, v in e.fields_dict.items()}, line)
        other = seen_lower.get(e.key.lower())
        if other is not None:
            bib.problems.append(Problem(where, line, "E-BIB-DUPLICATE-KEY",
                                        f"bibliography key '{e.key}' differs from "
                                        f"'{other.key}' only in case",
                                        f"'{other.key}' is on line {other.line}; citation "
                                        "keys are case-insensitive in CSL"))
            continue
        seen_lower[e.key.lower()] = entry
        entry.csl, issues = to_csl(entry)
        for code, message, hint in issues:
            bib.problems.append(Problem(where, line, code, message, hint))
        bib.entries[e.key] = entry
    bib.problems.sort()
    return bib


def language_note(code: str) -> str | None:
    """"In Albanian." for a source not in English (``sq``, ``sr-Cyrl`` as BibTeX's ``language``
    gives it; a code Babel does not know is shown as written), None for English or none."""
    code = code.strip()
    if not code or code.lower().split("-")[0] in ("en", "english"):
        return None
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        name = code
    return f"In {name}."
