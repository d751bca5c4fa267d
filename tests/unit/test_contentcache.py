"""briefings/contentcache.py: Pelican's reader cache lives in a folder keyed by what it depends
on; a change of any of it gives another folder, and the folders of other keys are removed."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from briefings import contentcache


def _settings(tmp_path: Path) -> tuple[Path, dict]:
    conf = tmp_path / "pelican.conf.py"
    conf.write_text('SITENAME = "x"\n', encoding="utf-8")
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "base.html").write_text("<html></html>", encoding="utf-8")
    return conf, {"THEME": str(theme), "MARKDOWN": {"extension_configs": {
        "markdown.extensions.smarty": {}}, "output_format": "html5"}}


def test_the_key_changes_with_each_input(tmp_path, monkeypatch):
    conf, settings = _settings(tmp_path)
    first = contentcache.key(conf, settings)
    assert contentcache.key(conf, settings) == first  # the same inputs, the same folder

    conf.write_text('SITENAME = "y"\n', encoding="utf-8")
    keys = {first, contentcache.key(conf, settings)}
    markdown = {**settings, "MARKDOWN": {"extension_configs": {}, "output_format": "html5"}}
    keys.add(contentcache.key(conf, markdown))
    (Path(settings["THEME"]) / "templates" / "base.html").write_text("<html>!</html>",
                                                                    encoding="utf-8")
    keys.add(contentcache.key(conf, settings))
    real = importlib.metadata.version
    monkeypatch.setattr(contentcache, "version",
                        lambda p: "9.9" if p == "pelican" else real(p))
    keys.add(contentcache.key(conf, settings))
    assert len(keys) == 5


def test_the_key_covers_the_plugins_code():
    package = Path(contentcache.__file__).parent
    covered = {p for p in contentcache._files(package) if p.suffix == ".py"}
    assert package / "plugins" / "entries" / "__init__.py" in covered
    assert package / "plugins" / "citations" / "cache.py" in covered


def test_one_folder_is_kept_and_pelican_is_told_to_use_it(tmp_path):
    conf, settings = _settings(tmp_path)
    cache = tmp_path / "cache"
    stale = cache / contentcache.SUBFOLDER / "0123456789abcdef"
    stale.mkdir(parents=True)
    (stale / "ArticlesGenerator-Readers").write_bytes(b"old")
    (cache / "citations-x.json").parent.mkdir(exist_ok=True)
    (cache / "citations-x.json").write_text("{}", encoding="utf-8")
    args = dict(a.split("=", 1) for a in contentcache.overrides(cache, conf, settings, "sq"))
    mine = cache / contentcache.SUBFOLDER / contentcache.key(conf, settings)
    assert args["CACHE_PATH"] == f'"{mine / "sq"}"'  # each language's run writes its own
    other = dict(a.split("=", 1) for a in contentcache.overrides(cache, conf, settings, "en"))
    assert other["CACHE_PATH"] == f'"{mine / "en"}"'
    assert args["CACHE_CONTENT"] == args["LOAD_CONTENT_CACHE"] == "true"
    assert args["CONTENT_CACHING_LAYER"] == '"reader"'
    assert not stale.exists()  # another key's folder
    assert (cache / "citations-x.json").exists()  # the citation cache beside it stays
