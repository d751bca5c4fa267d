"""Characters a reader cannot see that change what is read: the project's one list of them.

Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) reorder the text after them:
a title holding one shows the rest of its reference, URL included, backwards. Invisible
characters (zero-width space, joiner, non-joiner, word joiner, a byte-order mark inside the
text) split a name where nobody sees a break ("Ejup Maqe\u200ddonci"). None belongs in the
English, Albanian and Serbian texts of this project.

``briefings validate`` refuses them in entries, the bibliography and the actor registry
(``E-INVISIBLE-CHAR``), as ingest and ``briefings new-source`` do in a source's metadata;
ingest removes them from a source's text and says so. Messages show them as ``<U+202E>``
(:func:`shown`), never as they are: a terminal would reorder the message itself. Names are
compared after :func:`normalise` (the same text in composed or decomposed Unicode is one name).
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional formatting characters (Unicode's Bidi_Control property).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
#: Characters that take no space: zero-width space, non-joiner and joiner, word joiner,
#: invisible operators, and the byte-order mark inside a text.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
HIDDEN = BIDI_CONTROLS | INVISIBLE
HIDDEN_RE = re.compile("[" + "".join(sorted(HIDDEN)) + "]")


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()


def find(text: str) -> list[tuple[int, str]]:
    """``(offset, character)`` of each hidden character of ``text``."""
    return [(m.start(), m.group(0)) for m in HIDDEN_RE.finditer(text)]


def strip(text: str) -> str:
    return HIDDEN_RE.sub("", text)


def shown(text: str) -> str:
    """``text`` for a message: each hidden character written as ``<U+202E>``."""
    return HIDDEN_RE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def normalise(text: str) -> str:
    """``text`` as names are compared: hidden characters removed, then Unicode NFC (a letter
    with its accent written as one character or as two is one letter)."""
    return unicodedata.normalize("NFC", strip(text))


def summary(chars: list[str]) -> str:
    """What was found, once each: ``U+202E RIGHT-TO-LEFT OVERRIDE, U+200D ZERO WIDTH JOINER``."""
    return ", ".join(describe(ch) for ch in dict.fromkeys(chars))


HINT = ("delete it: it cannot be seen, and it reorders or splits the text around it (an editor "
        "shows it when you search for \\u202e, \\u200d…)")
