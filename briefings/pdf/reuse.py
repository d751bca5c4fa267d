"""Reuse the PDFs of the previous build whose content has not changed.

Rendering is the slow part of a build (a thousand development PDFs take minutes), and most of
them are the same from one build to the next. Each PDF's fingerprint is a hash of the HTML it is
rendered from (without the date of generation), the stylesheet, WeasyPrint's options (tagged
PDF/UA) and the WeasyPrint and pypdf versions; the fingerprints of a build are kept in
``pdf/.fingerprints.json``. A PDF whose fingerprint is the one recorded by the previous build is
copied from it instead of rendered again (its "generated" date stays the day it was rendered,
which is true).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cache
from pathlib import Path

MANIFEST = ".fingerprints.json"


@cache
def _salt() -> bytes:
    from importlib.metadata import version

    from briefings.pdf.render import PDF_OPTIONS

    css = (Path(__file__).resolve().parent / "book.css").read_bytes()
    return (css + version("weasyprint").encode() + version("pypdf").encode()
            + repr(sorted(PDF_OPTIONS.items())).encode())


def fingerprint(html: str, generated: tuple[str, ...] = ()) -> str:
    for text in generated:
        html = html.replace(text, "")
    return hashlib.sha256(_salt() + html.encode("utf-8")).hexdigest()


def read_manifest(pdf_dir: Path | None) -> dict[str, str]:
    if pdf_dir is None:
        return {}
    try:
        data = json.loads((pdf_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(pdf_dir: Path, prints: dict[str, str]) -> None:
    pdf_dir.mkdir(parents=True, exist_ok=True)
    (pdf_dir / MANIFEST).write_text(json.dumps(prints, indent=0, sort_keys=True) + "\n",
                                    encoding="utf-8")


def try_reuse(previous: Path | None, old: dict[str, str], rel: str, print_: str,
              out: Path) -> bool:
    """Copy ``previous/rel`` to ``out`` when its recorded fingerprint is ``print_``."""
    if previous is None or old.get(rel) != print_:
        return False
    source = previous / rel
    if not source.is_file():
        return False
    if source.resolve() != out.resolve():
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, out)
    return True
