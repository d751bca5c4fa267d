"""No character a reader cannot see that changes what is read (:mod:`briefings.invisible`):
bidirectional controls and invisible characters, anywhere in a file a person edits (an
entry's header, body and code, the bibliography, the actor registry). One problem per line,
at the first such character; a byte-order mark at the very start of a file is no text.
"""

from __future__ import annotations

from briefings import invisible
from briefings.problems import Problem
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc


def scan(text: str, where: str) -> list[Problem]:
    """The ``E-INVISIBLE-CHAR`` problems of a file's ``text``."""
    if not invisible.HIDDEN_RE.search(text, 1 if text.startswith("\ufeff") else 0):
        return []
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        found = [(i, ch) for i, ch in invisible.find(line) if (n, i) != (1, 0) or ch != "\ufeff"]
        if found:
            out.append(problem("E-INVISIBLE-CHAR", where, n,
                               "a character that cannot be seen: "
                               + invisible.summary([ch for _i, ch in found]),
                               invisible.HINT, found[0][0] + 1))
    return out


def check(doc: EntryDoc, ctx: Context) -> list[Problem]:
    return scan(doc.text, doc.where)
