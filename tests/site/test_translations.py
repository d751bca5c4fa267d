"""The theme's words in Albanian and Serbian: every word the templates mark is in each catalogue,
translated (every plural form), with the same placeholders; the plugin installs the catalogue of
DEFAULT_LANG and refuses a language it has none for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment, FileSystemLoader

from briefings.plugins.i18n import catalogue_path, site_words, translations
from briefings.plugins.i18n.words import WORDS

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"
LANGUAGES = ("sq", "sr")
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s")


def _marked() -> set[str]:
    """The msgids the templates and schema mark, extracted as `make translations` does (with
    theme/babel.cfg, from the project's root)."""
    with (THEME / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = extract_from_dir(str(ROOT), method_map, options_map)
    return {m[2][0] if isinstance(m[2], tuple) else m[2] for m in found}


def _catalogue(lang: str):
    with catalogue_path(THEME, lang).open("rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_marked_word_is_translated_with_its_placeholders(lang):
    catalogue = _catalogue(lang)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalogue if m.id}
    marked = _marked()
    assert marked, "no word of the theme is marked for translation"
    assert not marked - set(ids), f"untranslated in {lang}; run `make translations`"
    assert not set(ids) - marked, f"{lang} translates words no template has"
    for msgid, m in ids.items():
        assert not m.fuzzy, (lang, msgid)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert len(strings) == (catalogue.num_plurals if isinstance(m.id, tuple) else 1)
        for s in strings:
            assert s.strip(), (lang, msgid)
            assert set(PLACEHOLDER_RE.findall(s)) == set(PLACEHOLDER_RE.findall(msgid)), \
                (lang, msgid, s)


def _env(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(str(THEME / "templates")),
                      extensions=["jinja2.ext.i18n"], autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.install_gettext_translations(translations(THEME, lang), newstyle=True)
    return env


def test_a_partial_renders_in_albanian():
    html = _env("sq").get_template("partials/sourcing-policy.html").render()
    assert "Politika e burimeve" in html and "Sourcing policy" not in html


@pytest.mark.parametrize(("count", "words"), [(1, "1 izvor"), (3, "3 izvora"), (5, "5 izvora"),
                                              (21, "21 izvor")])
def test_serbian_plurals_follow_the_number(count, words):
    html = _env("sr").from_string(
        "{% trans count=n %}{{ count }} source{% pluralize %}{{ count }} sources{% endtrans %}"
    ).render(n=count)
    assert html == words


def test_english_is_the_templates_own_words_and_an_unknown_language_is_refused(tmp_path):
    html = _env("en").get_template("partials/sourcing-policy.html").render()
    assert "Sourcing policy" in html
    with pytest.raises(FileNotFoundError, match="make translations"):
        translations(tmp_path, "sq")


def test_the_scripts_words_come_from_the_page_in_its_language():
    used = set()
    for script in (THEME / "static" / "js").glob("*.js"):
        used |= set(re.findall(r'\bt\("(\w+)"', script.read_text(encoding="utf-8")))
    assert used and used <= set(WORDS), used - set(WORDS)
    sq, sr = (json.loads(site_words(THEME, lang)) for lang in ("sq", "sr"))
    assert sq["searching"] == "Duke kërkuar…" and set(sq["sources"]) == {"one", "other"}
    # Serbian's three plural forms, by CLDR category (the scripts use Intl.PluralRules)
    assert sr["sources"] == {"one": "%(n)s izvor", "few": "%(n)s izvora",
                             "other": "%(n)s izvora"}
    assert "<" not in site_words(THEME, "en")  # nothing in it can end its <script>
