"""The incremental plugin's digests (briefings/plugins/incremental/fingerprint.py): equal values
give equal digests, any change to a string inside a dict, list or dataclass changes the digest,
and link markers are found in a page's HTML."""

from __future__ import annotations

import dataclasses

import pytest
from markupsafe import Markup

from briefings.plugins.incremental.fingerprint import LINK_MARKERS, Fingerprinter, _has_link


@dataclasses.dataclass
class Item:
    title: str
    tags: list
    extra: dict


def digest(value) -> bytes:
    return Fingerprinter().digest(value)


def sample(**changes) -> Item:
    base = {"title": "KFOR exercise", "tags": ["nato", "kfor"],
            "extra": {"place": "Pristina", "year": 2025}}
    base.update(changes)
    return Item(**base)


def test_equal_values_give_equal_digests():
    assert digest(sample()) == digest(sample())
    assert digest({"a": ["x", "y"]}) == digest({"a": ["x", "y"]})


@pytest.mark.parametrize("changed", [
    {"title": "KFOR exercises"},
    {"tags": ["nato", "ksf"]},
    {"extra": {"place": "Prizren", "year": 2025}},
    {"extra": {"Place": "Pristina", "year": 2025}},  # a key
    {"tags": ["natokfor"]},  # the same characters, split otherwise
])
def test_a_changed_string_anywhere_changes_the_digest(changed):
    assert digest(sample(**changed)) != digest(sample())


def test_a_str_subclass_is_not_the_plain_string():
    assert digest(["<b>x</b>"]) != digest([Markup("<b>x</b>")])
    assert digest({"k": "<b>x</b>"}) != digest({"k": Markup("<b>x</b>")})


@pytest.mark.parametrize("marker", LINK_MARKERS)
def test_every_link_marker_is_found(marker):
    assert _has_link(f"<p>See <a href=\"{marker}/2025/x.md\">this</a>.</p>")


def test_html_without_a_marker_has_no_link():
    assert not _has_link('<p>The <a href="https://nato.int/">alliance</a> | {braces}</p>')
    assert not _has_link("<p>plain</p>")
