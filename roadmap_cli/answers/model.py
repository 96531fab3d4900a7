"""Answers files (format ``roadmap-answers/1``): the model, loading and saving.

An answers file is the portable record of one assessment, keyed by question id so that a
diff between two files reads naturally.  Saving is atomic and owner-only; every string a
YAML reader might take for another type is quoted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from roadmap_cli.answers.emit import emit
from roadmap_cli.bank.conditions import visibility
from roadmap_cli.bank.model import Bank, Name
from roadmap_cli.files import write_atomic
from roadmap_cli.problems import Sources, read_model

ANSWERS_FORMAT = "roadmap-answers/1"
MAX_NUMBER = 1e15


def _check_time(moment: datetime) -> datetime:
    # A time that cannot be shown in UTC (year 9999 west of Greenwich) would pass here and
    # break every report and save later: refuse it where it is written.
    if moment.tzinfo is not None:
        try:
            moment.astimezone(timezone.utc)
        except OverflowError:
            raise ValueError("must be a date and time between the years 1 and 9999") from None
    return moment


Time = Annotated[datetime, AfterValidator(_check_time)]
HEADER = "# roadmap-cli answers — edit with care; `roadmap validate FILE` checks it\n"


def _check_value(value: Any) -> str | float | int | list[str]:
    if isinstance(value, bool) or value is None:
        raise ValueError("must be an option key, a number, a list of option keys, or text")
    if isinstance(value, (int, float)):
        # An int this large has no float (and 1e308 overflows when multiplied): both are
        # typing mistakes, never a count a ministry reports.
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number")
        if abs(value) > MAX_NUMBER:
            raise ValueError(f"must be between -{MAX_NUMBER:.0e} and {MAX_NUMBER:.0e}")
        return value
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("must not be empty")
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("must be an option key, a number, a list of option keys, or text")


AnswerValue = Annotated[
    str | float | int | list[str],
    PlainValidator(_check_value),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "number"},
                {"type": "array", "items": {"type": "string"}},
            ],
            "description": "An option key, a number, a list of option keys (multi), text, "
            "or one of dont-know / not-applicable.",
        }
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Answer(_Model):
    """One answer, with the note, evidence and review flag that go with it."""

    value: AnswerValue
    note: str | None = None
    evidence: list[str] = Field(default_factory=list)
    flagged: bool = False
    flag_reason: str | None = None
    answered_at: Time | None = None


class ArchivedAnswer(Answer):
    """An answer that no longer belongs to an active question, kept by ``roadmap migrate``.

    Nothing a person wrote is deleted when a bank changes: the answer, its note, evidence
    and flag stay in the file, with the bank version it was given under and why it moved.
    """

    bank_version: Name = Field(description="The bank version the answer was given under.")
    reason: str = Field(description="Why it was archived, e.g. 'retired in 2.0.0'.")


class ConflictingAnswer(Answer):
    """One file's answer to a question that another merged file answered differently.

    ``roadmap merge`` never picks between them: every version waits under ``conflicts:``,
    with where it came from, until the officer chooses in ``roadmap assess --conflicts``.
    """

    source: str = Field(description="The answers file this version came from.")
    organisation: str | None = Field(default=None, description="That file's organisation.")
    assessor: str | None = Field(default=None, description="That file's assessor.")

    def answer(self) -> Answer:
        """This version as the answer it would be, once chosen: where it came from left out."""
        return Answer(
            **self.model_dump(exclude=set(type(self).model_fields) - set(Answer.model_fields))
        )


class BankRef(_Model):
    """Which bank (and version) the answers were given against."""

    id: Name
    version: Name


class Assessment(_Model):
    """Who assessed what, and when."""

    country: str
    organisation: str | None = None
    assessor: str | None = None
    role: str | None = None
    language: str | None = None
    started: Time | None = None
    updated: Time | None = None


class Settings(_Model):
    """How the interview behaves for this file (remembered between sessions)."""

    guidance: Literal["full", "short", "off"] | None = None


class AnswersFile(_Model):
    """A whole answers file."""

    format: Literal["roadmap-answers/1"]
    bank: BankRef
    assessment: Assessment
    settings: Settings | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)
    archived: dict[str, ArchivedAnswer] = Field(
        default_factory=dict,
        description="Answers kept from an earlier bank version (see roadmap migrate).",
    )
    conflicts: dict[str, list[ConflictingAnswer]] = Field(
        default_factory=dict,
        description="Questions merged files answered differently: every version, unresolved "
        "(see roadmap merge; resolve with roadmap assess FILE --conflicts).",
    )

    def values(self) -> dict[str, Any]:
        """Answer values by question id."""
        return {qid: answer.value for qid, answer in self.answers.items()}

    def shown(self, bank: Bank) -> dict[str, bool]:
        """Which of the bank's questions are visible under these answers (``show_if``)."""
        # Profile answers come first: conditions in the categories may read them.
        asked = (*bank.profile, *bank.questions())
        return visibility(((q.id, q.show_if) for q in asked), self.values())


@dataclass
class LoadedAnswers:
    """An answers file as read: the model and where each value sits in the file."""

    answers: AnswersFile
    sources: Sources
    path: Path


def load_answers(path: Path) -> LoadedAnswers:
    """Read an answers file; raise FileProblems if it is not a well-formed answers file."""
    answers, sources = read_model(
        path,
        AnswersFile,
        what="answers file",
        hint="Fix the file in a text editor, or restore it from a copy.",
    )
    return LoadedAnswers(answers, sources, path)


def now() -> datetime:
    """The current time in UTC, to the second (what answers files record)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def _timestamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat()


def file_data(answers: AnswersFile, order: Sequence[str] = ()) -> dict[str, Any]:
    """What an answers file holds as plain YAML values, answers in ``order`` (bank order),
    everything but ``archived:`` (which no save but a migration changes)."""
    meta = {
        key: (_timestamp(value) if isinstance(value, datetime) else value)
        for key, value in answers.assessment.model_dump().items()
        if value is not None
    }
    rank = {qid: i for i, qid in enumerate(order)}
    ids = sorted(answers.answers, key=lambda qid: (rank.get(qid, len(rank)), qid))
    data: dict[str, Any] = {
        "format": answers.format,
        "bank": {"id": answers.bank.id, "version": answers.bank.version},
        "assessment": meta,
        **({"settings": settings} if (settings := _settings_data(answers)) else {}),
        "answers": {qid: _answer_data(answers.answers[qid]) for qid in ids},
    }
    if answers.conflicts:
        data["conflicts"] = {qid: _conflict_data(v) for qid, v in answers.conflicts.items()}
    return data


def to_yaml(answers: AnswersFile, bank: Bank | None = None) -> str:
    """The text of an answers file: header comment, then answers in bank order."""
    data = file_data(answers, [q.id for q in bank.questions()] if bank else ())
    if answers.archived:
        data["archived"] = {key: _archived_data(entry) for key, entry in answers.archived.items()}
    return HEADER + emit(data)


def _settings_data(answers: AnswersFile) -> dict[str, Any]:
    return answers.settings.model_dump(exclude_none=True) if answers.settings else {}


def _answer_data(answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {"value": answer.value}
    if answer.note:
        data["note"] = answer.note
    if answer.evidence:
        data["evidence"] = list(answer.evidence)
    data["flagged"] = answer.flagged
    if answer.flag_reason:
        data["flag_reason"] = answer.flag_reason
    if answer.answered_at is not None:
        data["answered_at"] = _timestamp(answer.answered_at)
    return data


def _archived_data(entry: ArchivedAnswer) -> dict[str, Any]:
    return {**_answer_data(entry), "bank_version": entry.bank_version, "reason": entry.reason}


def _conflict_data(versions: list[ConflictingAnswer]) -> list[dict[str, Any]]:
    return [
        {
            "source": entry.source,
            **({"organisation": entry.organisation} if entry.organisation else {}),
            **({"assessor": entry.assessor} if entry.assessor else {}),
            **_answer_data(entry),
        }
        for entry in versions
    ]


def save_answers(path: Path, answers: AnswersFile, bank: Bank | None = None) -> None:
    """Write the answers file atomically, readable by its owner only (on POSIX)."""
    write_atomic(path, to_yaml(answers, bank), private=True)
