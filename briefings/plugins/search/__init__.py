"""search: tells ``briefings build`` when this Pelican run has written every entry page.

Entry pages are all Pagefind indexes (``briefings/search.py``), and Pelican writes them before
its lists, feeds and chronology data; so the build starts Pagefind as soon as every language's
Pelican run has said so, and Pagefind reads them while Pelican writes the rest.

The build passes the writing end of a pipe in the environment (:data:`ENV`, a file descriptor
number); the plugin writes one line to it (:data:`WRITTEN`) once every article of the run (its
translations and hidden ones too) has been written. Without it (``make serve``, plain
``pelican``) the plugin does nothing.
"""

from __future__ import annotations

import os
from itertools import chain

from pelican import signals

#: The environment variable naming the pipe's file descriptor.
ENV = "BRIEFINGS_ENTRIES_WRITTEN_FD"
#: What the plugin writes to it.
WRITTEN = b"entries written\n"


class _Waiting:
    """The entry pages a run has yet to write."""

    def __init__(self, fd: int):
        self.fd = fd
        self.pending: set[str] | None = None

    def expect(self, generator, content) -> None:  # article_generator_write_article
        if self.pending is None:
            articles = chain(generator.translations, generator.articles,
                             generator.hidden_translations, generator.hidden_articles)
            self.pending = {os.path.abspath(os.path.join(generator.output_path, a.save_as))
                            for a in articles}

    def written(self, path, context=None) -> None:  # content_written
        if self.pending is None or self.fd < 0:
            return
        self.pending.discard(os.path.abspath(path))
        if not self.pending:
            fd, self.fd = self.fd, -1
            try:
                os.write(fd, WRITTEN)
            except OSError:  # the build stopped reading: it will index after Pelican
                pass
            finally:
                os.close(fd)


def register() -> None:
    fd = os.environ.get(ENV, "")
    if not fd.isdigit():
        return
    waiting = _Waiting(int(fd))
    # weak=False: the receivers are bound methods of an object nothing else holds
    signals.article_generator_write_article.connect(waiting.expect, weak=False)
    signals.content_written.connect(waiting.written, weak=False)
