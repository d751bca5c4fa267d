"""Pelican's own reader cache for ``briefings build``, in a folder keyed by what it depends on.

Pelican keeps what its readers made of each file (the HTML and metadata) in ``CACHE_PATH``
when ``CACHE_CONTENT`` and ``LOAD_CONTENT_CACHE`` are on, and reads a file again only when its
stamp (here its MD5) changed. It does not notice a change of the settings, of the Markdown
extensions, of a plugin or of Pelican itself; so the cache lives in a folder named after a hash
of all of them (:func:`key`), and a change gives a new, empty folder. The folders of other keys
are removed (:func:`folder`): one cache is kept, the current one. Each language's Pelican run
(briefings/languages.py) has a subfolder of its own in it: the runs go on at once, and each
writes its cache.

``make serve`` does not use it (the incremental plugin keeps what it read in memory instead).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

#: Pelican's settings for its reader cache (given with ``-e`` to the Pelican step).
SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CONTENT_CACHING_LAYER": "reader",
    "CHECK_MODIFIED_METHOD": "md5",
    "GZIP_CACHE": False,
}
#: The packages whose release is part of the key.
PACKAGES = ("pelican", "markdown")
#: The subfolder of the cache folder that holds the keyed folders.
SUBFOLDER = "pelican"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def key(settings_file: Path, settings: dict) -> str:
    """A hash of the settings file, the Markdown settings, the code of the ``briefings``
    package (the plugins and what they use) and of the theme, and the releases of Python,
    Pelican and Markdown."""
    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)

    add("settings", Path(settings_file).read_bytes())
    add("markdown", json.dumps(settings.get("MARKDOWN"), sort_keys=True, default=repr).encode())
    add("versions", json.dumps([sys.version, *(version(p) for p in PACKAGES)]).encode())
    package = Path(__file__).resolve().parent
    for path in _files(package):
        if path.suffix == ".py":
            add(f"code:{path.relative_to(package).as_posix()}", path.read_bytes())
    theme = settings.get("THEME")
    if theme and Path(theme).is_dir():
        for path in _files(Path(theme)):
            add(f"theme:{path.relative_to(theme).as_posix()}", path.read_bytes())
    return h.hexdigest()[:16]


def folder(cache_path: Path, settings_file: Path, settings: dict) -> Path:
    """The reader cache's folder under ``cache_path`` for these settings and this code; the
    folders of other keys beside it are removed."""
    parent = Path(cache_path) / SUBFOLDER
    mine = parent / key(settings_file, settings)
    if parent.is_dir():
        for other in parent.iterdir():
            if other != mine:
                shutil.rmtree(other, ignore_errors=True)
    return mine


def overrides(cache_path: Path, settings_file: Path, settings: dict, lang: str) -> list[str]:
    """Pelican's ``-e`` arguments that turn the reader cache on in the keyed folder's subfolder
    for the site in ``lang``."""
    values = {**SETTINGS, "CACHE_PATH": str(folder(cache_path, settings_file, settings) / lang)}
    return [f"{name}={json.dumps(value)}" for name, value in values.items()]
