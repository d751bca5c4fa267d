"""briefings/plugins/cores/urls.py: while pages are written, each content object's URL is worked
out once; outside that phase, and in the next run of the same process, Pelican's way holds."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from briefings.plugins.cores import urls


def _article(slug: str) -> Article:
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "briefings/{slug}/",
                "ARTICLE_SAVE_AS": "briefings/{slug}/index.html"}
    return Article("<p>x</p>", metadata={"title": "T", "slug": slug,
                                          "date": dt.datetime(2020, 1, 2)}, settings=settings)


def test_urls_are_kept_only_while_pages_are_written():
    urls.install()
    article = _article("first")
    try:
        assert article.url == "briefings/first/"  # not kept: the slug may still change
        article.slug = "second"
        assert article.url == "briefings/second/"

        urls.freeze()
        assert article.url == "briefings/second/"
        assert article.save_as == "briefings/second/index.html"
        article.slug = "third"  # a change now would not be seen: nothing may make one
        assert article.url == "briefings/second/"
        assert not [k for k in vars(article) if "url" in k]  # nothing added to the object

        urls.thaw()
        assert article.url == "briefings/third/"
        urls.freeze()  # a new run: what the last one kept is not used
        assert article.url == "briefings/third/"
    finally:
        urls.thaw()


def test_a_new_run_starts_without_kept_urls_even_after_a_failed_one():
    # In a fresh interpreter: the plugin's register() connects Pelican's signals for good.
    script = textwrap.dedent("""
        import datetime as dt
        from pelican import signals
        from pelican.contents import Article
        from pelican.settings import DEFAULT_CONFIG
        from briefings.plugins import cores
        from briefings.plugins.cores import urls

        cores.register()
        article = Article("<p>x</p>", metadata={"title": "T", "slug": "one",
                          "date": dt.datetime(2020, 1, 2)}, settings=dict(DEFAULT_CONFIG))
        signals.all_generators_finalized.send([])  # output phase (no articles: nothing forked)
        first = article.url
        article.slug = "two"
        kept = article.url
        # the run failed here: no finalized; the next run's generators start
        signals.generator_init.send(object())
        print(first, kept, article.url)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["one.html", "one.html", "two.html"]
