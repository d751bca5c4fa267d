"""The CSL renderer on its own: the style's order, the cache, the citeproc-py gaps it fills."""

from __future__ import annotations

import re
from pathlib import Path

from briefings.bibliography import load
from briefings.citesyntax import CiteItem
from briefings.plugins.citations.cache import Renderer
from tests.citations.conftest import make_content


def forms_bib(tmp_path: Path):
    return load(make_content(tmp_path / "content", "forms", "seeds") / "bibliography.bib")


def test_reference_order_is_citeprocs_own_bibliography_sort(tmp_path):
    r = Renderer(forms_bib(tmp_path), "chicago-author-date")
    r.processor.sort()
    by_lower = {k.lower(): k for k in r.items}
    assert list(r.references) == [by_lower[k] for k in r.processor.keys]
    assert next(iter(r.references)) == "balkaneu-2025-balkan-defense-pact"


def test_second_renderer_takes_every_text_from_the_cache(tmp_path):
    bib = forms_bib(tmp_path)
    cache = tmp_path / "cache"
    cites = [CiteItem("doe-roe-2025-nato-summit", locator_term="page", locator="4"),
             CiteItem("nato-2025-kfor-factsheet", prefix="see")]
    first = Renderer(bib, "chicago-author-date", cache_dir=cache)
    texts = [first.cite_one(c) for c in cites] + [first.cite_one(cites[0], in_text=True)]
    first.save_cache()
    assert first.fresh > len(bib.entries)
    second = Renderer(bib, "chicago-author-date", cache_dir=cache)
    assert [second.cite_one(c) for c in cites] + [second.cite_one(cites[0], in_text=True)] \
        == texts == ["Doe and Roe 2025, 4", "see NATO Public Diplomacy Division 2025",
                     "Doe and Roe (2025, 4)"]
    assert {k: r.html for k, r in second.references.items()} == \
        {k: r.html for k, r in first.references.items()}
    assert second.fresh == 0


def test_another_style_renders_from_its_own_cache(tmp_path):
    bib = forms_bib(tmp_path)
    cache = tmp_path / "cache"
    Renderer(bib, "chicago-author-date", cache_dir=cache).save_cache()
    apa = Renderer(bib, "apa", cache_dir=cache)
    assert apa.fresh > 0
    assert apa.cite_one(CiteItem("doe-roe-2025-nato-summit")) == "Doe &amp; Roe, 2025"
    assert len(list(cache.iterdir())) == 1  # apa's not saved yet


def test_markup_in_titles_is_escaped_not_interpreted(tmp_path):
    path = tmp_path / "b.bib"
    path.write_text("@online{x,\n title = {Troops <script>alert(1)</script> \\& more},\n"
                    " organization = {A <b>bold</b> outlet},\n date = {2025},\n}\n",
                    encoding="utf-8")
    r = Renderer(load(path), "chicago-author-date")
    html = r.references["x"].html
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp; More" in html
    assert r.cite_one(CiteItem("x")) == "A &lt;b&gt;bold&lt;/b&gt; outlet 2025"


def test_same_author_and_year_get_year_suffixes_in_bibliography_order(tmp_path):
    path = tmp_path / "b.bib"
    path.write_text("".join(
        f"@online{{{key},\n title = {{{title}}},\n organization = {{RKS News}},\n"
        f" date = {{{date}}},\n}}\n"
        for key, title, date in [("z-second", "Troops arrive", "2025-03"),
                                 ("a-first", "Plan approved", "2025-08"),
                                 ("other-year", "Earlier news", "2024-01")]), encoding="utf-8")
    r = Renderer(load(path), "chicago-author-date")
    assert r.suffixes == {"a-first": "a", "z-second": "b"}
    assert r.cite_one(CiteItem("a-first")) == "RKS News 2025a"
    assert r.cite_one(CiteItem("z-second"), in_text=True) == "RKS News (2025b)"
    assert r.cite_one(CiteItem("other-year")) == "RKS News 2024"
    assert r.references["z-second"].html.startswith("RKS News. 2025b. “Troops Arrive.”")
    assert list(r.references) == ["other-year", "a-first", "z-second"]


def test_access_date_once_whether_or_not_the_style_prints_it(tmp_path):
    path = tmp_path / "b.bib"
    path.write_text("@online{undated,\n title = {No date},\n organization = {Outlet},\n"
                    " url = {https://o.example/1},\n urldate = {2025-07-01},\n}\n"
                    "@online{dated,\n title = {Dated},\n organization = {Outlet},\n"
                    " date = {2025-06},\n url = {https://o.example/2},\n"
                    " urldate = {2025-07-01},\n}\n",
                    encoding="utf-8")
    r = Renderer(load(path), "chicago-author-date")
    for key in ("undated", "dated"):
        assert r.references[key].html.count("Accessed") == 1, r.references[key].html
    assert "Accessed July 1, 2025" in r.references["undated"].html  # the style's own words
    assert 'Accessed <time datetime="2025-07-01">July 1, 2025</time>' in r.references["dated"].html
    gb = Renderer(load(path), "chicago-author-date", locale="en-GB")
    assert 'Accessed <time datetime="2025-07-01">1 July 2025</time>' in gb.references["dated"].html


def test_worker_processes_render_exactly_what_one_process_renders(tmp_path):
    path = tmp_path / "b.bib"
    path.write_text("".join(
        f"@online{{{key},\n title = {{{title}}},\n organization = {{{org}}},\n"
        f" date = {{{date}}},\n url = {{https://o.example/{key}}},\n"
        " urldate = {2025-09-01},\n}\n"
        for key, title, org, date in [
            ("z-second", "Troops arrive", "RKS News", "2025-03"),
            ("a-first", "Plan approved", "RKS News", "2025-08"),
            ("other-year", "Earlier news", "RKS News", "2024-01"),
            ("nato-a", "KFOR factsheet", "NATO", "2025-01-02"),
            ("nato-b", "KFOR factsheet", "NATO", "2025-01-02")]), encoding="utf-8")
    bib = load(path)
    alone = Renderer(bib, "chicago-author-date", workers=1)
    pooled = Renderer(bib, "chicago-author-date", workers=2, pool_min_jobs=0)
    assert pooled.fresh == alone.fresh > 0
    assert pooled.suffixes == alone.suffixes == {"a-first": "a", "z-second": "b",
                                                 "nato-a": "a", "nato-b": "b"}
    assert list(pooled.references) == list(alone.references)
    assert [r.html for r in pooled.references.values()] == \
        [r.html for r in alone.references.values()]
    cite = CiteItem("nato-b", locator_term="page", locator="4")
    assert pooled.cite_one(cite) == alone.cite_one(cite) == "NATO 2025b, 4"


#: Sources of many kinds (for the year-suffix test below), and the styles it runs in.
ITEMS = [
    {"id": "book1", "type": "book", "title": "The Balkans after the war",
     "author": [{"family": "Hoxha", "given": "Arta"}, {"family": "Smith", "given": "John"}],
     "publisher": "Routledge", "publisher-place": "London", "issued": {"date-parts": [[2019]]}},
    {"id": "book2", "type": "book", "title": "Security sector reform",
     "author": [{"family": "Hoxha", "given": "Arta"}], "publisher": "Routledge",
     "publisher-place": "London", "issued": {"date-parts": [[2019]]}, "edition": "2"},
    {"id": "edited", "type": "book", "title": "Kosovo and NATO",
     "editor": [{"family": "Berisha", "given": "Dren"}],
     "translator": [{"family": "Berisha", "given": "Dren"}],
     "publisher": "Routledge", "issued": {"date-parts": [[2020, 3]]}},
    {"id": "untitled-author", "type": "report", "title": "Annual report on KFOR",
     "publisher": "NATO", "issued": {"date-parts": [[2021, 1, 19]]}, "number": "12"},
    {"id": "chapter", "type": "chapter", "title": "Partnership for Peace",
     "author": [{"family": "Krasniqi", "given": "Lule"}],
     "editor": [{"family": "Berisha", "given": "Dren"}],
     "container-title": "Kosovo and NATO", "publisher": "Routledge", "page": "101-123",
     "issued": {"date-parts": [[2020]]}},
    {"id": "journal", "type": "article-journal", "title": "A small army",
     "author": [{"family": "Gashi", "given": "Ilir"}], "container-title": "Survival",
     "volume": "61", "issue": "4", "page": "55-70", "DOI": "10.1080/0000",
     "issued": {"date-parts": [[2019, 8]]}},
    {"id": "range", "type": "article-journal", "title": "Two years of cooperation",
     "author": [{"family": "Gashi", "given": "Ilir"}], "container-title": "Survival",
     "issued": {"date-parts": [[2019, 8], [2020, 9]]}},
    {"id": "magazine", "type": "article-magazine", "title": "Winter drills",
     "author": [{"literal": "NATO Public Diplomacy Division"}], "container-title": "NATO Review",
     "issued": {"date-parts": [[2018, 12]]}},
    {"id": "news1", "type": "article-newspaper", "title": "Troops arrive",
     "author": [{"literal": "RKS News"}], "container-title": "RKS News",
     "issued": {"date-parts": [[2025, 3, 1]]}, "URL": "https://rks.example/1"},
    {"id": "news2", "type": "article-newspaper", "title": "Troops leave",
     "author": [{"literal": "RKS News"}], "container-title": "RKS News",
     "issued": {"date-parts": [[2025, 3, 1]]}, "URL": "https://rks.example/2"},
    {"id": "web-no-date", "type": "webpage", "title": "KFOR factsheet", "publisher": "NATO",
     "URL": "https://nato.example/kfor", "accessed": {"date-parts": [[2026, 11, 1]]}},
    {"id": "interview1", "type": "interview", "author": [{"family": "Kurti", "given": "Albin"}],
     "interviewer": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2024, 5, 2]]}},
    {"id": "interview2", "type": "interview", "author": [{"family": "Kurti", "given": "Albin"}],
     "interviewer": [{"family": "Roe", "given": "Rick"}], "title": "On the army",
     "container-title": "Kosovo Online", "URL": "https://ko.example/i",
     "issued": {"date-parts": [[2024, 5, 2]]}},
    {"id": "letter", "type": "personal_communication",
     "author": [{"family": "Stoltenberg", "given": "Jens"}],
     "recipient": [{"family": "Osmani", "given": "Vjosa"}], "issued": {"date-parts": [[2022]]}},
    {"id": "thesis", "type": "thesis", "title": "Civil control of the KSF", "genre": "PhD diss.",
     "author": [{"family": "Bytyqi", "given": "Era", "non-dropping-particle": "van"}],
     "publisher": "University of Prishtina", "issued": {"date-parts": [[2023]]}},
    {"id": "no-author-no-publisher", "type": "webpage", "title": "Untitled page",
     "URL": "https://x.example/", "issued": {"date-parts": [[2023, 2]]}},
]

STYLES = "chicago-author-date,apa,ieee,modern-language-association"


def forms_bib_path(tmp_path: Path) -> Path:
    return make_content(tmp_path / "forms", "forms", "seeds") / "bibliography.bib"


def test_year_suffixes_given_in_place_render_as_a_source_made_with_them():
    """Core.set_suffixes writes the suffixes into the citeproc-py source already made (instead
    of making it anew): every text is what a Core made from the suffixed items renders, the
    citations too (as from a new processor: no citation before them, which Chicago's
    interviews read)."""
    from briefings.plugins.citations.render import Core

    items = {i["id"]: i for i in ITEMS}
    suffixes = {key: "ab"[n % 2] for n, key in enumerate(items) if n % 3}

    def texts(core: Core) -> list:
        out = []
        for key in core.items:
            out += [core.sort_keys(key), core.reference(key),
                    core.cite(CiteItem(key), False), core.cite(CiteItem(key), True),
                    core.cite(CiteItem(key, locator="4", locator_term="page"), False)]
        return out

    for style in STYLES.split(","):
        in_place = Core(style, None, items)
        before = texts(in_place)  # its source and processor made, and used, without suffixes
        in_place.set_suffixes(suffixes)
        made = Core(style, None, {k: {**v, "year-suffix": suffixes[k]} if k in suffixes else v
                                  for k, v in items.items()})
        after = texts(in_place)
        assert after == texts(made), style
        if style == "chicago-author-date":
            assert after != before  # the suffixes show (2019a, …)
            assert "2019a" in " ".join(map(str, after)) or "2019b" in " ".join(map(str, after))


def test_citations_prepared_by_the_cite_step_are_read_from_the_cache(tmp_path):
    """The cite step (``Renderer.prepare``, on a pool) leaves every text in the cache: a later
    renderer (the Pelican plugin's) renders nothing, and gives the same texts."""
    bib = forms_bib(tmp_path)
    cites = [(CiteItem("doe-roe-2025-nato-summit", locator_term="page", locator="77"), False),
             (CiteItem("doe-roe-2025-nato-summit"), True)]
    step = Renderer(bib, "chicago-author-date", cache_dir=tmp_path / "cache", workers=2,
                    pool_min_jobs=0)
    step.prepare(cites)
    step.save_cache()
    assert step.fresh > 0
    again = Renderer(bib, "chicago-author-date", cache_dir=tmp_path / "cache")
    texts = [again.cite_one(item, in_text) for item, in_text in cites]
    assert again.fresh == 0
    assert texts[0] == "Doe and Roe 2025, 77"
    alone = Renderer(bib, "chicago-author-date")
    assert texts == [alone.cite_one(item, in_text) for item, in_text in cites]


def test_the_cite_step_leaves_nothing_for_the_plugin_to_render(tmp_path, monkeypatch):
    """``briefings build``'s cite step (and ``make serve``'s, before its first build) on the
    fixture content: a renderer made afterwards, as the plugin makes it, renders nothing for
    the references or the citations written in the entries."""
    from briefings.plugins.citations.cite import cite, written_citations
    from briefings.serve.loop import cite_first
    from tests.conftest import ROOT

    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    content = make_content(tmp_path / "content", "forms", "seeds")  # locators, in-text
    cite_first(str(content), str(ROOT / "pelican.conf.py"))
    # all there already: the same content again is not even read
    assert cite(content, ROOT / "pelican.conf.py").startswith("nothing to render")
    bib = load(content / "bibliography.bib")
    later = Renderer(bib, "chicago-author-date", cache_dir=tmp_path / "cache")
    cited = [c for p in sorted((content / "briefings").rglob("*.md"))
             for c in written_citations(p) if c[0].key in bib.entries]
    assert any(in_text for _item, in_text in cited) and any(i.locator for i, _ in cited)
    for item, in_text in cited:
        later.cite_one(item, in_text)
    assert later.fresh == 0


def test_reference_says_the_language_of_a_source_not_in_english(tmp_path):
    path = tmp_path / "b.bib"
    path.write_text(
        "@online{sq-piece,\n title = {Takim në Prishtinë},\n organization = {Lajme},\n"
        " date = {2024},\n language = {sq},\n}\n"
        "@online{sr-piece,\n title = {Састанак у Приштини},\n organization = {Вести},\n"
        " date = {2024},\n language = {sr-Cyrl},\n}\n"
        "@online{en-piece,\n title = {Meeting in Pristina},\n organization = {News},\n"
        " date = {2024},\n language = {en},\n}\n", encoding="utf-8")
    refs = Renderer(load(path), "chicago-author-date").references
    assert refs["sq-piece"].html.endswith('<span class="ref-language">In Albanian.</span>')
    assert '<span class="ref-language">In Serbian (Cyrillic).</span>' in refs["sr-piece"].html
    assert "ref-language" not in refs["en-piece"].html


def test_the_plugin_waits_for_a_cite_step_rendering_into_the_cache(tmp_path):
    """``briefings build`` starts Pelican while its cite step renders (holding the cache's
    lock); the plugin reads the cache only once the lock is let go."""
    import threading
    import time

    from briefings.plugins.citations.cache import wait_for_writer, writing

    cache = tmp_path / "cache"
    wait_for_writer(cache)  # no cite step ever ran here: at once
    holding, release, waited = threading.Event(), threading.Event(), []

    def cite_step():
        with writing(cache):
            holding.set()
            release.wait(timeout=30)
            time.sleep(0.2)
            waited.append("cite done")

    thread = threading.Thread(target=cite_step)
    thread.start()
    holding.wait(timeout=30)
    release.set()
    wait_for_writer(cache)
    waited.append("plugin reads")
    thread.join()
    assert waited == ["cite done", "plugin reads"]


def test_the_cite_step_does_nothing_for_the_same_content_and_cache(tmp_path, monkeypatch):
    """The cite step notes hashes of what it rendered from, the citations it rendered and the
    cache file it left: the same again is skipped, and so is a changed entry that cites nothing
    new; a new citation, a changed bibliography or a changed cache file is rendered from
    again."""
    from briefings.plugins.citations.cite import cite
    from tests.conftest import ROOT

    monkeypatch.setenv("BRIEFINGS_CACHE_PATH", str(tmp_path / "cache"))
    content = make_content(tmp_path / "content", "forms", "seeds")
    settings = ROOT / "pelican.conf.py"
    assert "texts rendered" in cite(content, settings)
    assert cite(content, settings).startswith("nothing to render: the same content")
    entry = sorted((content / "briefings").rglob("*.md"))[0]
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text + "\nOne more line.\n", encoding="utf-8")
    assert cite(content, settings) == ("nothing to render: 1 changed entry citing only what "
                                       "the cache holds")
    assert cite(content, settings).startswith("nothing to render: the same content")
    key = re.search(r"\[@([^\];,\s]+)", text).group(1)
    entry.write_text(text + f"\nOne more line [@{key}, p. 999].\n", encoding="utf-8")
    assert cite(content, settings) == "1 texts rendered, the rest found in the cache"
    assert cite(content, settings).startswith("nothing to render: the same content")
    bib = content / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n% a comment\n", encoding="utf-8")
    assert cite(content, settings).startswith("0 texts rendered")  # read again, all cached
    assert cite(content, settings).startswith("nothing to render")
    cache_file = next((tmp_path / "cache").glob("citations-*.json"))
    cache_file.write_text("{}", encoding="utf-8")  # the cache lost its texts
    said = cite(content, settings)
    assert "texts rendered" in said and not said.startswith("0 ")
