"""The ``weighted`` rule on the mini bank (tests/scoring_helpers.py), numbers by hand."""

from __future__ import annotations

import pytest

from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.registry import select_rule
from tests.scoring_helpers import TYPICAL, answers, mini_bank, nodes, score


def by_id(card: Scorecard) -> dict[str, float | None]:
    """Each node's score by its id."""
    return {node.id: node.score for node in nodes(card)}


def test_typical_assessment() -> None:
    """Worked by hand:

    A1 = (2 × 0.5 [A1.1 partly] + 1 × 1 [A1.2 yes]) / (2 + 1) = 2/3 ≈ 0.6667
    A2.1 ticks x (2) and z (1) of x, y, z (2 + 1 + 1 = 4) → 3/4 = 0.75
    A2.2 = 2 → first threshold with max ≥ 2 is "max: 2" → 0.5
    A2 = (0.75 + 0.5) / 2 = 0.625;  A = (0.6667 + 0.625) / 2 = 0.6458 → Established
    B1 = (2 × 0.25 [B1.1 some] + 0 × 1 [B1.2 weight 0]) / 2 = 0.25
    B2 = B2.1 don't know = 0 (B2.2 is text, unscored);  B = (0.25 + 0) / 2 = 0.125
    overall = (0.6458 + 0.125) / 2 = 0.3854 → Initial (0.2 ≤ score < 0.4)
    """
    card = score(TYPICAL)
    scores = by_id(card)
    assert scores["A1"] == pytest.approx(2 / 3)
    assert scores["A2.1"] == pytest.approx(0.75)
    assert scores["A2.2"] == 0.5
    assert scores["A2"] == pytest.approx(0.625)
    assert scores["A"] == pytest.approx(0.645833, abs=1e-6)
    assert scores["B1"] == pytest.approx(0.25)
    assert scores["B2"] == 0.0
    assert scores["B2.2"] is None
    assert scores["overall"] == pytest.approx(0.385417, abs=1e-6)
    assert [c.band for c in card.categories] == ["Established", "Minimal"]
    assert card.overall.band == "Initial"
    counts = card.overall.counts
    assert (counts.questions, counts.answered, counts.unanswered, counts.dont_know) == (8, 8, 0, 1)


def test_gaps_priority_and_order() -> None:
    """Target 0.75; priority = shortfall × weight × 2 (critical) × 1.5 (red flag):

    B1.1: (0.75 − 0.25) × 2 × 1.5 = 1.5     B2.1: (0.75 − 0) × 1 × 2 = 1.5
    A1.1: (0.75 − 0.5) × 2 × 2 = 1.0        A2.2: (0.75 − 0.5) × 1 = 0.25
    A2.1 (0.75) meets the target; ties keep bank order (B1.1 before B2.1).
    """
    card = score(TYPICAL)
    assert [(g.question, g.priority) for g in card.gaps] == [
        ("B1.1", 1.5),
        ("B2.1", 1.5),
        ("A1.1", 1.0),
        ("A2.2", 0.25),
    ]
    first = card.gaps[2]
    assert first.recommendation == "Adopt a plan."
    assert first.references == ("TIPP Art. 9(1)",)
    assert first.critical and first.shortfall == 0.25


def test_gap_threshold_and_targets() -> None:
    """targets {A: 1} and gap_threshold 0.3 (only shortfalls above 0.3 are gaps):

    A1.1: (1 − 0.5) × 2 × 2 = 2.0      A2.2: (1 − 0.5) × 1 = 0.5
    A2.1: 1 − 0.75 = 0.25 ≤ 0.3, not a gap
    B1.1: (0.75 − 0.25) × 2 × 1.5 = 1.5  B2.1: 0.75 × 1 × 2 = 1.5 (category B keeps 0.75)
    """
    card = score(TYPICAL, gap_threshold=0.3, targets={"A": 1.0})
    assert [(g.question, g.priority) for g in card.gaps] == [
        ("A1.1", 2.0),
        ("B1.1", 1.5),
        ("B2.1", 1.5),
        ("A2.2", 0.5),
    ]
    assert card.gaps[0].target == 1.0 and card.gaps[1].target == 0.75


def test_red_flag_and_unmet_are_listed() -> None:
    card = score(TYPICAL)
    assert [(f.question, f.answer) for f in card.red_flags] == [("B1.1", "some")]
    assert [(u.question, u.reason) for u in card.unmet] == [
        ("A1.1", "answered 'partly' (0.5), below 0.75"),
        ("B2.1", "answered 'dont-know' (0), below 0.75"),
    ]


def test_all_not_applicable() -> None:
    """Everything 'not applicable': nothing has a score, so no band and no gaps.
    A1.2 is hidden (A1.1 is not partly/yes); B2.2 (text) is left unanswered."""
    values = dict.fromkeys(("A1.1", "A2.1", "A2.2", "B1.1", "B1.2", "B2.1"), "not-applicable")
    card = score(values)
    assert card.overall.score is None and card.overall.band is None
    assert all(c.score is None for c in card.categories)
    assert card.gaps == ()
    assert card.unmet == ()  # not applicable is not a failed standard
    c = card.overall.counts
    assert (c.answered, c.not_applicable, c.hidden, c.unanswered) == (6, 6, 1, 1)


def test_not_applicable_can_be_scored() -> None:
    """not_applicable: 1 scores N/A as full marks: A1 = (2 × 1) / 2 = 1."""
    card = score({"A1.1": "not-applicable"}, not_applicable=1.0)
    assert by_id(card)["A1"] == 1.0


def test_nothing_answered() -> None:
    """No answers: no score anywhere, coverage 0 of 7 visible (A1.2 hidden), both critical
    questions unmet as 'not answered'."""
    card = score({})
    assert card.overall.score is None
    c = card.overall.counts
    assert (c.answered, c.unanswered, c.hidden, c.coverage) == (0, 7, 1, 0.0)
    assert [(u.question, u.reason) for u in card.unmet] == [
        ("A1.1", "not answered"),
        ("B2.1", "not answered"),
    ]
    assert card.gaps == ()


def test_weight_zero() -> None:
    """B1.2 has weight 0: alone it gives B1 no score (Σ weight = 0); with B1.1 'good' (1,
    weight 2) beside B1.2 'no' (0, weight 0), B1 = (2 × 1 + 0 × 0) / 2 = 1."""
    alone = score({"B1.2": "yes"})
    assert by_id(alone)["B1"] is None
    assert "every input with a score has weight 0" in alone.sections[2].trace.notes
    both = score({"B1.1": "good", "B1.2": "no"})
    assert by_id(both)["B1"] == 1.0


def test_weight_overrides() -> None:
    """weights: {A1.2: 3, B: 3}: A1 = (2 × 0.5 + 3 × 1) / 5 = 0.8;
    overall = (1 × A + 3 × B) / 4 with A = (0.8 + 0.625) / 2 = 0.7125, B = 0.125
    → (0.7125 + 0.375) / 4 = 0.271875."""
    card = score(TYPICAL, weights={"A1.2": 3, "B": 3})
    scores = by_id(card)
    assert scores["A1"] == pytest.approx(0.8)
    assert scores["overall"] == pytest.approx(0.271875)


def test_hidden_by_show_if() -> None:
    """A1.1 'no' hides A1.2, so its 'yes' in the file does not count: A1 = 0."""
    card = score({"A1.1": "no", "A1.2": "yes"})
    a12 = card.questions[1]
    assert (a12.status, a12.score, a12.answer) == ("hidden", None, "yes")
    assert by_id(card)["A1"] == 0.0
    assert card.sections[0].counts.hidden == 1


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [(["x"], 0.5), (["y", "z"], 0.5), (["x", "y", "z"], 1.0), (["none"], 0.0), ([], 0.0)],
)
def test_multi_coverage(ticked: list[str], expected: float) -> None:
    """Share of the non-exclusive weight ticked (x 2, y 1, z 1 → total 4)."""
    assert score({"A2.1": ticked}).questions[2].score == expected


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (1, 0.5), (2, 0.5), (3, 1.0), (10, 1.0)])
def test_number_thresholds(value: int, expected: float) -> None:
    """First threshold that matches: ≤ 0 → 0, ≤ 2 → 0.5, anything else → 1."""
    assert score({"A2.2": value}).questions[3].score == expected


def test_dont_know_policy() -> None:
    """dont_know 'exclude' leaves B2.1 out (B2 has no score, B = B1 = 0.25);
    dont_know 0.5 scores it 0.5 (B2 = 0.5)."""
    excluded = by_id(score(TYPICAL, dont_know="exclude"))
    assert excluded["B2"] is None and excluded["B"] == 0.25
    assert by_id(score(TYPICAL, dont_know=0.5))["B2"] == 0.5


def test_flagged_answers_are_counted() -> None:
    card = select_rule("weighted").score(
        mini_bank(), answers({"A1.1": "yes"}, fields={"A1.1": {"flagged": True}})
    )
    assert card.overall.counts.flagged == 1
    assert card.questions[0].flagged


def test_trace_explains_a_section() -> None:
    from roadmap_cli.scoring.explain import explain

    lines = explain(score(TYPICAL), "A1", "typical.yaml")
    assert lines[0].startswith("typical.yaml: section A1")
    assert "  working: (2 × 0.5 + 1 × 1) / 3 = 0.6667" in lines
    assert lines[1] == "  score: 0.6667 (Established)"


def test_bad_option_value_is_one_clear_error() -> None:
    from roadmap_cli.errors import RoadmapError

    with pytest.raises(RoadmapError, match=r"rule 'weighted': option dont_know: "):
        score(TYPICAL, dont_know=2.0)
