"""The one way to open an assessment: an answers file, its bank, and the file checked.

Every command that works on answers files (``validate``, ``score``, ``report``,
``assess`` and those to come) calls ``open_assessment`` (or ``examine``, its never-raising
form for ``validate``), so a file is read, its bank found and its answers checked the same
way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roadmap_cli.answers.check import check_answers, open_conflicts
from roadmap_cli.answers.model import AnswersFile, LoadedAnswers, load_answers
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import BankStore, split_version
from roadmap_cli.errors import FileProblems, Problem, RoadmapError, display_path


@dataclass(frozen=True)
class Assessment:
    """An answers file that passed its checks, with its bank and any warnings."""

    loaded: LoadedAnswers  # the model, and where each value sits in the file
    bank: Bank
    warnings: tuple[Problem, ...] = ()

    @property
    def path(self) -> Path:
        """The answers file."""
        return self.loaded.path

    @property
    def answers(self) -> AnswersFile:
        """The answers as read from the file."""
        return self.loaded.answers

    @property
    def open_conflicts(self) -> Problem | None:
        """The warning, among ``warnings``, that merge conflicts are still open (None if
        none are): score and report say it too, at the line ``validate`` gives."""
        text = open_conflicts(self.answers, display_path(self.path), self.bank)
        return next((p for p in self.warnings if p.message == text), None) if text else None


def open_assessment(
    path: Path, bank_ref: str | None = None, store: BankStore | None = None
) -> Assessment:
    """Read ``path``, load its bank (``bank_ref``, or the one the file names) and check it.

    ``store`` shares loaded banks between many files.  Raises FileProblems (every
    problem, located) if the file or its answers have errors, RoadmapError if the bank
    cannot be loaded.
    """
    loaded = load_answers(path)
    bank = _bank(loaded, bank_ref, store or BankStore())
    problems = check_answers(loaded, bank)
    if any(problem.is_error for problem in problems):
        raise FileProblems(problems, _hint(loaded, bank, bank_ref))
    return Assessment(loaded, bank, tuple(problems))


@dataclass
class Examination:
    """What ``roadmap validate`` says about one file: its problems, or how complete it is."""

    shown: str
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not any(p.is_error for p in self.problems)


def examine(path: Path, bank_ref: str | None = None, store: BankStore | None = None) -> Examination:
    """``open_assessment`` for ``roadmap validate``: every problem as data, never raised."""
    shown = display_path(path)
    try:
        assessment = open_assessment(path, bank_ref, store)
    except FileProblems as error:
        return Examination(shown, error.problems)
    except RoadmapError as error:
        message = error.message.removeprefix(f"{shown}: ")
        return Examination(shown, [Problem(shown, 1, 1, "error", message)])
    bank, answers = assessment.bank, assessment.answers
    shown_map = answers.shown(bank)
    visible = [q for q in bank.questions() if shown_map.get(q.id)]
    answered = sum(q.id in answers.answers for q in visible)
    summary = f"{answered} of {len(visible)} questions answered"
    later = later_version(assessment, bank_ref, store or BankStore())
    if later:
        summary += f"; a later bank version ({later}) is available: roadmap migrate {shown}"
    return Examination(shown, list(assessment.warnings), summary)


def later_version(assessment: Assessment, bank_ref: str | None, store: BankStore) -> str | None:
    """The bank's latest version, if it is later than the file's and a map leads to it."""
    named = assessment.answers.bank
    try:
        history = store.history(split_version(bank_ref)[0] if bank_ref else named.id)
        latest = history.current.version
        history.steps(named.version, latest)
    except RoadmapError:
        return None  # no map leads there: nothing to offer
    return latest if latest != named.version else None


def _bank(loaded: LoadedAnswers, bank_ref: str | None, store: BankStore) -> Bank:
    named = loaded.answers.bank
    try:
        return store.for_answers(named.id, named.version, bank_ref)
    except RoadmapError as error:
        if bank_ref is not None:
            raise  # the bank named on the command line: not a problem of this file
        where = loaded.sources.problem(("bank", "id"), f"cannot load the bank: {error.message}")
        raise FileProblems([where], error.hint) from None


def _hint(loaded: LoadedAnswers, bank: Bank, bank_ref: str | None) -> str:
    named = loaded.answers.bank.id
    if bank_ref is not None and named != bank.id:
        return f"Leave out --bank to use the bank the file names ('{named}')."
    return f"Run 'roadmap validate {display_path(loaded.path)}' to see every problem."
