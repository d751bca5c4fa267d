"""Reading PDFs back: the text of each page, text without whitespace."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext), whitespace collapsed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [" ".join(p.split()) for p in out.split("\f")[:-1]]


def squash(text: str) -> str:
    """Text without any whitespace (URLs and titles wrap across lines)."""
    return re.sub(r"\s+", "", text)


def pypdf_text(pdf: Path) -> str:
    """All text without whitespace, through pypdf (pdftotext joins "a-" and "b" at a line end,
    which mangles URLs)."""
    from pypdf import PdfReader

    return squash(" ".join(p.extract_text() for p in PdfReader(pdf).pages))
