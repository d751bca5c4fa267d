from briefings.citesyntax import cited_keys, find_citations


def test_single_and_multiple_keys():
    cites = find_citations("A [@a]. B [@b; @c-2025].")
    assert [c.keys for c in cites] == [["a"], ["b", "c-2025"]]
    assert not cites[0].in_text


def test_locator_prefix_suffix_and_suppressed_author():
    (c,) = find_citations("x [see @key, p. 4] y")
    item = c.items[0]
    assert (item.key, item.prefix, item.locator_term, item.locator) == ("key", "see", "page", "4")
    (c,) = find_citations("[-@k, chap. 2, emphasis added]")
    assert c.items[0].suppress_author and c.items[0].locator == "2"
    assert c.items[0].suffix == "emphasis added"


def test_in_text_citation_with_its_position_and_not_emails_or_code():
    text = "Intro\nAs @rks-2025 [p. 3] says, mail a@b.org, `@notakey`."
    cites = find_citations(text)
    assert [(c.keys, c.in_text, c.line, c.col) for c in cites] == [(["rks-2025"], True, 2, 4)]
    assert cites[0].items[0].locator == "3"


def test_trailing_punctuation_is_not_part_of_the_key():
    assert cited_keys("as @a-b. And [@c.d]; then @e:") == ["a-b", "c.d", "e"]


def test_links_are_not_citations():
    assert cited_keys("[text](mailto:x@y.org) and [@real]") == ["real"]
