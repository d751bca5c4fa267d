"""Small defects of the date resolver and its command (issue 26), each on text written for the
test: a dateline after a wire service's credit, sentences that begin with a capital outside
ASCII, and ``briefings dates`` whose reader stops early."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.ingest.dates import find_dates, find_publication_date
from briefings.ingest.dates_tense import sentence_bounds
from briefings.ingest.events import sentences

# --- a dateline after a wire service's credit in parentheses ------------------------------------

@pytest.mark.parametrize("head", [
    "date 2024-03-11 (Wire - Balkan Press Agency (BPA)) ",
    "(Balkan Press Agency) ",
    "Wire service (BPA) ",
])
def test_a_dateline_after_a_wire_credit_dates_the_piece(head):
    text = (f"{head}PRISTINA, March 11 (BPA) -- The Kosovo Security Force received its first "
            "drones on Monday, the ministry said.\n")
    roles = {m.text: m.role for m in find_dates(text, "2024-03-11")}
    assert roles["March 11"] == "publication"
    assert roles["on Monday"] == "development"


def test_a_full_dateline_after_a_wire_credit_is_found_below_page_chrome():
    text = ("About us\n\nThis page is kept for the record.\n\n(Balkan Press Agency) WASHINGTON, "
            "June 22, 1999 (BPA) -- The secretary said the force was growing.\n")
    pub = find_publication_date(text)
    assert pub is not None and (pub.date, pub.basis) == (dt.date(1999, 6, 22), "dateline")


def test_a_parenthesis_before_a_place_and_date_in_prose_is_no_dateline():
    text = ("Title\n\nThe drill (the third this year) ended. Pristina, March 11 was cold, "
            "and the troops left on March 12.\n")
    roles = {m.text: m.role for m in find_dates(text, "2024-03-20")}
    assert roles["March 11"] == "development"


# --- sentences that begin with a capital outside ASCII ------------------------------------------

@pytest.mark.parametrize(("first", "second"), [
    ("Vežba je održana 12. marta.", "Čelnici misije će doći u maju."),
    ("Vežba je održana 12. marta.", "Šef misije će doći u maju."),
    ("Vežba je održana 12. marta.", "Žandarmerija će doći u maju."),
    ("Вежба је одржана 12. марта.", "Шеф мисије ће доћи у мају."),
    ("Ushtrimi u mbajt më 12 mars.", "Ëndrra do të vijë në maj."),
    ("The drill was held on 12 March.", "Łukasz Nowak will come in May."),
])
def test_sentences_split_before_a_capital_outside_ascii(first, second):
    text = f"{first} {second}"
    assert sentence_bounds(text, len(text) - 4, len(text) - 1) == (len(first) + 1, len(text))
    assert [text[a:b] for a, b in sentences(text)] == [first, second]


# --- the command's reader stops early -----------------------------------------------------------

def test_dates_piped_into_a_reader_that_stops_early_exits_quietly(tmp_path: Path):
    src = tmp_path / "many_dates.txt"
    src.write_text("Drills\n\n" + "".join(
        f"The force trained on {d % 28 + 1} March 2024 and on {d % 28 + 1} April 2024.\n"
        for d in range(1200)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from briefings.cli import main; sys.exit(main())",
         "dates", str(src)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert first.startswith(str(src).encode())
    assert err == ""
