"""``briefings new`` and ``briefings new-source``: what they write passes ``validate``; mistakes
are refused with a message that names the fix; a URL with --no-fetch is recorded, never
fetched (tests/ingest/test_url.py fetches one from 127.0.0.1)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import bibtexparser
import pytest

from briefings.build import build
from briefings.cli import main
from briefings.entryfile import read_entry
from briefings.sourcemeta import read_meta
from briefings.validate import validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KEY = "rksnews-2025-kosovo-albania-croatia"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", dest)
    return dest


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the command tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def written_errors(problems):
    """The errors besides the TODO placeholders that the person still has to replace."""
    return [p for p in problems if p.is_error and p.code != "E-PLACEHOLDER"]


def new(capsys, content: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["new", *argv, "--content", str(content)])
    out, err = capsys.readouterr()
    return code, out.strip(), err


def test_new_writes_a_valid_entry_in_its_year_folder(capsys, content):
    code, out, err = new(capsys, content, "Kosovo and NATO officials meet in Pristina",
                         "--date", "2025-03-20", "--source", KEY, "--actor", "nato",
                         "--actor", "kosovo")
    assert code == 0, err
    path = Path(out)
    assert path == content / "briefings" / "2025" / \
        "2025-03-20-kosovo-nato-officials-meet-pristina.md"
    entry, problems = read_entry(path)
    assert problems == []
    assert (entry.date.isoformat(), entry.date_precision, entry.category, entry.actors,
            entry.sources, entry.flags, entry.review) == \
        ("2025-03-20", "day", "meetings-and-visits", ["kosovo", "nato"], [KEY],
         ["single-source"], "unreviewed")
    assert "guessed from the title" in err
    # the one edit left to make: the two TODO lines, which validate (and so the build) refuses
    todo = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "TODO:" in line]
    assert len(todo) == 2
    found = validate([path], content)
    assert [(p.code, p.line, p.is_error) for p in found] == \
        [("E-PLACEHOLDER", n, True) for n in todo]
    assert "until then `briefings validate` and `briefings build` refuse the entry" in err


def test_after_the_one_edit_the_entry_is_clean_and_the_site_builds(capsys, content, root,
                                                                  tmp_path):
    _code, out, _err = new(capsys, content, "Kosovo and NATO officials meet in Pristina",
                           "--date", "2025-03-20", "--source", KEY)
    path = Path(out)
    text = path.read_text(encoding="utf-8")
    head, _sep, _body = text.partition("\n\n")
    head = head.replace("TODO: one or two neutral sentences on what happened.",
                        "Officials of Kosovo and NATO met in Pristina.")
    path.write_text(head + f"\n\nOfficials of Kosovo and NATO met in Pristina [@{KEY}].\n",
                    encoding="utf-8")
    assert validate([path], content) == []
    out_dir = tmp_path / "output"
    build(root, content, root / "pelican.conf.py", out_dir)
    assert (out_dir / "briefings" / path.stem / "index.html").exists()


def test_month_precision_and_a_planned_date(capsys, content):
    code, out, _err = new(capsys, content, "Ministers to approve the implementation plan",
                          "--date", "2099-09", "--source", KEY, "--category", "agreements")
    assert code == 0
    entry, _ = read_entry(Path(out))
    assert (entry.date.isoformat(), entry.date_precision, entry.event_status) == \
        ("2099-09-01", "month", "planned")
    assert entry.slug.startswith("2099-09-ministers-approve-implementation-plan")
    assert not written_errors(validate([Path(out)], content))


def test_a_day_given_with_month_precision_becomes_the_first_of_the_month(capsys, content):
    code, out, _err = new(capsys, content, "Plan presented", "--date", "2025-09-17",
                          "--precision", "month", "--source", KEY)
    assert code == 0
    assert read_entry(Path(out))[0].date.isoformat() == "2025-09-01"


def test_undated_entry_goes_to_the_undated_folder_flagged(capsys, content):
    code, out, _err = new(capsys, content, "State military factory planned", "--source", KEY,
                          "--source", "balkaneu-2025-balkan-defense-pact")
    assert code == 0
    path = Path(out)
    assert path.parent.name == "undated"
    entry, _ = read_entry(path)
    assert entry.date is None and entry.flags == ["undated"]
    assert not written_errors(validate([path], content))


@pytest.mark.parametrize(("argv", "words"), [
    (["--date", "2025-03-20"], "needs at least one source: --source KEY"),
    (["--date", "2025-03-20", "--source", "rksnews-2025-kosovo-albania-croatioa"],
     "did you mean 'rksnews-2025-kosovo-albania-croatia'?"),
    (["--date", "2025-03-20", "--source", KEY, "--actor", "natto"], "did you mean 'nato'?"),
    (["--date", "2025-02-30", "--source", KEY], "is not a date that exists"),
    (["--date", "2025-03", "--precision", "day", "--source", KEY], "needs a fuller date"),
    (["--date", "18 March 2025", "--source", KEY], "write YYYY-MM-DD, YYYY-MM or YYYY"),
    (["--date", "2016-12-07", "--source", KEY, "--slug",
      "2016-12-07-nato-secretary-general-replies-to-mustafa"], "already exists"),
    (["--date", "2025-06-01", "--source", KEY, "--slug",
      "2016-12-07-nato-secretary-general-replies-to-mustafa"], "is taken by"),
    (["--date", "2025-03-20", "--source", KEY, "--location", "Pri\u200dstina"],
     "the --location 'Pri<U+200D>stina' holds a character that cannot be seen: U+200D ZERO "
     "WIDTH JOINER"),
])
def test_mistakes_are_refused_with_the_fix(capsys, content, argv, words):
    before = sorted(content.rglob("*"))
    code, out, err = new(capsys, content, "Kosovo and NATO officials meet", *argv)
    assert code == 2 and out == ""
    assert words in err
    assert sorted(content.rglob("*")) == before


def test_a_title_the_validator_refuses_writes_nothing(capsys, content):
    before = sorted(content.rglob("*"))
    code, out, err = new(capsys, content, "Kosovo and <b>NATO</b> officials meet", "--date",
                         "2025-03-20", "--source", KEY)
    assert code == 1 and out == ""
    assert "E-HTML raw HTML `<b>`" in err and "not written" in err
    assert sorted(content.rglob("*")) == before


@pytest.mark.parametrize("scope", ["cooperation", "background"])
def test_the_entry_says_its_scope(capsys, content, scope):
    argv = ["--scope", scope] if scope == "background" else []
    code, out, err = new(capsys, content, "Kosovo and NATO officials meet", "--date",
                         "2025-03-20", "--source", KEY, *argv)
    assert code == 0, err
    entry, problems = read_entry(Path(out))
    assert problems == [] and entry.scope == scope


@pytest.mark.parametrize(("slug", "words"), [
    ("../../../../evil-new", "did you mean --slug evil-new?"),
    ("{tmp}/evil-new", "-evil-new?"),  # an absolute path (in this test's folder)
    ("2025/evil", "did you mean --slug 2025-evil?"),
    ("evil.md", "did you mean --slug evil-md?"),
    ("..", "lowercase ASCII letters, digits and single hyphens"),
])
def test_a_slug_that_is_no_slug_writes_nothing_anywhere(capsys, tmp_path, slug, words):
    content = tmp_path / "deep" / "content"
    shutil.copytree(FIXTURES / "content", content)
    before = sorted(tmp_path.rglob("*"))
    slug = slug.format(tmp=tmp_path)
    code, out, err = new(capsys, content, "Kosovo and NATO officials meet", "--date",
                         "2025-03-20", "--source", KEY, "--slug", slug)
    assert code == 2 and out == ""
    assert f"--slug {slug}: a slug is lowercase" in err and words in err
    assert sorted(tmp_path.rglob("*")) == before


def source(capsys, content: Path, sources: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["new-source", *argv, "--content", str(content), "--sources", str(sources)])
    out, err = capsys.readouterr()
    return code, out.strip(), err


def test_new_source_from_a_file_writes_copy_sidecar_and_bibtex(capsys, content, tmp_path,
                                                               no_network):
    article = tmp_path / "article.md"
    article.write_text("# Kosovo Security Force receives armoured vehicles\n\nText.\n",
                       encoding="utf-8")
    sources = tmp_path / "sources"
    code, key, err = source(capsys, content, sources, str(article), "--publisher", "RKS News",
                            "--published", "2025-10", "--url", "https://rks.news/?p=1")
    assert code == 0, err
    assert key == "rks-news-2025-kosovo-security-force-receives"
    copy = sources / f"{key}.md"
    assert copy.read_text(encoding="utf-8") == article.read_text(encoding="utf-8")
    meta, problems = read_meta(copy)
    assert problems == []
    assert (meta.publisher, meta.published, meta.url, meta.title) == \
        ("RKS News", "2025-10", "https://rks.news/?p=1", None)
    library = bibtexparser.parse_file(str(content / "bibliography.bib"))
    assert library.failed_blocks == []
    fields = library.entries_dict[key].fields_dict
    assert fields["title"].value == "Kosovo Security Force receives armoured vehicles"
    assert fields["date"].value == "2025-10" and fields["organization"].value == "RKS News"
    assert fields["file"].value.endswith(f"sources/{key}.md")  # how ingest knows the source
    assert "heading" in fields["note"].value
    # the entries already there are kept byte for byte
    old = (FIXTURES / "content" / "bibliography.bib").read_text(encoding="utf-8")
    assert (content / "bibliography.bib").read_text(encoding="utf-8").startswith(old)
    # and an entry can cite it at once
    code, out, _err = new(capsys, content, "KSF receives armoured vehicles", "--date",
                          "2025-10", "--source", key)
    assert code == 0
    assert not written_errors(validate([Path(out), content / "bibliography.bib"], content))


def test_new_source_from_a_url_records_it_without_fetching(capsys, content, tmp_path,
                                                           no_network):
    sources = tmp_path / "sources"
    code, key, err = source(capsys, content, sources, "https://www.nato.int/cps/en/news_1.htm",
                            "--no-fetch", "--publisher", "North Atlantic Treaty Organization",
                            "--published", "2025-03-18", "--title", "NATO and Kosovo talks")
    assert code == 0, err
    assert key == "north-atlantic-treaty-2025-nato-kosovo-talks"
    assert not sources.exists()  # no text, so no source file and no sidecar
    library = bibtexparser.parse_file(str(content / "bibliography.bib"))
    fields = library.entries_dict[key].fields_dict
    assert fields["url"].value == "https://www.nato.int/cps/en/news_1.htm"
    assert fields["title"].value == "{NATO} and Kosovo talks"  # the acronym kept upper-case
    assert "file" not in fields
    code, _key, err = source(capsys, content, sources, "https://www.nato.int/cps/en/news_1.htm",
                             "--publisher", "NATO", "--published", "2025", "--title", "Again")
    assert code == 2 and f"already in {content / 'bibliography.bib'} as '{key}'" in err
    # without --no-fetch too: the bibliography is read before the network would be
    code, _key, err = source(capsys, content, sources, "https://www.nato.int/cps/en/news_1.htm")
    assert code == 2 and f"as '{key}': cite that key" in err


@pytest.mark.parametrize(("argv", "words"), [
    (["https://example.org/a", "--no-fetch", "--publisher", "X", "--published", "2025"],
     "needs --title"),
    (["https://example.org/a", "--no-fetch", "--title", "T", "--published", "2025"],
     "--publisher is required with --no-fetch"),
    (["missing.txt", "--publisher", "X"], "--published is required for a file"),
    (["https://example.org/a", "--publisher", "X", "--published", "March 2025", "--title", "T"],
     "write YYYY, YYYY-MM or YYYY-MM-DD"),
    (["missing.txt", "--publisher", "X", "--published", "2025"], "is not a file"),
    (["javascript:alert(1)", "--publisher", "X", "--published", "2025", "--title", "T"],
     "javascript:alert(1): not an http(s) address: `javascript:` is not a web address"),
    (["https://example.org/a\u202eb", "--publisher", "X", "--published", "2025", "--title",
      "T"], "not an http(s) address: it holds U+202E RIGHT-TO-LEFT OVERRIDE"),
    (["missing.txt", "--url", "ftp://example.org/a", "--publisher", "X", "--published",
      "2025"], "--url ftp://example.org/a: not an http(s) address"),
    (["https://example.org/a", "--publisher", "X", "--published", "2025", "--title",
      "Kosovo \u202eOTAN talks"], "--title 'Kosovo <U+202E>OTAN talks' holds a character that "
     "cannot be seen: U+202E RIGHT-TO-LEFT OVERRIDE"),
])
def test_new_source_mistakes(capsys, content, tmp_path, argv, words, no_network):
    bib = (content / "bibliography.bib").read_text(encoding="utf-8")
    code, _out, err = source(capsys, content, tmp_path / "sources", *argv)
    assert code == 2 and words in err
    assert (content / "bibliography.bib").read_text(encoding="utf-8") == bib
    assert not (tmp_path / "sources").exists()


def test_the_same_development_twice_is_refused(capsys, content):
    title = "Kosovo, Albania and Croatia sign a defence cooperation declaration in Tirana"
    code, out, err = new(capsys, content, title, "--date", "2025-03-18", "--source", KEY)
    assert code == 2 and out == ""
    assert "add your source to its Sources instead" in err
