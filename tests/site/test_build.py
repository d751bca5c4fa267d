"""End-to-end: the real Pelican build with the project's theme and plugins."""

from __future__ import annotations

import pytest

from briefings.build import BuildError, build


def test_fixture_site_has_every_entry_page_with_its_title(fixture_site):
    index = (fixture_site / "index.html").read_text(encoding="utf-8")
    for slug, title in [
        ("2025-03-18-kosovo-albania-croatia-sign-defence-declaration",
         "Kosovo, Albania and Croatia sign a defence cooperation declaration in Tirana"),
        ("2016-12-07-nato-secretary-general-replies-to-mustafa",
         "NATO Secretary General replies to Prime Minister Mustafa"),
    ]:
        page = (fixture_site / "briefings" / slug / "index.html").read_text(encoding="utf-8")
        assert title in page
        assert title in index


def test_month_precision_is_shown_as_a_month(fixture_site):
    page = (fixture_site / "briefings" / "2025-09-implementation-plan-presented-for-approval"
            / "index.html").read_text(encoding="utf-8")
    assert "September 2025" in page and "1 September 2025" not in page


def test_undated_entry_has_a_page_but_stays_off_the_chronology(fixture_site):
    assert (fixture_site / "briefings" / "maqedonci-state-military-factory-planned"
            / "index.html").exists()
    index = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert "Awaiting a date" in index
    assert "1900" not in index


def test_failed_build_leaves_previous_output_untouched(root, fixture_content, tmp_path):
    out = tmp_path / "output"
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = fixture_content / "briefings" / "2025" / "broken.md"
    bad.write_text("Title: Broken\nDate: 2025-02-30\nSlug: broken\n\nx\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".output-*"))


def test_validation_beside_pelican_still_stops_the_build_first(root, fixture_content, tmp_path):
    """Validation runs beside the next step (build.ALONGSIDE); its failure still fails the build
    with its own message, and nothing is swapped in."""

    out = tmp_path / "output"
    ran = []

    def failing_validate(ctx):
        raise BuildError("validation found 1 error")

    def next_step(ctx):
        ran.append("next")
        (ctx.staging / "index.html").write_text("half a site", encoding="utf-8")

    with pytest.raises(BuildError, match=r"step 'validate': validation found 1 error"):
        build(root, fixture_content, root / "pelican.conf.py", out,
              steps=[("validate", failing_validate), ("pelican", next_step)])
    assert not out.exists()
    assert not list(tmp_path.glob(".output-*"))


def test_validation_runs_beside_every_later_step_at_a_lower_priority(root, fixture_content,
                                                                      tmp_path):
    """Validation gives way to the build's other processes (a higher nice value, its
    thread only), and may go on beside Pelican and Pagefind: the build waits for it before the
    swap, and fails if it fails after every other step is done."""
    import os
    import threading

    from briefings import build as build_module

    out = tmp_path / "output"
    last_started = threading.Event()
    seen = {}

    def slow_validate(ctx):
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        seen["beside_last"] = last_started.wait(timeout=30)
        raise BuildError("validation found 1 error")

    def pelican_step(ctx):
        seen["nice_pelican"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        (ctx.staging / "index.html").write_text("a site", encoding="utf-8")

    def search_step(ctx):
        last_started.set()

    with pytest.raises(BuildError, match=r"step 'validate': validation found 1 error"):
        build(root, fixture_content, root / "pelican.conf.py", out,
              steps=[("validate", slow_validate), ("pelican", pelican_step),
                     ("search", search_step)])
    assert seen["nice"] == build_module.ALONGSIDE_NICE
    assert seen["nice_pelican"] < build_module.ALONGSIDE_NICE  # the other steps keep theirs
    assert seen["beside_last"]  # still running when the last step started
    assert not out.exists()
    assert not list(tmp_path.glob(".output-*"))


def test_validation_starts_once_the_cite_step_has_ended(root, fixture_content, tmp_path):
    """While the cite step renders, its pool and Pelican's reading fill the cores: validation
    waits for the cite step's end (``ctx.cite_done``), then runs beside the later steps."""
    import threading
    import time

    out = tmp_path / "output"
    seen = {}

    def validate(ctx):
        seen["cite_over"] = seen.get("cite_ended", False)

    def cite(ctx):
        def render():
            time.sleep(0.5)
            seen["cite_ended"] = True
            ctx.cite_done.set()
        threading.Thread(target=render, daemon=True).start()

    def pelican_step(ctx):
        seen["pelican_started"] = True
        (ctx.staging / "index.html").write_text("a site", encoding="utf-8")

    build(root, fixture_content, root / "pelican.conf.py", out,
          steps=[("validate", validate), ("cite", cite), ("pelican", pelican_step)])
    assert seen == {"cite_over": True, "cite_ended": True, "pelican_started": True}


def test_a_failed_cite_step_still_lets_validation_fail_first(root, fixture_content, tmp_path):
    """The cite step fails without ending normally (ctx.cite_done is never set by it):
    validation still runs, and its failure is the one reported."""
    out = tmp_path / "output"

    def validate(ctx):
        raise BuildError("validation found 1 error")

    def cite(ctx):
        raise BuildError("exited with 1")

    import threading

    raised = []

    def run():
        try:
            build(root, fixture_content, root / "pelican.conf.py", out,
                  steps=[("validate", validate), ("cite", cite), ("pelican", lambda ctx: None)])
        except BuildError as exc:
            raised.append(str(exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the build waits for a cite step that failed"
    assert raised == ["step 'validate': validation found 1 error"]
    assert not out.exists()


def test_a_build_for_publishing_links_feeds_and_sitemap_absolutely(root, fixture_content,
                                                                    tmp_path, monkeypatch,
                                                                    capfd):
    out = tmp_path / "output"
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    assert 'href="/briefings/' in (out / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    said = capfd.readouterr()
    assert "Feeds generated without SITEURL" not in said.out + said.err  # local: no warning
    monkeypatch.setenv("SITEURL", "https://chronology.example")
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    feed = (out / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert 'href="https://chronology.example/briefings/' in feed
    assert 'href="/' not in feed
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://chronology.example/briefings/" in sitemap
    assert "<loc>/" not in sitemap
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-base="https://chronology.example/timeline/"' in home


def test_a_date_in_the_file_name_does_not_date_an_undated_entry(root, fixture_content, tmp_path):
    """Only the Date field dates an entry (FILENAME_METADATA is off): an undated entry whose file
    name begins with a date stays undated, off the chronology."""
    undated = fixture_content / "briefings" / "undated"
    src = undated / "maqedonci-state-military-factory-planned.md"
    src.rename(undated / "2019-06-01-maqedonci-state-military-factory-planned.md")
    out = tmp_path / "output"
    build(root, fixture_content, root / "pelican.conf.py", out, skip=("pdf",))
    page = (out / "briefings" / "maqedonci-state-military-factory-planned" / "index.html"
            ).read_text(encoding="utf-8")
    assert "June 2019" not in page and "2019-06-01" not in page.replace("/2019-06-01-", "/")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Awaiting a date" in index and "June 2019" not in index
    assert "2019" not in (out / "data" / "chronology.json").read_text(encoding="utf-8")
