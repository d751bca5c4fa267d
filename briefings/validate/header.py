"""The header: lines that are fields, known field names (typos named), no duplicates, the
schema's spelling and order, required fields present and not empty, the slug's format.
"""

from __future__ import annotations

import re

from briefings.entryfile import split_lines
from briefings.problems import Problem
from briefings.schema import (
    FIELD_ORDER,
    FIELDS,
    FIELDS_BY_KEY,
    SLUG_RE,
    TRANSLATED,
    TRANSLATION_REQUIRED,
    slugify,
)
from briefings.validate.codes import problem
from briefings.validate.loader import Context, EntryDoc, did_you_mean, value_of

#: Fields whose value may run over several lines (Pelican joins them or makes a list).
MULTILINE_KINDS = ("list", "evidence")
MULTILINE_KEYS = ("summary",)


def check(doc: EntryDoc, ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    w = doc.where
    out += _stray(doc)
    if not doc.header:
        return out
    seen: dict[str, int] = {}
    names = [f.name for f in FIELDS]
    for h in doc.header:
        spec = FIELDS_BY_KEY.get(h.key)
        if spec is None:
            guess = did_you_mean(h.name, names, 1)
            hint = (guess + "fix the field name" if guess else
                    "remove it, or use a field of the schema: " + ", ".join(names))
            lang = re.match(r"(?i)(?:title|summary)-(.+)$", h.name)
            if lang:  # a translation into a language the site does not have
                hint = (f"'{lang.group(1)}' is not a language of the site: it has "
                        + ", ".join(f"{h.name.split('-')[0].title()}-{t}" for t in TRANSLATED))
            out.append(problem("E-FIELD-UNKNOWN", w, h.line, f"unknown field '{h.name}'", hint))
            continue
        if h.key in seen:
            out.append(problem("E-FIELD-DUPLICATE", w, h.line,
                               f"{spec.name} is written twice (first on line {seen[h.key]})",
                               f"keep one {spec.name} line"
                               + ("; list several values on it, separated by commas"
                                  if spec.kind == "list" else "")))
            continue
        seen[h.key] = h.line
        if h.name != spec.name:
            out.append(problem("W-FIELD-CASE", w, h.line,
                               f"field '{h.name}' is written '{spec.name}' in the schema",
                               f"write '{spec.name}:' (`briefings validate --fix` does it)"))
        if not value_of(h):
            hint = (f"write a value, e.g. `{spec.name}: {spec.example}`" if spec.required
                    else f"write a value, e.g. `{spec.name}: {spec.example}`, or remove the line")
            if h.key != "sources":  # an entry without sources: citations.py says it better
                out.append(problem("E-FIELD-EMPTY", w, h.line, f"{spec.name} has no value", hint,
                                   h.value_col))
        elif (len(h.values) > 1 and spec.kind not in MULTILINE_KINDS
              and h.key not in MULTILINE_KEYS):
            line, col, _t = h.values[1]
            out.append(problem("E-FIELD-MULTILINE", w, line,
                               f"{spec.name} must be on one line", "join the lines "
                               "(`briefings validate --fix` does it)", col))
    out += _order(doc)
    out += _whitespace(doc)
    for spec in FIELDS:
        required = (spec.key in TRANSLATION_REQUIRED if doc.translation
                    else spec.required and spec.key != "sources")
        if required and spec.key not in seen:
            out.append(problem("E-FIELD-REQUIRED", w, 1,
                               f"the required field {spec.name} is missing"
                               + (" (a translation needs Title, Lang, Translation-Of and "
                                  "Summary)" if doc.translation else ""),
                               f"add a line `{spec.name}: {spec.example}` to the header"
                               + _vocab_hint(spec)))
    slug = doc.field("slug")
    if slug is not None and value_of(slug) and not SLUG_RE.match(value_of(slug)):
        suggestion = slugify(value_of(slug)) or "2025-03-18-what-happened"
        out.append(problem("E-SLUG-FORMAT", w, slug.line,
                           f"slug '{value_of(slug)}' is not lowercase ASCII letters, digits "
                           "and single hyphens", f"write `Slug: {suggestion}`", slug.value_col))
    return out


def _vocab_hint(spec) -> str:
    if spec.vocabulary and spec.kind == "enum":
        return " (one of: " + ", ".join(spec.vocabulary) + ")"
    return ""


def _stray(doc: EntryDoc) -> list[Problem]:
    out = []
    if not doc.header:
        line = doc.stray[0][0] if doc.stray else 1
        return [problem("E-HEADER-LINE", doc.where, line,
                        "the file does not start with a header of `Key: value` fields",
                        "start with `Title: …` and the other fields, a blank line, then the "
                        "text (see the template in CONTRIBUTING.md, or run `briefings new`)")]
    for line, text in doc.stray:
        stripped = text.lstrip()
        if text.strip() in ("---", "+++"):
            hint = ("entries have no front-matter fence: remove this line and start with "
                    "`Title: …`")
        elif text[:1] == " " and len(text) - len(stripped) < 4:
            hint = "indent a continuation line by four spaces"
        elif ":" not in text:
            hint = ("write `Key: value`, or leave a blank line before the text if the header "
                    "has ended")
        else:
            hint = "write `Key: value` with the field name at the start of the line"
        out.append(problem("E-HEADER-LINE", doc.where, line,
                           f"header line `{text.strip()[:50]}` is not a field", hint))
    return out


def _order(doc: EntryDoc) -> list[Problem]:
    last = -1
    known = [h for h in doc.header if h.key in FIELDS_BY_KEY]
    for prev, h in zip([None, *known], known, strict=False):
        rank = FIELD_ORDER.index(h.key)
        if rank < last and prev is not None:
            return [problem("W-FIELD-ORDER", doc.where, h.line,
                            f"{FIELDS_BY_KEY[h.key].name} comes after "
                            f"{FIELDS_BY_KEY[prev.key].name}; the schema's order is "
                            + ", ".join(f.name for f in FIELDS),
                            "`briefings validate --fix` puts the fields in order")]
        last = max(last, rank)
    return []


def _whitespace(doc: EntryDoc) -> list[Problem]:
    lines = split_lines(doc.text)
    if "\r" in doc.text:
        line = doc.text[: doc.text.index("\r")].count("\n") + 1
        return [problem("W-WHITESPACE", doc.where, line, "Windows line ends (CR LF)",
                        "`briefings validate --fix` writes plain newlines")]
    for n, line in enumerate(lines[: doc.body_start], 1):
        if line != line.rstrip() and line.strip():
            return [problem("W-WHITESPACE", doc.where, n, "trailing whitespace in the header",
                            "`briefings validate --fix` removes it", len(line.rstrip()) + 1)]
    if not doc.text.endswith("\n") or doc.text.endswith("\n\n"):
        return [problem("W-WHITESPACE", doc.where, doc.text.rstrip("\n").count("\n") + 1,
                        "the file should end with exactly one newline",
                        "`briefings validate --fix` does it")]
    return []
