"""briefings/plugins/cores/unwritten.py: tag, category and author pages the settings do not write
are not prepared; when the settings do write them, they are written as Pelican writes them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.generators import ArticlesGenerator

from briefings.plugins.cores import unwritten
from tests.conftest import ROOT, settings_plus

unwritten.install()  # as the cores plugin does in every build


def _build(fixture_content: Path, tmp_path: Path, **settings: str) -> Path:
    conf = settings_plus(tmp_path, *(f"{k} = {v!r}" for k, v in settings.items()))
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", str(fixture_content), "-s", str(conf), "-o", str(out),
         "--fatal", "errors", "-e", "INCREMENTAL=false"], cwd=ROOT, capture_output=True,
        text=True, check=False, env={**os.environ, "BRIEFINGS_CACHE_PATH": str(tmp_path / "c")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_pages_the_settings_ask_for_are_written_with_their_articles(fixture_content, tmp_path):
    # the project's theme has no category or author template: Pelican's own "simple" ones
    out = _build(fixture_content, tmp_path, CATEGORY_SAVE_AS="category/{slug}.html",
                 AUTHOR_SAVE_AS="author/{slug}.html", THEME_TEMPLATES_OVERRIDES=[],
                 TEMPLATE_PAGES={})
    categories = sorted(p.name for p in (out / "category").glob("*.html"))
    assert categories, "no category page written"
    authors = list((out / "author").glob("*.html"))
    assert len(authors) == 1
    entries = sorted(p.parent.name for p in (out / "briefings").glob("*/index.html"))
    listed = set(re.findall(r'href="[^"]*/briefings/([^/"]+)/"', authors[0].read_text("utf-8")))
    # every dated entry is on the one author's page (undated ones are hidden)
    assert listed and listed <= set(entries)


def test_pages_the_settings_leave_out_are_not_written(fixture_content, tmp_path):
    out = _build(fixture_content, tmp_path)
    assert not (out / "category").exists() and not (out / "author").exists()
    assert not (out / "tag").exists()


@pytest.mark.parametrize(("method", "setting", "lists"), [
    ("generate_tags", "TAG_SAVE_AS", "tags"),
    ("generate_categories", "CATEGORY_SAVE_AS", "categories"),
    ("generate_authors", "AUTHOR_SAVE_AS", "authors"),
])
def test_lists_are_not_made_for_pages_not_written(method, setting, lists):
    class Untouchable:
        def __iter__(self):
            raise AssertionError(f"{lists} were read although {setting} is empty")

        items = __iter__

    generator = SimpleNamespace(settings={setting: ""}, dates=[], **{lists: Untouchable()},
                                get_template=lambda name: pytest.fail("template asked for"))
    getattr(ArticlesGenerator, method)(generator, write=lambda *a, **k: pytest.fail("written"))
    # with the setting given, Pelican's own method runs, and reads the lists
    generator.settings[setting] = f"{lists}/{{slug}}.html"
    generator.get_template = lambda name: None
    with pytest.raises(AssertionError, match="were read"):
        getattr(ArticlesGenerator, method)(generator, write=lambda *a, **k: None)
