"""Two answers files made comparable: opened, on one bank version, scored under one rule.

Both files are opened with ``open_assessment`` (one ``BankStore``).  When they name
different versions of their bank, the file on the older version is moved to the newer one
in memory, exactly as ``roadmap migrate`` would move it (``migration.plan_opened``);
the file itself is never written.  Both are then scored against the newer version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.assessment import Assessment, open_assessment
from roadmap_cli.bank.migrations import Step
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import BankStore, split_version, version_key
from roadmap_cli.errors import RoadmapError
from roadmap_cli.inputs import shown
from roadmap_cli.migration import plan_opened
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.registry import Selected, select_rule


@dataclass(frozen=True)
class Moved:
    """How one file was moved to the other's bank version before comparing."""

    side: str  # "old" or "new": which of the two files was moved
    file: str
    start: str
    end: str
    renamed: int  # answers now under another question id
    archived: int  # answers set aside because their question changed or was retired
    needs_answer: tuple[str, ...]  # questions whose earlier answer could not carry over


@dataclass(frozen=True)
class Scored:
    """One side of a comparison: the file as opened, the answers scored, the Scorecard."""

    file: str
    assessment: Assessment
    answers: AnswersFile  # the file's answers, moved to the compared version if need be
    card: Scorecard


@dataclass(frozen=True)
class Pair:
    """Two files scored under one rule against one bank version."""

    old: Scored
    new: Scored
    bank: Bank
    selected: Selected
    moved: Moved | None


def open_pair(
    old_path: Path, new_path: Path, rules: str | None = None, bank_ref: str | None = None
) -> Pair:
    """Open, align and score ``old_path`` and ``new_path`` (in that order, never by date).

    Raises RoadmapError if either file cannot be used, if they answer different banks, or
    if no migration map leads from one file's version to the other's.
    """
    store = BankStore()
    old = open_assessment(old_path, bank_ref, store)
    new = open_assessment(new_path, bank_ref, store)
    old_bank, new_bank = old.bank, new.bank
    if old_bank.id != new_bank.id:
        raise RoadmapError(
            f"{shown(old_path)} answers bank '{old_bank.id}' and {shown(new_path)} answers "
            f"bank '{new_bank.id}': compare needs two assessments made with the same bank",
            "Compare files of one bank; 'roadmap score' shows files of different banks "
            "side by side.",
        )
    old_answers, new_answers, bank, moved = old.answers, new.answers, new_bank, None
    if old_bank.version != new_bank.version:
        newer_is_old = version_key(old_bank.version) > version_key(new_bank.version)
        side, behind, ahead = ("new", new, old) if newer_is_old else ("old", old, new)
        ref = split_version(bank_ref)[0] if bank_ref else behind.answers.bank.id
        steps = _steps(store, ref, behind, ahead)
        plan = plan_opened(behind, ahead.bank.version, store, bank_ref)
        migration = plan.migration
        moved = Moved(
            side=side,
            file=shown(behind.path),
            start=behind.bank.version,
            end=ahead.bank.version,
            renamed=_renamed(behind.answers, steps, migration.answers),
            archived=migration.archived,
            needs_answer=tuple(migration.needs_answer),
        )
        bank = ahead.bank
        if side == "old":
            old_answers = migration.answers
        else:
            new_answers = migration.answers
    selected = select_rule(rules)
    return Pair(
        _scored(old_path, old, old_answers, bank, selected),
        _scored(new_path, new, new_answers, bank, selected),
        bank,
        selected,
        moved,
    )


def _steps(store: BankStore, ref: str, behind: Assessment, ahead: Assessment) -> list[Step]:
    """The migration steps from ``behind``'s version to ``ahead``'s, or one clear error."""
    start, end = behind.bank.version, ahead.bank.version
    try:
        return store.history(ref).steps(start, end)
    except RoadmapError:
        raise RoadmapError(
            f"cannot compare {shown(behind.path)} (bank '{behind.bank.id}' {start}) with "
            f"{shown(ahead.path)} ({end}): the bank has no migration map from {start} to {end}",
            f"Compare files made with the same version, or score each on its own "
            f"('roadmap score {shown(behind.path)} {shown(ahead.path)}').",
        ) from None


def _renamed(answers: AnswersFile, steps: list[Step], moved: AnswersFile) -> int:
    """How many of the file's answers end up under another question id (and are still
    answers there: one renamed, then retired or archived, is counted as archived)."""
    ids = {qid: qid for qid in answers.answers}  # original id -> id now
    for step in steps:
        ids = {origin: step.renamed.get(now, now) for origin, now in ids.items()}
    return sum(origin != now and now in moved.answers for origin, now in ids.items())


def _scored(
    path: Path, assessment: Assessment, answers: AnswersFile, bank: Bank, selected: Selected
) -> Scored:
    card = selected.score(bank, answers)
    # The file's own facts (organisation, dates) travel with the card, as in a batch.
    card = replace(card, assessment=answers.assessment)
    return Scored(shown(path), assessment, answers, card)
