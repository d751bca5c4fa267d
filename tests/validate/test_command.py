"""The ``briefings validate`` command: output format, exit status, GitHub annotations, --fix,
and the build stopping on the same errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.build import BuildError, build
from briefings.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTENT = FIXTURES / "content"
BAD = FIXTURES / "validate"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_errors_exit_1_with_path_line_col_code_message_hint(capsys):
    code, out, err = run(capsys, "--content", str(CONTENT),
                         str(BAD / "entry_with_impossible_date.md"))
    assert code == 1
    line = out.strip()
    assert line.endswith("entry_with_impossible_date.md:2:7: E-DATE '2025-02-30' is not a date "
                         "that exists: February 2025 has 28 days (write an existing date as "
                         "YYYY-MM-DD)")
    assert "1 error, 0 warnings in 1 file" in err


def test_only_warnings_exit_0(capsys):
    code, out, _err = run(capsys, "--content", str(CONTENT),
                          str(BAD / "entry_with_actor_listed_twice.md"))
    assert code == 0 and "W-LIST-DUPLICATE" in out


def test_default_is_the_whole_content_folder_found_from_the_path(capsys):
    code, out, err = run(capsys, str(CONTENT))
    assert code == 0
    assert "0 errors, 1 warning" in err and "W-SOURCE-NOT-CITED" in out


def test_github_format_annotates_the_pull_request(capsys):
    code, out, _err = run(capsys, "--format", "github", "--content", str(CONTENT),
                          str(BAD / "entry_with_typo_field_Dtae.md"))
    assert code == 1
    assert out.startswith("::error file=")
    assert "entry_with_typo_field_Dtae.md,line=2,col=1,title=E-FIELD-UNKNOWN::unknown field " \
           "'Dtae' (did you mean 'Date'? " in out


def test_fix_says_what_it_changed_then_reports_what_is_left(capsys, tmp_path):
    path = tmp_path / "entry.md"
    path.write_text((BAD / "entry_with_unpadded_date.md").read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, out, _err = run(capsys, "--fix", "--content", str(CONTENT), str(path))
    assert code == 0
    assert "fixed: Date 2025-3-20 -> 2025-03-20" in out
    assert "Date: 2025-03-20\n" in path.read_text(encoding="utf-8")
    code, out, _err = run(capsys, "--fix", "--content", str(CONTENT), str(path))
    assert code == 0 and "fixed" not in out


def test_list_codes(capsys):
    code, out, _err = run(capsys, "--list-codes")
    assert code == 0 and "| `E-CITE-UNKNOWN-KEY` | error |" in out


def test_build_fails_on_validation_errors_with_the_same_messages(root, tmp_path, capfd):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(BAD / "entry_with_unknown_citation_key.md",
                content / "briefings" / "2025" / "2025-03-20-kosovo-nato-officials-meet.md")
    with pytest.raises(BuildError, match="validation found 2 errors"):
        build(root, content, root / "pelican.conf.py", tmp_path / "output")
    err = capfd.readouterr().err
    assert "2025-03-20-kosovo-nato-officials-meet.md:9:10: E-CITE-UNKNOWN-KEY " \
           "'rksnews-2025-kosovo-albania-croatioa' is not a key" in err
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("collecting", [True, False])
def test_validation_pauses_the_garbage_collector_and_restores_it(fixture_content, monkeypatch,
                                                                 collecting):
    import gc

    from briefings import validate as validation

    seen = []
    real = validation._validate

    def probe(paths, content):
        seen.append(gc.isenabled())
        return real(paths, content)

    monkeypatch.setattr(validation, "_validate", probe)
    (gc.enable if collecting else gc.disable)()
    try:
        problems = validation.validate([fixture_content], fixture_content)
        assert not [p for p in problems if p.is_error]
        assert seen == [False] and gc.isenabled() is collecting
        # and when validation fails
        monkeypatch.setattr(validation, "_validate", lambda *_a: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            validation.validate([fixture_content], fixture_content)
        assert gc.isenabled() is collecting
    finally:
        gc.enable()
