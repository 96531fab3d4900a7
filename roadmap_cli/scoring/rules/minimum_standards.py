"""``minimum-standards``: critical questions are gates.

Scores are the ``weighted`` ones; but a category cannot rate above ``cap_band`` while any
of its critical questions scores below ``critical_threshold`` (or is unanswered), and the
whole assessment cannot either while any category is held down.  Gaps on unmet critical
questions are listed first.
"""

from __future__ import annotations

from roadmap_cli.scoring.aggregate import build_tree, cap_band, find_gaps, unmet_standards
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.options import MinimumStandardsOptions
from roadmap_cli.scoring.rules.base import ModelRule, Rating


class MinimumStandardsRule(ModelRule[MinimumStandardsOptions]):
    """The built-in ``minimum-standards`` rule."""

    name = "minimum-standards"
    description = "Weighted scores, with critical questions as gates on the band."
    summary = "Weighted, but unmet critical questions cap a category's band."
    options_model = MinimumStandardsOptions
    band_options = ("cap_band",)

    def rate(self, given: Rating[MinimumStandardsOptions]) -> Scorecard:
        """Weighted scores; unmet critical questions cap their category and the whole."""
        bank, opts, questions, bands = given.bank, given.opts, given.questions, given.bands
        sections, categories, overall = build_tree(bank, questions, opts)
        unmet = unmet_standards(questions, opts.critical_threshold)
        failing: dict[str, list[str]] = {}
        for item in unmet:
            failing.setdefault(item.category, []).append(item.question)
        capped = []
        for node in categories:
            ids = failing.get(node.id)
            if ids:
                why = f"critical question{'s' * (len(ids) > 1)} {', '.join(ids)} not met"
                node = cap_band(node, opts.cap_band, bands, why)
            capped.append(node)
        if unmet:
            ids = [item.question for item in unmet]
            overall = cap_band(
                overall, opts.cap_band, bands, f"{len(ids)} minimum standard(s) unmet"
            )
        gaps = find_gaps(bank, questions, opts)
        gated = {item.question for item in unmet}
        # Stable sort: unmet critical questions first, priority order kept within each group.
        gaps = tuple(sorted(gaps, key=lambda gap: gap.question not in gated))
        tree = (sections, tuple(capped), overall)
        return self.scorecard(given, tree, gaps=gaps, unmet=unmet)
