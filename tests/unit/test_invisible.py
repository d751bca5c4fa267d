"""briefings.invisible: characters a reader cannot see, found, shown and removed; names in
composed Unicode."""

from __future__ import annotations

from briefings import invisible
from briefings.registry import load_actors


def test_bidi_controls_and_invisible_characters_are_found_and_shown():
    text = "Kosovo \u202eOTAN\u202c and Maqe\u200ddonci\ufeff"
    assert [ch for _i, ch in invisible.find(text)] == ["\u202e", "\u202c", "\u200d", "\ufeff"]
    assert invisible.shown(text) == "Kosovo <U+202E>OTAN<U+202C> and Maqe<U+200D>donci<U+FEFF>"
    assert invisible.strip(text) == "Kosovo OTAN and Maqedonci"
    assert invisible.summary(["\u202e", "\u200d", "\u202e"]) == \
        "U+202E RIGHT-TO-LEFT OVERRIDE, U+200D ZERO WIDTH JOINER"


def test_visible_text_is_left_alone():
    text = "Prishtinë, Maćedonci, Ћирилица, “quotes” — and a soft\u00adhyphen"
    assert invisible.find(text) == [] and invisible.normalise(text) == text


def test_names_are_compared_in_composed_unicode(tmp_path):
    registry = tmp_path / "actors.yaml"
    registry.write_text("ejup-maqedonci:\n  name: Ejup Mac\u0301edonci\n  kind: person\n"
                        "  aliases: [Maqe\u200ddonci]\n", encoding="utf-8")
    actors, problems = load_actors(registry)
    assert problems == []
    assert actors["ejup-maqedonci"].name == "Ejup Ma\u0107edonci"
    assert actors["ejup-maqedonci"].aliases == ["Maqedonci"]
