"""Content trees for the citation tests: tests/fixtures/content plus an overlay
from tests/fixtures/citations/ (see its README)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
OVERLAYS = FIXTURES / "citations"


def make_content(dest: Path, *overlays: str) -> Path:
    """Copy the shared fixture tree to ``dest`` and apply ``overlays`` in order."""
    shutil.copytree(FIXTURES / "content", dest)
    for name in overlays:
        base = OVERLAYS / name
        for src in sorted(p for p in base.rglob("*") if p.is_file()):
            rel = src.relative_to(base)
            if src.name.endswith(".extra.bib"):
                with (dest / "bibliography.bib").open("a", encoding="utf-8") as f:
                    f.write(src.read_text(encoding="utf-8"))
            else:
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest / rel)
    return dest


def build_site(tmp: Path, *overlays: str) -> Path:
    from briefings.build import build

    content = make_content(tmp / "content", *overlays)
    out = tmp / "output"
    build(ROOT, content, ROOT / "pelican.conf.py", out, skip=("pdf",))
    return out


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed sources and the entries citing them."""
    return build_site(tmp_path_factory.mktemp("citations-seeds"), "seeds")


@pytest.fixture(scope="session")
def forms_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every citation form."""
    return build_site(tmp_path_factory.mktemp("citations-forms"), "forms")
