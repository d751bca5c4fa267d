"""Citations: every entry cites a source; every key in Sources, Date-Evidence and the body is in
the bibliography (the nearest keys are named); the body cites only what Sources lists, and
Sources lists nothing the body leaves uncited (a warning).

The body is read with :func:`briefings.citesyntax.find_citations`, the project's one parser.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefings.entryfile import EVIDENCE_RE
from briefings.problems import Problem, display_path
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc, did_you_mean, list_items


def unknown_key(where: str, line: int, col: int, key: str, keys: Iterable[str],
                bib: str) -> Problem:
    """``E-CITE-UNKNOWN-KEY``, in the one wording of validate and the citations plugin."""
    return problem("E-CITE-UNKNOWN-KEY", where, line, f"'{key}' is not a key in {bib}",
                   did_you_mean(key, list(keys)) + "use an existing key, or add the source "
                   "with `briefings new-source`", col)


def check(doc: EntryDoc, ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    w = doc.where
    bib = display_path(ctx.bib_path)
    sources_h = doc.field("sources")
    sources = list_items(sources_h) if sources_h is not None else []
    listed = {item for _l, _c, item in sources}
    if not sources:
        line = sources_h.line if sources_h is not None else 1
        out.append(problem("E-NO-SOURCES", w, line, "the entry cites no source",
                           f"add `Sources: KEY` with keys from {bib}; `briefings new-source` "
                           "adds a source that is not there yet"))

    def unknown(key: str, line: int, col: int) -> bool:
        if not ctx.bib_ok or key in ctx.bib_keys:
            return False
        out.append(unknown_key(w, line, col, key, ctx.bib_keys, bib))
        return True

    seen: set[str] = set()
    for line, col, key in sources:
        unknown(key, line, col)
        if key in seen:
            out.append(problem("W-SOURCE-DUPLICATE", w, line, f"'{key}' is listed twice in "
                               "Sources", "remove the repeat (`briefings validate --fix` does "
                               "it)", col))
        seen.add(key)

    evidence = doc.field("date-evidence")
    for line, col, text in evidence.values if evidence is not None else []:
        m = EVIDENCE_RE.match(text)
        if not m:
            continue  # dates.py reports the form
        key = m.group("key")
        if not unknown(key, line, col) and key not in listed:
            out.append(problem("E-CITE-NOT-IN-SOURCES", w, line,
                               f"Date-Evidence cites '{key}', which Sources does not list",
                               f"add '{key}' to Sources", col))

    cited: set[str] = set()
    first = doc.body_first_line
    for citation in doc.citations:
        line = first + citation.line - 1
        for item in citation.items:
            cited.add(item.key)
            col = citation.col + max(citation.raw.find("@" + item.key), 0)
            if not unknown(item.key, line, col) and item.key not in listed:
                out.append(problem("E-CITE-NOT-IN-SOURCES", w, line,
                                   f"the text cites '{item.key}', which Sources does not list",
                                   f"add '{item.key}' to Sources", col))
    for line, col, key in sources:
        if key not in cited and (not ctx.bib_ok or key in ctx.bib_keys):
            out.append(problem("W-SOURCE-NOT-CITED", w, line,
                               f"the text never cites '{key}'",
                               f"cite it where the text relies on it, as [@{key}]", col))
            cited.add(key)  # once per key
    return out
