"""CONTRIBUTING.md's field reference and code table are what the code generates."""

from __future__ import annotations

import subprocess
import sys

from briefings.validate.contributing import begin, end, render


def test_contributing_is_what_the_schema_and_the_rules_generate(root):
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert render(text) == text, ("CONTRIBUTING.md is out of date: run "
                                  "`python -m briefings.validate.contributing`")


def test_field_reference_equals_briefings_schema_output(root):
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split(begin("field-reference"))[1].split(end("field-reference"))[0]
    printed = subprocess.run([sys.executable, "-m", "briefings.cli", "schema"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    assert section.strip() == printed.strip()


def test_a_changed_schema_makes_the_check_fail(root, monkeypatch):
    from briefings.validate import contributing

    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command, make = contributing.SECTIONS["field-reference"]
    sections = dict(contributing.SECTIONS)
    sections["field-reference"] = (command, lambda: make() + "| `New` | no | x | `y` |\n")
    monkeypatch.setattr(contributing, "SECTIONS", sections)
    assert render(text) != text
