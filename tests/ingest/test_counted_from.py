"""Words that count from a development the text dates ("four days after the signing"): the
date resolver counts from the day the text gives that development, the development they date
is not the one they name, and the source's story stays the development they count from."""

from __future__ import annotations

import datetime as dt

from tests.ingest.conftest import entries, ingest, new_content
from tests.ingest.test_merge import _event, _groups, _kind, _write

D = dt.date


def test_english_counts_from_the_day_the_text_gives_the_signing():
    from briefings.ingest.dates import find_dates

    text = ("The ministers signed the accord on 3 June 2024 in Skopje. The parliament debated it "
            "on 6 June 2024, and two weeks after the signing the government published its text. "
            "Three days before the vote, the opposition walked out.")
    got = {m.text: (m.date, m.precision, m.basis) for m in find_dates(text, "2024-06-20")}
    assert got["two weeks after the signing"] == (D(2024, 6, 17), "day", "anchored")
    assert "Three days before the vote" not in got  # no sentence dates a vote


def test_the_development_they_date_is_not_the_one_they_name(tmp_path):
    """Serbian: "three days after the signing, the text was published": not a signing."""
    folder = tmp_path / "sources"
    folder.mkdir()
    _write(folder, "sr", "Objavljen tekst sporazuma\n\nTri dana posle potpisivanja, objavljen je "
           "tekst sporazuma o vojnoj saradnji između Albanije, Hrvatske i Kosova. Sporazum su "
           "ministri odbrane potpisali 18. marta u Tirani.", "2025-03-21", "sr")
    content = new_content(tmp_path / "content")
    ingest([folder], content)
    by_date = {e.date: e for e in entries(content).values()}
    assert sorted(by_date) == [D(2025, 3, 18), D(2025, 3, 21)]
    published = by_date[D(2025, 3, 21)]
    assert "sign" not in published.title.lower(), published.title
    assert not published.title.startswith(("Albania", "Croatia", "Kosovo")), published.title


def test_a_source_s_story_is_the_development_its_count_starts_from():
    """The source whose first date counts from the signing tells of the signing: a report
    further down another source ("in March") joins the signing, not the text's release."""
    from briefings.ingest.merge import merge

    parties = ("albania", "croatia", "kosovo")
    release = _kind(_event("b", D(2025, 3, 21), "the text was published", parties), "announce")
    release.basis, release.start = "anchored", 0
    signing_b = _kind(_event("b", D(2025, 3, 18), "ministers put their names in Tirana",
                             parties), "sign")
    signing_b.start = 200
    month = _kind(_event("c", D(2025, 3, 1), "a pact on defence cooperation", parties,
                         "month"), "sign")
    month.start = 300
    release.obj = signing_b.obj = "a declaration"
    month.obj = "a defence cooperation declaration"
    lede_c = _kind(_event("c", D(2026, 2, 13), "the minister voiced concern", ("serbia",)),
                   "concern")
    lede_c.start = 400
    devs = merge([release, signing_b, month, lede_c])
    assert _groups(devs) == [["b"], ["b", "c"], ["c"]]
    (joined,) = [d for d in devs if len(d.sources) == 2]
    assert joined.date == D(2025, 3, 18)
    # the same report about another thing ("an agreement") fits neither better: it stays apart
    month.obj = "an agreement"
    assert len(merge([release, signing_b, month, lede_c])) == 4


def test_a_report_of_any_year_sharing_one_word_joins_nothing():
    """A report with no date and no publication date may be of any year: one word in common
    ("forces") with a development of 1999 does not make it that development; two do."""
    from briefings.ingest.merge import merge

    actors = ("kosovo", "nato")
    dated = _kind(_event("a", D(1999, 6, 11), "European Command provides forces and "
                         "logistical support", actors), "provide")
    report = _kind(_event("b", None, "authorised additional forces", actors),
                   "approve")
    assert _groups(merge([dated, report], {"a": "1999-06-12", "b": None})) == [["a"], ["b"]]
    closer = _kind(_event("c", None, "alliance authorised additional forces and logistical "
                          "support", actors), "approve")
    assert _groups(merge([dated, closer], {"a": "1999-06-12", "c": None})) == [["a", "c"]]
