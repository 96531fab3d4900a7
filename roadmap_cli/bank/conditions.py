"""``show_if``: declarative conditions on earlier answers, and their evaluation.

A condition is data, never code: ``{question: ID, in: [keys]}``, ``{question: ID, not_in:
[keys]}``, ``{question: ID, answered: true}``, combined with ``{all: [...]}``, ``{any:
[...]}`` and ``{not: ...}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The two answers the tool itself offers; never option keys.
DONT_KNOW = "dont-know"
NOT_APPLICABLE = "not-applicable"
RESERVED_VALUES = frozenset({DONT_KNOW, NOT_APPLICABLE})


class Condition(BaseModel):
    """One ``show_if`` condition (exactly one of its forms is given)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    question: str | None = Field(None, description="Id of an earlier question.")
    in_: list[str] | None = Field(
        None, alias="in", description="Shown if the answer is one of these keys."
    )
    not_in: list[str] | None = Field(None, description="Shown if answered with none of these keys.")
    answered: bool | None = Field(
        None, description="Shown if that question is (true) or is not (false) answered."
    )
    all: list[Condition] | None = Field(None, description="Shown if every condition holds.")
    any: list[Condition] | None = Field(None, description="Shown if at least one condition holds.")
    not_: Condition | None = Field(
        None, alias="not", description="Shown if the condition does not hold."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        tests = [k for k in ("in_", "not_in", "answered") if getattr(self, k) is not None]
        combinators = [k for k in ("all", "any", "not_") if getattr(self, k) is not None]
        if self.question is not None:
            if combinators or len(tests) != 1:
                raise ValueError(
                    "a condition on a question needs exactly one of 'in', 'not_in' or 'answered'"
                )
        elif tests:
            raise ValueError("'in', 'not_in' and 'answered' need 'question:' naming the question")
        elif len(combinators) != 1:
            raise ValueError("give one of 'question', 'all', 'any' or 'not'")
        return self

    def tested_questions(self) -> Iterator[tuple[Condition, str]]:
        """Every (leaf condition, question id) this condition reads, depth first."""
        if self.question is not None:
            yield self, self.question
        for child in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            yield from child.tested_questions()

    def holds(self, values: Mapping[str, Any]) -> bool:
        """Whether the condition holds, given the active answer values by question id."""
        if self.question is not None:
            value = values.get(self.question)
            if self.answered is not None:
                return (value is not None) == self.answered
            chosen = _as_keys(value)
            if self.in_ is not None:
                return bool(chosen & set(self.in_))
            # An unanswered question satisfies neither 'in' nor 'not_in': follow-ups
            # appear only once the question they follow has an answer.
            return bool(chosen) and not chosen & set(self.not_in or [])
        if self.all is not None:
            return all(c.holds(values) for c in self.all)
        if self.any is not None:
            return any(c.holds(values) for c in self.any)
        assert self.not_ is not None  # guaranteed by _one_form
        return not self.not_.holds(values)


def _as_keys(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}


def visibility(
    questions: Iterable[tuple[str, Condition | None]], values: Mapping[str, Any]
) -> dict[str, bool]:
    """Which questions are shown, in bank order, given the answer values by question id.

    A hidden question's answer is kept in the file but does not count: it cannot make a
    later question visible.
    """
    active: dict[str, Any] = {}
    shown: dict[str, bool] = {}
    for question_id, condition in questions:
        visible = condition is None or condition.holds(active)
        shown[question_id] = visible
        if visible and question_id in values:
            active[question_id] = values[question_id]
    return shown
