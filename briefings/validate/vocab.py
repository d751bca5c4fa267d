"""Controlled vocabularies: category, event status, scope, review, precision and flags from the
schema; actors from ``content/actors.yaml`` (a name or alias written instead of the key is
recognised).
"""

from __future__ import annotations

from briefings.problems import Problem
from briefings.schema import CATEGORIES, EVENT_STATUSES, FLAGS, PRECISIONS, REVIEW_STATES, SCOPES
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc, did_you_mean, list_items, value_of

#: field key -> (code, vocabulary)
ENUMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "category": ("E-CATEGORY", tuple(CATEGORIES)),
    "event-status": ("E-EVENT-STATUS", EVENT_STATUSES),
    "scope": ("E-SCOPE", SCOPES),
    "review": ("E-REVIEW", REVIEW_STATES),
    "date-precision": ("E-PRECISION", PRECISIONS),
}


def check(doc: EntryDoc, ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    w = doc.where
    for key, (code, vocabulary) in ENUMS.items():
        h = doc.field(key)
        value = value_of(h)
        if h is None or not value or value in vocabulary:
            continue
        out.append(problem(code, w, h.line, f"{h.name} '{value}' is not one of the schema's "
                           "values", did_you_mean(value, vocabulary, 1) + "write one of: "
                           + ", ".join(vocabulary), h.value_col))
    flags = doc.field("flags")
    if flags is not None:
        for line, col, item in list_items(flags):
            if item not in FLAGS:
                out.append(problem("E-FLAG", w, line, f"unknown flag '{item}'",
                                   did_you_mean(item, tuple(FLAGS), 1) + "flags are: "
                                   + ", ".join(FLAGS), col))
        out += _repeats(doc, flags, "flag")
    actors = doc.field("actors")
    if actors is not None:
        if ctx.actors_ok:
            for line, col, item in list_items(actors):
                if item not in ctx.actors:
                    out.append(problem("E-ACTOR-UNKNOWN", w, line,
                                       f"actor '{item}' is not in the actor registry",
                                       _actor_hint(item, ctx), col))
        out += _repeats(doc, actors, "actor")
    return out


def _actor_hint(item: str, ctx: Context) -> str:
    wanted = item.casefold()
    for actor in ctx.actors.values():
        if wanted in {actor.name.casefold(), *(a.casefold() for a in actor.aliases)}:
            return f"write its key '{actor.key}' ({actor.name})"
    guess = did_you_mean(item, list(ctx.actors))
    return (guess + "use a key from content/actors.yaml, or add the actor there "
            "(see CONTRIBUTING.md, 'Add an actor')")


def _repeats(doc: EntryDoc, h, what: str) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for line, col, item in list_items(h):
        if item in seen:
            out.append(problem("W-LIST-DUPLICATE", doc.where, line,
                               f"{what} '{item}' is listed twice in {h.name}",
                               "remove the repeat (`briefings validate --fix` does it)", col))
        seen.add(item)
    return out
