"""The built site works when served, not when opened as a file; the README and ``make site``
say so (and why), instead of telling readers to open ``output/index.html``."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

STATE = """() => ({
  styled: getComputedStyle(document.documentElement).getPropertyValue('--accent') !== '',
  entry: document.querySelector('a[href*="/briefings/"]').href,
  timeline: document.querySelector('.tl-timeline') !== null,
})"""


def _state(browser, url: str, wait_for_timeline: bool) -> dict:
    page = browser.new_page()
    try:
        page.goto(url)
        if wait_for_timeline:
            page.wait_for_selector(".tl-timeline", timeout=15_000)
        else:
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)  # what the chronology's script would do, it does now
        return page.evaluate(STATE)
    finally:
        page.close()


def test_the_docs_say_the_site_must_be_served_and_why():
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    intro = readme[:readme.index("## Other commands")]
    assert not re.search(r"open [`*]*output/index\.html", intro)
    assert "must be served" in intro and "make serve" in intro
    assert "root-relative" in intro and "file://" in intro  # why
    makefile = ROOT.joinpath("Makefile").read_text(encoding="utf-8")
    site = makefile[makefile.index("\nsite:"):].split("\n\n")[0]
    assert "open output/index.html" not in site
    assert "make serve" in site


def test_opened_as_a_file_the_site_has_no_styles_links_or_timeline(browser, fixture_site,
                                                                   site_url):
    served = _state(browser, site_url + "/", wait_for_timeline=True)
    assert served["styled"] and served["timeline"]
    assert served["entry"].startswith(site_url + "/briefings/")
    as_file = _state(browser, (fixture_site / "index.html").as_uri(), wait_for_timeline=False)
    assert not as_file["styled"] and not as_file["timeline"]
    assert as_file["entry"].startswith("file:///briefings/")  # the root of the disk
