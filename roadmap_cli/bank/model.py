"""The question bank: its model (format ``roadmap-bank/1``) and the questions it holds.

Loading from files lives in ``bank.store``; checks across fields (ids, references,
``show_if``) live in ``bank.lint``.  This module only says what a bank *is*, and works out
once per bank the facts about each question that no answer changes (``QuestionFacts``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from roadmap_cli.bank.conditions import Condition
from roadmap_cli.text import LocalText, localize

QuestionType = Literal["scale", "single", "multi", "number", "text"]


def _to_text(value: Any) -> Any:
    # Article numbers and versions are names: `article: 6` means "6", not the number six.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # YAML has already read 6.10 as 6.1: the name as written is lost, so ask for quotes.
        raise ValueError(
            f"unquoted, YAML reads this as the number {value}: put it in quotes, "
            'e.g. "6.10", so that it stays as written'
        )
    return value


Name = Annotated[str, BeforeValidator(_to_text)]

# A web address a report may link to: http(s) only, and nothing that could end the link
# early in Markdown or HTML (spaces, quotes, brackets, angle brackets).
_URL = re.compile(r"https?://[^\s<>\"'`()\[\]{}\\^|]+")


def _check_url(value: str) -> str:
    if len(value) > 2000 or not _URL.fullmatch(value):
        raise ValueError(
            "must be a web address starting with https:// (or http://), without spaces, "
            "quotes or brackets"
        )
    return value


Url = Annotated[str, AfterValidator(_check_url)]


class _Model(BaseModel):
    # No NaN or infinity anywhere in a bank: a NaN weight silently breaks every mean.
    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False
    )


MAX_WEIGHT = 1_000_000  # far above any real weight, far below float overflow


class Option(_Model):
    """One answer a person can pick."""

    key: Name = Field(description="Stable key saved in answers files, e.g. in-place.")
    label: LocalText = Field(description="What the person sees.")
    score: float | None = Field(None, ge=0, le=1, description="Score in [0, 1]; none = unscored.")
    description: LocalText | None = Field(None, description="What choosing this option means.")
    red_flag: bool = Field(False, description="Choosing this option raises a red flag.")
    weight: float = Field(
        1, ge=0, le=MAX_WEIGHT, description="Multi-select only: this option's share of coverage."
    )
    exclusive: bool = Field(False, description="Multi-select only: 'none of these'; scores zero.")


class Scale(_Model):
    """A named, reusable list of options (e.g. an implementation scale)."""

    label: LocalText
    description: LocalText | None = None
    options: list[Option] = Field(min_length=2)


class Instrument(_Model):
    """An international or regional instrument that questions refer to."""

    title: LocalText = Field(description="Full official title.")
    short: LocalText | None = Field(None, description="Common short name.")
    year: int | None = Field(None, ge=1800, le=2100)
    body: str | None = Field(None, description="Adopting body.")
    url: Url | None = None


class Resource(_Model):
    """Further reading that recommendations point to."""

    title: LocalText
    year: int | None = Field(None, ge=1800, le=2100)
    body: str | None = None
    url: Url | None = None
    note: LocalText | None = None


class Reference(_Model):
    """A reference from a question to an instrument, at article or paragraph level."""

    instrument: Name = Field(description="An instrument code defined in the bank.")
    article: Name | None = Field(None, description='Article or paragraph, e.g. "6(3)".')

    def cite(self, name: str | None = None) -> str:
        """As people write it: 'TIPP Art. 6(3)', 'OHCHR-RPG, Guideline 2' or 'GSI'.

        ``name`` (e.g. the instrument's short title) replaces the code.
        """
        what = name or self.instrument
        if not self.article:
            return what
        return (
            f"{what} Art. {self.article}"
            if self.article[0].isdigit()
            else f"{what}, {self.article}"
        )


class NumberSpec(_Model):
    """Bounds and unit of a number question."""

    min: float | None = None
    max: float | None = None
    unit: LocalText | None = None
    integer: bool = False


class Threshold(_Model):
    """A score band for a number answer; the first threshold that matches applies."""

    min: float | None = Field(None, description="Matches values >= min.")
    max: float | None = Field(None, description="Matches values <= max.")
    score: float = Field(ge=0, le=1)
    red_flag: bool = False

    def matches(self, value: float) -> bool:
        """Whether ``value`` falls in this band."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Question(_Model):
    """One question: what is asked, how it is answered, and what falling short means."""

    id: Name = Field(description="Stable id, unique in the bank, e.g. PL1.2.")
    text: LocalText
    guidance: LocalText | None = None
    type: QuestionType = "scale"
    scale: str | None = Field(None, description="Name of a bank scale (type: scale).")
    options: list[Option] | None = Field(None, description="Options (type: single or multi).")
    number: NumberSpec | None = Field(None, description="Bounds (type: number).")
    thresholds: list[Threshold] | None = Field(None, description="Score bands (type: number).")
    weight: float = Field(1, ge=0, le=MAX_WEIGHT)
    critical: bool = False
    tags: list[str] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    recommendation: LocalText | None = None
    resources: list[str] = Field(default_factory=list)
    allow_na: bool | None = Field(
        None, description="Offer 'not applicable' (default: scored questions)."
    )
    allow_dont_know: bool | None = Field(
        None, description="Offer 'don't know' (default: scored questions)."
    )
    show_if: Condition | None = None
    rationale: LocalText | None = Field(
        None,
        description="One line: the binding obligation a critical question rests on.",
    )

    @model_validator(mode="after")
    def _type_fields(self) -> Question:
        needs = {"scale": "scale", "single": "options", "multi": "options", "number": "number"}
        wanted = needs.get(self.type)
        if wanted and getattr(self, wanted) is None:
            raise ValueError(f"a '{self.type}' question needs '{wanted}:'")
        for name in ("scale", "options", "number", "thresholds"):
            if (
                getattr(self, name) is not None
                and name != wanted
                and not (name == "thresholds" and self.type == "number")
            ):
                raise ValueError(f"'{name}:' does not apply to a '{self.type}' question")
        return self

    @property
    def offers_na(self) -> bool:
        """Whether 'not applicable' is offered."""
        return self.allow_na if self.allow_na is not None else self.type != "text"

    @property
    def offers_dont_know(self) -> bool:
        """Whether 'don't know' is offered."""
        return self.allow_dont_know if self.allow_dont_know is not None else self.type != "text"


class Section(_Model):
    """A group of questions on one topic."""

    id: Name
    title: LocalText
    summary: LocalText | None = None
    questions: list[Question] = Field(min_length=1)


class Category(_Model):
    """One of the bank's top-level categories (Planning, Principles, Policy, Practices)."""

    id: Name
    title: LocalText
    summary: LocalText | None = None
    sections: list[Section] = Field(min_length=1)


class Change(_Model):
    """What a bank version changed, so older answers files can be checked against it."""

    version: Name
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    renamed: dict[str, str] = Field(default_factory=dict)
    note: LocalText | None = None


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """What scoring needs to know about a question that no answer changes.

    Worked out once per bank (``Bank.facts``) because a batch scores every question of
    every file against them.
    """

    question: Question
    category: str  # the ids of its category and section
    section: str
    options: tuple[Option, ...]
    option_by_key: dict[str, Option]
    multi_total: float  # weight of all non-exclusive options (multi)
    flag_markers: bool  # some option or threshold raises a red flag
    references: tuple[str, ...]  # e.g. "TIPP Art. 9(1)"
    recommendation: str  # in the bank's default language

    @property
    def is_red_flag_question(self) -> bool:
        """Tagged ``red-flag``, or has an option or threshold that raises a red flag."""
        return "red-flag" in self.question.tags or self.flag_markers


@dataclass(frozen=True)
class Located:
    """A question with its place in the bank."""

    question: Question
    category: Category
    section: Section
    index: int  # position in the whole bank, from 0
    path: tuple[str | int, ...]  # where it sits in the bank data (for error locations)


class Bank(_Model):
    """A question bank."""

    format: Literal["roadmap-bank/1"] = Field(description="Always roadmap-bank/1.")
    id: Name = Field(description="Bank id, lowercase with hyphens.")
    title: LocalText
    version: Name = Field(description="Semantic version, e.g. 1.2.0.")
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    default_language: str = "en"
    description: LocalText | None = None
    scales: dict[str, Scale] = Field(default_factory=dict)
    instruments: dict[str, Instrument] = Field(default_factory=dict)
    resources: dict[str, Resource] = Field(default_factory=dict)
    tags: dict[str, LocalText] = Field(
        default_factory=dict, description="Extra tags this bank uses, with their meaning."
    )
    profile: list[Question] = Field(
        default_factory=list,
        description="Country-profile questions asked before the categories; never scored, "
        "read by show_if conditions.",
    )
    categories: list[Category] = Field(min_length=1)
    changes: list[Change] = Field(default_factory=list)

    @cached_property
    def located(self) -> list[Located]:
        """Every question in bank order, with its category, section and position."""
        found: list[Located] = []
        for ci, category in enumerate(self.categories):
            for si, section in enumerate(category.sections):
                for qi, question in enumerate(section.questions):
                    path = ("categories", ci, "sections", si, "questions", qi)
                    found.append(Located(question, category, section, len(found), path))
        return found

    @cached_property
    def profile_located(self) -> list[Located]:
        """The country-profile questions, placed before every category question.

        They sit in a pseudo-category ``profile`` with negative positions, so that
        ``show_if`` anywhere may look back at them; they are not in ``located``, which
        is what scoring walks, so they are never scored.
        """
        if not self.profile:
            return []
        section = Section(id="profile", title="Country profile", questions=self.profile)
        category = Category(id="profile", title="Country profile", sections=[section])
        count = len(self.profile)
        return [
            Located(question, category, section, index - count, ("profile", index))
            for index, question in enumerate(self.profile)
        ]

    @cached_property
    def asked(self) -> list[Located]:
        """Every question the interview asks, in order: the country profile, then the rest."""
        return [*self.profile_located, *self.located]

    @cached_property
    def by_id(self) -> dict[str, Located]:
        """Questions by id, profile included (the first, if a broken bank repeats one)."""
        index: dict[str, Located] = {}
        for item in (*self.profile_located, *self.located):
            index.setdefault(item.question.id, item)
        return index

    @cached_property
    def facts(self) -> tuple[QuestionFacts, ...]:
        """Per-question facts in bank order (worked out once per bank)."""
        return tuple(self._facts(item) for item in self.located)

    @cached_property
    def facts_by_id(self) -> dict[str, QuestionFacts]:
        """``facts`` by question id (the first, if a broken bank repeats one)."""
        index: dict[str, QuestionFacts] = {}
        for facts in self.facts:
            index.setdefault(facts.question.id, facts)
        return index

    @cached_property
    def option_index(self) -> dict[str, dict[str, Option]]:
        """Each question's options by key (checked for every answer of every file)."""
        index = {facts.question.id: facts.option_by_key for facts in self.facts}
        for question in self.profile:
            index.setdefault(question.id, {o.key: o for o in self.options_for(question)})
        return index

    def _facts(self, item: Located) -> QuestionFacts:
        question = item.question
        options = tuple(self.options_for(question))
        thresholds = question.thresholds or []
        return QuestionFacts(
            question,
            item.category.id,
            item.section.id,
            options,
            {option.key: option for option in options},
            sum(o.weight for o in options if not o.exclusive),
            any(t.red_flag for t in thresholds) or any(o.red_flag for o in options),
            tuple(ref.cite() for ref in question.references),
            localize(question.recommendation, self.default_language),
        )

    def questions(self) -> Iterator[Question]:
        """Every question in bank order."""
        return (item.question for item in self.located)

    def options_for(self, question: Question) -> list[Option]:
        """The options a question offers (its scale's, or its own)."""
        if question.scale is not None:
            scale = self.scales.get(question.scale)
            return list(scale.options) if scale else []
        return list(question.options or [])

    def is_scored(self, question: Question) -> bool:
        """Whether the question's answer can carry a score (regardless of its weight)."""
        if question.type == "text":
            return False
        if question.type == "number":
            return bool(question.thresholds)
        if question.type == "multi":
            return True
        return any(option.score is not None for option in self.options_for(question))
