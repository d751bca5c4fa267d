"""Fingerprints of what a template reads, so that an unchanged page need not be rendered again.

Two halves:

- :func:`template_deps`: which context variables a template (with everything it extends,
  includes or imports) reads, found in Jinja's syntax tree. A variable used only as
  ``name.attr`` (or ``name['attr']``) depends only on those attributes; used any other way
  (``for d in developments``, ``name|length``, a call…) it depends on the whole value.
- :class:`Fingerprinter`: a digest of any value, walking lists, dicts, dataclasses and plain
  objects. A Pelican content object (article, page) is digested with all of its attributes
  except its settings and shared context, plus the own attributes of the content objects it
  holds (its previous/next development), whose own neighbours count only by source path: a
  change to one entry reaches its neighbours' pages and not the whole chain. A value that
  cannot be digested reliably (an object whose only ``repr`` is its address) gets a token
  unique to this run: the page that reads it is always rendered again. Wrong in the safe
  direction only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import types
from decimal import Decimal

from jinja2 import meta, nodes
from jinja2.exceptions import TemplateNotFound

#: Attributes of content objects that are not page data: Pelican's settings (a change to the
#: settings makes a new Pelican instance, which starts with a full build) and the shared context.
SKIP_ATTRS = frozenset({"settings", "_context"})
#: Markers of Pelican's intra-site links: content that holds one is digested as rendered
#: (``.content``), since the link's target may change without the file changing.
LINK_MARKERS = ("{filename}", "{static}", "{attach}", "{index}", "{category}", "{tag}",
                "{author}", "|filename|", "|static|", "|attach|", "|index|", "|category|",
                "|tag|", "|author|")
ALL = None  # "depends on the whole value"
_RUN_TOKENS = itertools.count()


def _has_link(text: str) -> bool:
    """Whether ``text`` holds one of :data:`LINK_MARKERS` (each begins with ``{`` or ``|``,
    which most entries' HTML lacks: two scans instead of fourteen)."""
    return ("{" in text or "|" in text) and any(m in text for m in LINK_MARKERS)


_SCALARS = (type(None), bool, int, float, Decimal, complex)
_TIMES = (dt.date, dt.time, dt.timedelta, dt.tzinfo)
_CALLABLES = (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)
_FIELDS: dict[type, tuple[str, ...]] = {}  # dataclass -> its field names
_CLASSES: tuple[type, type] | None = None


def _pelican_classes() -> tuple[type, type]:
    global _CLASSES
    if _CLASSES is None:
        from pelican.contents import Content
        from pelican.urlwrappers import URLWrapper

        _CLASSES = (Content, URLWrapper)
    return _CLASSES


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class Fingerprinter:
    """Digests for one run. Objects (content, dataclasses, plain objects) are digested once
    and memoised by identity; the memo keeps them alive, so an identity cannot be reused by
    another object while this fingerprinter exists.

    A content object has two digests: its *own* (its attributes, with every content object it
    holds counted by its source path only) and its *full* one (its own digest and the own
    digests of the content objects it holds: previous/next developments, translations). A page
    that shows an article depends on its full digest, so an edit to one entry reaches its
    neighbours' pages and stops there."""

    def __init__(self) -> None:
        self.run_token = f"run-{next(_RUN_TOKENS)}"
        self._memo: dict[tuple[int, int], tuple[bytes, tuple]] = {}
        self._full: dict[int, bytes] = {}
        self._found: list[list] = []  # content objects met inside the object being digested
        self._keep: list[object] = []
        self._content_cls, self._wrapper_cls = _pelican_classes()

    def digest(self, value: object) -> bytes:
        h = hashlib.blake2b(digest_size=20)
        self._feed(h, value, 0, 0)
        return h.digest()

    def _full_content(self, obj: object) -> bytes:
        got = self._full.get(id(obj))
        if got is None:
            own, nested = self._object(obj, 1, 0)
            h = hashlib.blake2b(own, digest_size=20)
            for other in nested:
                if other is not obj:
                    h.update(self._object(other, 1, 0)[0])
            got = self._full[id(obj)] = h.digest()
        return got

    def _object(self, value: object, level: int, depth: int) -> tuple[bytes, tuple]:
        """The memoised digest of an object with attributes, and the content objects met in
        it. ``level`` 1: inside a content object (content objects count by source path)."""
        key = (id(value), level)
        got = self._memo.get(key)
        if got is not None:
            return got
        self._memo[key] = (b"cycle", ())  # while it is being digested
        self._found.append([])
        h = hashlib.blake2b(digest_size=20)
        cls = type(value)
        h.update(f"{cls.__module__}.{cls.__qualname__}".encode())
        attrs = getattr(value, "__dict__", None) or {}
        if dataclasses.is_dataclass(value):
            fields = _field_names(cls)
            for name in fields:
                h.update(b"\x01" + name.encode())
                self._feed(h, getattr(value, name), level, depth)
            attrs = {k: v for k, v in attrs.items() if k not in fields}
        is_content = isinstance(value, self._content_cls)
        for name in sorted(attrs):
            if name in SKIP_ATTRS:
                continue
            h.update(b"\x02" + name.encode())
            item = attrs[name]
            if is_content:
                if name == "_content" and isinstance(item, str) and _has_link(item):
                    item = value.content  # its links resolved against the other content
                elif name == "metadata" and isinstance(item, dict):
                    # Pelican copies each metadata value to an attribute: digest it once
                    h.update(b"\x0b%d" % len(item))
                    for k, v in item.items():
                        self._feed(h, k, level, depth)
                        if attrs.get(k.lower() if isinstance(k, str) else k, h) is v:
                            h.update(b"\x14")
                        else:
                            self._feed(h, v, level, depth)
                    continue
            self._feed(h, item, level, depth)
        found = tuple(self._found.pop())
        got = self._memo[key] = (h.digest(), found)
        self._keep.append(value)
        return got

    def _feed(self, h, value, level: int, depth: int) -> None:
        """Feed ``value`` to ``h``. ``level`` counts the content objects it is inside: a
        content object inside another one is digested with the content objects *it* holds
        counted only by their source path."""
        cls = type(value)
        if cls is str:
            h.update(b"\x04%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
            return
        if isinstance(value, _SCALARS):
            h.update(f"\x03{cls.__name__}:{value!r}".encode())
            return
        if isinstance(value, str):  # Markup and other str subclasses: the type matters
            h.update(f"\x05{cls.__name__}:{len(value)}:".encode()
                     + value.encode("utf-8", "surrogatepass"))
            return
        if isinstance(value, bytes):
            h.update(b"\x06%d:" % len(value) + value)
            return
        if isinstance(value, _TIMES):
            h.update(f"\x07{value!r}".encode())
            return
        depth += 1
        if depth > 60:
            h.update(f"\x08{self.run_token}".encode())  # too deep to compare: render again
            return
        if isinstance(value, dict):
            h.update(f"\x0b{cls.__qualname__}:{len(value)}".encode())
            for k, v in value.items():
                self._feed(h, k, level, depth)
                self._feed(h, v, level, depth)
            return
        if isinstance(value, (list, tuple)):
            h.update(f"\x0c{cls.__qualname__}:{len(value)}".encode())
            for v in value:
                self._feed(h, v, level, depth)
            return
        if isinstance(value, self._content_cls):
            if level:  # inside a content object: which one it is (see _full_content)
                h.update(f"\x09{value.source_path}".encode())
                self._found[-1].append(value)
            else:
                h.update(b"\x0a" + self._full_content(value))
            return
        if isinstance(value, self._wrapper_cls):  # Author, Category, Tag: slug is lazy
            h.update(f"\x13{cls.__qualname__}:{value.name}:{value.slug}".encode())
            return
        if isinstance(value, (set, frozenset)):
            parts = []
            for v in value:
                sub = hashlib.blake2b(digest_size=20)
                self._feed(sub, v, level, depth)
                parts.append(sub.digest())
            h.update(f"\x0d{len(parts)}".encode() + b"".join(sorted(parts)))
            return
        if isinstance(value, types.MethodType):
            h.update(f"\x0emethod:{value.__func__.__qualname__}".encode())
            self._feed(h, value.__self__, level, depth)
            return
        if isinstance(value, _CALLABLES):
            name = getattr(value, "__qualname__", None) or getattr(value, "__name__", "")
            h.update(f"\x0f{cls.__name__}:{getattr(value, '__module__', '')}.{name}".encode())
            return
        if dataclasses.is_dataclass(value) or getattr(value, "__dict__", None):
            digest, found = self._object(value, level, depth)
            if level and found:  # the content objects it holds count for the page too
                self._found[-1].extend(found)
            h.update(b"\x10" + digest)
            return
        text = repr(value)
        if " at 0x" in text or " object at " in text:  # only its address: not comparable
            text = f"{self.run_token}:{id(value)}"
        h.update(f"\x12{cls.__qualname__}:{text}".encode())


# Templates -----------------------------------------------------------------------------------

@dataclasses.dataclass
class TemplateDeps:
    source: bytes  # digest of the sources of the template and all it uses
    names: dict[str, set[str] | None]  # variable -> attributes read, or ALL
    dynamic: bool = False  # uses a template whose name is computed: never skipped


_PARSED: dict[tuple, tuple] = {}  # (name, source, syntax) -> what _analyse found


def _one_template(env, name: str):
    source, _filename, _uptodate = env.loader.get_source(env, name)
    key = (name, source, env.block_start_string, env.variable_start_string,
           env.comment_start_string, env.line_statement_prefix, env.line_comment_prefix)
    got = _PARSED.get(key)
    if got is None:
        got = _PARSED[key] = _analyse(env, source)
    return (source, *got)


def _analyse(env, source: str):
    ast = env.parse(source)
    undeclared = meta.find_undeclared_variables(ast)
    names: dict[str, set[str] | None] = {}
    covered: set[int] = set()
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        target = node.node
        if not (isinstance(target, nodes.Name) and target.ctx == "load"
                and target.name in undeclared):
            continue
        if isinstance(node, nodes.Getattr):
            attr = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attr = node.arg.value
        else:
            continue
        covered.add(id(target))
        if target.name not in names:
            names[target.name] = set()
        if names[target.name] is not ALL:
            names[target.name].add(attr)
    for node in ast.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared and id(node) not in covered:
            names[node.name] = ALL
    referenced = list(meta.find_referenced_templates(ast))
    return names, referenced


def template_deps(env, name: str) -> TemplateDeps:
    """What ``name`` and every template it extends, includes or imports read from the context."""
    h = hashlib.blake2b(digest_size=20)
    merged: dict[str, set[str] | None] = {}
    dynamic = False
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source, names, referenced = _one_template(env, current)
            names = {k: (v if v is ALL else set(v)) for k, v in names.items()}
        except TemplateNotFound:  # `include … ignore missing`
            h.update(f"missing:{current}".encode())
            continue
        h.update(f"{current}:{len(source)}:".encode() + source.encode())
        for var, attrs in names.items():
            if attrs is ALL or merged.get(var, set()) is ALL:
                merged[var] = ALL
            else:
                merged.setdefault(var, set()).update(attrs)
        for ref in referenced:
            if ref is None:
                dynamic = True
            else:
                todo.append(ref)
    return TemplateDeps(h.digest(), merged, dynamic)


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def lookup(value: object, attr: str) -> object:
    """``value.attr`` as Jinja resolves it: the attribute, else the item."""
    try:
        return getattr(value, attr)
    except AttributeError:
        pass
    try:
        return value[attr]  # type: ignore[index]
    except (TypeError, LookupError):
        return _MISSING
