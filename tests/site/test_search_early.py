"""Pagefind starts once every entry page is written, while Pelican writes the rest (the search
plugin tells the build through a pipe: briefings/plugins/search); the index is the one made on
the finished site (tests/site/test_same_site.py compares whole sites)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

from briefings import search
from briefings.build import BuildError, build
from briefings.plugins.search import ENV, WRITTEN, _Waiting
from tests.conftest import settings_plus

ROOT = Path(__file__).resolve().parents[2]


def _read_all(fd: int) -> bytes:
    os.set_blocking(fd, False)
    try:
        return os.read(fd, 1024)
    except BlockingIOError:
        return b""


def test_the_line_comes_once_when_the_last_entry_page_is_written(tmp_path):
    out = str(tmp_path)
    article = lambda slug: SimpleNamespace(save_as=f"briefings/{slug}/index.html")  # noqa: E731
    generator = SimpleNamespace(output_path=out, translations=[article("a-sq")],
                                articles=[article("a"), article("b")], hidden_translations=[],
                                hidden_articles=[article("c")])
    r, w = os.pipe()
    waiting = _Waiting(w)
    waiting.expect(generator, generator.articles[0])
    waiting.expect(generator, generator.articles[1])  # the set is made once
    for slug in ("b", "a-sq", "c"):
        waiting.written(os.path.join(out, f"briefings/{slug}/index.html"))
        waiting.written(os.path.join(out, "feeds/all.atom.xml"))  # not an entry page
    assert _read_all(r) == b""
    waiting.written(os.path.join(out, "briefings", "x", "..", "a", "index.html"))
    assert _read_all(r) == WRITTEN
    waiting.written(os.path.join(out, "index.html"))
    os.close(r)  # the writing end was closed by the plugin
    try:
        os.fstat(w)
    except OSError:
        pass
    else:
        raise AssertionError("the pipe's writing end is still open")


def test_pelican_says_it_once_and_not_without_the_pipe(tmp_path, fixture_content):
    r, w = os.pipe()
    cmd = [sys.executable, "-m", "pelican", str(fixture_content), "-s",
           str(ROOT / "pelican.conf.py"), "-o", str(tmp_path / "out"), "-q"]
    proc = subprocess.run(cmd, cwd=ROOT, pass_fds=(w,), env={**os.environ, ENV: str(w)},
                          capture_output=True, check=False)
    os.close(w)
    assert proc.returncode == 0, proc.stderr
    with open(r, "rb") as pipe:
        assert pipe.read() == WRITTEN
    plain = subprocess.run([*cmd[:-3], "-o", str(tmp_path / "plain"), "-q"], cwd=ROOT,
                           env={k: v for k, v in os.environ.items() if k != ENV},
                           capture_output=True, check=False)
    assert plain.returncode == 0, plain.stderr


# Pelican's last signal waits until the build has started an indexer (or 20 s), then says
# whether it waited in vain (PROBE_FLAG.late) and, with PROBE_FAIL, fails the run.
PROBE = textwrap.dedent("""
    import os, time
    from pathlib import Path
    from pelican import signals

    def hold(pelican):
        flag = Path(os.environ["PROBE_FLAG"])
        for _ in range(200):
            if flag.exists():
                break
            time.sleep(0.1)
        else:
            Path(f"{flag}.late").touch()
        if os.environ.get("PROBE_FAIL"):
            raise RuntimeError("probe: the run fails after its entry pages")

    def register():
        signals.finalized.connect(hold)
""")


def _held_build(tmp_path: Path, monkeypatch, cmd: list[str] | None = None) -> tuple[Path, Path]:
    """Settings with the probe, the root's language alone (with more languages than cores a
    run starts only after another ends, and Pagefind waits for every language's entry pages),
    and the flag the indexer (``cmd``, or Pagefind) sets when the build starts it."""
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "probe_search_early.py").write_text(PROBE, encoding="utf-8")
    settings = settings_plus(probe, "PLUGINS = [*PLUGINS, 'probe_search_early']",
                             "LANGUAGES = dict(list(LANGUAGES.items())[:1])")
    flag = tmp_path / "pagefind-started"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(probe), str(ROOT)]))
    monkeypatch.setenv("PROBE_FLAG", str(flag))
    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    real = search.Indexing

    def indexing(site, *args, **kwargs):
        run = real(site, cmd=cmd and [*cmd, str(site)])
        flag.touch()
        return run

    monkeypatch.setattr(search, "Indexing", indexing)
    return settings, flag


def test_the_build_starts_pagefind_before_pelican_ends(tmp_path, fixture_content,
                                                       monkeypatch):
    settings, flag = _held_build(tmp_path, monkeypatch)
    build(ROOT, fixture_content, settings, tmp_path / "site", skip=("pdf",))
    assert flag.exists() and not Path(f"{flag}.late").exists()
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def _pagefinds_in(folder: Path) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "pagefind" in cmd and str(folder) in cmd:
            found.append(cmd)
    return found


def test_a_pelican_failure_after_the_entry_pages_stops_pagefind(tmp_path, fixture_content,
                                                                monkeypatch):
    # an indexer that would outlive the build unless stopped (named so _pagefinds_in finds it:
    # the real one may end at once on a folder being removed)
    settings, flag = _held_build(tmp_path, monkeypatch, cmd=[
        sys.executable, "-c", "import time; time.sleep(60)", "pagefind"])
    monkeypatch.setenv("PROBE_FAIL", "1")
    try:
        build(ROOT, fixture_content, settings, tmp_path / "out" / "site", skip=("pdf",))
    except BuildError as exc:
        assert "pelican exited with 1" in str(exc)
    else:
        raise AssertionError("the build did not fail")
    assert flag.exists() and not Path(f"{flag}.late").exists()  # the indexer had started
    assert _pagefinds_in(tmp_path / "out") == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == []
