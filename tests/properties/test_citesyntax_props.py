"""Properties of the Pandoc citation parser (briefings.citesyntax)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.citesyntax import cited_keys, find_citations

SETTINGS = settings(max_examples=150, deadline=None)

#: The key grammar as documented in citesyntax.py (and Pandoc's manual), written independently of
#: its regex: starts and ends with a letter, digit or underscore; single internal punctuation.
KEY_GRAMMAR = re.compile(r"[A-Za-z0-9_]+(?:[:.#$%&+?<>~/-][A-Za-z0-9_]+)*")
WORD = st.text("abcxyzAZ019_", min_size=1, max_size=6)
keys = st.lists(st.tuples(st.sampled_from(list(":.#$%&+?<>~/-")), WORD), max_size=3).flatmap(
    lambda rest: WORD.map(lambda head: head + "".join(p + w for p, w in rest)))

#: Text made mostly of the characters citations are made of, so that the odd cases come up.
citation_soup = st.lists(st.sampled_from(
    [*"[]@;,-.:p 4`\n(){}<>/_aZ9\"'", "see ", "p. ", "pp. ", "chap. ", "@k", "[@", "-@"]),
    max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), citation_soup)


@SETTINGS
@given(any_text)
def test_any_text_parses_and_every_key_is_in_the_text_and_the_grammar(text):
    cites = find_citations(text)
    starts = [c.start for c in cites]
    assert starts == sorted(starts)
    for c in cites:
        assert 0 <= c.start < c.end <= len(text)
        assert c.raw == text[c.start:c.end]
        assert (c.line, c.col) == (text.count("\n", 0, c.start) + 1,
                                   c.start - (text.rfind("\n", 0, c.start) + 1) + 1)
        assert c.keys and c.keys == [i.key for i in c.items]
        for key in c.keys:
            assert "@" + key in c.raw, (key, c.raw)
            assert KEY_GRAMMAR.fullmatch(key), key
    assert set(cited_keys(text)) == {k for c in cites for k in c.keys}


@SETTINGS
@given(st.lists(keys, min_size=1, max_size=4), st.text("abc ,.", max_size=10))
def test_bracketed_citations_of_any_grammatical_keys_are_found(ks, prose):
    text = f"{prose} [{'; '.join('@' + k for k in ks)}]. {prose}"
    (c,) = find_citations(text)
    assert c.keys == ks and not c.in_text


@SETTINGS
@given(keys, st.sampled_from([".", ",", ";", ":", " ", "!", ")", "\n"]))
def test_in_text_citation_stops_before_trailing_punctuation(key, after):
    text = f"As @{key}{after} says"
    assert cited_keys(text) == [key]
