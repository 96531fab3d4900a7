"""``weighted`` (the default rule): weighted means up the tree, with five named bands.

question → section: mean of question scores weighted by question weight;
section → category and category → overall: weighted means (weight 1 unless overridden).
"Not applicable" is left out, "don't know" counts as 0, unanswered questions are left
out of the score but reported as coverage (all three configurable through options).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.aggregate import build_tree, find_gaps, red_flags, unmet_standards
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.options import WeightedOptions, option_defaults, option_help
from roadmap_cli.scoring.questions import score_questions
from roadmap_cli.scoring.rules import parse_options


class WeightedRule:
    """The built-in ``weighted`` rule."""

    name = "weighted"
    description = (
        "Weighted means of question scores, section by section, up to the whole assessment."
    )
    summary = "Weighted means up the tree; five maturity bands (the default)."
    options_model = WeightedOptions
    options: Mapping[str, Any] = option_defaults(WeightedOptions)
    option_help: Mapping[str, str] = option_help(WeightedOptions)

    def score(self, bank: Bank, answers: AnswersFile, options: Mapping[str, Any]) -> Scorecard:
        """Score ``answers`` against ``bank``."""
        opts = parse_options(self.name, WeightedOptions, options)
        questions = score_questions(bank, answers, opts)
        sections, categories, overall = build_tree(bank, questions, opts)
        return Scorecard(
            rule=self.name,
            bank_id=bank.id,
            bank_version=bank.version,
            country=answers.assessment.country,
            bands=opts.band_list(),
            questions=questions,
            sections=sections,
            categories=categories,
            overall=overall,
            gaps=find_gaps(bank, questions, opts),
            red_flags=red_flags(questions),
            unmet=unmet_standards(questions, opts.critical_threshold),
        )
