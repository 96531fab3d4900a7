"""Choosing between the answers merged files gave to one question (``assess --conflicts``).

``roadmap merge`` leaves a question that two files answered differently unanswered and
keeps every version under ``conflicts:``.  When the interview reaches such a question (in
any mode; ``--conflicts`` walks exactly those), it first shows every version — the value
in words, note, evidence, flag, and which file and organisation it came from — and the
officer picks one, gives a new answer through the usual question prompt, or skips (it
stays a conflict).  The engine saves the chosen answer and drops the conflict in the same
save, so a stop at any moment keeps what was resolved and loses no version.

An asker that can offer the choice implements ``ConflictAsker``; with any other asker the
versions are told as a notice and the question is asked as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from roadmap_cli.answers.model import ConflictingAnswer
from roadmap_cli.bank.model import Bank
from roadmap_cli.interview.model import Go, QuestionView
from roadmap_cli.report.answer_text import value_words
from roadmap_cli.terminal import visible
from roadmap_cli.text import localize


@dataclass(frozen=True)
class VersionView:
    """One file's answer to a question in conflict, ready to show."""

    source: str  # the file it came from
    who: str  # organisation and assessor, as known
    text: str  # the value in words
    note: str | None = None
    evidence: tuple[str, ...] = ()
    flagged: bool = False
    flag_reason: str | None = None


# What the officer chose: a version's index, None (give a new answer), or Go (skip, quit).
Choice = int | Go | None


@runtime_checkable
class ConflictAsker(Protocol):
    """An asker that lets the officer choose between the versions of a conflict."""

    def choose_version(self, view: QuestionView, versions: tuple[VersionView, ...]) -> Choice:
        """Show the versions; return the index chosen, None for a new answer, or a Go."""
        ...


def version_views(
    bank: Bank, qid: str, versions: list[ConflictingAnswer], language: str
) -> tuple[VersionView, ...]:
    """The versions of ``qid``'s conflict, in words, made safe to print."""
    views = []
    for entry in versions:
        who = ", ".join(x for x in (entry.organisation, entry.assessor) if x)
        text = value_words(bank, qid, entry.value, lambda t: localize(t, language))
        views.append(
            VersionView(
                visible(entry.source),
                visible(who),
                visible(text),
                visible(entry.note) if entry.note else None,
                tuple(visible(e) for e in entry.evidence),
                entry.flagged,
                visible(entry.flag_reason) if entry.flag_reason else None,
            )
        )
    return tuple(views)


def version_lines(number: int, version: VersionView) -> list[str]:
    """One version as sentences: ``2. moj.yaml (Ministry of Justice): Partly in place``…"""
    lead = f"{number}. {version.source}" + (f" ({version.who})" if version.who else "")
    lines = [f"{lead}: {version.text}"]
    if version.note:
        lines.append(f"   Note: {version.note}")
    if version.evidence:
        lines.append(f"   Evidence: {'; '.join(version.evidence)}")
    if version.flagged:
        reason = f": {version.flag_reason}" if version.flag_reason else ""
        lines.append(f"   Flagged for review{reason}")
    return lines


def conflict_heading(view: QuestionView, count: int) -> str:
    """The sentence that introduces a conflict."""
    return (
        f"{view.id} was answered differently by {count} merged files; it stays unanswered "
        "until you choose:"
    )


def told(view: QuestionView, versions: tuple[VersionView, ...]) -> str:
    """The versions as one notice, for an asker that cannot offer the choice."""
    lines = [conflict_heading(view, len(versions))]
    for number, version in enumerate(versions, 1):
        lines += version_lines(number, version)
    lines.append("Give the answer that is right (s skips: the versions stay in the file).")
    return "\n".join(lines)
