"""briefings: a cited chronology of Kosovo's defence and security cooperation with the US and NATO.

The package layout is the pipeline (see DESIGN in the README):

- ``sourcemeta``  what is known about each raw source (sidecar ``*.meta.yaml`` files)
- ``ingest``      sources -> dated, cited Markdown entries (one module per stage)
- ``schema``      the one schema of an entry; ``entryfile`` reads and writes entry files
- ``registry``    the actor registry (``content/actors.yaml``)
- ``plugins``     the project's Pelican plugins (one concern each)
- ``build``       the whole site build (Pelican, then the later steps), atomically
- ``cli``         the ``briefings`` command
"""

__version__ = "0.1.0"
