"""The ``minimum-standards`` rule on the mini bank, numbers by hand."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from roadmap_cli.errors import RoadmapError
from roadmap_cli.scoring.model import Scorecard
from tests import scoring_helpers
from tests.scoring_helpers import TYPICAL


def score(values: Mapping[str, object], **options: object) -> Scorecard:
    """The mini bank scored under ``minimum-standards`` with these options."""
    # bank named: the type checker must not take an option for it
    return scoring_helpers.score(values, "minimum-standards", bank=None, **options)


def test_unmet_critical_question_caps_its_category() -> None:
    """Scores are the weighted ones (A = 0.6458 Established, B = 0.125, overall 0.3854).
    A1.1 (critical) is 'partly' = 0.5 < 0.75, so A is held at Developing; B2.1 (critical)
    is don't know = 0 but B (Minimal) is already below the cap.  Overall (Initial) is
    below the cap too, so it keeps its band."""
    card = score(TYPICAL)
    a, b = card.categories
    assert a.score == pytest.approx(0.645833, abs=1e-6)
    assert (a.band, a.capped) == ("Developing", "critical question A1.1 not met")
    assert "band held at Developing (would be Established)" in a.trace.notes[0]
    assert (b.band, b.capped) == ("Minimal", None)
    assert (card.overall.band, card.overall.capped) == ("Initial", None)


def test_unmet_gaps_come_first() -> None:
    """Gaps by priority are B1.1 1.5, B2.1 1.5, A1.1 1.0, A2.2 0.25; unmet standards
    (A1.1, B2.1) move to the front, keeping their own priority order."""
    card = score(TYPICAL)
    assert [g.question for g in card.gaps] == ["B2.1", "A1.1", "B1.1", "A2.2"]


def test_all_standards_met_means_no_cap() -> None:
    """A1.1 yes and B2.1 yes meet the 0.75 threshold: A1 = (2 × 1 + 1 × 1) / 3 = 1,
    A2 = 0.625, A = 0.8125 → Advanced, uncapped."""
    card = score({**TYPICAL, "A1.1": "yes", "B2.1": "yes"})
    assert card.unmet == ()
    assert card.categories[0].band == "Advanced"
    assert card.categories[0].capped is None


def test_overall_is_capped_too() -> None:
    """Everything 'yes'/'good'/full except B2.1 unanswered: overall is Advanced by score
    (A = 1, B1 = 1, B2 none → B = 1, overall = 1) but held at Developing."""
    values = {"A1.1": "yes", "A1.2": "yes", "A2.1": ["x", "y", "z"], "A2.2": 5, "B1.1": "good"}
    card = score(values)
    assert card.overall.score == 1.0
    assert card.overall.band == "Developing"
    assert card.overall.capped == "1 minimum standard(s) unmet"
    assert [(u.question, u.reason) for u in card.unmet] == [("B2.1", "not answered")]


def test_threshold_and_cap_band_are_options() -> None:
    """critical_threshold 0.5 makes A1.1 'partly' (0.5) meet the standard."""
    card = score(TYPICAL, critical_threshold=0.5, cap_band="Initial")
    assert [u.question for u in card.unmet] == ["B2.1"]
    assert card.categories[0].band == "Established"


def test_unknown_cap_band_is_one_clear_error() -> None:
    with pytest.raises(RoadmapError, match="option cap_band: 'Gold' is not one of the bands"):
        score(TYPICAL, cap_band="Gold")
