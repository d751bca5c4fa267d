"""Shared fixtures: the project root, the fixture content tree, a built fixture site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def fixture_content(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/content (four entries, four sources, an actor registry)."""
    dest = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", dest)
    return dest


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/content built with the real theme, plugins and build steps."""
    from briefings.build import build

    out = tmp_path_factory.mktemp("fixture-site") / "output"
    build(ROOT, FIXTURES / "content", ROOT / "pelican.conf.py", out, skip=("pdf",))
    return out
