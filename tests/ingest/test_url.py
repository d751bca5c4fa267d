"""``briefings ingest URL`` and ``briefings new-source URL``: pages served from 127.0.0.1 are
fetched, archived in ``sources/`` with their sidecar, cited and drafted; a second run reuses the
archive; a page that cannot be had leaves the tree as it was. No test touches the internet."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import bibtexparser
import pytest

from briefings.cli import main
from briefings.entryfile import read_entry
from briefings.ingest.read import settings
from briefings.sourcemeta import read_meta

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
HTML = "text/html; charset=utf-8"


class Site(ThreadingHTTPServer):
    """The fixture pages and a few bad answers, on a free port of 127.0.0.1."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[str] = []
        too_large = b"<html><body><p>" + b"x" * int(settings()["max_bytes"]) + b"</p></body></html>"
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
            f"/{p.name}": (200, HTML, p.read_bytes(), {}) for p in PAGES.glob("*.html")}
        self.routes.update({
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not a page", {}),
            "/too-large.html": (200, HTML, too_large, {}),
            "/too-large-unsized.html": (200, HTML, too_large, {"unsized": "1"}),
            "/moved": (302, HTML, b"", {"Location": "/article_with_dateline.html"}),
            "/to-a-file": (302, HTML, b"", {"Location": "file:///etc/passwd"}),
            "/to-ftp": (301, HTML, b"", {"Location": "ftp://127.0.0.1/a.html"}),
            "/empty.html": (200, HTML, b"<html><body><nav>Home</nav></body></html>", {}),
            # many sites declare English whatever they publish
            "/declared-english.html": (200, HTML, (PAGES / "albanian_article.html").read_bytes()
                                       .replace(b'lang="sq"', b'lang="en-US"'), {}),
            # the charset in the header only, as older sites send it
            "/windows-1252.html": (200, "text/html; charset=windows-1252", (
                PAGES / "albanian_article.html").read_text("utf-8").replace(
                '<meta charset="utf-8">', "").encode("cp1252"), {}),
        })

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        status, ctype, body, headers = self.server.routes.get(
            self.path, (404, "text/plain", b"not found", {}))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            if name != "unsized":
                self.send_header(name, value)
        if "unsized" not in headers:  # else the body ends when the connection closes
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # the client stops reading a page that is too large
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    """A project folder (the working directory): content/ with the fixture bibliography and
    the project's actors, and no sources/ yet."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", tmp_path / "content")
    shutil.copy(ROOT / "content" / "actors.yaml", tmp_path / "content" / "actors.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def bib_entries(tree: Path) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_file(str(tree / "content" / "bibliography.bib"))
    assert library.failed_blocks == []
    return {e.key: {f.key: str(f.value) for f in e.fields} for e in library.entries}


def by_url(tree: Path, url: str) -> tuple[str, dict[str, str]]:
    return next((k, f) for k, f in bib_entries(tree).items() if f.get("url") == url)


def citing(tree: Path, key: str) -> list:
    entries = [read_entry(p)[0] for p in (tree / "content" / "briefings").rglob("*.md")]
    return [e for e in entries if key in e.sources]


PAGE_NAMES = ("article_with_dateline", "albanian_article", "page_dated_only_in_metadata")


def test_ingest_urls_archives_each_page_and_drafts_its_entries(capsys, site, tree):
    urls = [site.url(f"/{name}.html") for name in PAGE_NAMES]
    code, out, err = cli(capsys, "ingest", *urls)
    assert code == 0, err
    assert "ingested 3 of 3 sources" in out
    today = dt.date.today().isoformat()
    expected = {  # what each page says about itself: title, publisher, author, date, language
        "article_with_dateline": (
            "Kosovo Security Force and US soldiers train together at Camp Bondsteel",
            "Balkan Defence Desk", "Arta Krasniqi", None, "en"),
        "albanian_article": ("Ministri i Mbrojtjes takon komandantin e KFOR-it në Prishtinë",
                             "Lajme Mbrojtja", None, None, "sq"),
        "page_dated_only_in_metadata": (
            "United States hands over armoured vehicles to the Kosovo Security Force",
            "Western Balkans Security Monitor", None, "2021-08-26", "en"),
    }
    sources = tree / "sources"
    assert len(list(sources.iterdir())) == 9  # page, text and sidecar of each
    for name, url in zip(PAGE_NAMES, urls, strict=True):
        assert f"{url}: archived as sources/" in err
        key, fields = by_url(tree, url)
        text_file = tree / fields["file"]
        assert text_file.parent == sources and text_file.suffix == ".txt"
        # the page as the server sent it, kept for when it is gone
        assert text_file.with_suffix(".html").read_bytes() == \
            (PAGES / f"{name}.html").read_bytes()
        meta, problems = read_meta(text_file)
        assert problems == []
        assert (meta.url, meta.accessed) == (url, today)
        assert (meta.title, meta.publisher, meta.author, meta.published, meta.language) == \
            expected[name]
        assert fields["urldate"] == today and fields["language"] == expected[name][4]
        assert citing(tree, key), f"no entry cites {key}"
    text = (sources / by_url(tree, urls[0])[1]["file"].split("/")[-1]).read_text("utf-8")
    assert "\nPRISTINA, March 4, 2025 – Soldiers" in text
    assert "Home" not in text and "All rights reserved" not in text  # no menu, no footer
    # the dateline dates the English article, the page's markup the one without a date
    assert by_url(tree, urls[0])[1]["date"] == "2025-03-04"
    assert by_url(tree, urls[2])[1]["date"] == "2021-08-26"
    albanian = citing(tree, by_url(tree, urls[1])[0])
    assert "2024-02-12" in {str(e.date) for e in albanian}


def test_a_second_run_reuses_the_archive_and_keeps_an_edited_sidecar(capsys, site, tree):
    url = site.url("/article_with_dateline.html")
    assert cli(capsys, "ingest", url)[0] == 0
    fetches = len(site.requests)
    _key, fields = by_url(tree, url)
    sidecar = (tree / fields["file"]).with_suffix("").with_suffix(".meta.yaml")
    edited = sidecar.read_text("utf-8").replace("notes: null", "notes: Checked against print.")
    sidecar.write_text(edited, encoding="utf-8")
    before = snapshot(tree)
    code, out, err = cli(capsys, "ingest", url)
    assert code == 0, err
    assert f"{url}: already archived: {fields['file']}" in err
    assert len(site.requests) == fetches  # not fetched again
    assert sidecar.read_text("utf-8") == edited
    assert len(list((tree / "sources").iterdir())) == 3  # one source, not two
    assert "0 new" in out
    # the archived page beside its text is not read as a second source, nor is the text
    # read twice when its folder is given too
    code, out, err = cli(capsys, "ingest", "sources", url)
    assert code == 0, err
    assert "ingested 1 of 1 sources" in out
    after = snapshot(tree)
    assert after.keys() == before.keys()
    assert {k: v for k, v in after.items() if not k.startswith("content/")} == \
        {k: v for k, v in before.items() if not k.startswith("content/")}


def refused_port() -> int:
    """A port of 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(("path", "reason"), [
    ("REFUSED", "the connection was refused"),
    ("/missing.html", "the server answered 404 Not Found"),
    ("/report.pdf", "the server sent application/pdf, not an HTML page"),
    ("/too-large.html", "the page is larger than the 2.0 MB a source can be"),
    ("/too-large-unsized.html", "the page is larger than the 2.0 MB a source can be"),
    ("/to-a-file", "it redirects to file:///etc/passwd, not an http(s) address"),
    ("/to-ftp", "it redirects to ftp://127.0.0.1/a.html, not an http(s) address"),
    ("/empty.html", "no article text could be extracted from the page"),
])
def test_a_page_that_cannot_be_had_writes_nothing(capsys, site, tree, path, reason):
    url = f"http://127.0.0.1:{refused_port()}/a.html" if path == "REFUSED" else site.url(path)
    good = site.url("/albanian_article.html")  # fetched first, and still not written
    before = snapshot(tree)
    code, out, err = cli(capsys, "ingest", good, url)
    assert code == 1
    assert err.startswith(f"briefings ingest: {url}: {reason}") and err.count("\n") == 1
    assert out == ""
    assert snapshot(tree) == before
    code, _out, err = cli(capsys, "new-source", url)
    assert code == 1 and err.startswith(f"briefings new-source: {url}: {reason}")
    assert snapshot(tree) == before


def test_a_redirect_is_followed_and_the_url_given_is_cited(capsys, site, tree):
    url = site.url("/moved")
    code, _out, err = cli(capsys, "ingest", url)
    assert code == 0, err
    _key, fields = by_url(tree, url)
    assert "redirected" in fields["note"]


def test_new_source_url_archives_the_page_and_appends_its_citation(capsys, site, tree):
    url = site.url("/page_dated_only_in_metadata.html")
    bib = (tree / "content" / "bibliography.bib").read_text("utf-8")
    code, key, err = cli(capsys, "new-source", url, "--publisher", "WBSM")
    assert code == 0, err
    key = key.strip()
    assert key == "wbsm-2021-united-states-hands-over"  # the option wins over the page
    text_file = tree / "sources" / f"{key}.txt"
    assert text_file.with_suffix(".html").is_file()
    meta, _problems = read_meta(text_file)
    assert (meta.publisher, meta.published, meta.url) == ("WBSM", "2021-08-26", url)
    assert meta.notes == "Publication date from the page's markup."
    assert (tree / "content" / "bibliography.bib").read_text("utf-8").startswith(bib)
    fields = bib_entries(tree)[key]
    assert fields["file"] == f"sources/{key}.txt" and fields["date"] == "2021-08-26"
    before = snapshot(tree)
    code, _out, err = cli(capsys, "new-source", url)
    assert code == 2 and f"already in content/bibliography.bib as '{key}'" in err
    assert snapshot(tree) == before
    # ingest reads the archived source under the key new-source gave it
    code, _out, err = cli(capsys, "ingest", url)
    assert code == 0 and f"already archived: sources/{key}.txt" in err
    assert citing(tree, key)


def test_a_url_recorded_without_fetching_is_archived_under_its_key(capsys, site, tree):
    url = site.url("/albanian_article.html")
    code, key, err = cli(capsys, "new-source", url, "--no-fetch", "--title", "Takim",
                         "--publisher", "Lajme Mbrojtja", "--published", "2024-02-12")
    assert code == 0, err
    assert site.requests == [] and not (tree / "sources").exists()
    code, _out, err = cli(capsys, "ingest", url)
    assert code == 0, err
    assert f"archived as sources/{key.strip()}.txt" in err
    assert by_url(tree, url)[0] == key.strip()


def test_a_server_that_does_not_answer_is_given_up(capsys, tree, monkeypatch):
    monkeypatch.setitem(settings(), "fetch_timeout", 0.5)
    with socket.socket() as silent:  # accepts connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/a.html"
        before = snapshot(tree)
        code, _out, err = cli(capsys, "ingest", url)
    assert code == 1 and err.startswith(f"briefings ingest: {url}: no answer within 0.5 s")
    assert snapshot(tree) == before


def test_the_charset_of_the_header_reads_the_page(capsys, site, tree):
    url = site.url("/windows-1252.html")
    code, _out, err = cli(capsys, "ingest", url)
    assert code == 0, err
    text_file = tree / by_url(tree, url)[1]["file"]
    assert "Prishtinë, 12 shkurt 2024" in text_file.read_text("utf-8")
    assert read_meta(text_file)[0].title == \
        "Ministri i Mbrojtjes takon komandantin e KFOR-it në Prishtinë"
    # the page is kept as the server sent it
    assert text_file.with_suffix(".html").read_bytes() == site.routes["/windows-1252.html"][2]


def test_options_of_one_url_win_over_the_page(capsys, site, tree):
    url = site.url("/page_dated_only_in_metadata.html")
    code, _out, err = cli(capsys, "ingest", url, "--publisher", "WBSM", "--published", "2021-08")
    assert code == 0, err
    meta, _problems = read_meta(tree / by_url(tree, url)[1]["file"])
    assert (meta.publisher, meta.published) == ("WBSM", "2021-08")
    assert meta.title.startswith("United States hands over")  # the page's, not replaced
    assert meta.notes is None  # no note about the page's date, which is not used
    code, _out, err = cli(capsys, "ingest", url, "--url", url)
    assert code == 2 and "one URL, without --url" in err


def test_a_file_of_the_same_name_in_sources_is_never_overwritten(capsys, site, tree):
    mine = tree / "sources" / "wbsm-2021-united-states-hands-over.txt"
    mine.parent.mkdir()
    mine.write_text("A person's own notes.\n", encoding="utf-8")
    url = site.url("/page_dated_only_in_metadata.html")
    code, key, err = cli(capsys, "new-source", url, "--publisher", "WBSM")
    assert code == 0, err
    assert key.strip() == "wbsm-2021-united-states-hands-over-b"
    assert mine.read_text("utf-8") == "A person's own notes.\n"
    assert not mine.with_suffix(".html").exists()


def test_a_declared_language_the_text_contradicts_is_left_to_ingest(capsys, site, tree):
    url = site.url("/declared-english.html")
    code, _out, err = cli(capsys, "ingest", url)
    assert code == 0, err
    _key, fields = by_url(tree, url)
    assert read_meta(tree / fields["file"])[0].language is None
    assert fields["language"] == "sq" and "Language detected from the text" in fields["note"]


@pytest.mark.parametrize(("source", "reason"), [
    ("ftp://127.0.0.1/a.html", "`ftp:` is not a web address"),
    ("javascript:alert(1)", "`javascript:` is not a web address"),
    ("https://127.0.0.1/a\u202eb", "it holds U+202E RIGHT-TO-LEFT OVERRIDE"),
])
def test_only_an_http_address_is_fetched(capsys, tree, source, reason):
    before = snapshot(tree)
    code, _out, err = cli(capsys, "ingest", source)
    assert code == 2 and reason in err and "is not an http(s) address" in err
    assert snapshot(tree) == before


def test_new_source_refuses_a_url_archived_already(capsys, site, tree):
    url = site.url("/albanian_article.html")
    bib = tree / "content" / "bibliography.bib"
    original = bib.read_bytes()
    assert cli(capsys, "ingest", url)[0] == 0
    bib.write_bytes(original)  # the archive is there; its citation is not
    before, fetches = snapshot(tree), len(site.requests)
    code, _out, err = cli(capsys, "new-source", url)
    assert code == 2 and f"{url} is already archived as sources/" in err
    assert "edit its sidecar" in err
    assert snapshot(tree) == before and len(site.requests) == fetches


def test_every_url_that_fails_is_reported(capsys, site, tree):
    missing, pdf = site.url("/missing.html"), site.url("/report.pdf")
    before = snapshot(tree)
    code, _out, err = cli(capsys, "ingest", missing, site.url("/albanian_article.html"), pdf)
    assert code == 1
    assert err.splitlines() == [
        f"briefings ingest: {missing}: the server answered 404 Not Found (check the address "
        "in a browser)",
        f"briefings ingest: {pdf}: the server sent application/pdf, not an HTML page (give the "
        "address of the article's web page)"]
    assert snapshot(tree) == before
