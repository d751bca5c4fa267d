"""Shared fixtures: the project root, the fixture content tree, a built fixture site, and the
one Chromium (Debian's, through Playwright) of the whole test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def settings_plus(folder: Path, *lines: str, name: str = "changed.conf.py") -> Path:
    """A settings file in ``folder``: pelican.conf.py, then ``lines`` of Python (which may use
    its settings), e.g. ``settings_plus(tmp, "PLUGINS = [*PLUGINS, 'probe']")``."""
    path = folder / name
    path.write_text("\n".join([
        "import runpy",
        f"_conf = runpy.run_path({str(ROOT / 'pelican.conf.py')!r})",
        "globals().update({k: v for k, v in _conf.items() if k.isupper()})",
        *lines]) + "\n", encoding="utf-8")
    return path


def settings_with_probe(folder: Path, name: str, source: str) -> Path:
    """A settings file in ``folder``: pelican.conf.py with one more plugin, module ``name`` of
    ``source``, written in ``folder`` (run Pelican with ``folder`` on ``PYTHONPATH``)."""
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return settings_plus(folder, f"PLUGINS = [*PLUGINS, {name!r}]")


def settings_with(folder: Path, **changes: dict) -> Path:
    """A settings file in ``folder``: pelican.conf.py with some keys of its dict settings
    changed, e.g. ``settings_with(tmp, TIMELINE={"window": 2})``."""
    return settings_plus(folder, *(f"{name} = {{**{name}, **{value!r}}}"
                                   for name, value in changes.items()))


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


@pytest.fixture(scope="session")
def browser():
    """One Playwright and one Chromium for every browser test of the session (tests/browser,
    tests/citations, tests/integrity…): a second ``sync_playwright()`` cannot start inside the
    first one's event loop. Tests open their own contexts or pages and close them."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/ensure-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
