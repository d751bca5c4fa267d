"""What the citations plugin made of each entry, kept from one build for the next.

For each entry: its page's HTML with the citations rendered, the keys it cites and its
problems, under a key of what made them (:func:`entry_key`: the entry's file and HTML, the
bibliography, the style and locale). ``make serve`` keeps them in memory for its next run; a
one-run process (``briefings build``) keeps them in the citation cache folder, in one file per
site language (:class:`DiskMemo`), named by a digest of the code that makes them and the
working directory (problems name paths relative to it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path

from briefings import patches

#: The modules whose code makes what is kept (besides this package's own).
_MODULES = ("briefings.citesyntax", "briefings.problems", "briefings.bibliography",
            "briefings.patches")


def entry_key(article, bib_digest: str, config: dict) -> tuple:
    """What an entry's rendered citations depend on (``bib_digest``: of the bibliography's
    text)."""
    try:
        data = Path(article.source_path).read_bytes()
    except OSError:
        data = b""
    html = patches.html_of(article) or ""
    return (hashlib.md5(data).hexdigest(), hashlib.md5(html.encode("utf-8")).hexdigest(),
            bib_digest, str(config["style"]), config["locale"])


def _code_digest() -> str:
    import citeproc

    h = hashlib.sha256(f"{citeproc.__version__}\0{os.getcwd()}\0".encode())
    package = Path(__file__).parent
    files = sorted(package.glob("*.py")) + [Path(sys.modules[m].__file__) for m in _MODULES
                                            if m in sys.modules]
    for path in files:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class DiskMemo(dict):
    """source path -> (key, (html, keys, problems)), read from ``cache_dir`` and written back
    by :meth:`save` with only the entries of this build, if anything changed."""

    def __init__(self, cache_dir: Path, lang: str):
        super().__init__()
        self.lang = lang
        self.file = cache_dir / f"entries-{_code_digest()}-{lang}.pickle"
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                                 TypeError, AttributeError, ImportError):
            with open(self.file, "rb") as f:
                kept = pickle.load(f)
            if isinstance(kept, dict):
                self.update(kept)
        self.used: set[str] = set()
        self.changed = False

    def __setitem__(self, path: str, value) -> None:
        super().__setitem__(path, value)
        self.changed = True

    def get(self, path, default=None):
        self.used.add(path)
        return super().get(path, default)

    def save(self) -> None:
        """Write the entries of this build (a temporary file renamed: a reader never sees half
        of it) and remove this language's files of other code."""
        if not self.changed and self.used == set(self):
            return
        keep = {path: value for path, value in self.items() if path in self.used}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump(keep, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.file)
        for other in self.file.parent.glob(f"entries-*-{self.lang}.pickle"):
            if other != self.file:
                with contextlib.suppress(OSError):
                    other.unlink()
