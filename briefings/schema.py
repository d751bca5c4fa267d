"""The one schema of a briefing entry.

Ingest writes entries with it, ``briefings validate`` checks them against it, the Pelican plugins
read them through it and CONTRIBUTING's field reference is generated from it
(``briefings schema --markdown``). Change a field here and everything follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- controlled vocabularies -------------------------------------------------------------------


def N_(text: str) -> str:
    """Marks words readers see for the translation catalogues (`make translations`); the theme
    translates them where it shows them."""
    return text


#: Category key -> label shown to readers.
CATEGORIES: dict[str, str] = {
    "agreements": N_("Agreements and declarations"),
    "meetings-and-visits": N_("Meetings and visits"),
    "exercises-and-training": N_("Exercises and training"),
    "procurement-and-donations": N_("Procurement and donations"),
    "defence-industry": N_("Defence industry"),
    "missions-and-deployments": N_("Missions and deployments"),
    "institutions-and-decisions": N_("Institutions and decisions"),
    "statements": N_("Statements and positions"),
}

PRECISIONS: tuple[str, ...] = ("day", "month", "year")
EVENT_STATUSES: tuple[str, ...] = ("occurred", "planned")
REVIEW_STATES: tuple[str, ...] = ("unreviewed", "reviewed")
#: What a development is to the chronology: Kosovo's defence and security cooperation with the
#: United States, NATO, KFOR or allied forces, or background (context only, never on the
#: timeline, the home list, the feeds or the PDF books). The first is the default.
SCOPES: tuple[str, ...] = ("cooperation", "background")
DEFAULT_SCOPE = SCOPES[0]

#: Flag -> what a reviewer must check (shown on the entry page and in the report).
FLAGS: dict[str, str] = {
    "undated": N_("No date could be found for this development; it stays off the timeline "
                  "until a person dates it."),
    "year-inferred": N_("The source gives no year; it was inferred from the publication date."),
    "relative-date": N_("The date was resolved from relative words (such as 'yesterday') "
                        "against the publication date."),
    "single-source": N_("Only one source reports this development."),
    "conflicting-names": N_("A source gives one person several names or offices."),
    "unknown-actor": N_("A person is named in an office the actor registry gives to someone "
                        "else."),
    "conflicting-dates": N_("Sources disagree on the date of this development; the page says "
                            "which source gives which date."),
    "low-reliability": N_("A source of low reliability (an aggregator or unattributed text)."),
    "publication-date-unknown": N_("The publication date of a source is not known."),
    "title-inferred": N_("The title of a source was inferred, not captured."),
    "title-needs-review": N_("The headline was drafted without all its parts (who, what, with "
                             "whom): check it against the sources."),
}


#: A slug: lowercase ASCII letters, digits and single hyphens (it becomes /briefings/<slug>/).
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The one way to write the Date field.
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Lists that are sets: their order carries no meaning, so `validate --fix` sorts them.
SET_FIELDS: tuple[str, ...] = ("actors", "flags")
#: Where entries live under the content folder; undated ones go in UNDATED_DIR below it.
ENTRIES_DIR = "briefings"
UNDATED_DIR = "undated"
#: Written by `briefings new` where a person must write; `validate` warns while it is there.
PLACEHOLDER = "TODO:"

# --- fields -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str  # as written in the entry header, e.g. "Date-Precision"
    kind: str  # text | date | enum | list | evidence | slug | checksum
    required: bool
    doc: str
    example: str
    vocabulary: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The lower-case key Pelican gives the field (``date-precision``)."""
        return self.name.lower()

    @property
    def attr(self) -> str:
        """The Python attribute name (``date_precision``)."""
        return self.key.replace("-", "_")


FIELDS: tuple[Field, ...] = (
    Field("Title", "text", True, "What happened, in one line.",
          "Kosovo, Albania and Croatia sign a defence cooperation declaration in Tirana"),
    Field("Lang", "text", False,
          "Only in a translation: the language it is written in, one of the site's other "
          "languages (`sq`, `sr`). An entry without it is in English.", "sq"),
    Field("Translation-Of", "text", False,
          "Only in a translation (`content/translations/<lang>/<slug>.md`): the Slug of the "
          "entry it translates. Its date, sources, actors, flags and date evidence are the "
          "original's: leave them out (or repeat them unchanged).",
          "2025-03-18-kosovo-albania-croatia-declaration"),
    Field("Date", "date", False,
          "ISO date of the development (`YYYY-MM-DD`); the first day of the period when the "
          "precision is month or year. Leave it out only when no date is known (then flag "
          "`undated`).", "2025-03-18"),
    Field("Date-Precision", "enum", False,
          "What the evidence supports, never more: `day`, `month` or `year`. Required with Date.",
          "day", PRECISIONS),
    Field("Event-Status", "enum", True,
          "`occurred`, or `planned` when the source announces it for a later date.",
          "occurred", EVENT_STATUSES),
    Field("Slug", "slug", True,
          "Stable identifier derived from date and title: lowercase ASCII letters, digits and "
          "hyphens. The page lives at `/briefings/<slug>/`.",
          "2025-03-18-kosovo-albania-croatia-declaration"),
    Field("Category", "enum", True, "One of the controlled categories.", "agreements",
          tuple(CATEGORIES)),
    Field("Actors", "list", False,
          "Comma-separated keys into `content/actors.yaml`.", "kosovo, albania, croatia"),
    Field("Location", "text", False, "Where it happened, when known.", "Tirana, Albania"),
    Field("Sources", "list", True,
          "Comma-separated BibTeX keys from `content/bibliography.bib`; the body cites them as "
          "`[@key]`.", "rksnews-2025-kosovo-albania-croatia, balkaneu-2025-balkan-defense-pact"),
    Field("Date-Evidence", "evidence", False,
          "The words of a source that give the date, verbatim, one per line: `@key \"words\"`. "
          "Further lines are indented by four spaces.",
          '@rksnews-2025-kosovo-albania-croatia "The March 18 declaration signed in Tirana"'),
    Field("Scope", "enum", False,
          "`cooperation`: Kosovo with the United States, NATO, KFOR or allied forces in defence "
          "and security (the chronology's subject). `background`: context only (the 1989 "
          "removal of autonomy, the 1998–99 war as such, independence, elections, other "
          "countries' affairs): its page is kept and listed under Background on the entries "
          "that share a source with it, but it never reaches the timeline, the home list, the "
          "feeds, the search index or the PDF books. Absent means `cooperation`.",
          "cooperation", SCOPES),
    Field("Review", "enum", True,
          "`unreviewed` for machine-made entries; a person who checked the entry against its "
          "sources sets `reviewed`.", "unreviewed", REVIEW_STATES),
    Field("Flags", "list", False, "Comma-separated: what a reviewer must look at.",
          "year-inferred, single-source", tuple(FLAGS)),
    Field("Summary", "text", True, "One or two neutral sentences.",
          "The defence ministers of Kosovo, Albania and Croatia signed a joint declaration."),
    *(Field(f"{name}-{lang}", "text", False,
            f"The {name.lower()} in {language}, shown on the {language} site (`/{lang}/`) in "
            f"place of the English one; the rest of the entry stays in English there.",
            example)
      for lang, language, examples in (
          ("sq", "Albanian", ("Kosova, Shqipëria dhe Kroacia nënshkruajnë një deklaratë "
                              "mbrojtjeje në Tiranë", "Ministrat e mbrojtjes nënshkruan një "
                              "deklaratë të përbashkët.")),
          ("sr", "Serbian (Latin script)", ("Kosovo, Albanija i Hrvatska potpisuju deklaraciju "
                                            "o odbrani u Tirani", "Ministri odbrane potpisali "
                                            "su zajedničku deklaraciju.")))
      for name, example in zip(("Title", "Summary"), examples, strict=True)),
    Field("Ingest-Checksum", "checksum", False,
          "Written by `briefings ingest`: a fingerprint of the entry as the tool wrote it. When "
          "the file no longer matches it, a person has edited the entry and ingest will not "
          "overwrite it. Leave it alone.", "sha256:3f2a…"),
)

#: The languages of the site besides English: an entry's title and summary may be given in
#: each (``Title-sq``, ``Summary-sr`` …), and a whole entry translated into each.
TRANSLATED: tuple[str, ...] = ("sq", "sr")
#: The language entries are written in.
ENTRY_LANG = "en"
#: Every language of the site (pelican.conf.py's LANGUAGES), the entries' first.
LANGUAGES: tuple[str, ...] = (ENTRY_LANG, *TRANSLATED)
#: Where whole-entry translations live under the content folder: ``translations/<lang>/<slug>.md``
TRANSLATIONS_DIR = "translations"
#: What a translation translates; every other field is its original's (inherited, and where it
#: is written it must agree).
TRANSLATION_OWN: tuple[str, ...] = ("title", "summary", "lang", "translation-of")
#: The fields a translation must have.
TRANSLATION_REQUIRED: tuple[str, ...] = ("title", "lang", "translation-of", "summary")
FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
FIELD_ORDER: tuple[str, ...] = tuple(f.key for f in FIELDS)
LIST_FIELDS: frozenset[str] = frozenset(f.key for f in FIELDS if f.kind in ("list", "evidence"))


def split_list(value: str | list[str] | None) -> list[str]:
    """``"a, b"`` or ``["a", "b"]`` (Pelican gives either) -> ``["a", "b"]``."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return out


def field_reference_markdown() -> str:
    """The field reference of CONTRIBUTING.md, generated from :data:`FIELDS`."""
    lines = [
        "| Field | Required | Meaning | Example |",
        "| --- | --- | --- | --- |",
    ]
    for f in FIELDS:
        meaning = f.doc
        if f.vocabulary and f.kind == "enum" and f.name != "Category":
            meaning += " One of: " + ", ".join(f"`{v}`" for v in f.vocabulary) + "."
        lines.append(
            f"| `{f.name}` | {'yes' if f.required else 'no'} | {meaning} | `{f.example}` |"
        )
    lines += ["", "Categories:", ""]
    lines += [f"- `{k}`: {v}" for k, v in CATEGORIES.items()]
    lines += ["", "Flags:", ""]
    lines += [f"- `{k}`: {v}" for k, v in FLAGS.items()]
    return "\n".join(lines) + "\n"


def slugify(text: str, max_length: int = 80) -> str:
    """``"Kosovo & Albania: sign…"`` -> ``"kosovo-albania-sign"``, cut at a word under
    ``max_length`` characters. Non-ASCII letters are transliterated (Maćedonci -> macedonci)."""
    from unidecode import unidecode

    words = re.findall(r"[a-z0-9]+", unidecode(text).lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_length and out:
            break
        out = candidate
    return out
