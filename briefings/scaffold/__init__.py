"""Scaffolding for contributors: ``briefings new`` writes a valid entry to edit,
``briefings new-source`` adds a source with its metadata and its BibTeX entry."""
