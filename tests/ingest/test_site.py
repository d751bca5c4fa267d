"""End to end: the seeds ingested into a fresh content directory build into a site whose pages
carry the entries' titles."""

from __future__ import annotations

import html

import pytest

from tests.ingest.conftest import ROOT, entries


@pytest.mark.slow
def test_ingested_seeds_build_into_pages_with_their_titles(seed_content, tmp_path):
    from briefings.build import build

    out = tmp_path / "output"
    build(ROOT, seed_content, ROOT / "pelican.conf.py", out, skip=("pdf",))
    made = entries(seed_content)
    assert len(made) >= 8
    for _path, e in made.items():
        page = out / "briefings" / e.slug / "index.html"
        assert page.exists(), e.slug
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert e.title in text
    index = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    dated = [e for e in made.values() if e.date and not e.background]
    assert all(e.title in index for e in dated)
    # the seeds' one background entry (an EU meeting) has its page and stays off the home list
    background = [e for e in made.values() if e.background]
    assert len(background) == 1 and background[0].title not in index
    assert (out / "bibliography.bib").exists()
