"""Each page's URL worked out once while pages are written, not at every use.

Pelican works out ``url`` and ``save_as`` anew each time a template, feed or plugin asks for them
(``Content.get_url_setting``: a copy of the metadata, the source path made relative, a format).
The chronology asks often: every list of developments, the timeline's data, the feeds, the
sitemap, and every entry's previous and next links. In a profile of a 2,000-entry build this was
2.5 s of 44.

Once every generator has its context (``all_generators_finalized``) nothing changes what these
give, so from then until the build ends (``finalized``) each content object keeps what it gave
the first time. The processes of :mod:`.output` are forked after this starts and keep their own.
A next run in the same process (``make serve``) starts afresh: nothing is kept before its output
phase.
"""

from __future__ import annotations

from pelican.contents import Content

_original = Content.get_url_setting
#: id of a content object -> (the object, {key: value}) during an output phase, else None. The
#: object is held so that its id is not reused; nothing is added to the object itself (the
#: incremental plugin digests content objects' attributes).
_kept: dict[int, tuple[Content, dict[str, str]]] | None = None


def get_url_setting(self, key: str) -> str:
    if _kept is None:
        return _original(self, key)
    mine = _kept.get(id(self))
    if mine is None:
        mine = _kept[id(self)] = (self, {})
    value = mine[1].get(key)
    if value is None:
        value = mine[1][key] = _original(self, key)
    return value


def freeze(*_args) -> None:
    """From now on, each content object's URLs are worked out once
    (``all_generators_finalized``)."""
    global _kept
    _kept = {}


def thaw(*_args) -> None:
    """Back to Pelican's way (``finalized``; and ``generator_init``, in case a run failed
    before its end)."""
    global _kept
    _kept = None


def install() -> None:
    Content.get_url_setting = get_url_setting
