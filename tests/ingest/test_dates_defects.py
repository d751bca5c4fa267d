"""Small defects of the date resolver and its command (issue 26), each on text written for the
test: a dateline after a wire service's credit, sentences that begin with a capital outside
ASCII, and ``briefings dates`` whose reader stops early."""

from __future__ import annotations

import pytest

from briefings.ingest.dates_tense import sentence_bounds
from briefings.ingest.events import sentences

# --- sentences that begin with a capital outside ASCII ------------------------------------------

@pytest.mark.parametrize(("first", "second"), [
    ("Vežba je održana 12. marta.", "Čelnici misije će doći u maju."),
    ("Vežba je održana 12. marta.", "Šef misije će doći u maju."),
    ("Vežba je održana 12. marta.", "Žandarmerija će doći u maju."),
    ("Вежба је одржана 12. марта.", "Шеф мисије ће доћи у мају."),
    ("Ushtrimi u mbajt më 12 mars.", "Ëndrra do të vijë në maj."),
    ("The drill was held on 12 March.", "Łukasz Nowak will come in May."),
])
def test_sentences_split_before_a_capital_outside_ascii(first, second):
    text = f"{first} {second}"
    assert sentence_bounds(text, len(text) - 4, len(text) - 1) == (len(first) + 1, len(text))
    assert [text[a:b] for a, b in sentences(text)] == [first, second]
