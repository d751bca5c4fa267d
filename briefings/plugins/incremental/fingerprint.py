"""Fingerprints of what a template reads, so that an unchanged page need not be rendered again.

Two halves:

- :func:`template_deps`: which context variables a template (with everything it extends,
  includes or imports) reads, found in Jinja's syntax tree. A variable used only as
  ``name.attr`` (or ``name['attr']``) depends only on those attributes; used any other way
  (``for d in developments``, ``name|length``, a call…) it depends on the whole value.
- :class:`Fingerprinter`: a digest of any value, walking lists, dicts, dataclasses and plain
  objects. A Pelican content object (article, page) is digested with all of its attributes
  except its settings and shared context; a content object reached *from* another one (an
  article's previous/next development, its translations) is digested the same way, but the
  content objects *it* holds count only by their URL, so that a change to one entry reaches
  its neighbours and not the whole chain. A value that cannot be digested reliably (an object
  whose only ``repr`` is its address) gets a token unique to this run: the page that reads it is
  always rendered again. Wrong in the safe direction only.
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


def _is_content(value: object) -> bool:
    from pelican.contents import Content

    return isinstance(value, Content)


def _is_urlwrapper(value: object) -> bool:
    from pelican.urlwrappers import URLWrapper

    return isinstance(value, URLWrapper)


class Fingerprinter:
    """Digests for one run. Content objects are memoised by identity: they live for the whole
    run (the context holds them), so an identity cannot be reused while this object exists."""

    def __init__(self) -> None:
        self.run_token = f"run-{next(_RUN_TOKENS)}"
        self._full: dict[int, bytes] = {}
        self._shallow: dict[int, bytes] = {}
        self._keep: list[object] = []  # keeps memoised objects alive, so ids stay unique

    def digest(self, value: object) -> bytes:
        h = hashlib.blake2b(digest_size=20)
        self._feed(h, value, 0, ())
        return h.digest()

    # Content objects ---------------------------------------------------------------------

    def content(self, obj: object, shallow: bool = False) -> bytes:
        memo = self._shallow if shallow else self._full
        key = id(obj)
        got = memo.get(key)
        if got is None:
            h = hashlib.blake2b(digest_size=20)
            h.update(type(obj).__qualname__.encode())
            h.update(str(getattr(obj, "url", "")).encode())
            h.update(str(getattr(obj, "save_as", "")).encode())
            attrs = vars(obj)
            for name in sorted(attrs):
                if name in SKIP_ATTRS:
                    continue
                h.update(b"\x01" + name.encode() + b"\x02")
                value = attrs[name]
                if name == "_content" and isinstance(value, str) and any(
                        m in value for m in LINK_MARKERS):
                    value = obj.content  # links resolved against the other content
                self._feed(h, value, 1, (id(obj),), depth_content=2 if shallow else 1)
            got = memo[key] = h.digest()
            self._keep.append(obj)
        return got

    # Any value ---------------------------------------------------------------------------

    def _feed(self, h, value, depth: int, stack: tuple, depth_content: int = 0) -> None:
        """Feed ``value`` to ``h``. ``depth_content`` counts content objects above this value:
        0 (none): a content object is digested in full; 1: shallow; 2: by its URL only."""
        if value is None or isinstance(value, (bool, int, float, Decimal, complex)):
            h.update(f"\x03{type(value).__name__}:{value!r}".encode())
            return
        if isinstance(value, str):
            h.update(f"\x04{type(value).__name__}:{len(value)}:".encode())
            h.update(value.encode("utf-8", "surrogatepass"))
            return
        if isinstance(value, bytes):
            h.update(b"\x05%d:" % len(value) + value)
            return
        if isinstance(value, (dt.date, dt.time, dt.timedelta, dt.tzinfo)):
            h.update(f"\x06{value!r}".encode())
            return
        if _is_content(value):
            if depth_content == 0:
                h.update(b"\x07" + self.content(value))
            elif depth_content == 1:
                h.update(b"\x08" + self.content(value, shallow=True))
            else:
                h.update(f"\x09{type(value).__qualname__}:{getattr(value, 'url', '')}".encode())
            return
        if _is_urlwrapper(value):  # Author, Category, Tag: its slug is computed lazily
            h.update(f"\x13{type(value).__qualname__}:{value.name}:{value.slug}".encode())
            return
        if id(value) in stack or depth > 40:
            h.update(b"\x0acycle:" + type(value).__qualname__.encode())
            return
        stack = (*stack, id(value))
        depth += 1
        if isinstance(value, dict):
            h.update(f"\x0b{type(value).__qualname__}:{len(value)}".encode())
            for k, v in value.items():
                self._feed(h, k, depth, stack, depth_content)
                self._feed(h, v, depth, stack, depth_content)
            return
        if isinstance(value, (list, tuple)):
            h.update(f"\x0c{type(value).__qualname__}:{len(value)}".encode())
            for v in value:
                self._feed(h, v, depth, stack, depth_content)
            return
        if isinstance(value, (set, frozenset)):
            parts = sorted(self.digest(v) for v in value)
            h.update(f"\x0d{type(value).__qualname__}:{len(parts)}".encode() + b"".join(parts))
            return
        if isinstance(value, types.MethodType):
            h.update(f"\x0emethod:{value.__func__.__qualname__}".encode())
            self._feed(h, value.__self__, depth, stack, depth_content)
            return
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type,
                              types.ModuleType)):
            name = getattr(value, "__qualname__", None) or getattr(value, "__name__", "")
            h.update(f"\x0f{type(value).__name__}:{getattr(value, '__module__', '')}.{name}"
                     .encode())
            return
        if dataclasses.is_dataclass(value):
            h.update(f"\x10{type(value).__qualname__}".encode())
            for f in dataclasses.fields(value):
                h.update(f.name.encode())
                self._feed(h, getattr(value, f.name), depth, stack, depth_content)
            attrs = {k: v for k, v in getattr(value, "__dict__", {}).items()
                     if k not in {f.name for f in dataclasses.fields(value)}}
            if attrs:  # attributes set on it besides its fields
                self._feed(h, attrs, depth, stack, depth_content)
            return
        attrs = getattr(value, "__dict__", None)
        if isinstance(attrs, dict) and attrs:
            h.update(f"\x11{type(value).__module__}.{type(value).__qualname__}".encode())
            for name in sorted(attrs):
                if name in SKIP_ATTRS:
                    continue
                h.update(name.encode())
                self._feed(h, attrs[name], depth, stack, depth_content)
            return
        text = repr(value)
        if " at 0x" in text or " object at " in text:  # only its address: not comparable
            text = f"{self.run_token}:{id(value)}"
        h.update(f"\x12{type(value).__qualname__}:{text}".encode())


# Templates -----------------------------------------------------------------------------------

@dataclasses.dataclass
class TemplateDeps:
    source: bytes  # digest of the sources of the template and all it uses
    names: dict[str, set[str] | None]  # variable -> attributes read, or ALL
    dynamic: bool = False  # uses a template whose name is computed: never skipped


def _one_template(env, name: str):
    source, _filename, _uptodate = env.loader.get_source(env, name)
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
    return source, names, referenced


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
