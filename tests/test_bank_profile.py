"""A bank's country profile and the rationale of critical questions.

The profile is asked before the categories, is never scored, and its answers drive
``show_if`` so that nobody is penalised for what does not apply to them.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_cli.answers.check import check_answers
from roadmap_cli.answers.model import load_answers
from roadmap_cli.bank.store import load_bank
from tests.conftest import CORPUS, FIXTURE_BANK, Cli

FIXTURE_TEXT = (FIXTURE_BANK / "bank.yaml").read_text(encoding="utf-8")

PROFILE = """profile:
  - id: CP1
    text: Does the country have a sea coast?
    type: single
    options:
      - {key: coastal, label: Yes}
      - {key: landlocked, label: No}
categories:
"""

# PL1.2 is asked only of coastal countries.
PROFILED = FIXTURE_TEXT.replace("categories:\n", PROFILE, 1).replace(
    "show_if: {question: PL1.1, in: [partly, in-place]}",
    "show_if: {question: CP1, in: [coastal]}",
)


def _bank(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _answers(tmp_path: Path, profile: str) -> Path:
    text = (CORPUS / "fixture-valid.yaml").read_text(encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(
        text.replace(
            "answers:\n", f"answers:\n  CP1: {{value: {profile}}}\n  PL1.2: {{value: partly}}\n", 1
        ),
        encoding="utf-8",
    )
    return path


def test_a_profiled_bank_lints_clean_and_shows_its_profile(cli: Cli, tmp_path: Path) -> None:
    bank = _bank(tmp_path, PROFILED)
    assert cli("banks", "lint", "--strict", bank).out == ""
    shown = cli("banks", "show", bank).out
    assert "Country profile  (1 questions, not scored)" in shown
    assert "CP1" in shown and "Does the country have a sea coast?" in shown


def test_profile_answers_validate_and_hide_what_does_not_apply(tmp_path: Path) -> None:
    bank = load_bank(_bank(tmp_path, PROFILED)).bank
    coastal = load_answers(_answers(tmp_path, "coastal"))
    assert [p.message for p in check_answers(coastal, bank) if p.severity == "error"] == []
    assert coastal.answers.shown(bank)["PL1.2"] is True
    landlocked = load_answers(_answers(tmp_path, "landlocked"))
    assert landlocked.answers.shown(bank)["PL1.2"] is False
    wrong = load_answers(_answers(tmp_path, "island"))
    assert [p.message for p in check_answers(wrong, bank)] == [
        "CP1: 'island' is not an option; expected one of: coastal, landlocked"
    ]


def test_profile_questions_are_never_scored(tmp_path: Path) -> None:
    bank = load_bank(_bank(tmp_path, PROFILED)).bank
    assert "CP1" in bank.by_id
    assert "CP1" not in {item.question.id for item in bank.located}


def test_a_scored_profile_option_is_an_error(cli: Cli, tmp_path: Path) -> None:
    bank = _bank(
        tmp_path,
        PROFILED.replace("{key: coastal, label: Yes}", "{key: coastal, label: Yes, score: 1}"),
    )
    result = cli("banks", "lint", bank)
    assert result.code == 1
    assert (
        "error: profile question CP1 is never scored: its options take no score or red_flag"
        in result.out
    )


def test_a_profile_question_must_be_a_choice(cli: Cli, tmp_path: Path) -> None:
    text = PROFILED.replace(
        "    type: single\n    options:\n      - {key: coastal, label: Yes}\n"
        "      - {key: landlocked, label: No}\n",
        "    type: text\n",
    ).replace("show_if: {question: CP1, in: [coastal]}", "show_if: {question: CP1, answered: true}")
    result = cli("banks", "lint", _bank(tmp_path, text))
    assert "error: profile question CP1 must be 'single' or 'multi', not 'text'" in result.out


def test_a_critical_question_without_rationale_fails_strict_lint(cli: Cli, tmp_path: Path) -> None:
    text = FIXTURE_TEXT.replace(
        "            rationale: P029 Art. 4(2) binds Parties to give authorities this power.\n", ""
    )
    bank = _bank(tmp_path, text)
    assert cli("banks", "lint", bank).code == 0
    strict = cli("banks", "lint", "--strict", bank)
    assert strict.code == 1
    assert strict.out.strip().endswith(
        "error: critical question PO1.3 has no rationale naming the binding obligation it rests on"
    )


def test_banks_show_prints_why_a_question_is_critical(cli: Cli) -> None:
    out = cli("banks", "show", FIXTURE_BANK).out
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "PO1.3" in line)
    assert "why critical: P029 Art. 4(2) binds Parties to give" in lines[at + 1]


def test_the_interview_asks_the_country_profile_first(tmp_path: Path) -> None:
    from tests.conftest import run_process

    result = run_process("assess", "new.yaml", "--plain", cwd=tmp_path,
                         stdin="Examplestan\nMinistry of Justice\n\n\nq\n")  # fmt: skip
    first = next(line for line in result.out.splitlines() if line.startswith("Question 1 of"))
    assert "CP1. Country profile" in first


def test_a_critical_questions_rationale_is_in_its_guidance() -> None:
    from roadmap_cli.answers.model import AnswersFile
    from roadmap_cli.interview.views import question_view

    bank = load_bank("regional-strategic-roadmap").bank
    item = next(loc for loc in bank.located if loc.question.critical)
    answers = AnswersFile.model_validate(
        {
            "format": "roadmap-answers/1",
            "bank": {"id": bank.id, "version": bank.version},
            "assessment": {"country": "X"},
        }
    )
    view = question_view(bank, item, answers, answers.shown(bank), "en")
    assert "Why this question is critical: " in view.guidance
    assert view.guidance.endswith(" ".join(str(item.question.rationale).split()))


def test_the_first_screen_and_the_report_say_whose_bank_it_is_not(tmp_path: Path) -> None:
    from tests.conftest import ROOT, run_process

    said = "It is not an RSO or Bali Process product, and neither has reviewed or endorsed it"
    interview = run_process("assess", "new.yaml", "--plain", cwd=tmp_path, stdin="q\n")
    assert said in " ".join(interview.out.split())
    report = run_process("report", str(ROOT / "examples" / "kestria-full.yaml"), "--format",
                         "md", "--output", "-")  # fmt: skip
    method = report.out.split("### About the question bank", 1)[1].split("###", 1)[0]
    assert said in " ".join(method.split())
