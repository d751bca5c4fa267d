"""The performance benchmark (``briefings bench``).

Modules, in the order the command uses them:

- :mod:`corpus`: deterministic synthetic corpora (entries, bibliography, actors, raw sources);
- :mod:`measure`: run one step as a subprocess, wall time and peak memory;
- :mod:`steps`: the measured steps (ingest, site build vs plain Pelican, rebuild, PDF);
- :mod:`browser` / :mod:`rebuild_driver`: helpers run in their own process by a step;
- :mod:`report`: the table of budgets written to ``BENCHMARKS.md``;
- :mod:`command`: the ``briefings bench`` command line.
"""
