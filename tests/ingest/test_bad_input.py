"""Bad input: each case gives one clear ``path:line:col: CODE message (hint)``, the other
sources are still ingested, and the command exits non-zero only when something could not be
ingested."""

from __future__ import annotations

import re
import shutil

import pytest

from briefings.cli import main
from tests.ingest.conftest import ROOT, in_root, new_content

GOOD = ROOT / "sources" / "rks-news-kosovo-albania-croatia-implementation-plan"
LINE_RE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):\d+: (?P<code>[EW]-[A-Z-]+) .+ \(.+\)$")


def _good(folder):
    shutil.copy(f"{GOOD}.txt", folder / "good.txt")
    shutil.copy(f"{GOOD}.meta.yaml", folder / "good.meta.yaml")


CASES = {
    "empty": ("empty.txt", b"", "E-SOURCE-EMPTY", 1),
    "blank": ("blank.md", b"\n   \n\t\n", "E-SOURCE-EMPTY", 1),
    "binary": ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
               "E-SOURCE-BINARY", 3),  # the line of the first NUL byte
    "latin-1": ("latin1.txt", "Line one.\nPrishtin\u00eb, 8 December 2016: the minister "
                "met KFOR.\n".encode("latin-1"), "E-SOURCE-ENCODING", 2),
    "only-boilerplate": ("boilerplate.txt", b"Zyra e Kryeministrit\n\nLast modified: July 30, "
                         b"2022\n\nComments are closed.\n", "E-SOURCE-NO-TEXT", 1),
    "too-large": ("huge.txt", b"The minister met KFOR on 8 December 2016. " * 125_000,
                  "E-SOURCE-TOO-LARGE", 1),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_source_is_reported_and_the_others_still_ingested(case, tmp_path, capsys):
    name, data, code, line = CASES[case]
    src = tmp_path / "sources"
    src.mkdir()
    _good(src)
    (src / name).write_bytes(data)
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), str(src)])
    err = capsys.readouterr().err
    assert rc == 1
    hits = [m for m in map(LINE_RE.match, err.splitlines()) if m and m["code"] == code]
    assert len(hits) == 1, err
    assert hits[0]["path"].endswith(name) and int(hits[0]["line"]) == line
    assert list((content / "briefings" / "2025").glob("*.md")), "the good source was ingested"
    assert "good.txt" in (content / "bibliography.bib").read_text(encoding="utf-8")
    assert name not in (content / "bibliography.bib").read_text(encoding="utf-8")


def test_five_megabyte_source_is_refused_quickly(tmp_path, capsys):
    src = tmp_path / "big.txt"
    src.write_bytes(b"x" * 5_000_000)
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), str(src)])
    assert rc == 1
    assert "E-SOURCE-TOO-LARGE" in capsys.readouterr().err


@pytest.mark.parametrize("meta,code,line", [
    ("url: https://x.org\ntitle: a: b\n", "E-META-SYNTAX", 2),
    ("url: https://x.org\npublished: 2025-13\n", "E-META-DATE", 2),
    ("url: https://x.org\ndate: 2025-03\n", "E-META-FIELD", 2),
    ("- just\n- a list\n", "E-META-SYNTAX", 1),
    ("title: T\nurl: javascript:alert(1)\n", "E-META-URL", 2),
    ("url: 'https://x.org/\"><script>alert(1)</script>'\n", "E-META-URL", 1),
    ("url: https://x.org\ntitle: Kosovo \u202eOTAN hosts\n", "E-META-INVISIBLE-CHAR", 2),
])
def test_malformed_sidecar_is_reported_with_its_line(meta, code, line, tmp_path, capsys):
    src = tmp_path / "sources"
    src.mkdir()
    _good(src)
    (src / "bad.txt").write_text("The minister met KFOR on 8 December 2016.\n")
    (src / "bad.meta.yaml").write_text(meta)
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), str(src)])
    err = capsys.readouterr().err
    assert rc == 1
    hits = [m for m in map(LINE_RE.match, err.splitlines()) if m and m["code"] == code]
    assert hits and hits[0]["path"].endswith("bad.meta.yaml") and int(hits[0]["line"]) == line
    assert "good.txt" in (content / "bibliography.bib").read_text(encoding="utf-8")


def test_warnings_alone_exit_zero(tmp_path, capsys):
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content),
                   "sources/europ-info-zemaj-us-mission-nato.txt"])
    captured = capsys.readouterr()
    assert rc == 0
    assert "W-CONFLICTING-NAMES" in captured.err and "W-UNKNOWN-ACTOR" in captured.err
    assert "1 new" in captured.out


def test_single_source_options_need_one_file(tmp_path, capsys):
    content = new_content(tmp_path / "content")
    with in_root():
        assert main(["ingest", "--content", str(content), "--publisher", "X", "sources"]) == 2
        assert main(["ingest", "--content", str(content), "--published", "2025-02-30",
                     "sources/balkaneu-balkan-defense-pact.txt"]) == 2


def test_command_line_metadata_dates_a_source(tmp_path, capsys):
    src = tmp_path / "note.txt"
    src.write_text("The Kosovo Security Force yesterday received ten armoured vehicles "
                   "donated by the United States.\n", encoding="utf-8")
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), "--publisher", "Example News",
                   "--published", "2024-05-10", "--url", "https://example.org/vehicles",
                   "--title", "KSF receives armoured vehicles", str(src)])
    assert rc == 0, capsys.readouterr().err
    [entry] = list((content / "briefings" / "2024").glob("*.md"))
    text = entry.read_text(encoding="utf-8")
    assert "Date: 2024-05-09" in text and "relative-date" in text
    bib = (content / "bibliography.bib").read_text(encoding="utf-8")
    assert "example-news-2024-ksf-receives-armoured" in bib
    assert "https://example.org/vehicles" in bib


ODD = {
    "only_a_date.txt": "8 December 2016\n",
    "punctuation.txt": "… — ; : !!! ???\n",
    "unbalanced_quotes.txt": "“The minister met KFOR on 8 December 2016 and said “we will\n",
    "no_full_stop.txt": ("the minister met kfor on 8 december 2016 " * 200) + "\n",
    "markup.md": "# <script>alert(1)</script> [x](javascript:x) @fake-key *bold*\n\n"
                 "On 8 December 2016 the <b>minister</b> met [@evil] KFOR_troops.\n",
    "many_dates.txt": " ".join(f"On {d} March 2020 the KSF trained." for d in range(1, 29)) + "\n",
}


def test_odd_texts_never_crash_and_give_valid_entries(tmp_path):
    from briefings.citesyntax import cited_keys
    from briefings.entryfile import read_entry
    from tests.ingest.conftest import ingest

    src = tmp_path / "sources"
    src.mkdir()
    for name, text in ODD.items():
        (src / name).write_text(text, encoding="utf-8")
    content = new_content(tmp_path / "content")
    result = ingest([src], content)
    assert not [p for p in result.problems if p.is_error and p.code != "E-SOURCE-NO-TEXT"]
    keys = {s.key for s in result.sources if s.ok}
    for path in (content / "briefings").rglob("*.md"):
        entry, problems = read_entry(path)
        assert problems == [] and entry.title and entry.summary, path
        assert "<" not in entry.title and "<script" not in entry.body
        assert set(cited_keys(entry.body)) == set(entry.sources) <= keys, path
    # re-running changes nothing
    from tests.ingest.conftest import tree
    before = tree(content)
    ingest([src], content)
    assert tree(content) == before


def test_without_an_actor_registry_sources_are_still_ingested(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    with in_root():
        rc = main(["ingest", "--content", str(content),
                   "sources/rks-news-kosovo-albania-croatia-implementation-plan.txt"])
    assert rc == 0
    assert "W-ACTORS-MISSING" in capsys.readouterr().err
    assert len(list((content / "briefings" / "2025").glob("*.md"))) == 3


def test_url_option_must_be_an_http_address(tmp_path, capsys):
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), "--url", "javascript:alert(1)",
                   "sources/balkaneu-balkan-defense-pact.txt"])
    assert rc == 2
    assert "--url 'javascript:alert(1)' is not an http(s) address" in capsys.readouterr().err
    assert not (content / "bibliography.bib").exists()


def test_bibliography_url_that_is_not_http_is_reported_with_its_line(tmp_path, capsys):
    content = new_content(tmp_path / "content")
    (content / "bibliography.bib").write_text(
        "@online{old-2024-key,\n  title = {Old},\n  url = {javascript:alert(1)},\n}\n",
        encoding="utf-8")
    with in_root():
        rc = main(["ingest", "--content", str(content),
                   "sources/balkaneu-balkan-defense-pact.txt"])
    err = capsys.readouterr().err
    assert rc == 1
    hits = [m for m in map(LINE_RE.match, err.splitlines()) if m and m["code"] == "E-BIB-URL"]
    assert hits and hits[0]["path"].endswith("bibliography.bib") and hits[0]["line"] == "3"


MAQEDONCI = ROOT / "sources" / "rks-news-maqedonci-state-military-factory"


def _maqedonci(folder, first_line_from: str, first_line_to: str) -> None:
    text = MAQEDONCI.with_suffix(".txt").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    assert first_line_from in first
    (folder / "maqedonci.txt").write_text(first.replace(first_line_from, first_line_to) + "\n"
                                          + rest, encoding="utf-8")
    shutil.copy(MAQEDONCI.with_suffix(".meta.yaml"), folder / "maqedonci.meta.yaml")


def test_invisible_characters_are_removed_from_a_source_and_reported(tmp_path, capsys):
    """A zero-width joiner cut 'Ejup Maqe' out of 'Ejup Maqedonci' (then an unknown holder of
    his office); a right-to-left override reversed what followed it."""
    src = tmp_path / "sources"
    src.mkdir()
    _maqedonci(src, "Ejup Maqedonci, spoke", "Ejup Maqe\u200ddonci, spoke\u202e")
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), str(src)])
    err = capsys.readouterr().err
    assert rc == 0, err
    hits = [m for m in map(LINE_RE.match, err.splitlines())
            if m and m["code"] == "W-SOURCE-INVISIBLE-CHAR"]
    assert len(hits) == 1 and hits[0]["line"] == "1", err
    assert ":1:47: W-SOURCE-INVISIBLE-CHAR 2 characters" in err
    assert "U+200D ZERO WIDTH JOINER, U+202E RIGHT-TO-LEFT OVERRIDE" in err
    assert "'Ejup Maqe'" not in err and "W-UNKNOWN-ACTOR" not in err
    written = [p.read_text(encoding="utf-8") for p in content.rglob("*") if p.is_file()]
    assert written and not any("\u200d" in t or "\u202e" in t for t in written)


def test_names_are_read_in_composed_unicode(tmp_path, capsys):
    """'Maćedonci' written with a combining accent (c + U+0301) is one name, not 'Mac'."""
    src = tmp_path / "sources"
    src.mkdir()
    _maqedonci(src, "Ejup Maqedonci", "Ejup Mac\u0301edonci")
    content = new_content(tmp_path / "content")
    with in_root():
        main(["ingest", "--content", str(content), str(src)])
    err = capsys.readouterr().err
    assert "'Ejup Ma\u0107edonci'" in err and "'Ejup Mac'" not in err


def test_command_line_text_with_invisible_characters_is_refused(tmp_path, capsys):
    content = new_content(tmp_path / "content")
    with in_root():
        rc = main(["ingest", "--content", str(content), "--title", "NATO \u202etalks",
                   "sources/balkaneu-balkan-defense-pact.txt"])
    err = capsys.readouterr().err
    assert rc == 2 and "--title 'NATO <U+202E>talks' holds a character that cannot be seen" in err
    assert "\u202e" not in err  # shown, never written as it is
    assert not (content / "bibliography.bib").exists()
