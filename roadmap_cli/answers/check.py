"""Check an answers file against its bank: ids, values, bank id and version."""

from __future__ import annotations

from typing import Any

from roadmap_cli.answers.model import AnswersFile, LoadedAnswers
from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.model import Bank, Change, Question
from roadmap_cli.bank.store import version_key
from roadmap_cli.errors import Problem, display_path
from roadmap_cli.terminal import shell_word


def changes_since(bank: Bank, version: str) -> list[Change]:
    """The bank's recorded changes newer than ``version``, oldest first."""
    start = version_key(version)
    return sorted(
        (c for c in bank.changes if version_key(c.version) > start),
        key=lambda c: version_key(c.version),
    )


def check_answers(loaded: LoadedAnswers, bank: Bank) -> list[Problem]:
    """Every problem with these answers under ``bank`` (errors and warnings), sorted."""
    answers, sources = loaded.answers, loaded.sources
    problems: list[Problem] = []
    if answers.bank.id != bank.id:
        problems.append(
            sources.problem(
                ("bank", "id"),
                f"answers are for bank '{answers.bank.id}', not '{bank.id}'",
            )
        )
        return problems
    retired: dict[str, str] = {}
    if answers.bank.version != bank.version:
        changes = changes_since(bank, answers.bank.version)
        added = [qid for c in changes for qid in c.added]
        removed = [qid for c in changes for qid in c.removed]
        for change in changes:
            for old, new in change.renamed.items():
                retired[old] = f"renamed to {new} in bank version {change.version}"
            for qid in change.removed:
                retired[qid] = f"removed in bank version {change.version}"
        detail = []
        if added:
            detail.append(f"added {', '.join(added)}")
        if removed:
            detail.append(f"removed {', '.join(removed)}")
        if not changes:
            detail.append("the bank records no changes between them")
        problems.append(
            sources.problem(
                ("bank", "version"),
                f"answers were given against bank version {answers.bank.version}; this bank is "
                f"{bank.version} ({'; '.join(detail)})",
                "warning",
            )
        )

    def missing(block: str, qid: str) -> Problem:
        # An id this version dropped (renamed, retired) is a warning; one it never had is
        # an error: the same for an answer and for the versions of a merge conflict.
        if qid in retired:
            return sources.problem((block, qid), f"question {qid} was {retired[qid]}", "warning")
        return sources.problem((block, qid), f"unknown question id '{qid}' for bank {bank.id}")

    for qid, answer in answers.answers.items():
        located = bank.by_id.get(qid)
        if located is None:
            problems.append(missing("answers", qid))
            continue
        message = value_problem(bank, located.question, answer.value)
        if message:
            problems.append(sources.problem(("answers", qid, "value"), f"{qid}: {message}"))
    for qid, versions in answers.conflicts.items():
        located = bank.by_id.get(qid)
        if located is None:
            problems.append(missing("conflicts", qid))
            continue
        # A version the question does not take (hand-edited, say) cannot be chosen as it
        # is: say so now rather than when the officer picks it.
        for index, version in enumerate(versions):
            message = value_problem(bank, located.question, version.value)
            if message:
                problems.append(
                    sources.problem(
                        ("conflicts", qid, index, "value"),
                        f"{qid}: the version from {version.source} cannot be kept as it is "
                        f"({message}); choose another or give a new answer",
                        "warning",
                    )
                )
    warning = open_conflicts(answers, display_path(loaded.path), bank)
    if warning:
        problems.append(sources.problem(("conflicts",), warning, "warning"))
    return sorted(problems)


def open_conflicts(answers: AnswersFile, shown: str, bank: Bank) -> str | None:
    """The warning for questions merged files answered differently (``conflicts:``), or None.

    They count as unanswered until the officer chooses: validate, score and report say
    so, with the command that resolves them.
    """
    ids = [qid for qid in answers.conflicts if qid in bank.by_id]
    if not ids:
        return None
    count = f"{len(ids)} question{'s' * (len(ids) != 1)}"
    return (
        f"{count} answered differently by merged files, left unanswered until you choose "
        f"({', '.join(ids)}): roadmap assess {shell_word(shown)} --conflicts"
    )


def value_problem(bank: Bank, question: Question, value: Any) -> str | None:
    """Why ``value`` is not a valid answer to ``question``, or None if it is."""
    if value == NOT_APPLICABLE:
        return None if question.offers_na else "this question does not offer 'not applicable'"
    if value == DONT_KNOW:
        return None if question.offers_dont_know else "this question does not offer 'don't know'"
    options = bank.option_index.get(question.id, {})
    if question.type in ("scale", "single"):
        if isinstance(value, str) and value in options:
            return None
        return f"'{value}' is not an option; expected one of: {', '.join(options)}"
    keys = list(options)
    if question.type == "multi":
        if not isinstance(value, list):
            return f"expected a list of option keys, e.g. [{', '.join(keys[:2])}]"
        unknown = [v for v in value if v not in options]
        if unknown:
            return f"'{unknown[0]}' is not an option; expected some of: {', '.join(keys)}"
        if len(set(value)) != len(value):
            return "an option is listed twice"
        exclusive = {key for key, option in options.items() if option.exclusive}
        if exclusive & set(value) and len(value) > 1:
            return f"'{sorted(exclusive & set(value))[0]}' cannot be combined with other options"
        return None
    if question.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"expected a number, not '{value}'"
        spec = question.number
        if spec is not None:
            if spec.integer and value != int(value):
                return f"expected a whole number, not {value}"
            if spec.min is not None and value < spec.min:
                return f"{value} is below the minimum {spec.min:g}"
            if spec.max is not None and value > spec.max:
                return f"{value} is above the maximum {spec.max:g}"
        return None
    if not isinstance(value, str):
        return "expected text"
    return None
