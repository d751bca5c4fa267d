"""cores: Pelican's reading and writing spread over every core.

Pelican reads and writes in one process; a build of thousands of developments leaves the other
cores idle while it converts Markdown and renders pages. This plugin forks worker processes for
both phases, each a copy of the build at that moment, which share the work as it goes (whoever
comes first takes the next file or page):

- :mod:`.readahead`: the articles' Markdown, converted before Pelican asks for it;
- :mod:`.output`: the pages, feeds and data files, rendered and written (and
  :func:`.output.all_passed`, for work that may start once every process has passed a point of
  the output phase, as the search index does after the entry pages);
- :mod:`.forkmap`: a loop of another plugin shared with forked copies of the build (the
  citations plugin's loop over the entries).

And, in every process, :mod:`.urls`: each page's URL worked out once while pages are written;
and :mod:`.unwritten`: no article lists made for tag, category and author pages that the
settings do not write.

What is built is the same, byte for byte, as without the plugin
(``tests/site/test_cores.py``); every signal still fires in the main process for every content
object, and the main process ends the build.

Only a run that reads every file forks: not a re-run of ``make serve`` (the incremental plugin
keeps what was read and renders a few pages), nor a run from Pelican's content cache.

It must come first in ``PLUGINS``: it forks before the other plugins start threads (the
citations plugin renders in a thread).

Setting: ``CORES = {"workers": None, "min_files": 200}``; ``workers`` ``None`` is one worker
per core beside the main process (none on one core), ``0`` turns the plugin off; nothing is forked
for fewer than ``min_files`` articles.
"""

from __future__ import annotations

from pelican import signals

from briefings.plugins import usable_cores

from . import output, readahead, unwritten, urls

DEFAULTS = {"workers": None, "min_files": 200}


def settings_of(settings: dict) -> dict:
    return {**DEFAULTS, **(settings.get("CORES") or {})}


def default_workers() -> int:
    return max(0, usable_cores() - 1)


def _workers(settings: dict) -> int:
    config = settings_of(settings)
    return default_workers() if config["workers"] is None else max(0, int(config["workers"]))


_full_run = False  # this run reads every file (not a make-serve re-run from memory)


def _is_full_run(generator) -> bool:
    return not (getattr(generator.readers, "_cache", None) or getattr(generator, "_cache", None))


def on_articles_init(generator) -> None:
    global _full_run
    readahead.stop()
    _full_run = _is_full_run(generator)
    if _full_run:  # a re-run reads only what changed
        readahead.start(generator, _workers(generator.settings),
                        int(settings_of(generator.settings)["min_files"]))


def on_all_generators_finalized(generators) -> None:
    articles = next((g for g in generators if hasattr(g, "articles")), None)
    if articles is None or not _full_run:
        # a re-run (make serve, briefings/plugins/incremental) renders a few pages, and deciding
        # which is work every process would repeat
        return
    count = len(articles.articles) + len(getattr(articles, "hidden_articles", []))
    if count >= int(settings_of(articles.settings)["min_files"]):
        output.start(_workers(articles.settings))


def register() -> None:
    output.install()
    urls.install()
    unwritten.install()
    signals.generator_init.connect(urls.thaw)
    signals.readers_init.connect(readahead.on_readers_init)
    signals.article_generator_init.connect(on_articles_init)
    signals.article_generator_finalized.connect(readahead.stop)
    signals.all_generators_finalized.connect(urls.freeze)  # before output forks its workers
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    # first among the finalized receivers (this plugin is first in PLUGINS): workers exit
    # before any other plugin's end-of-build work
    signals.finalized.connect(output.finish)
    signals.finalized.connect(urls.thaw)
