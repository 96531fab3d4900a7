"""What the built-in rules share: options from a pydantic model, one Scorecard shape.

A third-party rule needs none of this — any class with the attributes of
``scoring.registry.Rule`` will do, and the registry checks it the same way.  ``ModelRule``
only keeps the built-ins (and plugins that build on them) from writing their option
attributes, option checks and Scorecard three times.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.aggregate import find_gaps, red_flags, unmet_standards
from roadmap_cli.scoring.model import (
    Band,
    Gap,
    NodeScore,
    QuestionScore,
    RedFlag,
    Scorecard,
    StandardUnmet,
)
from roadmap_cli.scoring.options import WeightedOptions, option_defaults, option_help
from roadmap_cli.scoring.questions import score_questions
from roadmap_cli.scoring.rules import parse_options, require_band

OptionsT = TypeVar("OptionsT", bound=WeightedOptions)


@dataclass(frozen=True, slots=True)
class Rating(Generic[OptionsT]):
    """What ``ModelRule.rate`` is given: these travel together from ``score`` to the
    Scorecard, so a rule's signature names them once.  ``bands`` are ``opts``' bands."""

    bank: Bank
    answers: AnswersFile
    opts: OptionsT
    questions: tuple[QuestionScore, ...]
    bands: tuple[Band, ...]


class ModelRule(Generic[OptionsT]):
    """A rule whose options are ``options_model``; a subclass writes ``rate``."""

    name: str
    summary: str
    description: str
    options_model: type[OptionsT]
    options: Mapping[str, Any]
    option_help: Mapping[str, str]
    # Options that must name one of the bands, checked before anything is scored.
    band_options: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Defaults and help follow from the model, once per class; a subclass that sets
        # its own (``options = {...}``, ``option_help = {...}``) keeps them.
        model = cls.__dict__.get("options_model")
        if model is not None:
            if "options" not in cls.__dict__:
                cls.options = option_defaults(model)
            if "option_help" not in cls.__dict__:
                cls.option_help = option_help(model)

    def score(self, bank: Bank, answers: AnswersFile, options: Mapping[str, Any]) -> Scorecard:
        """Score ``answers`` against ``bank``."""
        opts = parse_options(self.name, self.options_model, options)
        bands = opts.band_list()
        for option in self.band_options:
            require_band(self.name, option, getattr(opts, option), bands)
        questions = score_questions(bank, answers, opts)
        return self.rate(Rating(bank, answers, opts, questions, bands))

    def rate(self, given: Rating[OptionsT]) -> Scorecard:
        """The Scorecard for ``given.questions``, already scored one by one."""
        raise NotImplementedError

    def scorecard(
        self,
        given: Rating[OptionsT],
        tree: tuple[tuple[NodeScore, ...], tuple[NodeScore, ...], NodeScore],
        *,
        gaps: tuple[Gap, ...] | None = None,
        flags: tuple[RedFlag, ...] | None = None,
        unmet: tuple[StandardUnmet, ...] | None = None,
        notes: tuple[str, ...] = (),
    ) -> Scorecard:
        """This rule's Scorecard: ``tree`` is (sections, categories, overall); gaps, red
        flags and unmet standards are the usual ones unless given."""
        sections, categories, overall = tree
        bank, answers, opts, questions = given.bank, given.answers, given.opts, given.questions
        return Scorecard(
            rule=self.name,
            bank_id=bank.id,
            bank_version=bank.version,
            country=answers.assessment.country,
            bands=given.bands,
            questions=questions,
            sections=sections,
            categories=categories,
            overall=overall,
            gaps=find_gaps(bank, questions, opts) if gaps is None else gaps,
            red_flags=red_flags(questions) if flags is None else flags,
            unmet=unmet_standards(questions, opts.critical_threshold) if unmet is None else unmet,
            notes=notes,
        )
