"""Every rule of ``briefings validate``: a stable code, its severity and what it checks.

A code never changes meaning once released, so a maintainer can look it up (CONTRIBUTING.md
lists them, generated from :data:`RULES` by ``briefings validate --list-codes``). The rule
modules create problems through :func:`problem`, which takes the severity from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.problems import ERROR, WARNING, Problem


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    checks: str  # what the rule checks, one line, for the documentation
    fixable: bool = False  # `validate --fix` repairs it


_RULES = (
    # files (loader.py)
    Rule("E-EMPTY", ERROR, "the file is empty"),
    Rule("E-ENCODING", ERROR, "the file is not UTF-8 text"),
    # header (header.py)
    Rule("E-HEADER-LINE", ERROR,
         "a header line is neither `Key: value` nor an indented continuation"),
    Rule("E-FIELD-UNKNOWN", ERROR, "a field the schema does not know (a typo such as `Dtae:`)"),
    Rule("E-FIELD-DUPLICATE", ERROR, "a field written twice"),
    Rule("W-FIELD-CASE", WARNING, "a field name not written as in the schema (`date:`)", True),
    Rule("W-FIELD-ORDER", WARNING, "fields not in the schema's order", True),
    Rule("W-WHITESPACE", WARNING, "trailing spaces or tabs, or missing final newline", True),
    Rule("E-FIELD-REQUIRED", ERROR, "a required field is missing"),
    Rule("E-FIELD-EMPTY", ERROR, "a field is present but has no value"),
    Rule("E-FIELD-MULTILINE", ERROR, "a one-line field continues on an indented line", True),
    Rule("E-SLUG-FORMAT", ERROR, "the slug is not lowercase ASCII letters, digits and hyphens"),
    # dates (dates.py)
    Rule("E-DATE-FORMAT", ERROR, "the date is not written `YYYY-MM-DD`", True),
    Rule("E-DATE", ERROR, "the date does not exist (2025-02-30)"),
    Rule("E-PRECISION-MISSING", ERROR, "a Date without Date-Precision"),
    Rule("E-PRECISION-WITHOUT-DATE", ERROR, "a Date-Precision without Date"),
    Rule("E-PRECISION-DATE", ERROR,
         "the date is more precise than its precision (month → day 01, year → 01-01)"),
    Rule("E-UNDATED-FLAG-MISSING", ERROR, "no Date, but the `undated` flag is missing"),
    Rule("E-UNDATED-FLAG-DATED", ERROR, "a Date, and still the `undated` flag"),
    Rule("E-EVIDENCE", ERROR, "a Date-Evidence line is not `@key \"words\"`"),
    # vocabularies (vocab.py)
    Rule("E-CATEGORY", ERROR, "a category not in the schema"),
    Rule("E-EVENT-STATUS", ERROR, "an Event-Status not in the schema"),
    Rule("E-SCOPE", ERROR, "a Scope not in the schema (`cooperation` or `background`)"),
    Rule("E-REVIEW", ERROR, "a Review state not in the schema"),
    Rule("E-PRECISION", ERROR, "a Date-Precision not in the schema"),
    Rule("E-FLAG", ERROR, "a flag not in the schema"),
    Rule("E-ACTOR-UNKNOWN", ERROR, "an actor key not in content/actors.yaml"),
    Rule("W-LIST-DUPLICATE", WARNING, "an actor or flag listed twice", True),
    # citations (citations.py)
    Rule("E-NO-SOURCES", ERROR, "the entry cites no source"),
    Rule("E-CITE-UNKNOWN-KEY", ERROR,
         "a citation key (in Sources, Date-Evidence or the body) not in content/bibliography.bib"),
    Rule("E-CITE-NOT-IN-SOURCES", ERROR,
         "the body or Date-Evidence cites a key that Sources does not list"),
    Rule("W-SOURCE-NOT-CITED", WARNING, "a key in Sources that the body never cites"),
    Rule("W-SOURCE-DUPLICATE", WARNING, "a key listed twice in Sources", True),
    # body (body.py)
    Rule("E-HTML", ERROR, "raw HTML (a tag such as `<script>`, `<div>`, `<img …>`)"),
    Rule("E-LINK-UNKNOWN", ERROR, "a link to an entry or file that does not exist"),
    Rule("E-LINK-SCHEME", ERROR, "a link that runs code (`javascript:`, `data:`, `vbscript:`, "
         "also entity-encoded: `jav&#x61;script:`) or that the site removes (`file:`, `ftp:`…)"),
    Rule("E-IMAGE", ERROR, "a Markdown image (`![alt](url)`): the site shows no images"),
    Rule("E-PLACEHOLDER", ERROR, "a `TODO:` left by `briefings new` is still there"),
    # any file a person edits (chars.py)
    Rule("E-INVISIBLE-CHAR", ERROR,
         "a bidirectional control (U+202E…) or an invisible character (zero-width space or "
         "joiner…) in an entry, the bibliography or the actor registry"),
    # across entries (corpus.py)
    Rule("E-SLUG-DUPLICATE", ERROR, "two entries with the same slug"),
    Rule("E-TITLE-DATE-DUPLICATE", ERROR, "two entries with the same title on the same date"),
    Rule("W-SLUG-FILENAME", WARNING, "the file name is not `<slug>.md`"),
    Rule("W-ENTRY-FOLDER", WARNING,
         "the entry is not in `briefings/<year of its date>/` (or `briefings/undated/`)"),
    Rule("W-BIB-UNUSED", WARNING, "a bibliography entry that no entry cites"),
    # translations (translations.py)
    Rule("E-LANG-UNKNOWN", ERROR, "a translation's `Lang` is not a language of the site"),
    Rule("E-TRANSLATION-ORPHAN", ERROR, "`Translation-Of` names no entry's slug"),
    Rule("E-TRANSLATION-SAME-LANG", ERROR,
         "a translation in its original's own language (English)"),
    Rule("E-TRANSLATION-DUPLICATE", ERROR, "two translations of one entry into one language"),
    Rule("E-TRANSLATION-DIFFERS", ERROR,
         "a translation gives another Date, Sources, Actors (or any field but Title and Summary) "
         "than its original, or its text cites a source its original does not list"),
    Rule("W-TRANSLATION-FILE", WARNING,
         "a translation is not at `translations/<its Lang>/<its Translation-Of>.md`"),
    # bibliography (bibliography.py)
    Rule("E-BIB-MISSING", ERROR, "content/bibliography.bib does not exist"),
    Rule("E-BIB-PARSE", ERROR, "a bibliography block that does not parse"),
    Rule("E-BIB-DUPLICATE-KEY", ERROR, "two bibliography entries with the same key"),
    Rule("E-BIB-FIELD", ERROR, "a bibliography entry without a title"),
    Rule("E-BIB-URL", ERROR,
         "a bibliography `url` or `archiveurl` that is not an http(s) address (`javascript:`…)"),
    # actor registry (briefings/registry.py)
    Rule("E-ACTORS-MISSING", ERROR, "content/actors.yaml does not exist"),
    Rule("E-ACTORS-SYNTAX", ERROR, "content/actors.yaml is not valid YAML or not a mapping"),
    Rule("E-ACTOR", ERROR, "an actor without a name"),
    Rule("E-ACTOR-KIND", ERROR, "an actor of unknown kind"),
    Rule("E-ACTOR-NAMES", ERROR, "an actor's `names` in a language the site does not have, or "
         "empty"),
)

RULES: dict[str, Rule] = {r.code: r for r in _RULES}


def problem(code: str, path: str, line: int, message: str, hint: str, col: int = 1) -> Problem:
    """A problem of rule ``code`` (its severity comes from :data:`RULES`)."""
    return Problem(path, line, code, message, hint, RULES[code].severity, col)


def codes_markdown() -> str:
    """The table of codes in CONTRIBUTING.md."""
    lines = ["| Code | Severity | What it checks | `--fix` |", "| --- | --- | --- | --- |"]
    for r in _RULES:
        lines.append(f"| `{r.code}` | {r.severity} | {r.checks} | {'yes' if r.fixable else ''} |")
    return "\n".join(lines) + "\n"
