"""The bibliography parses (bibtexparser 2), has no duplicate keys, every entry has a title, and
every address (``url``, ``archiveurl``) is an http(s) URL (:mod:`briefings.urls`).

bibtexparser 2 does not raise on syntax errors or duplicate keys: it puts them in
``library.failed_blocks`` with their (0-based) line. Each becomes a problem here.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefings.bibliography import url_problems
from briefings.problems import Problem, display_path
from briefings.validate.chars import scan
from briefings.validate.codes import problem


def load_bibliography(path: Path) -> tuple[dict[str, int], list[Problem], bool]:
    """``(key -> line, problems, exists)`` for the BibTeX file at ``path``."""
    import bibtexparser

    where = display_path(path)
    if not path.exists():
        return {}, [problem("E-BIB-MISSING", where, 1, "the bibliography does not exist",
                            "create it; `briefings new-source` adds entries to it")], False
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return {}, [problem("E-ENCODING", where, 1, "the bibliography is not UTF-8 text",
                            "save the file as UTF-8")], True
    log = logging.getLogger("bibtexparser")
    level = log.level
    log.setLevel(logging.CRITICAL)  # its messages become problems below
    try:
        library = bibtexparser.parse_string(text)
    finally:
        log.setLevel(level)
    problems: list[Problem] = []
    keys: dict[str, int] = {}
    lines = text.split("\n")
    problems += scan(text, where)
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        keys.setdefault(entry.key, line)
        problems += [problem(p.code, where, p.line, p.message, p.hint, p.col)
                     for p in url_problems(entry, where, lines)]
        title = entry.fields_dict.get("title")
        if title is None or not str(title.value).strip():
            problems.append(problem("E-BIB-FIELD", where, line,
                                    f"bibliography entry '{entry.key}' has no title",
                                    "add `title = {…},` (the source's own title, or one "
                                    "written from its URL with a note saying so)"))
    problems += failed_blocks(library, where, keys)
    return keys, problems, True


def failed_blocks(library, where: str, keys: dict[str, int]) -> list[Problem]:
    """``E-BIB-DUPLICATE-KEY`` and ``E-BIB-PARSE`` for bibtexparser's failed blocks, in the
    one wording of validate, ingest and the citations plugin (``keys``: key -> its line)."""
    from bibtexparser.model import DuplicateBlockKeyBlock

    out = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = keys.get(block.key)
            out.append(problem("E-BIB-DUPLICATE-KEY", where, line,
                               f"the key '{block.key}' is already used"
                               + (f" on line {first}" if first else ""),
                               "give this entry another key, or merge the two entries"))
        else:
            error = getattr(block, "error", None)
            reason = (getattr(error, "abort_reason", "") or " ".join(str(error or "").split())
                      or "syntax error")
            first_line = block.raw.splitlines()[0][:60] if block.raw else ""
            out.append(problem("E-BIB-PARSE", where, line,
                               f"this bibliography entry does not parse: {reason.strip()} "
                               f"(in `{first_line}`)",
                               "write `@online{key,` then one `name = {value},` per line "
                               "and a closing `}`"))
    return out
