"""The synthetic corpus of the benchmark: deterministic, valid in the project's schema."""

from __future__ import annotations

import collections
from pathlib import Path

import bibtexparser

from briefings.bench.corpus import generate_content, generate_sources
from briefings.citesyntax import cited_keys
from briefings.entryfile import read_entry
from briefings.registry import load_actors
from briefings.schema import CATEGORIES
from briefings.sourcemeta import find_sources, read_meta


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    generate_content(tmp_path / "a", 120, seed=7)
    generate_content(tmp_path / "b", 120, seed=7)
    generate_content(tmp_path / "c", 120, seed=8)
    a, b, c = (tree_bytes(tmp_path / x) for x in "abc")
    assert a == b
    assert len([k for k in a if k.endswith(".md")]) == 121  # 120 entries and the about page
    assert a != c
    generate_sources(tmp_path / "s1", 15, seed=3)
    generate_sources(tmp_path / "s2", 15, seed=3)
    assert tree_bytes(tmp_path / "s1") == tree_bytes(tmp_path / "s2")


def test_entries_parse_without_problems_and_cite_known_sources_and_actors(tmp_path):
    corpus = generate_content(tmp_path / "content", 300, seed=1)
    library = bibtexparser.parse_file(str(tmp_path / "content" / "bibliography.bib"))
    assert library.failed_blocks == []
    bib_keys = {e.key for e in library.entries}
    actors, problems = load_actors(tmp_path / "content" / "actors.yaml")
    assert problems == []
    precisions: collections.Counter[str | None] = collections.Counter()
    planned = undated = 0
    words = []
    for path in corpus.entries:
        entry, problems = read_entry(path)
        assert problems == [], path
        assert entry.title and entry.summary and entry.category in CATEGORIES
        assert set(entry.sources) <= bib_keys
        assert set(cited_keys(entry.body)) == set(entry.sources), path
        assert set(entry.actors) <= set(actors)
        for ev in entry.date_evidence:
            assert ev.source in entry.sources
        if entry.date is None:
            undated += 1
            assert "undated" in entry.flags and path.parent.name == "undated"
        else:
            assert path.parent.name == str(entry.date.year)
            assert 1999 <= entry.date.year <= 2026
            assert entry.slug.startswith(entry.date.isoformat()[:4])
            precisions[entry.date_precision] += 1
        planned += entry.event_status == "planned"
        words.append(len(entry.body.split()))
    assert len({p.stem for p in corpus.entries}) == 300  # unique slugs
    dated = sum(precisions.values())
    assert 0.6 < precisions["day"] / dated < 0.8
    assert 0.12 < precisions["month"] / dated < 0.3
    assert 0.04 < precisions["year"] / dated < 0.18
    assert 4 <= planned <= 30 and 1 <= undated <= 15
    words.sort()
    assert 280 <= words[len(words) // 2] <= 420


def test_raw_sources_have_valid_sidecars_and_about_600_words(tmp_path):
    registry = tmp_path / "actors.yaml"
    paths = generate_sources(tmp_path / "sources", 40, seed=2, actors=registry)
    assert find_sources([tmp_path / "sources"]) == sorted(paths)
    assert {p.suffix for p in paths} <= {".txt", ".md", ".html"}
    assert load_actors(registry)[1] == []
    for path in paths:
        meta, problems = read_meta(path)
        assert problems == [], path
        assert meta.publisher and meta.url and meta.accessed == "2026-11-01"
        if path.suffix != ".html":
            assert 520 <= len(path.read_text(encoding="utf-8").split()) <= 800
