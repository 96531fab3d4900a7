"""`roadmap banks ...` and `roadmap validate` as a person uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURE_BANK, Cli, run_process

FIXTURE_TEXT = (FIXTURE_BANK / "bank.yaml").read_text(encoding="utf-8")


def test_version_and_help_work_as_a_module() -> None:
    version = run_process("--version")
    assert version.code == 0 and version.out.startswith("roadmap-cli ")
    helped = run_process("--help")
    assert helped.code == 0
    assert "banks" in helped.out and "validate" in helped.out


def test_banks_list_shows_both_builtin_banks(cli: Cli) -> None:
    result = cli("banks", "list")
    assert result.code == 0
    assert "regional-strategic-roadmap" in result.out and "workshop-demo" in result.out
    assert "built-in" in result.out
    assert max(len(line) for line in result.out.splitlines()) <= 80


def test_banks_list_reports_a_broken_extra_bank(cli: Cli) -> None:
    result = cli("banks", "list", CORPUS / "banks" / "duplicate-question-id.yaml")
    assert result.code == 1
    assert "duplicate-question-id.yaml: cannot be loaded" in result.err


def test_unknown_bank_lists_the_known_ids(cli: Cli) -> None:
    result = cli("banks", "show", "regional-roadmap")
    assert result.code == 1
    assert result.err.splitlines() == [
        "roadmap: unknown bank 'regional-roadmap'",
        "hint: Known banks: regional-strategic-roadmap, workshop-demo. "
        "Or give the path to a bank folder or bank.yaml.",
    ]


def test_banks_show_prints_the_tree(cli: Cli) -> None:
    result = cli("banks", "show", FIXTURE_BANK)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("Fixture bank  fixture 1.1.0 · 6 questions")
    assert any("PL  Planning  (2 questions)" in line for line in lines)
    assert any("PL1.2" in line and "Is the plan funded?" in line and "↳" in line for line in lines)
    assert any("PO1.3" in line and "★" in line for line in lines)


def test_lint_prints_every_problem_sorted_with_severity(cli: Cli, tmp_path: Path) -> None:
    text = (
        FIXTURE_TEXT.replace("            guidance: A budget line.\n", "")
        .replace(
            "scale: implementation\n            critical",
            "scale: implementaton\n            critical",
        )
        .replace('instrument: TIPP, article: "3(a)"', 'instrument: TIP, article: "3(a)"')
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    result = cli("banks", "lint", bank)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines == sorted(lines, key=lambda s: int(s.split(":")[1]))
    assert len(lines) == 3
    assert lines[0].endswith("warning: scored question PL1.2 has no guidance")
    assert "error: unknown instrument 'TIP' (did you mean 'TIPP'?)" in lines[1]
    assert "error: unknown scale 'implementaton' (did you mean 'implementation'?)" in lines[2]
    assert "2 errors, 1 warning in 1 bank" in result.err


def test_lint_strict_turns_warnings_into_errors(cli: Cli, tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        FIXTURE_TEXT.replace("            guidance: A budget line.\n", ""), encoding="utf-8"
    )
    assert cli("banks", "lint", bank).code == 0
    strict = cli("banks", "lint", "--strict", bank)
    assert strict.code == 1
    assert "error: scored question PL1.2 has no guidance" in strict.out


def test_lint_warns_about_missing_translations(cli: Cli, tmp_path: Path) -> None:
    text = FIXTURE_TEXT.replace("languages: [en]", "languages: [en, fr]").replace(
        "title: Fixture bank", "title: {en: Fixture bank, fr: Banque de test}"
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    result = cli("banks", "lint", bank)
    assert result.code == 0
    assert "warning: missing 'fr' translation of text" in result.out
    # The bank title is translated, so nothing is reported on its line (line 5).
    assert not [line for line in result.out.splitlines() if "bank.yaml:5:" in line]


def test_lint_locates_an_empty_or_wrongly_typed_translation(cli: Cli, tmp_path: Path) -> None:
    text = FIXTURE_TEXT.replace(
        "text: Is there a national action plan?",
        "text: {en: Is there a national action plan?, fr: ''}",
    ).replace("recommendation: Adopt a plan.", "recommendation: {en: 3}")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    result = cli("banks", "lint", bank)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{bank}:29:19: error: PL1.1: text: the 'fr' text must not be empty",
        f"{bank}:34:29: error: PL1.1: recommendation: must map language codes to text, "
        "e.g. {en: ..., fr: ...}",
    ]


def test_schema_is_json_that_names_the_fields(cli: Cli) -> None:
    bank = json.loads(cli("banks", "schema", "bank").out)
    assert bank["title"].startswith("roadmap-cli question bank")
    assert {"id", "title", "version", "categories", "scales", "instruments"} <= set(
        bank["properties"]
    )
    assert "show_if" in bank["$defs"]["Question"]["properties"]
    answers = json.loads(cli("banks", "schema", "answers").out)
    assert set(answers["required"]) == {"format", "bank", "assessment"}
    assert cli("banks", "schema", "report").code == 2


def test_validate_warns_about_another_bank_version(cli: Cli, tmp_path: Path) -> None:
    text = (CORPUS / "fixture-valid.yaml").read_text(encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(
        text.replace("version: 1.1.0", "version: 1.0.0").replace(
            "  PO1.4:", "  PO1.9: {value: partly}\n  PO1.4:"
        ),
        encoding="utf-8",
    )
    result = cli("validate", "--bank", FIXTURE_BANK, old)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [f"{old}: ok — 5 of 6 questions answered (2 warnings)"]
    assert result.err.splitlines() == [
        f"{old}:3: warning: answers were given against bank version 1.0.0; this bank is 1.1.0 "
        "(added PO1.3; removed PO1.9)",
        f"{old}:17: warning: question PO1.9 was removed in bank version 1.1.0",
    ]


def test_validate_reports_several_files_and_fails_if_any_fails(cli: Cli) -> None:
    good = CORPUS / "fixture-valid.yaml"
    bad = CORPUS / "answers" / "value-not-an-option.yaml"
    result = cli("validate", "--bank", FIXTURE_BANK, good, bad)
    assert result.code == 1
    # Files in sorted order, as score takes them; the names as given, relative to here.
    assert [line.rsplit("/", 1)[-1] for line in result.out.splitlines()] == [
        "value-not-an-option.yaml: failed — 1 error",
        "fixture-valid.yaml: ok — 5 of 6 questions answered",
        "2 files checked: 1 ok, 1 failed",
    ]
    assert (
        "'partial' is not an option; expected one of: not-in-place, partly, in-place" in result.err
    )


def test_usage_error_exits_2(cli: Cli) -> None:
    result = cli("validate", "--no-such-option")
    assert result.code == 2
    assert "No such option" in result.err


def test_a_stray_file_named_like_a_bank_id_does_not_replace_the_bank(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workshop-demo").write_text("", encoding="utf-8")
    result = cli("banks", "show", "workshop-demo")
    assert result.code == 0, result.err
    assert "workshop-demo" in result.out
    (tmp_path / "mine").mkdir()
    result = cli("banks", "lint", "mine")
    assert result.code == 1
    assert "mine:1:1: error: no bank.yaml in this folder" in result.out
