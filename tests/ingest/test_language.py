"""The language of a source (briefings/ingest/language.py): the sidecar's when given, else the
one its text is written in, with Serbian's script; what ingest records and reports of it."""

from __future__ import annotations

import pytest

from briefings.ingest.cite import bib_fields
from briefings.ingest.language import detect, primary
from briefings.ingest.pipeline import process
from tests.ingest.conftest import ROOT, in_root

ENGLISH = ("The Kosovo Security Force held its first exercise with the Iowa National Guard, "
           "which has been its partner since 2011. Minister Thaçi said the soldiers were ready "
           "and that more training would follow in the spring.")
ALBANIAN = ("Forca e Sigurisë së Kosovës mbajti stërvitjen e parë me Gardën Kombëtare të Iowa-s, "
            "e cila është partnere e saj që nga viti 2011. Ministri tha se ushtarët janë gati "
            "dhe se trajnimi do të vazhdojë në pranverë.")
SERBIAN_LATIN = ("Kosovske bezbednosne snage održale su prvu vežbu sa Nacionalnom gardom Ajove, "
                 "koja je njihov partner od 2011. godine. Ministar je rekao da su vojnici "
                 "spremni i da će obuka biti nastavljena na proleće.")
SERBIAN_CYRILLIC = ("Косовске безбедносне снаге одржале су прву вежбу са Националном гардом "
                    "Ајове, која је њихов партнер од 2011. године. Министар је рекао да су "
                    "војници спремни и да ће обука бити настављена на пролеће.")


@pytest.mark.parametrize(("text", "tag"), [(ENGLISH, "en"), (ALBANIAN, "sq"),
                                           (SERBIAN_LATIN, "sr-Latn"),
                                           (SERBIAN_CYRILLIC, "sr-Cyrl")])
def test_each_language_and_script_is_recognised(text, tag):
    found = detect(text)
    assert found is not None and found.language == tag
    assert found.hits >= 1.5 * found.next_hits


def test_a_text_quoting_lines_of_other_languages_keeps_its_own():
    text = (SERBIAN_LATIN + "\nSeanca e Kuvendit – votimi i ligjeve 14.12.2018\n"
            "Gepostet von RTK am Freitag, 14. Dezember 2018\n" + SERBIAN_LATIN)
    found = detect(text)
    assert found is not None and found.language == "sr-Latn"
    # a few Cyrillic words in a Latin text do not change its script
    assert detect(SERBIAN_LATIN + " Министар.").language == "sr-Latn"


def test_too_little_text_or_two_languages_alike_give_no_language():
    assert detect("KFOR 2024 NATO") is None
    assert detect("") is None
    half = "the army and the të ushtrisë"  # three of each
    assert detect(half) is None


def test_primary_language_of_a_tag():
    assert primary("sr-Cyrl") == primary("sr_Latn") == primary("SR") == "sr"
    assert primary(None) is None and primary(" ") is None


def _source(folder, name, text, language=None):
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    meta = f"url: https://example.org/{name}\npublisher: Example News\npublished: 2025-03-22\n"
    if language:
        meta += f"language: {language}\n"
    (folder / f"{name}.meta.yaml").write_text(meta, encoding="utf-8")
    return path


def _process(path):
    with in_root():
        return process(path, {}, ROOT / "content" / "actors.yaml")


def test_detected_language_reads_the_dates_and_goes_to_the_bibtex_entry(tmp_path):
    text = ("Декларација о сарадњи\n\nМинистри одбране су 18. марта у Тирани потписали "
            "декларацију о сарадњи. Текст је објављен четири дана касније.\n")
    src = _process(_source(tmp_path, "cyrillic_without_language", text))
    assert src.language == "sr-Cyrl" and src.language_detected
    assert [(e.date.isoformat(), e.precision) for e in src.events if e.date] == [
        ("2025-03-18", "day")]
    fields = bib_fields(src)
    assert fields["language"] == "sr-Cyrl"
    assert "Language detected from the text: sr-Cyrl." in fields["note"]
    assert not any(p.code == "W-LANGUAGE-CONFLICT" for p in src.problems)


def test_the_sidecar_s_language_wins_and_a_clear_conflict_is_reported(tmp_path):
    src = _process(_source(tmp_path, "albanian_said_english", ALBANIAN, language="en"))
    assert src.language == "en" and not src.language_detected
    assert bib_fields(src)["language"] == "en"
    assert "Language detected" not in bib_fields(src).get("note", "")
    (warning,) = [p for p in src.problems if p.code == "W-LANGUAGE-CONFLICT"]
    assert warning.path.endswith("albanian_said_english.meta.yaml") and warning.line == 4
    assert "'en'" in warning.message and "'sq'" in warning.message


def test_a_sidecar_agreeing_with_the_text_gives_no_warning(tmp_path):
    src = _process(_source(tmp_path, "serbian_said_serbian", SERBIAN_CYRILLIC, language="sr"))
    assert src.language == "sr"
    assert not any(p.code == "W-LANGUAGE-CONFLICT" for p in src.problems)


def test_the_corpus_records_each_source_s_language(corpus_content):
    from briefings.ingest.cite import read_bib
    from briefings.ingest.report import build_report

    bib, _problems = read_bib(corpus_content / "bibliography.bib")
    by_file = {f["file"].rsplit("/", 1)[-1]: f for _t, f in bib.values()}
    detected = {name: f["language"] for name, f in by_file.items()
                if "Language detected from the text" in f.get("note", "")}
    assert detected == {"albanian_today_names_the_day.txt": "sq",
                        "serbian_cyrillic_month_day.txt": "sr-Cyrl"}
    assert by_file["serbian_latin_weekdays.txt"]["language"] == "sr"  # the sidecar's
    report = {s["file"].rsplit("/", 1)[-1]: s for s in build_report(corpus_content, [])["sources"]}
    assert report["serbian_cyrillic_month_day.txt"]["language"] == "sr-Cyrl"
    assert report["serbian_cyrillic_month_day.txt"]["language_detected"] is True
    assert report["serbian_latin_weekdays.txt"]["language_detected"] is False
