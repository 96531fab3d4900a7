"""Properties that hold for any answers: scores stay in [0, 1]; under ``weighted``,
improving one answer never lowers a score; the order of answers never matters."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.registry import select_rule
from tests.scoring_helpers import answers, mini_bank, nodes

BANK = mini_bank()
RULES = {name: select_rule(name) for name in ("weighted", "minimum-standards", "walk-free")}
SPECIAL = ["dont-know", "not-applicable"]

# Every answer each question accepts, worst first where they are ranked.
CHOICES: dict[str, st.SearchStrategy[Any]] = {
    "A1.1": st.sampled_from(["no", "partly", "yes", *SPECIAL]),
    "A1.2": st.sampled_from(["no", "partly", "yes", *SPECIAL]),
    "A2.1": st.one_of(
        st.lists(st.sampled_from(["x", "y", "z"]), unique=True),
        st.just(["none"]),
        st.sampled_from(SPECIAL),
    ),
    "A2.2": st.one_of(st.integers(0, 10), st.sampled_from(SPECIAL)),
    "B1.1": st.sampled_from(["good", "some", "bad", *SPECIAL]),
    "B1.2": st.sampled_from(["no", "partly", "yes", *SPECIAL]),
    "B2.1": st.sampled_from(["no", "partly", "yes", *SPECIAL]),
    "B2.2": st.text(min_size=1).filter(lambda t: bool(t.strip())),
}


@st.composite
def answer_values(draw: st.DrawFn) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(sorted(CHOICES)), unique=True))
    return {qid: draw(CHOICES[qid]) for qid in chosen}


def all_scores(card: Scorecard) -> dict[str, float | None]:
    return {f"{type(n).__name__}:{n.id}": n.score for n in nodes(card)}


@settings(max_examples=150, deadline=None)
@given(values=answer_values(), rule=st.sampled_from(sorted(RULES)))
def test_every_score_is_within_0_and_1(values: dict[str, Any], rule: str) -> None:
    card = RULES[rule].score(BANK, answers(values))
    for name, value in all_scores(card).items():
        assert value is None or 0.0 <= value <= 1.0, name
    for gap in card.gaps:
        assert 0.0 < gap.shortfall <= 1.0


def _question_score(qid: str, value: Any) -> float:
    card = RULES["weighted"].score(BANK, answers({qid: value}))
    score = next(q.score for q in card.questions if q.id == qid)
    assert score is not None
    return score


# Questions no show_if depends on: improving A1.1 could reveal A1.2 and so change what
# counts, which is a different answer set rather than a better answer.
IMPROVABLE = ["A2.1", "A2.2", "B1.1", "B1.2", "B2.1"]
BETTER: dict[str, st.SearchStrategy[Any]] = {
    "A2.1": CHOICES["A2.1"].filter(lambda v: v != "not-applicable"),
    "A2.2": CHOICES["A2.2"].filter(lambda v: v != "not-applicable"),
    "B1.1": st.sampled_from(["good", "some", "bad", "dont-know"]),
    "B1.2": st.sampled_from(["no", "partly", "yes", "dont-know"]),
    "B2.1": st.sampled_from(["no", "partly", "yes", "dont-know"]),
}


@settings(max_examples=200, deadline=None)
@given(
    values=answer_values(),
    qid=st.sampled_from(IMPROVABLE),
    data=st.data(),
)
def test_improving_one_answer_never_lowers_a_score(
    values: dict[str, Any], qid: str, data: st.DataObject
) -> None:
    old_value = data.draw(BETTER[qid])
    new_value = data.draw(BETTER[qid])
    if _question_score(qid, new_value) < _question_score(qid, old_value):
        old_value, new_value = new_value, old_value
    before = all_scores(RULES["weighted"].score(BANK, answers({**values, qid: old_value})))
    after = all_scores(RULES["weighted"].score(BANK, answers({**values, qid: new_value})))
    for name, old in before.items():
        new = after[name]
        if old is not None:
            assert new is not None and new >= old - 1e-12, name


@settings(max_examples=100, deadline=None)
@given(values=answer_values(), rule=st.sampled_from(sorted(RULES)), seed=st.randoms())
def test_answer_order_never_changes_a_result(values: dict[str, Any], rule: str, seed: Any) -> None:
    keys = list(values)
    seed.shuffle(keys)
    shuffled: AnswersFile = answers({k: values[k] for k in keys})
    assert RULES[rule].score(BANK, answers(values)) == RULES[rule].score(BANK, shuffled)
