"""Every change this project makes to a library's internals, in one place.

Each patch below is written against one release of its library and refuses to run with any
other (:func:`require`): a renamed private attribute must stop the build, not change its text.
``tests/unit/test_patches.py`` tests each patch and checks that no other module of the project
assigns to, wraps or copies a private attribute of Pelican, citeproc-py or Markdown.

Pelican 4.12.0 (the ``briefings.plugins.patches`` plugin installs these in every run):

- :func:`skip_unwritten_lists`: ``ArticlesGenerator.generate_tags`` / ``_categories`` /
  ``_authors`` make each list of articles before asking the writer for a page, even when the
  page's ``*_SAVE_AS`` is empty and nothing will be written. Goes when Pelican checks the
  setting before building the lists.
- :func:`keep_urls` / :func:`forget_urls`: ``Content.get_url_setting`` works out ``url`` and
  ``save_as`` anew at every use; while pages are written nothing changes them, so each is
  worked out once. Goes when Pelican caches them on the content object.
- :func:`use_reader_cache`, :func:`written_files`: the incremental plugin (``make serve``)
  keeps what was read in memory across runs of one process through ``Readers``' private cache
  attributes, and reads the writer's set of written files. Goes when Pelican's
  ``LOAD_CONTENT_CACHE`` can keep its cache in memory instead of a pickle.
- :func:`html_of`, :func:`set_html`: the citations plugin reads and replaces an entry's HTML
  before Pelican's link processing (``Content._content``), as Pelican's own plugins do. Goes
  when Pelican offers a public setter for a content object's HTML.

citeproc-py 0.11.1 (:func:`patch_citeproc`, called by the citations renderer):

- ``cs:label`` renders even when its variable is empty, against CSL 1.0.2 (a bug fix, not a
  speed-up: it changes the text). Goes when citeproc-py fixes it.
- ``get_macro`` and ``xpath_search`` (an XPath query per call), ``calls_variable`` (a
  recursive walk), ``get_root``, ``get_formatter``, ``get_locale_option`` and ``If._type``
  (the same look-ups for every item) are worked out once per style element and argument. Go
  when citeproc-py memoises them.
- :func:`reset_citations`: a processor's list of past citations emptied when the year suffixes
  change, instead of making a new processor.
"""

from __future__ import annotations

import functools
from importlib.metadata import version

#: The releases the patches were written against.
PINNED = {"pelican": "4.12.0", "citeproc-py": "0.11.1"}


class UnsupportedVersion(RuntimeError):
    pass


def require(package: str) -> None:
    """Refuse to patch ``package`` in any release but the pinned one."""
    found = version(package)
    if found != PINNED[package]:
        raise UnsupportedVersion(
            f"briefings/patches.py was written for {package} {PINNED[package]}, found {found}: "
            "check each patch against the new release, then update PINNED")


# --- Pelican ------------------------------------------------------------------------------------

#: ArticlesGenerator method -> the setting naming where its pages go
LISTS = {
    "generate_tags": "TAG_SAVE_AS",
    "generate_categories": "CATEGORY_SAVE_AS",
    "generate_authors": "AUTHOR_SAVE_AS",
}
_installed: set[str] = set()


def skip_unwritten_lists() -> None:
    """Tag, category and author pages whose ``*_SAVE_AS`` is empty are not prepared."""
    if "lists" in _installed:
        return
    require("pelican")
    from pelican.generators import ArticlesGenerator

    for name, setting in LISTS.items():
        original = getattr(ArticlesGenerator, name)

        def generate(self, write, _original=original, _setting=setting):
            if not self.settings.get(_setting):
                return None  # Writer.write_file would write nothing for any of them
            return _original(self, write)

        setattr(ArticlesGenerator, name, functools.wraps(original)(generate))
    _installed.add("lists")


#: id of a content object -> (the object, {key: value}) while pages are written, else None; the
#: object is held so that its id is not reused, and nothing is added to it
_urls: dict | None = None


def _get_url_setting(original):
    @functools.wraps(original)
    def get_url_setting(self, key: str) -> str:
        if _urls is None:
            return original(self, key)
        kept = _urls.get(id(self))
        if kept is None:
            kept = _urls[id(self)] = (self, {})
        value = kept[1].get(key)
        if value is None:
            value = kept[1][key] = original(self, key)
        return value
    return get_url_setting


def install_urls() -> None:
    if "urls" in _installed:
        return
    require("pelican")
    from pelican.contents import Content

    Content.get_url_setting = _get_url_setting(Content.get_url_setting)
    _installed.add("urls")


def keep_urls(*_args) -> None:
    """From now on (``all_generators_finalized``) each object's URLs are worked out once."""
    global _urls
    _urls = {}


def forget_urls(*_args) -> None:
    """Back to Pelican's way (``finalized``, and ``generator_init`` after a failed run)."""
    global _urls
    _urls = None


def use_reader_cache(readers, cache: dict, stamps) -> bool:
    """Give Pelican's ``Readers`` an in-memory cache (``cache``) and a stamp function; False
    when Pelican's own content cache is on (left alone)."""
    require("pelican")
    if getattr(readers, "_cache_data_policy", False):
        return False
    readers._cache = cache
    readers._cache_data_policy = True
    readers._filestamp_func = stamps
    return True


def written_files(writer) -> set[str]:
    """The paths Pelican's writer wrote in this run."""
    require("pelican")
    return writer._written_files


def html_of(content) -> str:
    """A content object's HTML as read, before Pelican's link processing."""
    return content._content


def set_html(content, html: str) -> None:
    content._content = html


# --- citeproc-py --------------------------------------------------------------------------------


def patch_citeproc() -> None:
    """The empty-label fix and the two style-level memos (see the module's docstring)."""
    if "citeproc" in _installed:
        return
    require("citeproc-py")
    from citeproc import model
    from citeproc.source import VariableError

    label_process = model.Label.process

    def process(self, item, variable=None, *args, **kwargs):
        name = variable or self.get("variable")
        if name and name != "locator" and not name.startswith("page"):
            try:
                value = item.reference[name.replace("-", "_")]
            except (VariableError, KeyError):
                value = None
            if value in (None, ""):
                return None
        return label_process(self, item, variable, *args, **kwargs)

    model.Label.process = process

    macros: dict = {}
    get_macro = model.CitationStylesElement.get_macro

    def memo_get_macro(self, name):
        root = self.getroottree().getroot()
        hit = macros.get((root, name))
        if hit is None:
            hit = macros[(root, name)] = get_macro(self, name)
        return hit

    model.CitationStylesElement.get_macro = memo_get_macro

    # the ancestor look-ups of every name element: an XPath query per call
    queries: dict = {}
    xpath_search = model.CitationStylesElement.xpath_search

    def memo_xpath_search(self, expression):
        hit = queries.get((self, expression))
        if hit is None:
            hit = queries[(self, expression)] = xpath_search(self, expression)
        return hit

    model.CitationStylesElement.xpath_search = memo_xpath_search

    def once(original):
        kept: dict = {}

        def method(self):
            try:
                return kept[self]
            except KeyError:
                hit = kept[self] = bool(original(self))
                return hit
        return method

    for cls in [model.Parent, *(c for c in vars(model).values() if isinstance(c, type))]:
        if "calls_variable" in vars(cls):
            cls.calls_variable = once(vars(cls)["calls_variable"])

    # what depends on the style's tree only (and, for a type test, on the item's type)
    element = model.CitationStylesElement
    element.get_root = _memo(element.get_root, lambda self: self)
    element.get_formatter = _memo(element.get_formatter, lambda self: self)
    element.get_locale_option = _memo(element.get_locale_option, lambda self, name: (self, name))
    model.If._type = _memo(model.If._type, lambda self, item: (self, item.reference.type))
    _installed.add("citeproc")


def _memo(original, key):
    """``original`` worked out once per ``key(self, *args)``."""
    kept: dict = {}

    @functools.wraps(original)
    def method(self, *args):
        k = key(self, *args)
        try:
            return kept[k]
        except KeyError:
            hit = kept[k] = original(self, *args)
            return hit
    return method


def reset_citations(processor) -> None:
    """As a new processor: no citation before the next one (its year suffixes changed)."""
    require("citeproc-py")
    processor._cites = []
