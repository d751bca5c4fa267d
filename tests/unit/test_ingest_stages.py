"""The stage numbers of the ingest modules' docstrings are those of the pipeline's list."""

from __future__ import annotations

import importlib
import re

import briefings.ingest.pipeline as pipeline

#: module -> the stage of pipeline.py's list it belongs to
MODULES = {"read": 2, "clean": 3, "language": 3, "dates": 4, "events": 5, "asides": 5,
           "actors_stage": 6, "headline": 6, "frames": 6, "scope": 6, "cite": 7, "merge": 8,
           "write": 9, "report": 11}


def test_each_stage_module_says_the_number_the_pipeline_gives_it():
    listed = {}
    for number, name in re.findall(r"^(\d+)\. \*\*(\w+)\*\*", pipeline.__doc__, re.MULTILINE):
        listed[int(number)] = name
    assert list(listed) == list(range(1, 12)), listed
    for module, number in MODULES.items():
        doc = importlib.import_module(f"briefings.ingest.{module}").__doc__ or ""
        m = re.match(r"Stage (\d+), (\w+)", doc)
        assert m, f"{module}: its docstring does not start with 'Stage N, name'"
        assert int(m.group(1)) == number, (module, m.group(0), listed[number])
        assert f":mod:`.{module}`" in pipeline.__doc__, module
