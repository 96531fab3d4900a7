"""Every documented ``show_if`` form, as a bank author writes it, decides what is asked.

Each case is a small bank whose last question carries the condition under test; the
assertion is whether that question is shown for the answers given.
"""

# One case per line reads best as a table: long lines are allowed here.
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

import pytest

from roadmap_cli.bank.conditions import Condition, visibility

# Q1: single choice (yes/partly/no); Q2: multiple choice (police, labour, courts).
CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("in: the answer is listed", {"question": "Q1", "in": ["yes", "partly"]}, {"Q1": "partly"}, True),
    ("in: the answer is not listed", {"question": "Q1", "in": ["yes"]}, {"Q1": "no"}, False),
    ("in: unanswered", {"question": "Q1", "in": ["yes"]}, {}, False),
    ("in: one ticked box of several", {"question": "Q2", "in": ["courts"]}, {"Q2": ["police", "courts"]}, True),
    ("not_in: another answer", {"question": "Q1", "not_in": ["no"]}, {"Q1": "yes"}, True),
    ("not_in: the excluded answer", {"question": "Q1", "not_in": ["no"]}, {"Q1": "no"}, False),
    ("not_in: unanswered is not enough", {"question": "Q1", "not_in": ["no"]}, {}, False),
    ("not_in: not applicable is not excluded", {"question": "Q1", "not_in": ["no"]}, {"Q1": "not-applicable"}, True),
    ("not_in: a ticked box excluded", {"question": "Q2", "not_in": ["labour"]}, {"Q2": ["police", "labour"]}, False),
    ("answered: true, answered", {"question": "Q1", "answered": True}, {"Q1": "dont-know"}, True),
    ("answered: true, unanswered", {"question": "Q1", "answered": True}, {}, False),
    ("answered: false, unanswered", {"question": "Q1", "answered": False}, {}, True),
    ("answered: false, answered", {"question": "Q1", "answered": False}, {"Q1": "no"}, False),
    (
        "all: every part holds",
        {"all": [{"question": "Q1", "in": ["yes"]}, {"question": "Q2", "in": ["police"]}]},
        {"Q1": "yes", "Q2": ["police"]},
        True,
    ),
    (
        "all: one part fails",
        {"all": [{"question": "Q1", "in": ["yes"]}, {"question": "Q2", "in": ["police"]}]},
        {"Q1": "yes", "Q2": ["labour"]},
        False,
    ),
    (
        "any: one part holds",
        {"any": [{"question": "Q1", "in": ["yes"]}, {"question": "Q2", "in": ["police"]}]},
        {"Q1": "no", "Q2": ["police"]},
        True,
    ),
    (
        "any: no part holds",
        {"any": [{"question": "Q1", "in": ["yes"]}, {"question": "Q2", "in": ["police"]}]},
        {"Q1": "no", "Q2": ["labour"]},
        False,
    ),
    ("not: the inner condition fails", {"not": {"question": "Q1", "in": ["no"]}}, {"Q1": "yes"}, True),
    ("not: the inner condition holds", {"not": {"question": "Q1", "in": ["no"]}}, {"Q1": "no"}, False),
    (
        "nested: not of any",
        {"not": {"any": [{"question": "Q1", "in": ["no"]}, {"question": "Q2", "answered": False}]}},
        {"Q1": "yes", "Q2": ["courts"]},
        True,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("condition", "values", "shown"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_condition_decides_whether_the_question_is_shown(
    condition: dict[str, Any], values: dict[str, Any], shown: bool
) -> None:
    parsed = Condition.model_validate(condition)
    questions = [("Q1", None), ("Q2", None), ("Q3", parsed)]
    assert visibility(questions, values)["Q3"] is shown


def test_a_hidden_answer_does_not_open_a_later_question() -> None:
    # Q2 is hidden (Q1 is 'no'), so its kept answer must not show Q3.
    questions = [
        ("Q1", None),
        ("Q2", Condition.model_validate({"question": "Q1", "in": ["yes"]})),
        ("Q3", Condition.model_validate({"question": "Q2", "answered": True})),
    ]
    assert visibility(questions, {"Q1": "no", "Q2": ["police"]}) == {
        "Q1": True,
        "Q2": False,
        "Q3": False,
    }


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"question": "Q1"}, "exactly one of 'in', 'not_in' or 'answered'"),
        ({"question": "Q1", "in": ["a"], "answered": True}, "exactly one of"),
        ({"in": ["a"]}, "need 'question:'"),
        ({"all": [], "any": []}, "give one of"),
    ],
)
def test_a_malformed_condition_says_what_it_needs(condition: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Condition.model_validate(condition)
