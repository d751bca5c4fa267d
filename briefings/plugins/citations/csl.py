"""CSL data for citeproc-py: each CSL-JSON item of the bibliography
(:meth:`briefings.bibliography.Bibliography.csl_json`) as citeproc-py needs it, and the author
label of Pandoc's in-text citations."""

from __future__ import annotations

from html import escape

#: CSL-JSON strings that are no rich text: an address (written as it is) and the year suffix
#: (added here).
NOT_RICH_TEXT = ("URL", "year-suffix")
NAME_PARTS = ("literal", "family", "given", "dropping-particle", "non-dropping-particle", "suffix")
#: Names of publishers are written as they are ("europ.info", not "Europ.info").
KEEP_CASE = ("publisher",)
#: CSL-JSON keys citeproc-py 0.11 does not know (it warns on each); kept in the JSON download.
NOT_FOR_CITEPROC = ("custom",)


def for_citeproc(item: dict) -> dict:
    """A CSL-JSON item as citeproc-py needs it: its rich text as it is (escaped already by
    :mod:`briefings.bibliography`), the other strings HTML-escaped, unknown keys left out."""
    out: dict = {}
    for key, value in item.items():
        if key in NOT_FOR_CITEPROC:
            continue
        if key in ("id", "type", "language") or isinstance(value, dict):
            out[key] = value
        elif isinstance(value, list):
            out[key] = [{k: v for k, v in name.items() if k in NAME_PARTS} for name in value]
        elif key in KEEP_CASE:
            out[key] = f'<span class="nocase">{value}</span>'
        elif key in NOT_RICH_TEXT:
            out[key] = escape(str(value), quote=False)
        else:
            out[key] = str(value)
    return out


def author_label(item: dict) -> str | None:
    """How Pandoc's ``@key`` names the author in running text ("Doe and Roe", "NATO")."""
    names = item.get("author") or []
    labels = [x for x in (n.get("literal") or n.get("family") for n in names) if x]
    if not labels:
        return None
    if len(labels) == 1:
        return labels[0]
    if len(labels) == 2:
        return f"{labels[0]} and {labels[1]}"
    if len(labels) == 3:
        return f"{labels[0]}, {labels[1]}, and {labels[2]}"
    return f"{labels[0]} et al."
