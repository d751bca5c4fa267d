from pathlib import Path

from briefings.sourcemeta import find_sources, read_meta, write_meta

ROOT = Path(__file__).resolve().parents[2]


def test_every_seed_has_its_sidecar_and_nulls_stay_null():
    sources = find_sources([ROOT / "sources"])
    assert len(sources) == 5
    for src in sources:
        meta, problems = read_meta(src)
        assert problems == [], src
        assert meta.url and meta.publisher and meta.language == "en"
    pmo, _ = read_meta(ROOT / "sources" / "kosovo-pmo-2016-12-08-nato-letter.txt")
    assert pmo.published == "2016-12-08" and pmo.published_precision == "day"
    rks, _ = read_meta(ROOT / "sources" / "rks-news-kosovo-albania-croatia-implementation-plan.txt")
    assert rks.published == "2025-08" and rks.published_precision == "month"
    factory, _ = read_meta(ROOT / "sources" / "rks-news-maqedonci-state-military-factory.txt")
    assert factory.published is None and factory.title is None


def test_malformed_metadata_names_line_and_fix(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("text", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("url: x\npublished: 2025-13\ntitel: y\n", "utf-8")
    _meta, problems = read_meta(src)
    assert [(p.line, p.code) for p in problems] == [(1, "E-META-URL"), (2, "E-META-DATE"),
                                                    (3, "E-META-FIELD")]
    (tmp_path / "a.meta.yaml").write_text("url: [unclosed\n", "utf-8")
    _meta, problems = read_meta(src)
    assert problems[0].code == "E-META-SYNTAX" and problems[0].line == 2


def test_write_then_read_round_trips(tmp_path):
    src = tmp_path / "b.txt"
    src.write_text("text", encoding="utf-8")
    meta, _ = read_meta(src)
    meta.url, meta.published, meta.publisher = "https://e.org/x", "2024-05", "E: News"
    write_meta(meta)
    again, problems = read_meta(src)
    assert problems == [] and (again.url, again.published, again.publisher) == (
        "https://e.org/x", "2024-05", "E: News")
