"""Each ``cs:macro`` render of citeproc-py, memoised by the values it read.

citeproc-py renders a macro by walking its part of the style for every source, and most
macros read only a few of a source's variables (its publisher, the year it was issued, its
medium) whose values many sources share. A render is a deterministic function of what it
reads: the source's variables, the citation item (locator, prefix, suffix), the variables
that an earlier ``cs:substitute`` suppressed, the element it is rendered for (its context) and
the sort options. So:

- every read of a source's variable is recorded while a macro renders (the sources are
  :class:`TracedReference` objects, made by :func:`trace`); a date is recorded as its kind
  (date, range, literal) and the parts read of it, so that a macro that prints the year is
  kept under the year; a test of whether a variable is there (``variable in reference``) is
  recorded as that, not as the variable's value;
- a render is kept under the values of the variables it read (plus the rest of its inputs);
  a later render for another source with the same values of those variables reads the same
  ones, takes the same branches and gives the same result, which is returned instead;
- what a render cannot be keyed by makes it one that is not kept: a ``position`` test (it reads
  the citations before it) or a citation number (the bibliography's order). Such a render
  marks every render around it as well;
- the same way, each ``cs:choose`` keeps the branch it takes under what its conditions read
  (mostly the source's type and which variables it has), so that the conditions of the
  branches before it are not tested again for the next source of that kind;
- a macro rendered for each source with values of its own (a title, a URL) is not looked up
  any more after :data:`TRIAL` renders with fewer than :data:`MIN_HIT_SHARE` of them found.

The results are citeproc-py's own objects, shared between sources: citeproc-py builds new
strings from them and never changes them. ``tests/citations/test_renderer.py`` compares every
sort key, reference and citation with citeproc-py's own in four styles.

Measured on the 2,654 sources of the benchmark's 2,000 corpus (Chicago author-date): see
``BENCHMARKS.md``.
"""

from __future__ import annotations

import os
import threading

from citeproc import model
from citeproc import source as csl_source

#: Renders of a macro (at one call site) after which it is only looked up if enough were found.
TRIAL = 200
MIN_HIT_SHARE = 0.2
#: Distinct sets of variables read (one per path through a macro) kept per call site.
MAX_PATHS = 16

_MISSING = ("<missing>",)
_UNKEYED = "<unkeyed>"  # in a trace: the render read something it cannot be keyed by

_dict_get = dict.__getitem__
_dict_has = dict.__contains__
_VariableError = csl_source.VariableError

#: The variables read by each macro render in progress (innermost last). Renders in other
#: threads than the one that installed the memo are not memoised (see :func:`install`).
_reads: list[set] = []
_owner: int | None = None
_owner_pid: int | None = None


def _freeze(value):
    """A hashable copy of a variable's value (names and dates are dicts and lists)."""
    if isinstance(value, dict):
        return (type(value).__name__,
                tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_freeze(v) for v in value))
    return (type(value).__name__, value)


_DateBase = csl_source.DateBase


def _read(path: str, value) -> None:
    """Record a read of ``value`` at ``path``: a date is recorded as its kind only (its parts
    are recorded as they are read: the year alone decides most renders)."""
    _reads[-1].add(path + ":kind" if isinstance(value, _DateBase) else path)


class _Traced:
    """Variable reads recorded (``path.part`` for a date's parts) while a macro renders."""

    _path = ""  # a reference's variables are top-level paths; a date's parts are under its own

    def __getitem__(self, name):
        try:
            value = _dict_get(self, name)
        except KeyError:
            if _reads:
                _reads[-1].add(self._path + name)
            raise _VariableError from None
        if _reads:
            _read(self._path + name, value)
        return value

    __getattr__ = __getitem__

    def get(self, name, default=None):
        try:
            value = _dict_get(self, name)
        except KeyError:
            if _reads:
                _reads[-1].add(self._path + name)
            return default
        if _reads:
            _read(self._path + name, value)
        return value

    def __contains__(self, name):
        if _reads:
            _reads[-1].add(self._path + name + ":has")
        return _dict_has(self, name)


class TracedReference(_Traced, csl_source.Reference):
    """A source whose variable reads are recorded while a macro renders."""

    def frozen(self, path):
        """The value at ``path`` as a key, worked out once per source. ``path`` is a variable
        or a date's ``variable.part``, then ``:kind`` for the kind of value (a date, a range)
        or ``:has`` for whether there is one."""
        try:
            kept = object.__getattribute__(self, "_frozen")
        except AttributeError:
            kept = {}
            object.__setattr__(self, "_frozen", kept)
        try:
            return kept[path]
        except KeyError:
            pass
        name, _, aspect = path.partition(":")
        value = self
        for part in name.split("."):
            if not (isinstance(value, dict) and _dict_has(value, part)):
                value = _MISSING
                break
            value = _dict_get(value, part)
        if aspect == "has":
            value = value is not _MISSING
        elif value is not _MISSING:
            value = type(value).__name__ if aspect == "kind" else _freeze(value)
        kept[path] = value
        return value


def forget(reference) -> None:
    """A variable of ``reference`` (a source :func:`trace` made) has changed: the values kept
    of it by :meth:`TracedReference.frozen` are worked out anew at their next use."""
    if "_frozen" in vars(reference):
        object.__delattr__(reference, "_frozen")


_TRACED_DATES: dict[type, type] = {}


def _trace_date(value, path: str) -> None:
    kind = type(value)
    traced = _TRACED_DATES.get(kind)
    if traced is None:
        traced = _TRACED_DATES[kind] = type("Traced" + kind.__name__, (_Traced, kind), {})
    object.__setattr__(value, "__class__", traced)
    object.__setattr__(value, "_path", path + ".")
    for part, inner in value.items():  # a range's begin and end
        if isinstance(inner, _DateBase):
            _trace_date(inner, path + "." + part)


def trace(source) -> None:
    """Make the references of a citeproc-py source :class:`TracedReference` objects, and their
    dates traced ones (once :func:`install` has run: before, citeproc-py is left as it is)."""
    if not _installed:
        return
    for reference in source.values():
        if type(reference) is csl_source.Reference:
            # (CustomDict's __setattr__ would store "__class__" as a variable)
            object.__setattr__(reference, "__class__", TracedReference)
            for name, value in reference.items():
                if type(value) in (csl_source.Date, csl_source.DateRange,
                                   csl_source.LiteralDate):
                    _trace_date(value, name)


def _unkeyed() -> None:
    for reads in _reads:
        reads.add(_UNKEYED)


def _frozen_state(mapping) -> tuple:
    return tuple((k, tuple(v)) for k, v in mapping.items()) if mapping else ()


def _item_state(item) -> tuple:
    """The citation item's own fields (locator, prefix, suffix): part of every key."""
    if len(item) <= 2:  # only its key and its citation
        return ()
    return tuple((k, (v.label, v.identifier) if k == "locator" else v)
                 for k, v in item.items() if k != "key" and k != "citation")


class _Site:
    """The memo of one macro at one call site (context, sort options)."""

    __slots__ = ("calls", "children", "hits", "on", "paths", "table")

    def __init__(self):
        self.paths: list[tuple[str, ...]] = []
        self.table: dict = {}
        self.calls = 0
        self.hits = 0
        self.on = True


_installed = False
#: (macro, context, sort options) -> its memo
SITES: dict[tuple, _Site] = {}
#: ``cs:choose`` element -> the memo of the branch it takes
CHOICES: dict = {}


def _keep(site: _Site, state: tuple, read: set, frozen, value) -> None:
    """Keep ``value`` in ``site`` under the values of what was ``read``."""
    names = tuple(sorted(read))
    try:
        i = site.paths.index(names)
    except ValueError:
        if len(site.paths) >= MAX_PATHS:
            return
        site.paths.append(names)
        i = len(site.paths) - 1
    site.table[(i, state, tuple([frozen(n) for n in names]))] = value


def install() -> None:
    """Memoise ``cs:macro`` renders, in the thread that calls this (once per process: a forked
    process's first call makes its calling thread the one)."""
    global _installed, _owner, _owner_pid
    if _owner_pid != os.getpid():
        _owner, _owner_pid = threading.get_ident(), os.getpid()
    if _installed:
        return
    original_render = model.Macro.render
    original_position = model.If._position
    original_number = csl_source.CitationItem.number
    sites = SITES
    get_ident = threading.get_ident

    def render(self, item, context=None, sort_options=None):
        reference = item.reference
        if type(reference) is not TracedReference or get_ident() != _owner:
            return original_render(self, item, context, sort_options)
        where = (self, context, None if sort_options is None
                 else tuple(sorted(sort_options.items())))
        site = sites.get(where)
        if site is None:
            site = sites[where] = _Site()
        if not site.on:  # its reads still count for the renders around it
            return original_render(self, item, context, sort_options)
        site.calls += 1
        if site.calls == TRIAL and site.hits < MIN_HIT_SHARE * TRIAL:
            site.on, site.table = False, {}
        layout = context.get_layout() if context is not None else None
        state = (_frozen_state(layout.repressed) if layout is not None else (),
                 _item_state(item))
        frozen = reference.frozen
        table = site.table
        for i, names in enumerate(site.paths):
            hit = table.get((i, state, tuple([frozen(n) for n in names])))
            if hit is not None:
                site.hits += 1
                result, after = hit
                if _reads:
                    _reads[-1].update(names)
                if layout is not None and after is not None:
                    layout.repressed = {k: list(v) for k, v in after}
                return result
        _reads.append(set())
        try:
            result = original_render(self, item, context, sort_options)
        finally:
            read = _reads.pop()
            if _reads:
                _reads[-1].update(read)
        if _UNKEYED in read or not site.on:
            return result
        after = _frozen_state(layout.repressed) if layout is not None else ()
        _keep(site, state, read, frozen, (result, after if after != state[0] else None))
        return result

    original_choose = model.Choose.render
    choices: dict = CHOICES

    def choose(self, item, context=None, delimiter="", **kwargs):
        """``cs:choose``: the branch taken, memoised by what its conditions read."""
        reference = item.reference
        if type(reference) is not TracedReference or get_ident() != _owner:
            return original_choose(self, item, context, delimiter, **kwargs)
        site = choices.get(self)
        if site is None:
            site = choices[self] = _Site()
            site.children = self.getchildren()
        branches = site.children
        taken = None
        if site.on:
            site.calls += 1
            if site.calls == TRIAL and site.hits < MIN_HIT_SHARE * TRIAL:
                site.on, site.table = False, {}
            state = _item_state(item)
            frozen = reference.frozen
            for i, names in enumerate(site.paths):
                taken = site.table.get((i, state, tuple([frozen(n) for n in names])))
                if taken is not None:
                    site.hits += 1
                    if _reads:
                        _reads[-1].update(names)
                    break
        if taken is None:
            _reads.append(set())
            try:
                taken = next((i for i, branch in enumerate(branches)
                              if branch.matches(item, context)), -1)
            finally:
                read = _reads.pop()
                if _reads:
                    _reads[-1].update(read)
            if site.on and _UNKEYED not in read:
                _keep(site, state, read, frozen, taken)
        if taken < 0:
            return None
        return branches[taken].render_children(item, context=context, delimiter=delimiter,
                                               **kwargs)

    def position(self, item, context):
        _unkeyed()  # depends on the citations rendered before
        return original_position(self, item, context)

    def number(self):
        _unkeyed()  # depends on the bibliography's order
        return original_number.fget(self)

    model.Macro.render = render
    model.Choose.render = choose
    model.If._position = position
    csl_source.CitationItem.number = property(number)
    _installed = True
