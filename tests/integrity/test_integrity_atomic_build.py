"""Atomic builds: a failed build leaves the previous output/ byte for byte as it was, leaves no
staging directory behind, and says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitecheck import ROOT

from briefings.build import STEPS, BuildContext, BuildError, build, swap_in
from tests.stopping import snapshot

BAD_DATE = "Title: Broken\nDate: 2025-02-30\nSlug: broken\n\nx\n"


@pytest.fixture
def previous(root, fixture_content, tmp_path) -> tuple[Path, dict]:
    """A first, good build of the fixture content (PDFs skipped: not what is tested here)."""
    out = tmp_path / "site" / "output"
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    return out, snapshot(out)


def _explode(ctx: BuildContext) -> None:
    (ctx.staging / "half-written.html").write_text("<p>half", encoding="utf-8")
    raise RuntimeError("the search indexer crashed")


def test_a_failing_later_step_leaves_the_previous_output(root, fixture_content, previous):
    out, before = previous
    (fixture_content / "briefings" / "2025" / "new.md").write_text(
        (fixture_content / "briefings" / "2025"
         / "2025-09-implementation-plan-presented-for-approval.md").read_text(encoding="utf-8")
        .replace("Slug: 2025-09-implementation-plan-presented-for-approval", "Slug: new")
        .replace("Title: ", "Title: A new development: ", 1),
        encoding="utf-8")
    steps = [*[s for s in STEPS if s[0] != "pdf"], ("explode", _explode)]
    with pytest.raises(BuildError, match=r"explode.*the search indexer crashed"):
        build(root, fixture_content, root / "pelican.conf.py", out, steps=steps)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]


def test_an_entry_pelican_cannot_read_leaves_the_previous_output(root, fixture_content,
                                                                 previous):
    out, before = previous
    (fixture_content / "briefings" / "2025" / "broken.md").write_text(BAD_DATE, encoding="utf-8")
    # The validator would stop this entry first (tested below through the command); skip it so
    # that Pelican itself is what fails here.
    with pytest.raises(BuildError, match="pelican"):
        build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf", "validate"))
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]


def test_a_failed_first_build_creates_no_output(root, fixture_content, tmp_path):
    out = tmp_path / "fresh" / "output"
    (fixture_content / "briefings" / "2025" / "broken.md").write_text(BAD_DATE, encoding="utf-8")
    with pytest.raises(BuildError):
        build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    assert list(out.parent.iterdir()) == []


def test_interrupting_a_build_leaves_the_previous_output(root, fixture_content, previous):
    out, before = previous

    def interrupt(ctx: BuildContext) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(root, fixture_content, root / "pelican.conf.py", out, steps=[("stop", interrupt)])
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]


def test_the_swap_puts_the_old_site_back_when_the_new_one_cannot_go_in(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    before = snapshot(out)
    missing = tmp_path / ".output-gone"  # the rename of the new tree fails
    with pytest.raises(OSError):
        swap_in(missing, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_stale_old_tree_from_a_killed_build_does_not_block_the_next(root, fixture_content,
                                                                      previous):
    """As builds named it before their lock files (briefings/staging.py): no build owns it."""
    out, _ = previous
    stale = out.parent / f".output-old-{os.getpid()}"
    (stale / "x").mkdir(parents=True)
    ctx = build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    assert (out / "index.html").is_file()
    # the stale tree is gone, and so is the site it replaced (by a process of its own, which
    # holds the build's lock until then)
    assert ctx.removal is not None and ctx.removal.wait(timeout=60) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]


def test_the_replaced_site_is_removed_after_the_build_holding_its_lock(tmp_path):
    """The removal's process holds the build's lock: a sweep meanwhile leaves its folder
    alone; once it is done, folder and lock file are gone."""
    import fcntl

    from briefings.staging import Claim, Sweep

    claim = Claim(tmp_path)
    old = claim.folder("old")
    (old / "site" / "a").mkdir(parents=True)
    lock = claim.lock
    gate = os.open(lock, os.O_RDONLY)
    proc = claim.remove_in_background(old)
    assert claim.fd is None
    other = Claim(tmp_path)  # another build starting now
    Sweep(tmp_path, other).join()
    other.release()
    assert proc.wait(timeout=60) == 0
    assert not old.exists() and not lock.exists()
    fcntl.flock(gate, fcntl.LOCK_EX | fcntl.LOCK_NB)  # let go
    os.close(gate)


def test_the_command_says_why_and_exits_non_zero(root, fixture_content, previous):
    """What ``make site`` runs after ingest: ``briefings build``."""
    out, before = previous
    (fixture_content / "briefings" / "2025" / "broken.md").write_text(BAD_DATE, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "briefings.cli", "build", "--content", str(fixture_content),
         "--output", str(out), "--skip", "pdf"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "COLUMNS": "200"})
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "build failed" in said and "left as it was" in said
    assert "broken.md" in said and "2025-02-30" in said  # which file, and what is wrong in it
    assert snapshot(out) == before
