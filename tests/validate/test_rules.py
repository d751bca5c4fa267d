"""One bad file per rule (tests/fixtures/validate/, named for its case): the code, the place, the
message and the fix it names. Checked against the fixture content's bibliography and actors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.validate import validate
from briefings.validate.codes import RULES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAD = FIXTURES / "validate"
CONTENT = FIXTURES / "content"

# fixture -> (code, line, col, words of the message, words of the hint)
CASES: dict[str, tuple[str, int, int, str, str]] = {
    "entry_empty.md": ("E-EMPTY", 1, 1, "the file is empty", "briefings new"),
    "entry_not_utf8.md": ("E-ENCODING", 8, 19, "byte 0xeb is not UTF-8", "save the file as UTF-8"),
    "entry_with_stray_header_line.md": ("E-HEADER-LINE", 8, 1, "header line `nato` is not a field",
                                        "indent a continuation line by four spaces"),
    "entry_with_typo_field_Dtae.md": ("E-FIELD-UNKNOWN", 2, 1, "unknown field 'Dtae'",
                                      "did you mean 'Date'?"),
    "entry_with_field_written_twice.md": ("E-FIELD-DUPLICATE", 10, 1,
                                          "Sources is written twice (first on line 9)",
                                          "keep one Sources line"),
    "entry_with_lowercase_field_name.md": ("W-FIELD-CASE", 8, 1, "field 'location' is written "
                                           "'Location'", "--fix"),
    "entry_with_fields_out_of_order.md": ("W-FIELD-ORDER", 3, 1, "Date comes after Slug",
                                          "--fix"),
    "entry_with_trailing_whitespace.md": ("W-WHITESPACE", 6, 30, "trailing whitespace", "--fix"),
    "entry_without_summary.md": ("E-FIELD-REQUIRED", 1, 1, "the required field Summary is "
                                 "missing", "add a line `Summary: "),
    "entry_with_empty_category.md": ("E-FIELD-EMPTY", 6, 10, "Category has no value",
                                     "`Category: agreements`"),
    "entry_with_title_on_two_lines.md": ("E-FIELD-MULTILINE", 2, 5, "Title must be on one line",
                                         "join the lines"),
    "entry_with_uppercase_slug.md": ("E-SLUG-FORMAT", 5, 7, "is not lowercase ASCII",
                                     "`Slug: 2025-03-20-kosovo-nato-officials-meet`"),
    "entry_with_unpadded_date.md": ("E-DATE-FORMAT", 2, 7, "date '2025-3-20' is not written "
                                    "YYYY-MM-DD", "`Date: 2025-03-20`"),
    "entry_with_date_written_in_words.md": ("E-DATE-FORMAT", 2, 7, "date '20 March 2025'",
                                            "write `Date: 2025-03-20`"),
    "entry_with_month_written_as_date.md": ("E-DATE-FORMAT", 2, 7, "date '2025-03'",
                                            "`Date: 2025-03-01`, with `Date-Precision: month`"),
    "entry_with_impossible_date.md": ("E-DATE", 2, 7, "'2025-02-30' is not a date that exists: "
                                      "February 2025 has 28 days", "existing date"),
    "entry_with_date_but_no_precision.md": ("E-PRECISION-MISSING", 2, 1,
                                            "Date has no Date-Precision",
                                            "add `Date-Precision: day`"),
    "entry_with_precision_but_no_date.md": ("E-PRECISION-WITHOUT-DATE", 2, 1,
                                            "Date-Precision is set but there is no Date",
                                            "remove Date-Precision"),
    "entry_with_month_precision_not_on_first_day.md": ("E-PRECISION-DATE", 2, 15,
                                                       "has month precision",
                                                       "`Date: 2025-03-01`"),
    "entry_with_year_precision_not_on_first_january.md": ("E-PRECISION-DATE", 2, 12,
                                                          "has year precision",
                                                          "`Date: 2025-01-01`"),
    "entry_without_date_or_undated_flag.md": ("E-UNDATED-FLAG-MISSING", 9, 1,
                                              "no Date and no `undated` flag",
                                              "add `undated` to Flags"),
    "entry_with_date_flagged_undated.md": ("E-UNDATED-FLAG-DATED", 11, 23,
                                           "has a Date but is flagged `undated`",
                                           "remove `undated` from Flags"),
    "entry_with_malformed_date_evidence.md": ("E-EVIDENCE", 10, 16, "is not @key \"words\"",
                                              'write @key "the words of the source"'),
    "entry_with_unknown_category.md": ("E-CATEGORY", 6, 11, "Category 'meeting'",
                                       "meetings-and-visits"),
    "entry_with_unknown_event_status.md": ("E-EVENT-STATUS", 4, 15, "Event-Status 'happened'",
                                           "occurred, planned"),
    "entry_with_unknown_scope.md": ("E-SCOPE", 10, 8, "Scope 'context'",
                                    "cooperation, background"),
    "entry_with_unknown_review_state.md": ("E-REVIEW", 10, 9, "Review 'checked'",
                                           "unreviewed, reviewed"),
    "entry_with_unknown_precision.md": ("E-PRECISION", 3, 17, "Date-Precision 'week'",
                                        "day, month, year"),
    "entry_with_unknown_flag.md": ("E-FLAG", 11, 8, "unknown flag 'single-sourced'",
                                   "did you mean 'single-source'?"),
    "entry_with_actor_alias_instead_of_key.md": ("E-ACTOR-UNKNOWN", 7, 9, "actor 'Kosova'",
                                                 "write its key 'kosovo'"),
    "entry_with_unknown_actor.md": ("E-ACTOR-UNKNOWN", 7, 17, "actor 'natto' is not in the "
                                    "actor registry", "did you mean 'nato'?"),
    "entry_with_actor_listed_twice.md": ("W-LIST-DUPLICATE", 7, 23, "actor 'kosovo' is listed "
                                         "twice", "--fix"),
    "entry_citing_no_source.md": ("E-NO-SOURCES", 1, 1, "the entry cites no source",
                                  "briefings new-source"),
    "entry_with_unknown_citation_key.md": ("E-CITE-UNKNOWN-KEY", 9, 10,
                                           "'rksnews-2025-kosovo-albania-croatioa' is not a key",
                                           "did you mean 'rksnews-2025-kosovo-albania-croatia'?"),
    "entry_with_unknown_citation_key_in_body.md": ("E-CITE-UNKNOWN-KEY", 16, 37,
                                                   "'rksnews-2025-kosovo-albania-croatia-2'",
                                                   "did you mean "
                                                   "'rksnews-2025-kosovo-albania-croatia'?"),
    "entry_citing_in_body_a_key_not_in_sources.md": ("E-CITE-NOT-IN-SOURCES", 14, 85,
                                                     "cites 'balkaneu-2025-balkan-defense-pact'"
                                                     ", which Sources does not list",
                                                     "add 'balkaneu-2025-balkan-defense-pact' "
                                                     "to Sources"),
    "entry_with_source_never_cited_in_body.md": ("W-SOURCE-NOT-CITED", 9, 47, "never cites "
                                                 "'balkaneu-2025-balkan-defense-pact'",
                                                 "[@balkaneu-2025-balkan-defense-pact]"),
    "entry_with_source_listed_twice.md": ("W-SOURCE-DUPLICATE", 9, 47, "listed twice in "
                                          "Sources", "--fix"),
    "entry_with_raw_html_script.md": ("E-HTML", 16, 1, "raw HTML `<script>`",
                                      "scripts are never allowed"),
    "entry_with_raw_html_div_and_img.md": ("E-HTML", 16, 16, "raw HTML `<img src=",
                                           "link to the image instead"),
    "entry_with_html_in_title.md": ("E-HTML", 1, 19, "raw HTML `<b>`", "**bold**"),
    "entry_with_link_to_missing_entry.md": ("E-LINK-UNKNOWN", 14, 110, "link to /briefings/"
                                            "2025-03-19-kosovo-albania-croatia-sign-defence-"
                                            "declaration/, which is not an entry",
                                            "did you mean /briefings/2025-03-18-"),
    "entry_with_filename_link_to_missing_file.md": ("E-LINK-UNKNOWN", 14, 110,
                                                    "`{filename}/briefings/2025/declaration.md"
                                                    "`, which is not a file",
                                                    "relative to this file"),
    "entry_with_javascript_link.md": ("E-LINK-SCHEME", 14, 106, "a link to `javascript:` runs "
                                      "code", "http(s) address"),
    "entry_with_entity_encoded_javascript_link.md": ("E-LINK-SCHEME", 14, 106,
                                                     "a link to `javascript:` (written "
                                                     "`jav&#x61;script:alert(1`) runs code",
                                                     "http(s) address"),
    "entry_with_ftp_autolink.md": ("E-LINK-SCHEME", 14, 91, "a link to `ftp:` is removed "
                                   "from the page", "http(s) address"),
    "entry_with_markdown_image.md": ("E-IMAGE", 16, 1, "a Markdown image",
                                     "link to it instead"),
    "entry_with_todo_placeholder.md": ("E-PLACEHOLDER", 12, 10, "`TODO:` placeholder",
                                       "replace it with your own words"),
    "entry_with_right_to_left_override_in_title.md": ("E-INVISIBLE-CHAR", 1, 51,
                                                      "U+202E RIGHT-TO-LEFT OVERRIDE",
                                                      "delete it"),
    "bibliography_with_zero_width_joiner_in_author.bib": ("E-INVISIBLE-CHAR", 2, 22,
                                                          "U+200D ZERO WIDTH JOINER",
                                                          "delete it"),
    "entry_with_duplicate_slug.md": ("E-SLUG-DUPLICATE", 5, 1, "the slug '2016-12-07-nato-"
                                     "secretary-general-replies-to-mustafa' is also the slug "
                                     "of", "give this entry its own slug"),
    "entry_with_same_title_and_date_as_another.md": ("E-TITLE-DATE-DUPLICATE", 1, 1,
                                                     "has the same title on the same date "
                                                     "(18 March 2025)", "merge the two entries"),
    "bibliography_with_syntax_error.bib": ("E-BIB-PARSE", 6, 1, "does not parse",
                                           "`@online{key,`"),
    "bibliography_with_duplicate_key.bib": ("E-BIB-DUPLICATE-KEY", 5, 1, "the key 'same-2025-key' "
                                            "is already used on line 1", "another key"),
    "bibliography_with_entry_without_title.bib": ("E-BIB-FIELD", 1, 1, "'untitled-2025-key' "
                                                  "has no title", "title = {"),
    "bibliography_with_javascript_url.bib": ("E-BIB-URL", 4, 10, "url of 'scripted-2025-key' "
                                             "is not an http(s) address: `javascript:`",
                                             "https://"),
    "entry_with_title_in_unknown_language.md": ("E-FIELD-UNKNOWN", 14, 1,
                                                "unknown field 'Title-de'",
                                                "'de' is not a language of the site: it has "
                                                "Title-sq, Title-sr"),
    # whole-entry translations of the fixture content's entries (translations.py)
    "translation_into_unknown_language.md": ("E-LANG-UNKNOWN", 2, 7, "'de' is not a language "
                                             "of the site", "write one of: sq, sr; the site's "
                                             "languages are en, sq, sr"),
    "translation_of_no_entry.md": ("E-TRANSLATION-ORPHAN", 3, 17, "Translation-Of '2025-03-19-"
                                   "kosovo-albania-croatia-sign-defence-declaration' is the slug "
                                   "of no entry", "did you mean '2025-03-18-kosovo-albania-"
                                   "croatia-sign-defence-declaration'?"),
    "translation_in_the_original_language.md": ("E-TRANSLATION-SAME-LANG", 2, 7,
                                                "the translation is in en, the language of its "
                                                "original", "translated into: sq, sr"),
    "translation_second_into_albanian.md": ("E-TRANSLATION-DUPLICATE", 3, 1,
                                            "translations/sq/2016-12-07-nato-secretary-general-"
                                            "replies-to-mustafa.md also translates",
                                            "keep one translation per entry and language"),
    "translation_with_another_date.md": ("E-TRANSLATION-DIFFERS", 4, 7, "Date is '2025-03-19' "
                                         "here but '2025-03-18' in the original",
                                         "remove the Date line"),
    "translation_with_other_actors.md": ("E-TRANSLATION-DIFFERS", 4, 9, "Actors is 'kosovo, "
                                         "albania' here but 'kosovo, albania, croatia'",
                                         "remove the Actors line"),
    "translation_with_other_sources.md": ("E-TRANSLATION-DIFFERS", 4, 10, "Sources is "
                                          "'rksnews-2025-kosovo-albania-croatia' here",
                                          "remove the Sources line"),
    "translation_citing_a_source_its_original_does_not.md": (
        "E-TRANSLATION-DIFFERS", 6, 47, "the text cites 'kosovo-pmo-2016-nato-secretary-"
        "responds', which the Sources of the original", "cite the sources the original cites: "
        "balkaneu-2025-balkan-defense-pact, rksnews-2025-kosovo-albania-croatia"),
    "actors_with_yaml_syntax_error.yaml": ("E-ACTORS-SYNTAX", 3, 1, "not valid YAML",
                                           "fix the YAML syntax"),
    "actors_with_actor_without_name.yaml": ("E-ACTOR", 1, 1, "actor 'kosovo' has no name",
                                            "`name:`"),
    "actors_with_unknown_kind.yaml": ("E-ACTOR-KIND", 1, 1, "unknown kind 'state'",
                                      "organisation, country"),
    "actors_with_names_in_unknown_language.yaml": ("E-ACTOR-NAMES", 4, 1, "names in unknown "
                                                   "languages or empty: de, sr",
                                                   "`names: {sq: …, sr: …}`"),
}

# Rules that need a content folder of their own: tested below, not by a single bad file.
VALID = ("entry_valid.md", "entry_with_less_than_sign_and_code_in_text.md",
         "entry_with_script_in_indented_code_block.md", "translation_valid.md",
         "translation_with_repeated_fields_that_agree.md")
TESTED_BELOW = {"W-SLUG-FILENAME", "W-ENTRY-FOLDER", "W-BIB-UNUSED", "E-BIB-MISSING",
                "E-ACTORS-MISSING", "W-TRANSLATION-FILE"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_gets_its_code_place_message_and_fix(name):
    code, line, col, message, hint = CASES[name]
    problems = validate([BAD / name], CONTENT)
    found = [p for p in problems if p.code == code and message in p.message]
    assert found, f"{name}: no {code} '{message}' in {[p.format() for p in problems]}"
    first = found[0]
    assert (first.line, first.col) == (line, col), first.format()
    assert hint in first.hint, first.format()
    assert first.severity == RULES[code].severity
    # the case is about one rule: no other code
    assert {p.code for p in problems} == {code}, [p.format() for p in problems]


def test_every_rule_has_a_case():
    covered = {c[0] for c in CASES.values()} | TESTED_BELOW
    assert covered == set(RULES)


def test_fixture_names_are_unique_cases_and_all_used():
    on_disk = {p.name for p in BAD.iterdir() if p.is_file()}
    assert on_disk - set(CASES) == set(VALID)


@pytest.mark.parametrize("name", VALID)
def test_valid_entries_are_clean(name):
    assert validate([BAD / name], CONTENT) == []


def test_fixture_content_has_no_errors():
    problems = validate([CONTENT], CONTENT)
    assert [p.format() for p in problems if p.is_error] == []


def test_problems_of_many_files_come_together_sorted_by_path_and_line():
    names = ["entry_with_unknown_flag.md", "entry_with_impossible_date.md",
             "entry_with_unknown_actor.md"]
    problems = validate([BAD / n for n in names], CONTENT)
    assert list(dict.fromkeys(Path(p.path).name for p in problems)) == sorted(names)
    # the three share a slug and two a title and date: said once per file, with the others named
    assert sum(p.code == "E-SLUG-DUPLICATE" for p in problems) == 3
    assert {"E-FLAG", "E-DATE", "E-ACTOR-UNKNOWN"} <= {p.code for p in problems}
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.col))


def _content(tmp_path: Path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def test_entry_in_the_wrong_folder_and_file_name(tmp_path):
    content = _content(tmp_path)
    slug = "2025-03-18-kosovo-albania-croatia-sign-defence-declaration"
    src = content / "briefings" / "2025" / f"{slug}.md"
    wrong = content / "briefings" / "2016" / "declaration.md"
    src.rename(wrong)
    problems = validate([wrong], content)
    assert [(p.code, p.line) for p in problems] == [("W-ENTRY-FOLDER", 2), ("W-SLUG-FILENAME", 5)]
    assert "content/briefings/2025/" in problems[0].message
    assert f"rename the file to {slug}.md" in problems[1].hint


def test_a_translation_away_from_its_place_and_a_missing_lang(tmp_path):
    content = _content(tmp_path)
    key = "2016-12-07-nato-secretary-general-replies-to-mustafa"
    placed = content / "translations" / "sq" / f"{key}.md"
    moved = content / "translations" / "sr" / "nato-reply.md"
    moved.parent.mkdir()
    placed.rename(moved)
    problems = validate([moved], content)
    assert [(p.code, p.line) for p in problems] == [("W-TRANSLATION-FILE", 3)]
    assert f"content/translations/sq/{key}.md" in problems[0].message
    # without Lang it is still a translation (it is under translations/): Lang is required
    moved.write_text(moved.read_text(encoding="utf-8").replace("Lang: sq\n", ""),
                     encoding="utf-8")
    problems = validate([moved], content)
    assert [(p.code, p.message) for p in problems] == [
        ("E-FIELD-REQUIRED", "the required field Lang is missing (a translation needs Title, "
                             "Lang, Translation-Of and Summary)")]


def test_uncited_bibliography_entry_is_a_warning(tmp_path):
    content = _content(tmp_path)
    bib = content / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8")
                   + "\n@online{nobody-2024-cites-this,\n  title = {Unused},\n}\n",
                   encoding="utf-8")
    problems = validate([bib], content)
    assert [(p.code, p.severity) for p in problems] == [("W-BIB-UNUSED", "warning")]
    assert problems[0].line == bib.read_text(encoding="utf-8").splitlines().index(
        "@online{nobody-2024-cites-this,") + 1
    assert "no entry cites 'nobody-2024-cites-this'" in problems[0].message


def test_missing_bibliography_and_registry(tmp_path):
    content = _content(tmp_path)
    (content / "bibliography.bib").unlink()
    (content / "actors.yaml").unlink()
    codes = {p.code for p in validate([content], content) if p.is_error}
    assert codes == {"E-BIB-MISSING", "E-ACTORS-MISSING"}


def test_indented_code_is_code_only_outside_lists():
    """Python-Markdown: four spaces after a blank line start a code block, except in a list,
    where they continue the item (whose HTML reaches the page, so it is checked)."""
    from briefings.validate.body import masked_lines

    body = ("Text.\n\n    <script>code</script>\n\n    <b>still code</b>\nText again.\n"
            "    <i>lazy continuation, not code</i>\n\n- item\n\n    <u>item text</u>\n\n"
            "After the list.\n\n\t<s>code again</s>\n[x](ftp://example.org)")
    masked = masked_lines(body)
    assert [line for line in masked if "<" in line] == [
        "    <i>lazy continuation, not code</i>", "    <u>item text</u>"]
    assert masked[-1] == "[x](ftp://example.org)"


def test_an_actor_is_named_in_the_readers_language_where_the_registry_has_it():
    from briefings.registry import load_actors

    actors, problems = load_actors(Path(__file__).resolve().parents[2] / "content" / "actors.yaml")
    assert not problems
    assert actors["kosovo"].name_in("sq") == "Kosova"
    assert actors["united-states"].name_in("sr") == "Sjedinjene Američke Države"
    assert actors["nato"].name_in("sq") == "NATO"  # no name of its own: the English one
    assert actors["kosovo"].name_in("en") == "Kosovo"


def test_a_title_and_summary_in_the_site_languages_are_read_and_written_back(tmp_path):
    from briefings.entryfile import read_entry, render_entry

    path = tmp_path / "e.md"
    path.write_text("Title: Kosovo and Albania sign a declaration\nDate: 2025-03-18\n"
                    "Date-Precision: day\nEvent-Status: occurred\n"
                    "Slug: 2025-03-18-kosovo-albania-declaration\nCategory: agreements\n"
                    "Sources: a-2025\nReview: reviewed\nSummary: They signed it.\n"
                    "Title-sq: Kosova dhe Shqipëria nënshkruajnë një deklaratë\n"
                    "Summary-sr: Potpisali su je.\n\nText [@a-2025].\n", encoding="utf-8")
    entry, problems = read_entry(path)
    assert not problems
    assert entry.translations == {"sq": {"title": "Kosova dhe Shqipëria nënshkruajnë një "
                                                  "deklaratë"},
                                  "sr": {"summary": "Potpisali su je."}}
    assert render_entry(entry) == path.read_text(encoding="utf-8")
