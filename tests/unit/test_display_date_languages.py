"""Dates as the site's readers write them: "18 March 2025", "18 mars 2025", "18. mart 2025."."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.model import display_date

D = dt.date(2025, 3, 18)


@pytest.mark.parametrize(("lang", "day", "month", "year", "undated"), [
    ("en", "18 March 2025", "March 2025", "2025", "Undated"),
    ("sq", "18 mars 2025", "mars 2025", "2025", "Pa datë"),
    ("sr", "18. mart 2025.", "mart 2025.", "2025.", "Bez datuma"),
])
def test_each_precision_in_each_language(lang, day, month, year, undated):
    assert display_date(D, "day", lang=lang) == day
    assert display_date(D, "month", lang=lang) == month
    assert display_date(D, "year", lang=lang) == year
    assert display_date(None, None, lang=lang) == undated


def test_a_month_stands_alone_in_the_nominative():
    # Serbian and Albanian name a month alone as they do after a day: no genitive ending
    assert display_date(dt.date(2024, 2, 1), "month", lang="sr") == "februar 2024."
    assert display_date(dt.date(2024, 8, 1), "month", lang="sq") == "gusht 2024"
