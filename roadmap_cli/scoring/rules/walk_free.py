"""``walk-free``: modelled on the Walk Free Global Slavery Index government-response rating.

Sections stand for Walk Free's activities and weigh equally; red-flag questions are
negative indicators that subtract points instead of adding them; any red flag caps the
rating (at BBB by default); the percentage maps to ten letter ratings in 10-point bands.
docs/scoring.md says where this departs from the published method.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.aggregate import build_tree, cap_band, red_flags, total_counts
from roadmap_cli.scoring.model import (
    Band,
    NodeScore,
    QuestionScore,
    RedFlag,
    Scorecard,
    Trace,
    TraceInput,
)
from roadmap_cli.scoring.options import WalkFreeOptions
from roadmap_cli.scoring.questions import band_for
from roadmap_cli.scoring.rules.base import ModelRule, Rating
from roadmap_cli.scoring.working import overall_working
from roadmap_cli.text import localize

OVERALL = (
    "(Σ section scores − Σ red-flag penalties) / number of sections with a score, "
    "kept within 0 to 1; penalty = red_flag_points × (1 − answer score)"
)


class WalkFreeRule(ModelRule[WalkFreeOptions]):
    """The built-in ``walk-free`` rule."""

    name = "walk-free"
    description = "Equal-weight sections, red flags subtract and cap, AAA–D letter ratings."
    summary = "Walk Free-style: equal sections, red flags subtract and cap, AAA–D ratings."
    options_model = WalkFreeOptions
    band_options = ("red_flag_cap",)

    def rate(self, given: Rating[WalkFreeOptions]) -> Scorecard:
        """Equal sections, red flags subtracted from the overall and capping its band."""
        bank, opts, questions, bands = given.bank, given.opts, given.questions, given.bands
        # Negative indicators only ever subtract, so they stay out of the section means.
        negative = {f.question.id for f in bank.facts if f.is_red_flag_question}
        sections, categories, _ = build_tree(
            bank,
            questions,
            opts,
            left_out=negative,
            left_out_what="red-flag questions",
            equal_sections=True,
        )
        # Categories feed no score above them: the overall is the mean of all sections.
        categories = tuple(replace(node, weighs=False) for node in categories)
        flags = red_flags(questions, opts.red_flag_points)
        overall = self._overall(bank, sections, questions, flags, bands)
        if flags:
            overall = cap_band(
                overall, opts.red_flag_cap, bands, f"{len(flags)} red flag(s) raised"
            )
        tree = (sections, categories, overall)
        notes = ineffective_weights(bank, opts.weights)
        return self.scorecard(given, tree, flags=flags, notes=notes)

    @staticmethod
    def _overall(
        bank: Bank,
        sections: tuple[NodeScore, ...],
        questions: tuple[QuestionScore, ...],
        flags: tuple[RedFlag, ...],
        bands: tuple[Band, ...],
    ) -> NodeScore:
        # Sections weigh equally (build_tree ignored section weights): one point each.
        scored = [s.score for s in sections if s.score is not None]
        inputs = [TraceInput(s.id, s.score, 1.0) for s in sections]
        penalties = [flag.penalty or 0.0 for flag in flags]
        inputs += [
            TraceInput(f"red flag {f.question}", -(f.penalty or 0.0), None, f.answer) for f in flags
        ]
        score: float | None = None
        notes: tuple[str, ...] = ()
        if scored:
            points = sum(scored)
            penalty = sum(penalties)
            raw = (points - penalty) / len(scored)
            score = min(1.0, max(0.0, raw))
            notes = (overall_working(scored, penalties, raw),)
        return NodeScore(
            id="overall",
            level="overall",
            title=localize(bank.title, bank.default_language),
            score=score,
            weight=1.0,
            counts=total_counts(questions),
            band=band_for(score, bands),
            trace=Trace(OVERALL, tuple(inputs), score, notes),
            weighs=False,
        )


def ineffective_weights(bank: Bank, weights: Mapping[str, float]) -> tuple[str, ...]:
    """A warning naming the section and category ids in ``weights``, which walk-free ignores."""
    nodes = {category.id for category in bank.categories}
    nodes |= {section.id for category in bank.categories for section in category.sections}
    ignored = sorted(key for key in weights if key in nodes)
    if not ignored:
        return ()
    return (
        "rules: warning: walk-free weighs sections equally; the weights set for "
        f"{', '.join(ignored)} have no effect (question weights still apply)",
    )
