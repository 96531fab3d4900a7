"""``weighted`` (the default rule): weighted means up the tree, with five named bands.

question → section: mean of question scores weighted by question weight;
section → category and category → overall: weighted means (weight 1 unless overridden).
"Not applicable" is left out, "don't know" counts as 0, unanswered questions are left
out of the score but reported as coverage (all three configurable through options).
"""

from __future__ import annotations

from roadmap_cli.scoring.aggregate import build_tree
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.options import WeightedOptions
from roadmap_cli.scoring.rules.base import ModelRule, Rating


class WeightedRule(ModelRule[WeightedOptions]):
    """The built-in ``weighted`` rule."""

    name = "weighted"
    description = (
        "Weighted means of question scores, section by section, up to the whole assessment."
    )
    summary = "Weighted means up the tree; five maturity bands (the default)."
    options_model = WeightedOptions

    def rate(self, given: Rating[WeightedOptions]) -> Scorecard:
        """Weighted means up the tree, nothing more."""
        return self.scorecard(given, build_tree(given.bank, given.questions, given.opts))
