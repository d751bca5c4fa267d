"""Ingest time is linear in the size of a source (issue 25, item 2), whatever the source repeats.

A source is one generated "unit" of text (dated sentences, quotes, offices and names, footers,
speech headings, sentences without an end, one endless paragraph …) repeated up to a size, with
every repetition's dates the same or shifted by a day. The measure is CPU time (not wall time) of
the whole ``ingest`` of the source at 1× and 4× the size, the best of two runs each: linear work
gives a ratio near 4 (less, with the fixed costs); work that grows with the square of the size
gives 16. The bound, 8, leaves a factor of two for a busy machine. No absolute time is asserted.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.ingest.conftest import ROOT, ingest, new_content

SIZE = 16_000  # bytes of the smaller source; the larger is 4 times that
RATIO = 8.0

#: How a date is written ({d} is the date).
FORMATS = ["on {d.day} {d:%B} {d.year}", "on {d:%B} {d.day}, {d.year}", "in {d:%B} {d.year}",
           "in {d.year}", "on {d:%d.%m.%Y}", "on {d:%B} {d.day}", "in {d:%B}", "yesterday",
           "last week", "next year"]
#: What a unit is made of ({date} is a date written in one of FORMATS).
FRAGMENTS = [
    "The Minister of Defence Ejup Maqedonci held talks in Prishtina {date} with US officials",
    "… held talks in Prishtina {date} …",
    "“We will continue to train together with our allies {date},” he said",
    "“The agreement was signed {date} in Tirana,” said Mustafa",
    "Minister of Defence Armend Zemaj and Prime Minister Donika Zemaj met NATO Secretary "
    "General Jens Stoltenberg {date}",
    "In 2019 the engineers of the battalion began training with KFOR",
    "The exercise {date} brought together 1,200 soldiers from 12 countries, which officials "
    "welcomed; the next one is planned {date}",
    "Last modified: {date}",
    "Speech of Prime Minister Isa Mustafa",
    "Gen. Smith and Col. Jones met Mr. Hoxhaj {date}",
    "NATO | {date} | Prishtina",
    "the minister held talks with us officials about training and",
]
SEPARATORS = [". ", " ", "\n", "\n\n", ", ", " – ", "; ", " | "]

fragments = st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(FORMATS),
                      st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
                      st.sampled_from(SEPARATORS))
#: (fragments of the unit, whether each repetition moves its dates a day on)
units = st.tuples(st.lists(fragments, min_size=1, max_size=5), st.booleans())


def source_text(unit: tuple[list, bool], size: int) -> str:
    parts, moving = unit
    out: list[str] = []
    length = i = 0
    while length < size:
        for template, fmt, day, sep in parts:
            when = fmt.format(d=day + dt.timedelta(days=i if moving else 0))
            piece = template.format(date=when) + sep
            out.append(piece)
            length += len(piece.encode("utf-8"))
        i += 1
    return "".join(out)


def cpu_seconds(text: str, folder: Path, runs: int = 2) -> float | None:
    """The best of ``runs`` CPU times of ingesting ``text`` as one source into an empty
    content; ``None`` when it is no article (nothing but boilerplate, say)."""
    path = folder / "repetitive_source.txt"
    path.write_text(text, encoding="utf-8")
    (folder / "repetitive_source.meta.yaml").write_text(
        "url: https://example.org/a\npublisher: Example News\npublished: 2025-08-01\n",
        encoding="utf-8")
    best = float("inf")
    for _ in range(runs):
        content = folder / "content"
        shutil.rmtree(content, ignore_errors=True)
        new_content(content)
        started = time.process_time()
        result = ingest([path], content, jobs=1)
        best = min(best, time.process_time() - started)
        if result.failed:
            return None
    return best


def _unit(*parts: str, fmt: str = FORMATS[0], sep: str = ". ",
          moving: bool = False) -> tuple[list, bool]:
    return [(p, fmt, dt.date(2025, 3, 3), sep) for p in parts], moving


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(units)
@example(_unit(FRAGMENTS[1], sep=" "))  # the source: one sentence that never ends
@example(_unit(FRAGMENTS[0], sep=". "))  # one dated sentence, one paragraph
@example(_unit(FRAGMENTS[2], FRAGMENTS[4], sep=". ", moving=True))  # quotes, names, new dates
@example(_unit(FRAGMENTS[11], FRAGMENTS[0], sep=" "))  # dates in a sentence without an end
def test_ingest_time_is_linear_in_the_size_of_a_repetitive_source(unit):
    with tempfile.TemporaryDirectory(prefix="linear-") as tmp:
        folder = Path(tmp)
        # imports, registry, caches: not measured; a unit of boilerplate alone is no article
        assume(cpu_seconds(source_text(unit, 2_000), folder, runs=1) is not None)
        small = cpu_seconds(source_text(unit, SIZE), folder)
        large = cpu_seconds(source_text(unit, 4 * SIZE), folder)
    assert small is not None and large is not None
    assert large / small < RATIO, (
        f"ingest of {4 * SIZE:,} bytes took {large:.2f} s of CPU, {large / small:.1f} × the "
        f"{small:.2f} s of {SIZE:,} bytes")


def test_the_generated_sources_have_the_sizes_asked_for():
    unit = _unit(FRAGMENTS[0], FRAGMENTS[2], moving=True)
    text = source_text(unit, SIZE)
    assert SIZE <= len(text.encode("utf-8")) < SIZE + 400
    assert "on 3 March 2025" in text and "on 4 March 2025" in text
    assert ROOT.joinpath("content", "actors.yaml").exists()
