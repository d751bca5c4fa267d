"""Properties of the source metadata reader and writer (briefings.sourcemeta)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings import invisible
from briefings.model import SourceMeta
from briefings.sourcemeta import META_FIELDS, read_meta, write_meta

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: A value as the reader keeps it: any text without surrounding whitespace (the reader strips it)
#: and without characters that cannot be seen (the reader refuses them).
values = st.one_of(st.none(), st.text().map(invisible.strip).map(str.strip))
partial_dates = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1000, 1, 1)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])),
)
#: An address as the reader accepts it: an http(s) URL (briefings.urls), or none.
urls = st.one_of(st.none(), st.from_regex(r"\Ahttps?://[a-z0-9.-]{1,20}(/[\w.~%&=?/-]*)?\Z"))
metas = st.builds(
    dict,
    url=urls, title=values, publisher=values, author=values, language=values,
    reliability=values, notes=values, published=partial_dates, accessed=partial_dates,
)


#: One folder for every example, removed when the test session ends (one folder per example
#: would leave hundreds behind in /tmp on every run).
_SCRATCH = tempfile.TemporaryDirectory(prefix="meta-prop-")


def _source() -> Path:
    folder = Path(tempfile.mkdtemp(dir=_SCRATCH.name))
    src = folder / "a.txt"
    src.write_text("text", encoding="utf-8")
    return src


@SETTINGS
@given(metas)
def test_write_then_read_round_trips_any_values(values_by_field):
    src = _source()
    write_meta(SourceMeta(file=src, **values_by_field))
    again, problems = read_meta(src)
    assert problems == []
    assert {k: getattr(again, k) for k in META_FIELDS} == values_by_field


yaml_lines = st.lists(
    st.tuples(
        st.sampled_from([*META_FIELDS, "titel", "1", "- x", "? k", "&a url", "url: *a"]),
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(["2025-02-30", "2025-13", "2025-03-18 10:00:00", "2025-03-18",
                             "null", "~", "[1, 2]", "{a: 1}", "!!binary aGk=", "'", '"', "|",
                             ">-", "1e999", "0x1F", "yes", "2025-1-1", "!!python/name:os.system",
                             "*undefined", "&anchor x"]),
        ),
    ),
    max_size=8,
).map(lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs))

@SETTINGS
@given(st.one_of(st.text(), yaml_lines))
@example("published: 2025-02-30\n")
@example("url: " + "[" * 2000)
def test_reading_any_yaml_text_reports_problems_and_never_crashes(text):
    src = _source()
    src.with_name("a.meta.yaml").write_text(text, encoding="utf-8")
    meta, problems = read_meta(src)
    assert meta.file == src
    for p in problems:
        assert p.code.startswith("E-META-") and p.line >= 1


@SETTINGS
@given(st.one_of(st.text(), yaml_lines).filter(
    lambda t: "2025-02-30" not in t and "[" * 100 not in t))
def test_reading_yaml_text_without_the_known_crashes_never_crashes(text):
    """The same property without the two inputs above, so that anything else is still caught."""
    src = _source()
    src.with_name("a.meta.yaml").write_text(text, encoding="utf-8")
    meta, problems = read_meta(src)
    assert meta.file == src
    for p in problems:
        assert p.code.startswith("E-META-") and p.line >= 1
