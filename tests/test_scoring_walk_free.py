"""The ``walk-free`` rule on the mini bank, numbers by hand."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from roadmap_cli.scoring.model import Scorecard
from tests import scoring_helpers
from tests.scoring_helpers import TYPICAL


def score(values: Mapping[str, object], **options: object) -> Scorecard:
    """The mini bank scored under ``walk-free`` with these options."""
    # bank named: the type checker must not take an option for it
    return scoring_helpers.score(values, "walk-free", bank=None, **options)


def test_red_flag_subtracts() -> None:
    """B1.1 is a red-flag question: it stays out of B1 and subtracts instead.

    Sections (equal weight): A1 = 0.6667, A2 = 0.625, B1 = only B1.2 (weight 0) → no score,
    B2 = 0 (don't know).  Penalty = 1 point × (1 − 0.25 for 'some') = 0.75.
    overall = (0.6667 + 0.625 + 0 − 0.75) / 3 sections = 0.1806 → C (10–19 %).
    """
    card = score(TYPICAL)
    assert [s.score for s in card.sections][2] is None
    assert card.overall.score == pytest.approx(0.180556, abs=1e-6)
    assert card.overall.band == "C"
    assert [(f.question, f.penalty) for f in card.red_flags] == [("B1.1", 0.75)]
    assert card.categories[1].score == 0.0  # B = mean of B2 alone


def test_red_flag_caps_the_rating() -> None:
    """Strong answers with one red flag: A1 = 1, A2 = (1 + 1) / 2 = 1, B1 = B1.2 'yes'
    (weight 0 → no score), B2 = 1.  B1.1 'some': penalty 0.75.
    overall = (1 + 1 + 1 − 0.75) / 3 = 0.75 → A by score, held at BBB by the red flag."""
    values = {
        "A1.1": "yes",
        "A1.2": "yes",
        "A2.1": ["x", "y", "z"],
        "A2.2": 5,
        "B1.1": "some",
        "B1.2": "yes",
        "B2.1": "yes",
    }
    card = score(values)
    assert card.overall.score == pytest.approx(0.75)
    assert card.overall.band == "BBB"
    assert card.overall.capped == "1 red flag(s) raised"
    clean = score({**values, "B1.1": "good"})
    assert (clean.overall.score, clean.overall.band) == (1.0, "AAA")
    assert clean.red_flags == ()


def test_score_never_below_zero() -> None:
    """Only B1.1 'bad' and B2.1 'no': (0 − 1 × (1 − 0)) / 1 section = −1, kept at 0 → D."""
    card = score({"B1.1": "bad", "B2.1": "no"})
    assert (card.overall.score, card.overall.band) == (0.0, "D")
    assert card.overall.trace.notes == ("0 points − 1 penalty over 1 section = -1",)


def test_letter_bands_are_ten_point_steps() -> None:
    names = [(b.name, b.min) for b in score({}).bands]
    assert names[0] == ("D", 0.0) and names[-1] == ("AAA", 0.9) and len(names) == 10


def test_counts_include_red_flag_questions() -> None:
    """B1.1 is left out of B1's score but still counted: B1 holds 2 questions, 2 answered,
    and the categories' counts add up to the overall counts."""
    card = score(TYPICAL)
    b1 = card.sections[2]
    assert (b1.counts.questions, b1.counts.answered) == (2, 2)
    assert sum(c.counts.questions for c in card.categories) == card.overall.counts.questions
