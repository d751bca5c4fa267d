"""briefings/patches.py: every patch of a library's internals lives there, refuses to run on
another release, and does what it says; no other module assigns to, wraps or copies a private
attribute of Pelican, citeproc-py or Markdown, or replaces an attribute of theirs."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG

from briefings import patches

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = ("pelican", "citeproc", "markdown")
GUARDED = ROOT / "briefings" / "patches.py"


def _ours() -> list[Path]:
    return [p for p in sorted((ROOT / "briefings").rglob("*.py")) if p != GUARDED] + \
        [ROOT / "pelican.conf.py"]


def _private_names() -> set[str]:
    """Private (single underscore) names the three libraries define."""
    names: set[str] = set()
    pattern = re.compile(r"(?:self|cls)\.(_[A-Za-z]\w*)|def (_[A-Za-z]\w*)|"
                         r"^\s*(_[A-Za-z]\w*)\s*[:=]", re.M)
    for lib in LIBRARIES:
        folder = Path(importlib.util.find_spec(lib).origin).parent
        for path in folder.rglob("*.py"):
            for m in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
                names.add(next(g for g in m.groups() if g))
    return {n for n in names if not n.startswith("__")}


def _violations(path: Path, private: set[str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    imported: set[str] = set()  # names bound to the libraries' modules and classes
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES:
            imported |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names
                         if a.name.split(".")[0] in LIBRARIES}
    found = []
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path

    def root(node):
        while isinstance(node, ast.Attribute):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in private and \
                root(node.value) not in ("self", "cls"):
            found.append(f"{where}:{node.lineno}: uses the private .{node.attr}")
        if "_InlineProcessor__" in (getattr(node, "name", None) or "") or (
                isinstance(node, ast.Attribute) and "__" in node.attr.strip("_")):
            found.append(f"{where}:{node.lineno}: a name-mangled private attribute")
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for t in targets:
            if isinstance(t, ast.Attribute) and root(t) in imported:
                found.append(f"{where}:{node.lineno}: assigns to {ast.unparse(t)}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in ("setattr", "delattr") and node.args and \
                root(node.args[0]) in imported:
            found.append(f"{where}:{node.lineno}: {node.func.id} on {ast.unparse(node.args[0])}")
    return found


def test_no_module_but_the_guarded_one_touches_the_libraries_internals():
    private = _private_names()
    assert {"_content", "_written_files", "_cache", "_cites"} <= private  # the scan works
    found = [v for p in _ours() for v in _violations(p, private)]
    assert found == []


@pytest.mark.parametrize("code", [
    "def f(article):\n    article._content = 'x'\n",
    "def f(writer):\n    return set(writer._written_files)\n",
    "from citeproc import model\nmodel.Label.process = print\n",
    "from pelican.writers import Writer\nsetattr(Writer, 'write_file', print)\n",
    "class X:\n    def _InlineProcessor__handleInline(self): pass\n",
])
def test_the_check_finds_each_kind_of_patch(tmp_path, code):
    path = tmp_path / "bad.py"
    path.write_text(code, encoding="utf-8")
    assert _violations(path, _private_names())


def test_a_patch_refuses_another_release(monkeypatch):
    monkeypatch.setitem(patches.PINNED, "pelican", "0.0.1")
    with pytest.raises(patches.UnsupportedVersion, match=r"pelican 0\.0\.1"):
        patches.require("pelican")


@pytest.mark.parametrize(("method", "setting"), list(patches.LISTS.items()))
def test_lists_are_not_made_for_pages_not_written(method, setting):
    patches.skip_unwritten_lists()

    class Untouchable:  # a generator of which only the settings may be read
        def __init__(self):
            self.__dict__["settings"] = {setting: ""}

        def __getattr__(self, name):
            raise AssertionError(f"{method} read .{name}")

    generator = Untouchable()
    assert getattr(ArticlesGenerator, method)(generator, lambda *a, **k: None) is None
    generator.settings[setting] = "x/{slug}.html"
    with pytest.raises(AssertionError, match="read"):
        getattr(ArticlesGenerator, method)(generator, lambda *a, **k: None)


def test_urls_are_kept_only_while_pages_are_written():
    patches.install_urls()
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "briefings/{slug}/",
                "ARTICLE_SAVE_AS": "briefings/{slug}/index.html"}
    article = Article("<p>x</p>", metadata={"title": "T", "slug": "first",
                                            "date": dt.datetime(2020, 1, 2)}, settings=settings)
    try:
        article.slug = "second"
        assert article.url == "briefings/second/"
        patches.keep_urls()
        assert article.url == "briefings/second/"
        article.slug = "third"  # nothing may change it now: the kept URL is used
        assert article.url == "briefings/second/"
        assert not [k for k in vars(article) if "url" in k]  # nothing added to the object
        patches.forget_urls()
        assert article.url == "briefings/third/"
    finally:
        patches.forget_urls()


def test_an_entrys_html_is_read_and_replaced_before_link_processing():
    article = Article("<p>{filename}x</p>", metadata={"title": "T", "slug": "s",
                                                        "date": dt.datetime(2020, 1, 2)},
                      settings=dict(DEFAULT_CONFIG))
    assert patches.html_of(article) == "<p>{filename}x</p>"
    patches.set_html(article, "<p>y</p>")
    assert article.content == "<p>y</p>"


def test_the_reader_cache_is_given_unless_pelicans_own_is_on():
    readers = SimpleNamespace(_cache_data_policy=False)
    cache: dict = {}
    assert patches.use_reader_cache(readers, cache, len)
    assert readers._cache is cache and readers._filestamp_func is len
    assert not patches.use_reader_cache(readers, {}, len)  # on now: left alone
    assert readers._cache is cache


def test_an_empty_label_renders_nothing_and_the_memos_change_no_text(tmp_path):
    """citeproc-py with the patches gives the text it gives without the memos; the label fix
    removes "Edition." from an article without an edition."""
    from briefings.bibliography import load
    from briefings.plugins.citations.cache import Renderer
    from tests.conftest import FIXTURES

    bib = load(FIXTURES / "content" / "bibliography.bib")
    renderer = Renderer(bib, "chicago-author-date")
    texts = [r.html for r in renderer.references.values()]
    assert texts and not any("Edition." in t for t in texts)


def test_the_style_memos_give_what_citeproc_works_out():
    """get_root, get_formatter, get_locale_option and If._type, memoised, give for every element
    of a style what the element gives through lxml and the style's own attributes."""
    from citeproc import model

    from briefings.citesyntax import CiteItem
    from briefings.plugins.citations.render import Core

    core = Core("chicago-author-date", None, {"k": {"id": "k", "type": "book", "title": "T"}})
    core.cite(CiteItem("k"), False)
    root = core.style.root
    item = SimpleNamespace(reference=SimpleNamespace(type="book"))
    for el in root.iter():
        assert el.get_root() is el.getroottree().getroot()
        if isinstance(el, model.If) and "type" in el.attrib:
            assert el._type(item) == [t.lower() == "book" for t in el.get("type").split()]
    assert root.get_formatter() is root.formatter
    options = [loc.find("cs:style-options", loc.nsmap) for loc in root.locales]
    want = next(o for o in options if o is not None).get("punctuation-in-quote")
    assert root.get_locale_option("punctuation-in-quote") == want == "true"
