"""The chronology plugin's data, without Pelican: TimelineJS events, plain rows, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from briefings.plugins.chronology.data import (
    ID_RE,
    Development,
    csv_text,
    page_row,
    plain_row,
    plain_text,
    timeline_event,
    unique_id,
)

HOSTILE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
           '<svg onload=alert(1)> [x](javascript:alert(1)) &amp; {{ 7*7 }} {% raw %}')


def dev(**kw) -> Development:
    base = dict(slug="2025-03-18-declaration", title="A declaration", date=dt.date(2025, 3, 18),
                precision="day", status="occurred", category="agreements",
                url="/briefings/2025-03-18-declaration/", summary="Signed.",
                actors=[("kosovo", "Kosovo")], sources=["a", "b"], unique_id="e-x")
    base.update(kw)
    return Development(**base)


@pytest.mark.parametrize(("precision", "shown", "iso", "date_keys"), [
    ("day", "18 March 2025", "2025-03-18", {"year", "month", "day"}),
    ("month", "March 2025", "2025-03", {"year", "month"}),
    ("year", "2025", "2025", {"year"}),
])
def test_date_is_shown_at_its_precision(precision, shown, iso, date_keys):
    d = dev(precision=precision)
    event = timeline_event(d)
    assert event["display_date"] == shown
    assert event["start_date"]["display_date"] == shown
    assert set(event["start_date"]) - {"display_date"} == date_keys
    assert plain_row(d)["date"] == iso
    assert plain_row(d)["display_date"] == shown


def test_planned_development_is_marked():
    planned = timeline_event(dev(status="planned", precision="month"))
    occurred = timeline_event(dev())
    assert planned["display_date"] == "March 2025 (planned)"
    assert "Planned." in planned["text"]["text"]
    assert "Planned" not in occurred["text"]["text"]


@pytest.mark.parametrize(("lang", "shown", "words"), [
    ("sq", "mars 2025 (i planifikuar)", ("I planifikuar.", "Marrëveshje", "burimet e saj (2)")),
    ("sr", "mart 2025. (planirano)", ("Planirano.", "Sporazumi", "njegova 2 izvora")),
])
def test_an_event_on_a_languages_site_says_it_in_that_language(lang, shown, words):
    from briefings.plugins.i18n import translations

    tr = translations(Path(__file__).resolve().parents[2] / "theme", lang)
    event = timeline_event(dev(status="planned", precision="month", lang=lang), "/x", tr)
    assert event["display_date"] == shown
    assert all(w in event["text"]["text"] for w in words), event["text"]["text"]
    assert "Read the entry" not in event["text"]["text"] and "Planned" not in event["group"]


def test_a_row_links_the_entry_on_its_languages_site():
    assert page_row(dev(), "")["url"] == "/briefings/2025-03-18-declaration/"
    assert page_row(dev(), "https://site.example/sq")["url"] == \
        "/sq/briefings/2025-03-18-declaration/"


def test_hostile_text_is_escaped_in_every_field():
    d = dev(title=HOSTILE, summary=HOSTILE, location=HOSTILE, actors=[("x", HOSTILE)])
    event = timeline_event(d, "https://example.org")
    texts = [event["text"]["headline"], event["text"]["text"], event["display_date"],
             event["group"]]
    for text in texts:
        assert "<script" not in text and "<img" not in text and "<svg" not in text
    assert "&lt;script&gt;" in event["text"]["headline"]
    # The only markup in the text is the site's own: paragraphs, strong, and one link to the entry.
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", event["text"]["text"]))
    assert tags <= {"p", "a", "strong"}
    hrefs = re.findall(r'href="([^"]*)"', event["text"]["text"])
    assert hrefs == ["https://example.org/briefings/2025-03-18-declaration/"]
    assert "onerror=" not in event["text"]["text"].replace("onerror=&quot;", "")


def test_plain_text_drops_tags_and_decodes_entities():
    assert plain_text("<p>A &amp; B <em>c</em></p>") == "A & B c"


@pytest.mark.parametrize("slug", [
    "2025-03-18-kosovo-albania-croatia", "maqedonci-state-military-factory",
    "2025_06_Ћирилица-Čelik", "UPPER case", "---", "9-nine",
])
def test_unique_ids_are_valid_for_timelinejs(slug):
    uid = unique_id(slug)
    assert ID_RE.match(uid), uid
    assert re.fullmatch(r"[a-z][a-z0-9-]*", uid)


def test_unique_ids_are_stable_and_unique():
    taken: set[str] = set()
    first = unique_id("a-b", taken)
    second = unique_id("A B", taken)
    assert first == "e-a-b" and second == "e-a-b-2"
    assert unique_id("a-b") == "e-a-b"


def test_csv_has_the_columns_and_keeps_formulas_out():
    d = dev(title="=HYPERLINK(\"http://evil\")", source_urls=["https://a.example/1"])
    rows = list(csv.DictReader(io.StringIO(csv_text([d], "https://site"))))
    assert rows[0]["date"] == "2025-03-18"
    assert rows[0]["precision"] == "day"
    assert rows[0]["status"] == "occurred"
    assert rows[0]["title"].startswith("'=")
    assert rows[0]["sources"] == "a; b"
    assert rows[0]["source_urls"] == "https://a.example/1"
    assert rows[0]["url"] == "https://site/briefings/2025-03-18-declaration/"


def test_downloads_carry_only_http_source_addresses():
    """Whatever a development was given, the JSON and CSV rows carry its sources' http(s)
    addresses only, and the TimelineJS event links only where links may go."""
    d = dev(source_urls=["javascript:alert(1)", "https://a.example/1", "data:text/html,x",
                         "file:///etc/passwd"])
    assert plain_row(d)["source_urls"] == ["https://a.example/1"]
    [row] = csv.DictReader(io.StringIO(csv_text([d], "https://site")))
    assert row["source_urls"] == "https://a.example/1"
    event = timeline_event(dev(url="javascript:alert(1)"))
    assert "href" not in event["text"]["text"] and "Read the entry" in event["text"]["text"]


def test_clean_html_keeps_structure_and_accessibility_drops_what_could_run():
    from briefings.plugins.chronology.sanitize import clean_html

    out = str(clean_html(
        '<p role="note" aria-label="x" class="c" onclick="y()" style="color:red">a '
        '<a href="javascript:x">l</a> <a href="data:text/html,x">d</a> '
        '<a href="/briefings/x/" id="r1">ok</a><base href="http://e/"><img src=x onerror=y()>'
        "<script>z()</script><iframe src=//e></iframe><svg onload=y()></svg></p>"
        "<blockquote>q</blockquote><ul><li>i</li></ul>"))
    assert 'role="note"' in out and 'aria-label="x"' in out and 'class="c"' in out
    assert '<a href="/briefings/x/" id="r1">ok</a>' in out
    assert "<blockquote>q</blockquote>" in out and "<li>i</li>" in out
    for bad in ("onclick", "style=", "javascript:", "data:", "<base", "<img", "onerror",
                "<script", "z()", "<iframe", "<svg"):
        assert bad not in out, bad
