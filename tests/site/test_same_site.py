"""The site does not depend on how it was built: ``briefings build`` (the citations rendered by
its cite step on every core, then Pelican, then Pagefind on the finished site) gives, byte for
byte, the site that plain Pelican processes give (one per language, briefings/languages.py)
with an empty citation cache, every reference rendered by the citations plugin itself, and
``PLUGINS`` in another order, followed by Pagefind. ``scripts/site-manifest.py`` compares a
site with one recorded before a change."""

from __future__ import annotations

import json
import os
import random
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.bench.corpus import generate_content
from tests.conftest import settings_plus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "content"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def shuffled_plugins(seed: int) -> list[str]:
    plugins = list(runpy.run_path(str(ROOT / "pelican.conf.py"))["PLUGINS"])
    order = plugins[:]
    rng = random.Random(seed)
    while order == plugins:
        rng.shuffle(order)
    return order


def project_build(content: Path, out: Path, cache: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "briefings.cli", "build", "--content", str(content),
         "--output", str(out), "--skip", "pdf", "--quiet"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "BRIEFINGS_CACHE_PATH": str(cache)})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def plain_build(content: Path, out: Path, cache: Path, settings: Path) -> None:
    """One ``python -m pelican`` per language (no cite step: the plugin renders every
    reference itself), each other language's with its settings into its folder, then Pagefind
    on what they wrote."""
    from pelican.settings import read_settings

    from briefings import languages
    from briefings.search import Indexing

    conf = read_settings(str(settings), override={"PATH": str(content)})
    runs = [(out, {})] + [(out / languages.folder(lang), languages.overrides(conf, lang))
                          for lang in languages.others(conf)]
    for folder, overrides in runs:
        proc = subprocess.run(
            [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o",
             str(folder), "--fatal", "errors", "-q", "-e", "INCREMENTAL=false",
             "SEARCH_INDEX=false", 'CORES={"workers": 0}', 'CITATIONS={"workers": 1}',
             *(f"{k}={json.dumps(v)}" for k, v in overrides.items())],
            cwd=ROOT, capture_output=True, text=True, check=False,
            env={**os.environ, "BRIEFINGS_CACHE_PATH": str(cache)})
        assert proc.returncode == 0, proc.stdout + proc.stderr
    run = Indexing(out)
    try:
        run.wait()
    finally:
        run.stop()


@pytest.mark.parametrize("corpus", ["seeds", "bench-240"])
def test_the_built_site_is_the_plain_pelican_site_with_plugins_in_any_order(tmp_path, corpus):
    if corpus == "seeds":
        content = SEEDS
    else:
        content = tmp_path / "content"
        generate_content(content, 240, seed=7)
    order = shuffled_plugins(seed=len(corpus))
    settings = settings_plus(tmp_path, f"PLUGINS = {order!r}")
    project_build(content, tmp_path / "project", tmp_path / "cache-project")
    plain_build(content, tmp_path / "plain", tmp_path / "cache-plain", settings)
    got, want = tree(tmp_path / "project"), tree(tmp_path / "plain")
    assert sorted(got) == sorted(want), f"PLUGINS = {order}"
    # Pagefind lists the languages' indexes in no fixed order
    entry = "pagefind/pagefind-entry.json"
    assert json.loads(got.pop(entry)) == json.loads(want.pop(entry))
    assert [name for name in want if got[name] != want[name]] == [], f"PLUGINS = {order}"
    assert any(name.startswith("pagefind/") for name in got)
