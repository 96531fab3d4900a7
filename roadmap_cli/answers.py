"""Answers files (format ``roadmap-answers/1``): the model, loading and saving.

An answers file is the portable record of one assessment, keyed by question id so that a
diff between two files reads naturally.  Saving is atomic and owner-only; every string a
YAML reader might take for another type is quoted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from roadmap_cli.bank import Bank, Name
from roadmap_cli.conditions import visibility
from roadmap_cli.validation import Sources, read_model
from roadmap_cli.yamlio import dump_yaml, write_atomic

ANSWERS_FORMAT = "roadmap-answers/1"
HEADER = "# roadmap-cli answers — edit with care; `roadmap validate FILE` checks it\n"


def _check_value(value: Any) -> str | float | int | list[str]:
    if isinstance(value, bool) or value is None:
        raise ValueError("must be an option key, a number, a list of option keys, or text")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
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
    answered_at: datetime | None = None


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
    started: datetime | None = None
    updated: datetime | None = None


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

    def values(self) -> dict[str, Any]:
        """Answer values by question id."""
        return {qid: answer.value for qid, answer in self.answers.items()}

    def shown(self, bank: Bank) -> dict[str, bool]:
        """Which of the bank's questions are visible under these answers (``show_if``)."""
        return visibility(((q.id, q.show_if) for q in bank.questions()), self.values())


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


def to_yaml(answers: AnswersFile, bank: Bank | None = None) -> str:
    """The text of an answers file: header comment, then answers in bank order."""
    order = {q.id: i for i, q in enumerate(bank.questions())} if bank else {}
    ids = sorted(answers.answers, key=lambda qid: (order.get(qid, len(order)), qid))
    meta = {
        key: (_timestamp(value) if isinstance(value, datetime) else value)
        for key, value in answers.assessment.model_dump().items()
        if value is not None
    }
    data: dict[str, Any] = {
        "format": ANSWERS_FORMAT,
        "bank": {"id": answers.bank.id, "version": answers.bank.version},
        "assessment": meta,
        **({"settings": settings} if (settings := _settings_data(answers)) else {}),
        "answers": {qid: _answer_data(answers.answers[qid]) for qid in ids},
    }
    return HEADER + dump_yaml(data)


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


def save_answers(path: Path, answers: AnswersFile, bank: Bank | None = None) -> None:
    """Write the answers file atomically, readable by its owner only (on POSIX)."""
    write_atomic(path, to_yaml(answers, bank), private=True)
