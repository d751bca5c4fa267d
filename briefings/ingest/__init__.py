"""Ingestion: source articles become dated, cited briefing entries.

One module per stage, in the order :mod:`briefings.ingest.pipeline` runs them: ``read`` (files,
metadata, HTML extraction, bad input), ``clean`` (boilerplate), ``dates`` (date mentions),
``events`` (developments), ``actors`` (registry tagging and name checks), ``cite`` (BibTeX),
``merge`` (one entry per development across sources), ``write`` (entry files), ``report``.
``command`` is the ``briefings ingest`` CLI.
"""
