"""``briefings eval``: score ingestion on an evaluation corpus.

- :mod:`.corpus`  the corpus (``articles/``, ``truth.json``, ``clusters.json``) and the entries an
  ingest run wrote, each mapped to the files it cites;
- :mod:`.score`   the figures, overall and per language;
- :mod:`.report`  the table and the JSON;
- :mod:`.command` the command: ingest into a temporary content directory, then score.

The headline checks live in :mod:`briefings.headline_checks`, so that ingest can use them too.
"""
