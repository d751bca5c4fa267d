"""One local server per test session (the browser is the session's one, in tests/conftest.py)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import settings_with

ROOT = Path(__file__).resolve().parents[2]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def site_url(fixture_site: Path) -> Iterator[str]:
    server, url = serve(fixture_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture content plus one entry made of hostile source text."""
    from briefings.build import build

    content = tmp_path_factory.mktemp("hostile-browser") / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", content)
    entry = ROOT / "tests" / "fixtures" / "hostile" / "2025-06-hostile-source-text.md"
    shutil.copy(entry, content / "briefings" / "2025" / entry.name)
    out = content.parent / "output"
    # The validator rejects this entry's raw HTML (E-HTML); skip it here to prove that the
    # theme's own escaping holds for anything that reaches Pelican by another road.
    build(ROOT, content, ROOT / "pelican.conf.py", out, skip=("pdf", "validate"))
    server, url = serve(out)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def small_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture content with a timeline window of 2 events and a list of 2 developments:
    it behaves as a long chronology does with the project's settings."""
    from briefings.build import build

    tmp = tmp_path_factory.mktemp("small-window")
    settings = settings_with(tmp, TIMELINE={"window": 2, "home_limit": 2})
    out = tmp / "output"
    build(ROOT, ROOT / "tests" / "fixtures" / "content", settings, out,
          skip=("pdf", "search"))
    server, url = serve(out)
    yield url
    server.shutdown()


@dataclass
class Watched:
    """A page, with everything that went wrong on it and every request that left the site."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def ready(self) -> None:
        self.page.wait_for_selector("#explorer[data-state=ready]", state="attached",
                                    timeout=15_000)


def watch(context, base: str) -> Watched:
    page = context.new_page()
    w = Watched(page, base)
    page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:"))
            else w.foreign.append(r.url))
    return w


@pytest.fixture
def open_page(browser, site_url):
    """``open_page(path, **context_options)`` -> a :class:`Watched` page on the fixture site."""
    contexts = []

    def _open(path: str = "/", base: str | None = None, **options) -> Watched:
        options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(**options)
        contexts.append(context)
        w = watch(context, base or site_url)
        w.goto(path)
        return w

    yield _open
    for c in contexts:
        c.close()
