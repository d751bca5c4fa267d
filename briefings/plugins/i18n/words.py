"""The words the theme's scripts show readers (theme/static/js), by key: the page carries them in
the site's language as a JSON block (``site_words()``, rendered by base.html), and the scripts
read them from there. ``make translations`` extracts them (theme/babel.cfg)."""

from __future__ import annotations


def N_(text: str) -> str:
    """Marks a word for extraction; translated when the page is rendered."""
    return text


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a word with plural forms (named as gettext's, so that extraction finds it)."""
    return singular, plural


#: key -> the English words (``%(name)s``: a value the script puts in)
WORDS: dict[str, str | tuple[str, str]] = {
    # chronology.js
    "planned": N_("Planned"),
    "sources": ngettext("%(n)s source", "%(n)s sources"),
    "developments": ngettext("%(n)s development", "%(n)s developments"),
    "matching": ngettext("%(n)s matching development", "%(n)s matching developments"),
    "show_more": ngettext("Show %(n)s more matching development",
                          "Show %(n)s more matching developments"),
    "window": N_("the timeline shows %(first)s–%(last)s of them"),
    "no_match": N_("No dated development matches these filters."),
    "previous": N_("Previous:"),
    "next": N_("Next:"),
    "load_error": N_("The interactive timeline could not load its data (%(error)s). The list "
                     "below is complete for this page."),
    # search.js
    "searching": N_("Searching…"),
    "found": ngettext("%(n)s entry found", "%(n)s entries found"),
    "first_shown": N_("(the first %(n)s shown)"),
    "search_error": N_("Search is not available (%(error)s)."),
    # site.js
    "links": N_("Links"),
}
