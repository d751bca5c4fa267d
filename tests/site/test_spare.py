"""``briefings build`` writes over the site it replaced the time before (``.output-spare/``)
instead of removing it and creating every file again: the result is exactly what a build into
an empty directory gives, the files keep their inodes, and nothing is lost when a build fails."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefings.build import BuildError, Leftovers, build, spare_of
from briefings.plugins.search import remove_unwritten_pages

ENTRY = "2025-09-implementation-plan-presented-for-approval"
GONE = "2016-12-07-nato-secretary-general-replies-to-mustafa"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def dirs(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def change(content: Path) -> None:
    """One entry removed, one entry added, one entry's text changed."""
    (content / "briefings" / "2016" / f"{GONE}.md").unlink()
    src = content / "briefings" / "2025" / f"{ENTRY}.md"
    text = src.read_text(encoding="utf-8")
    (content / "briefings" / "2025" / "added.md").write_text(
        text.replace(f"Slug: {ENTRY}", "Slug: added").replace("Title: ", "Title: Added: ", 1),
        encoding="utf-8")
    src.write_text(text.replace("Title: ", "Title: Changed: ", 1), encoding="utf-8")


def page_count(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


@pytest.fixture
def three_builds(root, fixture_content, tmp_path):
    """The first build's tree becomes the spare at the second and is written over by the
    third, after the content changed."""
    out = tmp_path / "site" / "output"
    conf = root / "pelican.conf.py"
    build(root, fixture_content, conf, out, skip=("pdf",))
    first = os.stat(out / "index.html").st_ino
    build(root, fixture_content, conf, out, skip=("pdf",))
    assert spare_of(out).is_dir()
    assert (spare_of(out) / "briefings" / GONE / "index.html").is_file()
    change(fixture_content)
    build(root, fixture_content, conf, out, skip=("pdf",))
    return out, first


def test_a_build_over_the_spare_is_what_a_build_into_an_empty_directory_is(
        root, fixture_content, three_builds, tmp_path):
    out, _ = three_builds
    fresh = tmp_path / "fresh" / "output"
    build(root, fixture_content, root / "pelican.conf.py", fresh, skip=("pdf",))
    assert tree(out) == tree(fresh)
    assert dirs(out) == dirs(fresh)
    assert not (out / "briefings" / GONE).exists()
    assert b"Changed: " in (out / "briefings" / ENTRY / "index.html").read_bytes()


def test_the_search_index_has_only_this_builds_entries(three_builds):
    out, _ = three_builds
    pages = [p for p in (out / "briefings").rglob("*.html")]
    assert page_count(out) == len(pages) == 4  # the stale page of GONE was not indexed
    assert "Added:" in (out / "briefings" / "added" / "index.html").read_text(encoding="utf-8")


def test_files_are_written_over_not_made_again(three_builds):
    """The third build wrote into the first one's tree: its home page is the same inode."""
    out, first = three_builds
    assert os.stat(out / "index.html").st_ino == first
    assert sorted(p.name for p in out.parent.iterdir()) == [".output-spare", "output"]


def test_a_failed_build_over_the_spare_leaves_the_output_as_it_was(root, fixture_content,
                                                                   tmp_path):
    out = tmp_path / "site" / "output"
    conf = root / "pelican.conf.py"
    build(root, fixture_content, conf, out, skip=("pdf",))
    build(root, fixture_content, conf, out, skip=("pdf",))
    before = tree(out)
    (fixture_content / "briefings" / "2025" / "broken.md").write_text(
        "Title: Broken\nDate: 2025-02-30\nSlug: broken\n\nx\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build(root, fixture_content, conf, out, skip=("pdf",))
    assert tree(out) == before
    # the half-written spare went with the failed build; no staging or trash is left
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]


def test_leftovers_are_what_the_build_did_not_write(tmp_path):
    site = tmp_path / "site"
    for rel in ("kept/same.html", "kept/new-bytes.html", "stale/a.html", "stale/deep/b.html",
                "mixed/old.html", "empty-now/x.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("old", encoding="utf-8")
    leftovers = Leftovers(site)
    (site / "kept" / "same.html").write_text("old", encoding="utf-8")  # the same bytes again
    (site / "kept" / "new-bytes.html").write_text("new", encoding="utf-8")
    (site / "mixed" / "new.html").write_text("new", encoding="utf-8")
    (site / "fresh").mkdir()
    (site / "fresh" / "f.html").write_text("new", encoding="utf-8")
    assert leftovers.sweep() == 4
    assert tree(site) == {"fresh/f.html": b"new", "kept/new-bytes.html": b"new",
                          "kept/same.html": b"old", "mixed/new.html": b"new"}
    assert dirs(site) == {"fresh", "kept", "mixed"}


def test_pages_the_writer_did_not_write_are_removed_before_indexing(tmp_path):
    site = tmp_path / "site"
    for rel in ("briefings/a/index.html", "briefings/b/index.html", "briefings/b/data.json",
                "index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    written = {str((site / "briefings" / "a" / "index.html").resolve())}
    gone = remove_unwritten_pages(site, written)
    assert gone == [str((site / "briefings" / "b" / "index.html").resolve())]
    assert sorted(tree(site)) == ["briefings/a/index.html", "briefings/b/data.json",
                                  "index.html"]
