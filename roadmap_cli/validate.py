"""Validate one answers file: its own shape, then its answers against the bank."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_cli.answers.check import check_answers
from roadmap_cli.answers.model import load_answers
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import bank_cache
from roadmap_cli.errors import FileProblems, Problem, RoadmapError, display_path


@dataclass
class ValidationResult:
    """The outcome of validating one answers file."""

    shown: str
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.is_error for p in self.problems)


def validate_file(
    path: Path, bank_ref: str | None = None, bank_for: Callable[[str], Bank] | None = None
) -> ValidationResult:
    """Check ``path`` against ``bank_ref`` (or the bank it names); never raises for bad input.

    ``bank_for`` loads a bank by reference; pass one ``bank_cache()`` for many files.
    """
    shown = display_path(path)
    try:
        loaded = load_answers(path)
    except FileProblems as error:
        return ValidationResult(shown, error.problems)
    except RoadmapError as error:
        return ValidationResult(
            shown, [Problem(shown, 1, 1, "error", _strip(error.message, shown))]
        )
    try:
        bank = (bank_for or bank_cache())(bank_ref or loaded.answers.bank.id)
    except RoadmapError as error:
        where = loaded.sources.problem(("bank", "id"), f"cannot load the bank: {error.message}")
        return ValidationResult(shown, [where])
    problems = check_answers(loaded, bank)
    shown_map = loaded.answers.shown(bank)
    visible = [q for q in bank.questions() if shown_map.get(q.id)]
    answered = sum(q.id in loaded.answers.answers for q in visible)
    summary = f"{answered} of {len(visible)} questions answered"
    return ValidationResult(shown, problems, summary)


def _strip(message: str, shown: str) -> str:
    prefix = f"{shown}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
