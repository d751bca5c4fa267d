"""Fixtures of the ingest tests: content directories filled by the real pipeline."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SEEDS = ROOT / "sources"


@contextlib.contextmanager
def in_root() -> Iterator[None]:
    """Run from the project root, so that paths in messages and in the .bib are relative."""
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(old)


def new_content(dest: Path, pages: bool = False) -> Path:
    """An empty content directory with the project's actor registry (and pages, to build)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "actors.yaml", dest / "actors.yaml")
    if pages:
        for sub in ("pages", "extra"):
            shutil.copytree(ROOT / "content" / sub, dest / sub)
    return dest


def ingest(paths: list[Path], content: Path, **kwargs):
    from briefings.ingest.pipeline import run

    with in_root():
        return run([Path(os.path.relpath(p, ROOT)) if p.is_absolute() and p.is_relative_to(ROOT)
                    else p for p in paths], content, **kwargs)


@pytest.fixture(scope="session")
def seed_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds ingested once into a fresh content directory (read-only for tests)."""
    content = new_content(tmp_path_factory.mktemp("seeds") / "content", pages=True)
    ingest([SEEDS], content)
    return content


@pytest.fixture(scope="session")
def corpus_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = new_content(tmp_path_factory.mktemp("corpus") / "content")
    ingest([FIXTURES / "corpus"], content)
    return content


def entries(content: Path) -> dict[Path, object]:
    from briefings.entryfile import read_entry

    return {p: read_entry(p)[0] for p in sorted((content / "briefings").rglob("*.md"))}


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}
