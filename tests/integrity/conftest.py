"""Session fixtures of the integrity checks: each site is built once, one Chromium is shared.

- ``seed_site``: the repository's content/ (or tests/fixtures/content/ while content/ has no
  entries), built with every step of ``briefings build``, as ``make site`` would;
- ``hostile_site``: tests/fixtures/content/ plus the hostile entry, actor and source of
  tests/fixtures/hostile/, built the same way;
- ``vnu``: the Nu Html Checker's errors for every HTML file of both sites (one Java run);
- ``browser`` (tests/conftest.py): the session's one Chromium, through Playwright.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitecheck import (
    ROOT,
    content_with_entries,
    hostile_content,
    html_files,
    serve,
)

from briefings.build import build

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _build(content: Path, out: Path, skip: tuple[str, ...] = ()) -> Path:
    build(ROOT, content, ROOT / "pelican.conf.py", out, skip=skip)
    return out


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(content_with_entries(), tmp_path_factory.mktemp("seed-site") / "output")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile-site")
    # The validator rejects the hostile entry's raw HTML (tested in test_integrity_hostile);
    # here it is skipped so that the theme's own escaping is what is tested.
    return _build(hostile_content(base / "content"), base / "output", skip=("validate",))


@pytest.fixture(scope="session")
def seed_url(seed_site: Path) -> Iterator[str]:
    with serve(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make test` (it runs npm ci), or `npm ci`")
    return AXE_JS


@pytest.fixture(scope="session")
def vnu(seed_site: Path, request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str]]:
    """Nu Html Checker errors per HTML file of both sites (every file has an entry), and of a
    known-invalid canary page that shows the checker really ran. One Java run for all."""
    try:
        hostile = html_files(request.getfixturevalue("hostile_site"))
    except Exception:  # the hostile tests report a failed hostile build; check the rest
        hostile = []
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `make test` (it runs npm ci), or `npm ci`")
    canary = tmp_path_factory.mktemp("vnu") / "canary-invalid.html"
    canary.write_text("<!DOCTYPE html><html lang=en><title>x</title></div>", encoding="utf-8")
    files = [*html_files(seed_site), *hostile, canary]
    proc = subprocess.run(
        ["java", "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, check=False, timeout=300)
    said = proc.stderr or proc.stdout
    try:  # the JSON report, after anything Java may print first
        report = json.loads(said[said.index("{"):])
    except ValueError:
        pytest.fail(f"the Nu Html Checker did not answer in JSON (exit {proc.returncode}): "
                    f"{proc.stderr[:2000]}")
    out: dict[Path, list[str]] = {f.resolve(): [] for f in files}
    for m in report.get("messages", []):
        url = m.get("url", "")
        path = Path(url.removeprefix("file:")).resolve() if url else None
        where = f"line {m.get('lastLine', '?')}: " if "lastLine" in m else ""
        text = f"{m.get('type')}: {where}{m.get('message')}"
        if path in out:
            out[path].append(text)
        else:
            out.setdefault(Path("<vnu>"), []).append(text + f" ({url})")
    return out
