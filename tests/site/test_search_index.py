"""The search index (briefings/search.py): Pagefind on the finished site, reading only each
entry's article (ROOT_SELECTOR), makes the index Pagefind makes reading whole pages; what it
holds; a Pagefind failure fails the build; Pagefind dies with the build."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from briefings.bench.corpus import generate_content
from briefings.build import BuildError, build
from briefings.search import SEARCH_GLOB
from tests.site.test_same_site import tree

ROOT = Path(__file__).resolve().parents[2]


def test_the_index_of_entry_articles_is_pagefinds_index_of_whole_pages(tmp_path, monkeypatch):
    content = tmp_path / "content"
    generate_content(content, 60, seed=5)
    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    site = tmp_path / "site"
    build(ROOT, content, ROOT / "pelican.conf.py", site, skip=("pdf",))
    pages = list((site / "briefings").glob("*/index.html"))
    assert len(pages) == 60

    # Pagefind's own reading of the finished site: whole pages (no --root-selector)
    again = tmp_path / "again"
    shutil.copytree(site, again, ignore=shutil.ignore_patterns("pagefind"))
    cli = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(again), "--glob",
                          SEARCH_GLOB], cwd=ROOT, capture_output=True, text=True, check=False)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    made, want = tree(site / "pagefind"), tree(again / "pagefind")
    assert sorted(made) == sorted(want)
    # pagefind-entry.json lists the languages' indexes (one per <html lang>) in no fixed order
    entry = "pagefind-entry.json"
    assert json.loads(made.pop(entry)) == json.loads(want.pop(entry))
    assert [name for name in want if made[name] != want[name]] == []

    # What is indexed: the account and its references' authors and titles, not the references'
    # URLs and access dates, nor the date's evidence (quotes and source keys)
    fragments = [json.loads(gzip.decompress(data).removeprefix(b"pagefind_dcd"))
                 for name, data in made.items() if name.startswith("fragment/")]
    assert len(fragments) == 60 * 3  # each entry page in English, Albanian and Serbian
    assert {f["url"].split("/")[1] for f in fragments} == {"briefings", "sq", "sr"}
    for fragment in fragments:
        text = fragment["content"]
        english = fragment["url"].startswith("/briefings/")
        assert "References." in text or not english
        assert fragment["meta"]["title"] in text
        assert "http" not in text and "Accessed" not in text
        assert "Where the date comes from" not in text
    assert any("Where the date comes from" in p.read_text("utf-8") for p in pages)
    assert all("Accessed" in p.read_text("utf-8") for p in pages)


def test_the_index_of_the_same_entry_pages_comes_from_the_cache(tmp_path, monkeypatch,
                                                                capsys):
    """A second build of the same content takes Pagefind's index from the cache (the same
    files; Pagefind, started meanwhile, is stopped); a changed entry page makes it anew, and
    only the newest index is kept."""
    content = tmp_path / "content"
    generate_content(content, 20, seed=6)
    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    site = tmp_path / "site"
    build(ROOT, content, ROOT / "pelican.conf.py", site, skip=("pdf",))
    first = tree(site / "pagefind")
    assert "search: Indexed 60 pages" in capsys.readouterr().out
    build(ROOT, content, ROOT / "pelican.conf.py", site, skip=("pdf",))
    said = capsys.readouterr().out
    assert "search: the index of the same entry pages, from the cache" in said
    assert tree(site / "pagefind") == first
    entry = sorted((content / "briefings").rglob("*.md"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    build(ROOT, content, ROOT / "pelican.conf.py", site, skip=("pdf",))
    assert "search: Indexed 60 pages" in capsys.readouterr().out
    assert tree(site / "pagefind") != first
    assert len([p for p in (tmp_path / "cache" / "pagefind").iterdir()]) == 1


def test_a_failing_pagefind_fails_the_build_with_its_message(tmp_path, fixture_content,
                                                             monkeypatch):
    for entry in (fixture_content / "briefings").rglob("*.md"):  # no entry page: Pagefind fails
        entry.unlink()
    shutil.rmtree(fixture_content / "translations")  # nor translations of the entries
    (fixture_content / "bibliography.bib").write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    try:
        build(ROOT, fixture_content, ROOT / "pelican.conf.py", tmp_path / "site",
              skip=("pdf", "validate"))
    except BuildError as exc:
        said = str(exc)
    else:
        raise AssertionError("the build did not fail")
    assert "search: pagefind exited with 1" in said
    assert "not able to build an index" in said
    assert not (tmp_path / "site").exists()


def test_the_indexer_dies_with_a_build_that_is_killed(tmp_path):
    """A build killed outright runs no exit handler: the indexer it started must not go on
    writing into the folder the next build removes."""
    script = textwrap.dedent("""
        import sys, time
        from briefings.search import Indexing
        run = Indexing(sys.argv[1], cmd=[sys.executable, "-c", "import time; time.sleep(120)"])
        print(run.proc.pid, flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert Path(f"/proc/{child}").exists()
        parent.kill()  # SIGKILL: no atexit, no finally
        parent.wait(timeout=10)
        for _ in range(100):
            try:
                state = Path(f"/proc/{child}/stat").read_text().split(")")[-1].split()[0]
            except FileNotFoundError:
                break
            if state == "Z":  # dead, waiting to be reaped by init
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the indexer outlived the build")
    finally:
        parent.kill()
