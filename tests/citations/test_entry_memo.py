"""What the citations plugin made of each entry is kept in the cache folder for the next build
(briefings/plugins/citations/memo.py): a build of the same content scans no entry again and
writes the same site; a changed entry, bibliography or style is made anew."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

import briefings.plugins.citations as citations
from briefings.plugins.citations.memo import DiskMemo
from tests.site.test_incremental import tree

ROOT = Path(__file__).resolve().parents[2]


def run(content: Path, out: Path, cache: Path, **override) -> None:
    """One build's Pelican run, as in its own process (no memo of an earlier run in memory)."""
    citations._MEMO.clear()
    shutil.rmtree(out, ignore_errors=True)
    settings = read_settings(str(ROOT / "pelican.conf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(out), "CACHE_PATH": str(cache),
        "INCREMENTAL": False, "LOAD_CONTENT_CACHE": False, **override})
    Pelican(settings).run()


@pytest.fixture
def scanned(monkeypatch) -> list[str]:
    """The source files whose citations the plugin scans."""
    seen: list[str] = []
    real = citations._scan
    monkeypatch.setattr(citations, "_scan",
                        lambda article, bib: seen.append(Path(article.source_path).name)
                        or real(article, bib))
    return seen


def test_a_second_build_takes_every_entry_from_the_memo(tmp_path, fixture_content, scanned):
    cache = tmp_path / "cache"
    run(fixture_content, tmp_path / "first", cache)
    entries = len(scanned)
    assert entries > 3
    assert len(list(cache.glob("entries-*-en.pickle"))) == 1
    scanned.clear()
    run(fixture_content, tmp_path / "second", cache)
    assert scanned == []
    assert tree(tmp_path / "second") == tree(tmp_path / "first")

    # one changed entry is scanned again, and its page is that of a build without a memo
    path = sorted((fixture_content / "briefings").rglob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", "\n\nAn added sentence.\n\n", 1), encoding="utf-8")
    run(fixture_content, tmp_path / "third", cache)
    assert scanned == [path.name]
    run(fixture_content, tmp_path / "fresh", tmp_path / "cache-fresh")
    assert tree(tmp_path / "third") == tree(tmp_path / "fresh")


def test_a_changed_bibliography_or_style_makes_every_entry_anew(tmp_path, fixture_content,
                                                               scanned):
    cache = tmp_path / "cache"
    run(fixture_content, tmp_path / "first", cache)
    entries = len(scanned)
    scanned.clear()
    bib = fixture_content / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n% a comment\n", encoding="utf-8")
    run(fixture_content, tmp_path / "second", cache)
    assert len(scanned) == entries
    scanned.clear()
    run(fixture_content, tmp_path / "third", cache, CITATIONS={"style": "apa"})
    assert len(scanned) == entries
    assert tree(tmp_path / "third") != tree(tmp_path / "second")


def test_a_damaged_memo_is_made_anew(tmp_path, fixture_content, scanned):
    cache = tmp_path / "cache"
    run(fixture_content, tmp_path / "first", cache)
    entries = len(scanned)
    (memo,) = cache.glob("entries-*-en.pickle")
    memo.write_bytes(memo.read_bytes()[:100])
    scanned.clear()
    run(fixture_content, tmp_path / "second", cache)
    assert len(scanned) == entries
    assert tree(tmp_path / "second") == tree(tmp_path / "first")
    assert len(DiskMemo(cache, "en")) == entries


def test_no_cache_folder_keeps_nothing(tmp_path, fixture_content, scanned):
    run(fixture_content, tmp_path / "first", tmp_path / "cache",
        CITATIONS={"cache": False})
    assert not list((tmp_path / "cache").glob("entries-*"))
