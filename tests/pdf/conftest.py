"""The PDFs of the fixture site, rendered once per session, and ways to read them back."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "tests" / "fixtures" / "content"


@pytest.fixture(scope="session")
def site_pdfs(fixture_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``briefings pdf`` over the built fixture site, into a directory of its own."""
    from briefings.pdf.command import build_site_pdfs

    pdf_dir = tmp_path_factory.mktemp("pdf")
    build_site_pdfs(CONTENT, fixture_site, quiet=True, pdf_dir=pdf_dir)
    return pdf_dir
