"""briefings.bibliography: BibTeX -> CSL-JSON, and every problem with its .bib line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefings.bibliography import csl_names, date_parts, load

FIXTURE_BIB = Path(__file__).resolve().parents[1] / "fixtures" / "content" / "bibliography.bib"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bibliography.bib"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "parts"), [
    ("2025", [[2025]]),
    ("2025-08", [[2025, 8]]),
    ("2025-08-03", [[2025, 8, 3]]),
    ("2025-08-03/2025-08-05", [[2025, 8, 3], [2025, 8, 5]]),
    ("2025-02-30", None),
    ("2025-13", None),
    ("August 2025", None),
])
def test_dates_keep_the_precision_written(value, parts):
    assert date_parts(value) == parts


def test_fixture_bibliography_converts_at_month_precision_with_organisation_as_author():
    bib = load(FIXTURE_BIB)
    assert bib.problems == []
    csl = bib.entries["rksnews-2025-kosovo-albania-croatia"].csl
    assert csl == {
        "id": "rksnews-2025-kosovo-albania-croatia", "type": "webpage",
        "title": "Kosovo, Albania and Croatia to finalise defence cooperation plan in September",
        "author": [{"literal": "RKS News"}], "publisher": "RKS News",
        "issued": {"date-parts": [[2025, 8]]}, "URL": "https://rks.news/?p=67949",
        "language": "en",
    }
    assert "issued" not in bib.entries["rksnews-maqedonci-state-military-factory"].csl
    assert bib.entries["rksnews-maqedonci-state-military-factory"].line == 26


def test_url_urldate_archiveurl_note_and_article_type(tmp_path):
    bib = load(write(tmp_path, """
@article{doe-2025,
  author = {Doe, Jane and Richard Roe and {NATO Public Diplomacy Division}},
  title = {{KFOR}: allies meet \\& agree},
  journaltitle = {The Ledger},
  date = {2025-06-24},
  url = {https://ledger.example/a?b=1&c=2},
  urldate = {2025-07-01},
  archiveurl = {https://web.archive.org/web/2025/https://ledger.example/a},
  langid = {en},
  note = {A note.},
}
"""))
    assert bib.problems == []
    csl = bib.entries["doe-2025"].csl
    assert csl["type"] == "article-newspaper"
    assert csl["author"] == [{"family": "Doe", "given": "Jane"},
                             {"family": "Roe", "given": "Richard"},
                             {"literal": "NATO Public Diplomacy Division"}]
    assert csl["title"] == '<span class="nocase">KFOR:</span> allies meet &amp; agree'
    assert csl["container-title"] == "The Ledger"
    assert csl["issued"] == {"date-parts": [[2025, 6, 24]]}
    assert csl["accessed"] == {"date-parts": [[2025, 7, 1]]}
    assert csl["URL"] == "https://ledger.example/a?b=1&c=2"
    assert csl["custom"] == {"archive-url": "https://web.archive.org/web/2025/https://ledger.example/a"}
    assert csl["language"] == "en" and csl["note"] == "A note."
    assert "publisher" not in csl
    assert bib.entries["doe-2025"].publisher == "The Ledger"


def test_csl_json_text_is_escaped_before_the_markup_is_added(tmp_path):
    """CSL processors read text variables as rich text: a title's tags must arrive as text,
    beside the one markup the project adds (``nocase``)."""
    bib = load(write(tmp_path, """
@online{ksf-2025,
  author = {Doe <b>Jane</b>, Ann and {Office <i>of</i> \\& Co}},
  title = {{Kosovo Security Force} hosts "<script>alert(1)</script>" delegation
           <img src=x onerror=alert(2)>},
  organization = {RKS <svg onload=alert(3)> News},
  journaltitle = {The <u>Ledger</u>},
  langid = {en<x>},
  note = {A <a href="javascript:alert(4)">link</a> \\& <span class="nocase">not ours</span>},
}
"""))
    csl = bib.entries["ksf-2025"].csl
    assert csl["title"] == ('<span class="nocase">Kosovo Security Force</span> hosts '
                            '"&lt;script&gt;alert(1)&lt;/script&gt;" delegation '
                            "&lt;img src=x onerror=alert(2)&gt;")
    assert csl["author"] == [{"family": "Doe &lt;b&gt;Jane&lt;/b&gt;", "given": "Ann"},
                             {"literal": "Office &lt;i&gt;of&lt;/i&gt; &amp; Co"}]
    assert csl["publisher"] == "RKS &lt;svg onload=alert(3)&gt; News"
    assert csl["container-title"] == "The &lt;u&gt;Ledger&lt;/u&gt;"
    assert csl["language"] == "en&lt;x&gt;"
    assert csl["note"].startswith("A &lt;a href=") and "&amp; &lt;span" in csl["note"]
    # no tag anywhere but the nocase span the project adds
    text = json.dumps(bib.csl_json())
    assert re.findall(r"<[^>]*>", text) == ['<span class=\\"nocase\\">', "</span>"]
    # the note for the Sources page is plain text again
    assert bib.entries["ksf-2025"].note.startswith('A <a href="javascript:alert(4)">link</a> &')


def test_names_in_braces_are_one_literal_name():
    assert csl_names("{Office of the Prime Minister of Kosovo}") == [
        {"literal": "Office of the Prime Minister of Kosovo"}]


def test_unparsable_entry_is_a_problem_with_its_line(tmp_path):
    path = write(tmp_path, "@online{good,\n  title = {Good},\n}\n\n"
                           "@online{broken-2025,\n  title = {Never closed,\n  date = {2025},\n")
    bib = load(path)
    assert list(bib.entries) == ["good"]
    [p] = bib.problems
    assert (p.line, p.code, p.severity) == (5, "E-BIB-PARSE", "error")
    assert "(in `@online{broken-2025,`)" in p.message
    assert "Unexpectedly reached end of file" in p.message


def test_duplicate_keys_name_both_lines(tmp_path):
    bib = load(write(tmp_path, "@online{a,\n title = {One},\n}\n@online{a,\n title = {Two},\n}\n"
                               "@online{B,\n title = {Three},\n}\n@online{b,\n title = {4},\n}\n"))
    codes = [(p.line, p.code) for p in bib.problems]
    assert codes == [(4, "E-BIB-DUPLICATE-KEY"), (10, "E-BIB-DUPLICATE-KEY")]
    assert "'a' is already used on line 1" in bib.problems[0].message
    assert "'b' differs from 'B' only in case" in bib.problems[1].message


def test_a_date_that_does_not_exist_is_an_error(tmp_path):
    [p] = load(write(tmp_path, "@online{a,\n title = {A},\n date = {2025-02-30},\n}\n")).problems
    assert (p.line, p.code) == (1, "E-BIB-DATE")


def test_missing_file_is_an_empty_bibliography(tmp_path):
    bib = load(tmp_path / "nope.bib")
    assert bib.entries == {} and bib.problems == []


UNSAFE_BIB = """% kept as written
@online{safe-2025,
  title = {Safe},
  url = {https://example.org/safe},
}

@online{unsafe-2025,
  title = {{KFOR} and the script},
  url = {javascript:alert(1)},
  archiveurl = {data:text/html,<script>alert(2)</script>},
  note = {Kept.},
}
"""


def test_downloads_drop_addresses_that_are_not_http(tmp_path):
    bib = load(write(tmp_path, UNSAFE_BIB))
    items = {i["id"]: i for i in bib.csl_json()}
    assert items["safe-2025"]["URL"] == "https://example.org/safe"
    assert "URL" not in items["unsafe-2025"] and "custom" not in items["unsafe-2025"]
    bib.entries["safe-2025"].csl["URL"] = "javascript:alert(3)"  # checked again as written
    assert "URL" not in bib.csl_json()[0]
    text = bib.bibtex_download()
    assert "javascript:" not in text and "data:" not in text
    # the rest stays as written: the comment, the safe entry byte for byte, the other fields
    assert text.startswith(UNSAFE_BIB.split("@online{unsafe")[0])
    again = load(write(tmp_path, text))
    assert again.problems == []
    assert again.entries["unsafe-2025"].fields == {"title": "{KFOR} and the script",
                                                   "note": "Kept."}


def test_download_of_a_bibliography_without_unsafe_addresses_is_the_file():
    bib = load(FIXTURE_BIB)
    assert bib.bibtex_download() == FIXTURE_BIB.read_text(encoding="utf-8")
