"""From an answers file to report text: load, check, score, build the context, render."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from roadmap_cli.answers import load_answers
from roadmap_cli.answers_check import check_answers
from roadmap_cli.bank_loader import load_bank
from roadmap_cli.errors import FileProblems
from roadmap_cli.report.context import build_context
from roadmap_cli.report.render import render
from roadmap_cli.scoring.registry import select_rule


def default_output(answers_path: Path, fmt: str) -> Path:
    """Where a report goes by default: next to the answers file, ``NAME.report.EXT``."""
    return answers_path.with_name(f"{answers_path.stem}.report.{fmt}")


def build_report(
    answers_path: Path,
    fmt: str,
    *,
    rules: str | None = None,
    bank_ref: str | None = None,
    template_dir: Path | None = None,
    language: str | None = None,
    generated: datetime | None = None,
) -> str:
    """The report for ``answers_path`` in ``fmt`` ('html' or 'md') under ``rules``."""
    loaded = load_answers(answers_path)
    bank = load_bank(bank_ref or loaded.answers.bank.id).bank
    problems = check_answers(loaded, bank)
    if any(problem.is_error for problem in problems):
        raise FileProblems(problems, f"Run 'roadmap validate {answers_path}' for every problem.")
    selected = select_rule(rules)
    card = selected.score(bank, loaded.answers)
    context = build_context(
        bank, loaded.answers, card, selected, language=language, generated=generated
    )
    return render(context, fmt, template_dir)
