"""What is known about each source: a sidecar ``<name>.meta.yaml`` beside ``<name>.txt|.md|.html``.

Adding a source means adding one pair of files. Unknown values are ``null``: never guessed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefings import invisible
from briefings.model import SourceMeta
from briefings.problems import Problem, display_path
from briefings.urls import url_problem

SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm")
META_SUFFIX = ".meta.yaml"
META_FIELDS = ("url", "title", "publisher", "author", "published", "accessed", "language",
               "reliability", "notes")


class _MetaLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: ``published: 2025-02-30`` stays text we can check and
    report with its line, instead of a ValueError from the date constructor."""


_MetaLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

class _MetaDumper(yaml.SafeDumper):
    """Writes strings holding line-break characters other than ``\n`` (NEL, U+2028, ``\r``)
    double-quoted, where YAML escapes them; in plain style they would be read back as spaces."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in "\r\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_MetaDumper.add_representer(str, _represent_str)

PARTIAL_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def meta_path_for(source: Path) -> Path:
    return source.with_name(source.stem + META_SUFFIX)


def _line_of(text: str, key: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(key + ":"):
            return n
    return 1


def read_meta(source: Path) -> tuple[SourceMeta, list[Problem]]:
    """The metadata of ``source`` from its sidecar, if any. Problems name file and line."""
    meta = SourceMeta(file=source)
    path = meta_path_for(source)
    if not path.exists():
        return meta, []
    where = display_path(path)
    text = path.read_bytes().decode("utf-8", errors="replace")  # keep \r as written
    try:
        data = yaml.load(text, Loader=_MetaLoader)  # a SafeLoader subclass
    except RecursionError:
        return meta, [Problem(where, 1, "E-META-SYNTAX", "metadata is nested too deeply",
                              "write one `key: value` per line")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return meta, [Problem(where, line, "E-META-SYNTAX", f"metadata is not valid YAML: {reason}",
                              "write one `key: value` per line; quote values containing ': '")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return meta, [Problem(where, 1, "E-META-SYNTAX", "metadata must be a mapping of key: value",
                              "see sources/README.md for the format")]
    problems: list[Problem] = []
    meta.meta_path = path
    for key, value in data.items():
        line = _line_of(text, str(key))
        if key not in META_FIELDS:
            problems.append(Problem(where, line, "E-META-FIELD", f"unknown metadata field '{key}'",
                                    "known fields: " + ", ".join(META_FIELDS)))
            continue
        if value is None:
            continue
        value = str(value).strip() if not hasattr(value, "isoformat") else value.isoformat()
        hidden = [ch for _i, ch in invisible.find(value)]
        if hidden:
            problems.append(Problem(where, line, "E-META-INVISIBLE-CHAR",
                                    f"{key} holds a character that cannot be seen: "
                                    + invisible.summary(hidden), invisible.HINT))
            continue
        if key in ("published", "accessed") and not PARTIAL_DATE_RE.match(value):
            problems.append(Problem(where, line, "E-META-DATE",
                                    f"{key} '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD",
                                    "write the date at the precision you know, or null"))
            continue
        if key in ("published", "accessed"):
            from briefings.dates_util import check_partial_date

            err = check_partial_date(value)
            if err:
                problems.append(Problem(where, line, "E-META-DATE", f"{key} '{value}': {err}",
                                        "write a date that exists"))
                continue
        if key == "url":
            reason = url_problem(value)
            if reason:
                problems.append(Problem(where, line, "E-META-URL",
                                        f"url '{invisible.shown(value)}' is not an http(s) "
                                        f"address: {reason}",
                                        "write the address the source was published at, "
                                        "https://…, or null"))
                continue
        setattr(meta, key, value)
    return meta, problems


def write_meta(meta: SourceMeta) -> Path:
    """Write the sidecar of ``meta.file`` (all fields, nulls included, in a fixed order)."""
    path = meta_path_for(meta.file)
    data = {key: getattr(meta, key) for key in META_FIELDS}
    text = yaml.dump(data, Dumper=_MetaDumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def find_sources(paths: list[Path]) -> list[Path]:
    """Source files under ``paths`` (files or folders), sorted, sidecars and READMEs excluded.
    A page archived beside its text (``x.html`` with ``x.txt``: what ``briefings ingest URL``
    writes; one sidecar describes both) is left out of a folder: the text is the source."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in SOURCE_SUFFIXES
                and f.name.lower() != "readme.md"
                and not (f.suffix.lower() in (".html", ".htm") and f.with_suffix(".txt").exists())
            )
        else:
            found.append(p)
    return found
