"""The incremental plugin (briefings/plugins/incremental): a re-run of the same Pelican instance
after a change (what ``make serve`` does) writes exactly what a full build of the same content
writes, while rendering only the pages whose inputs changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

import briefings.plugins.citations as citations
import briefings.plugins.incremental as incremental
from briefings.bench.rebuild_driver import touch_entry

ROOT = Path(__file__).resolve().parents[2]
CHANGED = "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
NEW_ENTRY = """Title: KFOR and the Kosovo Security Force hold a joint exercise
Date: 2025-06-02
Date-Precision: day
Event-Status: occurred
Slug: 2025-06-02-kfor-and-ksf-hold-a-joint-exercise
Category: agreements
Actors: kosovo, nato
Sources: rksnews-2025-kosovo-albania-croatia
Review: unreviewed
Summary: KFOR and the Kosovo Security Force held a joint exercise.

The exercise was reported in the press [@rksnews-2025-kosovo-albania-croatia].
"""


def pelican_for(content: Path, out: Path, cache: Path, **override) -> Pelican:
    settings = read_settings(str(ROOT / "pelican.conf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(out), "CACHE_PATH": str(cache),
        "DELETE_OUTPUT_DIRECTORY": False, **override})
    return Pelican(settings)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def folders(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_dir()}


def entry(content: Path, slug: str) -> Path:
    return next(content.glob(f"briefings/*/{slug}.md"))


def change(content: Path) -> None:
    touch_entry(entry(content, CHANGED), 1)


def new(content: Path) -> None:
    (content / "briefings" / "2025" / "2025-06-02-kfor-and-ksf-hold-a-joint-exercise.md"
     ).write_text(NEW_ENTRY, encoding="utf-8")


def delete(content: Path) -> None:
    entry(content, CHANGED).unlink()


def rename(content: Path) -> None:
    old = entry(content, CHANGED)
    text = old.read_text(encoding="utf-8").replace(f"Slug: {CHANGED}",
                                                    "Slug: 2025-03-18-tirana-declaration")
    old.unlink()
    (old.parent / "2025-03-18-tirana-declaration.md").write_text(text, encoding="utf-8")


def to_background(content: Path) -> None:
    """The entry becomes context (Scope: background): off the lists and the timeline, and
    listed as Background on the entries that share its source."""
    path = entry(content, CHANGED)
    text = path.read_text(encoding="utf-8")
    assert "\nReview:" in text
    path.write_text(text.replace("\nReview:", "\nScope: background\nReview:", 1),
                    encoding="utf-8")


def retitle_source(content: Path) -> None:
    """Only the bibliography changes: every entry citing the source shows the new title."""
    bib = content / "bibliography.bib"
    text = bib.read_text(encoding="utf-8")
    old = "to finalise defence cooperation plan in September"
    assert old in text
    bib.write_text(text.replace(old, "to finalise their defence plan in September"),
                   encoding="utf-8")


@pytest.mark.parametrize("edit", [change, new, delete, rename, retitle_source, to_background],
                         ids=["changed", "new", "deleted", "renamed", "source-retitled",
                              "made-background"])
def test_rebuild_after_an_edit_writes_what_a_full_build_writes(fixture_content, tmp_path, edit):
    out = tmp_path / "serve"
    served = pelican_for(fixture_content, out, tmp_path / "cache")
    served.run()
    pages = len(list(out.rglob("*.html")))
    edit(fixture_content)
    served.run()
    writer = incremental._current_writer()
    # It did skip work: most pages were not rendered again (4 entries, 1 page, years, actors…).
    assert writer.skipped >= pages // 3, (writer.rendered, writer.skipped)

    full = tmp_path / "full"
    citations._MEMO.clear()  # the full build starts from nothing, as in a process of its own
    citations._CSL_JSON.clear()
    pelican_for(fixture_content, full, tmp_path / "cache").run()
    got, want = tree(out), tree(full)
    assert sorted(got) == sorted(want)  # no stale page of a deleted or renamed entry
    assert [name for name in want if got[name] != want[name]] == []
    assert folders(out) == folders(full)


def test_changed_entry_is_rendered_with_its_neighbours_and_lists(fixture_content, tmp_path):
    out = tmp_path / "serve"
    served = pelican_for(fixture_content, out, tmp_path / "cache")
    served.run()
    before = tree(out)
    change(fixture_content)
    served.run()
    after = tree(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert f"briefings/{CHANGED}/index.html" in changed
    assert "years/2025/index.html" in changed
    assert "feeds/all.atom.xml" in changed
    # The 2016 entry neither shows nor neighbours the changed one: it stays as it was.
    untouched = "briefings/2016-12-07-nato-secretary-general-replies-to-mustafa/index.html"
    assert untouched not in changed


def test_rerun_without_a_change_renders_only_paginated_pages(fixture_content, tmp_path):
    out = tmp_path / "serve"
    served = pelican_for(fixture_content, out, tmp_path / "cache")
    served.run()
    before = tree(out)
    served.run()
    writer = incremental._current_writer()
    assert writer.rendered <= 1  # index.html goes through Pelican's paginator: always rendered
    assert writer.skipped > 10
    assert tree(out) == before


def test_template_change_renders_again(fixture_content, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    out = tmp_path / "serve"
    served = pelican_for(fixture_content, out, tmp_path / "cache", THEME=str(theme))
    served.run()
    article = theme / "templates" / "partials" / "entry-meta.html"
    article.write_text(article.read_text(encoding="utf-8") + "<!-- edited -->\n",
                       encoding="utf-8")
    served.run()
    page = (out / "briefings" / CHANGED / "index.html").read_text(encoding="utf-8")
    assert "<!-- edited -->" in page


def test_first_run_is_the_full_build_without_the_plugin(fixture_content, tmp_path):
    with_plugin = tmp_path / "with"
    pelican_for(fixture_content, with_plugin, tmp_path / "cache").run()
    without = tmp_path / "without"
    pelican_for(fixture_content, without, tmp_path / "cache", INCREMENTAL=False).run()
    assert tree(with_plugin) == tree(without)
    assert not (tmp_path / "cache" / "ArticlesGenerator-Readers").exists()  # nothing pickled


def test_a_run_failing_while_writing_makes_the_next_run_full(fixture_content, tmp_path):
    """A run that stops half-way has rewritten some pages: the next run trusts none of them."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}",
        "{% block content %}{% if article.location == 'Nowhere' %}{{ 1 // 0 }}{% endif %}", 1),
        encoding="utf-8")
    out = tmp_path / "serve"
    served = pelican_for(fixture_content, out, tmp_path / "cache", THEME=str(theme))
    served.run()
    path = entry(fixture_content, CHANGED)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("Location: Tirana, Albania", "Location: Nowhere"),
                    encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        served.run()
    path.write_text(good, encoding="utf-8")
    served.run()
    writer = incremental._current_writer()
    assert writer.skipped == 0 and writer.rendered > 10


def test_an_edit_saved_while_its_file_is_read_shows_on_the_next_run(fixture_content, tmp_path):
    """Pelican asks for a file's stamp before reading it and again after, to store what it
    read: a save landing in between must not be stored as the text read (``make serve`` would
    show the old text until the file changed again)."""
    from pelican import signals

    path = entry(fixture_content, CHANGED)
    saved = path.read_text(encoding="utf-8").replace(
        "Title: ", "Title: Saved while read: ", 1)
    pending = [str(path)]

    def save_while_read(readers) -> None:  # the editor's save lands right after the read
        base = readers.reader_classes["md"]

        class SavedWhileRead(base):
            def read(self, source_path):
                got = super().read(source_path)
                if source_path in pending:
                    pending.remove(source_path)
                    path.write_text(saved, encoding="utf-8")
                return got

        readers.reader_classes["md"] = SavedWhileRead

    signals.readers_init.connect(save_while_read)
    try:
        out = tmp_path / "serve"
        served = pelican_for(fixture_content, out, tmp_path / "cache")
        served.run()  # read the text before the save
        assert not pending
        served.run()  # the run the watcher starts for the save
    finally:
        signals.readers_init.disconnect(save_while_read)
    page = (out / "briefings" / CHANGED / "index.html").read_text(encoding="utf-8")
    assert "Saved while read: " in page
