"""TimelineJS in Albanian and Serbian: the project's Albanian locale (TimelineJS ships none) and
the release's Serbian ones, each complete where a reader sees it, served from the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALES = {"sq": ROOT / "theme/static/timelinejs-locale/sq.json",
           "sr": ROOT / "theme/static/vendor/timelinejs/js/locale/sr.json",
           "sr-cy": ROOT / "theme/static/vendor/timelinejs/js/locale/sr-cy.json"}
#: what a reader of the timeline sees: its controls' words and the dates
SEEN = ("loading", "return_to_title", "loading_content", "loading_timeline")
SEEN_SQ = (*SEEN, "go_to_end", "swipe_to_navigate", "zoom_in", "zoom_out", "error")
FORMATS = ("year", "month", "month_short", "full", "full_short")


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_each_locale_names_every_month_and_day_and_formats_dates(lang):
    data = json.loads(LOCALES[lang].read_text(encoding="utf-8"))
    if lang != "sr-cy":  # the release's Cyrillic file calls itself "рп"; its words are right
        assert data["lang"] == lang
    dates = data["date"]
    assert len(dates["month"]) == len(dates["month_abbr"]) == 12
    assert len(dates["day"]) == len(dates["day_abbr"]) == 7
    assert all(str(x).strip() for v in dates.values() for x in v)
    assert set(FORMATS) <= set(data["dateformats"])
    assert set(SEEN) <= set(data["messages"])


def test_the_albanian_locale_says_everything_a_reader_sees_in_albanian():
    data = json.loads(LOCALES["sq"].read_text(encoding="utf-8"))
    assert set(SEEN_SQ) <= set(data["messages"])
    assert data["date"]["month"][2] == "mars" and data["dateformats"]["full"] == "d mmmm yyyy"


def test_a_refresh_of_the_vendored_release_keeps_the_albanian_locale():
    script = (ROOT / "scripts/refresh-timelinejs.sh").read_text(encoding="utf-8")
    assert 'LOCALES="${LOCALES:-sr sr-cy}"' in script
    vendored = ROOT / "theme/static/vendor/timelinejs"
    assert not LOCALES["sq"].is_relative_to(vendored)  # the script replaces that folder whole
