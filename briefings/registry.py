"""The actor registry, ``content/actors.yaml``: organisations, countries, people and places.

Each actor has a key (lowercase, hyphens), a ``name``, a ``kind``, ``aliases`` (other names,
acronyms and transliterations), ``names`` in the site's other languages (``{sq: Kosova, sr:
Kosovo}``, shown to their readers) and, for people, ``offices`` held with their dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefings.invisible import normalise
from briefings.problems import Problem, display_path

KINDS = ("organisation", "country", "person", "place", "programme")
#: the site's languages besides English, in which an actor's name may be given (``names``)
NAME_LANGUAGES = ("sq", "sr")


@dataclass
class Office:
    title: str
    start: str | None = None  # partial ISO date
    end: str | None = None


@dataclass
class Actor:
    key: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    description: str | None = None
    line: int = 1
    names: dict[str, str] = field(default_factory=dict)  # language -> name (``NAME_LANGUAGES``)

    def name_in(self, lang: str) -> str:
        """Its name for readers of ``lang``: the registry's for that language, else ``name``."""
        return self.names.get(lang, self.name)


def load_actors(path: Path) -> tuple[dict[str, Actor], list[Problem]]:
    where = display_path(path)
    if not Path(path).exists():
        return {}, [Problem(where, 1, "E-ACTORS-MISSING", "the actor registry does not exist",
                            "create content/actors.yaml")]
    text = Path(path).read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(where, mark.line + 1 if mark else 1, "E-ACTORS-SYNTAX",
                            f"actor registry is not valid YAML: {getattr(exc, 'problem', exc)}",
                            "fix the YAML syntax at this line")]
    lines: dict[str, int] = {}
    if node is not None and isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            lines[str(k.value)] = k.start_mark.line + 1
    actors: dict[str, Actor] = {}
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return {}, [Problem(where, 1, "E-ACTORS-SYNTAX", "the registry must map keys to actors",
                            "see the comment at the top of content/actors.yaml")]
    for key, spec in data.items():
        line = lines.get(str(key), 1)
        if not isinstance(spec, dict) or "name" not in spec:
            problems.append(Problem(where, line, "E-ACTOR", f"actor '{key}' has no name",
                                    "give every actor at least `name:` and `kind:`"))
            continue
        kind = spec.get("kind", "organisation")
        if kind not in KINDS:
            problems.append(Problem(where, line, "E-ACTOR-KIND", f"actor '{key}' has unknown kind "
                                    f"'{kind}'", "use one of: " + ", ".join(KINDS)))
        names = spec.get("names") or {}
        bad = [str(k) for k, v in names.items() if k not in NAME_LANGUAGES
               or not isinstance(v, str) or not v.strip()] if isinstance(names, dict) else ["?"]
        if bad:
            problems.append(Problem(where, line, "E-ACTOR-NAMES", f"actor '{key}' has names in "
                                    f"unknown languages or empty: {', '.join(bad)}",
                                    "write `names: {sq: …, sr: …}` with a name for each "
                                    "language (" + ", ".join(NAME_LANGUAGES) + ")"))
            names = {}
        offices = [Office(str(o.get("title", "")), _s(o.get("from")), _s(o.get("to")))
                   for o in spec.get("offices") or [] if isinstance(o, dict)]
        # names as they are compared (briefings.invisible.normalise): composed Unicode, nothing
        # that cannot be seen (`briefings validate` reports that in the file)
        actors[str(key)] = Actor(str(key), normalise(str(spec["name"])), kind,
                                 [normalise(str(a)) for a in spec.get("aliases") or []],
                                 offices, spec.get("description"), line,
                                 {str(k): normalise(v) for k, v in names.items()})
    return actors, problems


def _s(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
