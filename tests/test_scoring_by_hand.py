"""What an analyst re-computing scores by hand from docs/scoring.md would notice.

One test (or group) per point where the program and the spec used to disagree: walk-free
weights, the comparison tolerance, display rounding, red flags without marked options,
and the points the spec used to leave unsaid.
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.numbers import fixed, percent, short
from tests.conftest import Cli
from tests.scoring_helpers import MINI, TYPICAL, score, write_answers, write_bank

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
SAYS = " ".join(SPEC.split())  # the spec's prose with line breaks as spaces


def _half_up(value: Fraction, places: int) -> Decimal:
    """Half-up rounding of an exact fraction, written here from the spec's words."""
    scaled = value * 10**places
    whole = int(abs(scaled) + Fraction(1, 2))
    return Decimal(whole if scaled >= 0 else -whole).scaleb(-places)


# --- walk-free: sections weigh equally whatever a profile says ---------------------------


def test_walk_free_ignores_section_and_category_weights() -> None:
    plain = score(TYPICAL, "walk-free")
    weighted = score(TYPICAL, "walk-free", weights={"A1": 5, "A": 3, "B2": 0})
    assert weighted.overall.score == plain.overall.score
    assert [c.score for c in weighted.categories] == [c.score for c in plain.categories]
    assert weighted.notes == (
        "rules: warning: walk-free weighs sections equally; the weights set for A, A1, B2 "
        "have no effect (question weights still apply)",
    )


def test_walk_free_still_honours_question_weights() -> None:
    """A1 = (2 × 0.5 + 1 × 1) / 3 = 0.6667; with A1.1 weighing 1: (0.5 + 1) / 2 = 0.75."""
    card = score(TYPICAL, "walk-free", weights={"A1.1": 1})
    assert card.sections[0].score == 0.75
    assert card.notes == ()


def test_walk_free_explain_note_counts_the_sections_it_combines() -> None:
    """A1 0.6667 + A2 0.625 + B2 0 = 1.2917 points − 0.75 penalty over 3 sections."""
    card = score(TYPICAL, "walk-free", weights={"A1": 5})
    assert card.overall.trace.notes == ("1.2917 points − 0.75 penalty over 3 sections = 0.1806",)


def test_walk_free_json_prints_no_category_weight(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    write_answers(tmp_path / "a.yaml", TYPICAL)
    write_answers(tmp_path / "b.yaml", TYPICAL)
    profile = tmp_path / "wf.yaml"
    profile.write_text(
        "format: roadmap-rules/1\nname: wf\nmethod: walk-free\noptions:\n"
        "  weights: {A1: 5, B: 2}\n",
        encoding="utf-8",
    )
    result = cli("score", "a.yaml", "b.yaml", "-b", "mini-bank.yaml", "-r", "wf.yaml", "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)["files"][0]
    assert [c["weight"] for c in data["categories"]] == [None, None]
    assert data["overall"]["weight"] is None
    assert [s["weight"] for s in data["sections"]] == [1.0, 1.0, 1.0, 1.0]
    warning = (
        "roadmap: rules: warning: walk-free weighs sections equally; the weights set for "
        "A1, B have no effect (question weights still apply)"
    )
    assert result.err.splitlines() == [warning]  # said once for two files


# --- one tolerance for every comparison against a threshold -------------------------------


def test_a_shortfall_equal_to_the_gap_threshold_is_not_a_gap() -> None:
    """Target 1, gap_threshold 0.3; don't know counts 0.7: shortfall 1 − 0.7 = 0.3 exactly
    on paper (0.30000000000000004 in binary), which does not exceed 0.3."""
    card = score({"B2.1": "dont-know"}, target=1.0, gap_threshold=0.3, dont_know=0.7)
    assert [g.question for g in card.gaps] == []
    card = score({"B2.1": "dont-know"}, target=1.0, gap_threshold=0.29, dont_know=0.7)
    assert [g.question for g in card.gaps] == ["B2.1"]


def test_a_number_on_a_threshold_edge_matches_it() -> None:
    """A2.2 thresholds: ≤ 0 → 0, ≤ 2 → 0.5.  0.1 + 0.2 is 2 on paper plus binary noise."""
    bank_data = copy.deepcopy(MINI)
    question = bank_data["categories"][0]["sections"][1]["questions"][1]
    question["number"] = {"min": 0, "max": 10}
    question["thresholds"] = [{"max": 0.3, "score": 0}, {"score": 1}]
    card = score({"A2.2": 0.1 + 0.2}, bank=Bank.model_validate(bank_data))
    assert next(q.score for q in card.questions if q.id == "A2.2") == 0


# --- displayed numbers round half up from the exact decimal value --------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.28125, "0.2813"), (0.73125, "0.7313"), (0.5, "0.5"), (2 / 3, "0.6667"), (1.0, "1")],
)
def test_scores_round_half_up(value: float, shown: str) -> None:
    assert short(value) == shown
    assert fixed(value) == f"{Decimal(shown):.4f}"


@pytest.mark.parametrize(("value", "shown"), [(0.625, "63%"), (0.875, "88%"), (0.125, "13%")])
def test_percentages_round_half_up(value: float, shown: str) -> None:
    assert percent(value) == shown


def test_table_shows_62_5_percent_as_63(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only A2 answered in A: x and z ticked (3/4) and 2 years (0.5): (0.75 + 0.5) / 2."""
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    write_answers(tmp_path / "a.yaml", {"A2.1": ["x", "z"], "A2.2": 2, "B2.1": "yes"})
    result = cli("score", "a.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    planning = next(line for line in result.out.splitlines() if "Planning" in line)
    assert "63%" in planning.split()


_WORKING = re.compile(r"working: \((?P<terms>.+)\) / (?P<total>[\d.]+) = (?P<result>[\d.-]+)$")
_NOTE = re.compile(
    r"note: (?P<points>[\d.]+) points − (?P<penalty>[\d.]+) penalty over (?P<n>\d+) "
    r"sections? = (?P<result>[\d.-]+)$"
)
_SHORTFALL = re.compile(
    r"gap: target (?P<t>[\d.]+) − score (?P<s>[\d.]+) = shortfall (?P<r>[\d.]+)"
)
_PRIORITY = re.compile(r"priority: shortfall (?P<s>[\d.]+) (?P<factors>.*) = (?P<r>[\d.]+)$")


def _check_line(line: str) -> bool:
    """True if ``line`` is a working line; asserts its result follows from its inputs."""
    if m := _WORKING.search(line):
        total = Fraction(0)
        weights = Fraction(0)
        for term in m["terms"].split(" + "):
            weight, value = term.split(" × ")
            total += Fraction(weight) * Fraction(value)
            weights += Fraction(weight)
        assert weights == Fraction(m["total"]), line
        assert _half_up(total / weights, 4) == Decimal(m["result"]), line
    elif m := _NOTE.search(line):
        exact = (Fraction(m["points"]) - Fraction(m["penalty"])) / int(m["n"])
        assert _half_up(exact, 4) == Decimal(m["result"]), line
    elif m := _SHORTFALL.search(line):
        assert _half_up(Fraction(m["t"]) - Fraction(m["s"]), 4) == Decimal(m["r"]), line
    elif m := _PRIORITY.search(line):
        exact = Fraction(m["s"])
        for factor in re.findall(r"[\d.]+", m["factors"]):
            exact *= Fraction(factor)
        assert _half_up(exact, 4) == Decimal(m["r"]), line
    else:
        return False
    return True


def test_every_working_line_follows_from_its_own_inputs(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every --explain working line of every example, under every rule, redone exactly."""
    monkeypatch.chdir(ROOT)
    examples = sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))
    checked = 0
    for rule in ("weighted", "minimum-standards", "walk-free"):
        for name in examples:
            cards = cli("score", f"examples/{name}", "-r", rule, "-f", "json")
            data = json.loads(cards.out)["files"][0]
            ids = [n["id"] for n in (*data["sections"], *data["categories"])]
            ids += ["overall", *(g["question"] for g in data["gaps"])]
            for node in ids:
                result = cli("score", f"examples/{name}", "-r", rule, "--explain", node)
                assert result.code == 0, result.err
                checked += sum(_check_line(line) for line in result.out.splitlines())
    assert checked > 400


def test_the_spec_example_reproduces(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/scoring.md's own PL1 example: 8/13 must be written with enough digits."""
    monkeypatch.chdir(ROOT)
    result = cli("score", "examples/veloria-workshop.yaml", "--explain", "PL1")
    line = "working: (2 × 0.5 + 1 × 0.5 + 1 × 0.61538) / 4 = 0.5288"
    assert f"  {line}" in result.out.splitlines()
    assert "(1 + 0.5 + 0.61538) ÷ 4 = **0.5288**" in SPEC


# --- the spec and the program agree -----------------------------------------------------


def test_a_red_flag_tag_without_marked_options_raises_nothing() -> None:
    """Only marked options (or thresholds) raise red flags, as the bank guide and
    ``banks lint`` require; a tag alone does not make a zero a red flag."""
    bank_data = copy.deepcopy(MINI)
    b11 = bank_data["categories"][1]["sections"][0]["questions"][0]
    for option in b11["options"]:
        option.pop("red_flag", None)
    card = score({"B1.1": "bad"}, bank=Bank.model_validate(bank_data))
    assert card.red_flags == ()
    assert "whose options mark none raises one when it scores 0" not in SAYS


def test_rules_that_subtract_nothing_give_no_penalty(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    write_answers(tmp_path / "a.yaml", TYPICAL)
    for rule, penalty in (("weighted", None), ("minimum-standards", None), ("walk-free", 0.75)):
        result = cli("score", "a.yaml", "-b", "mini-bank.yaml", "-r", rule, "-f", "json")
        flags = json.loads(result.out)["files"][0]["red_flags"]
        assert [(f["question"], f["penalty"]) for f in flags] == [("B1.1", penalty)]


# Behaviour the spec used to leave unsaid, each with the sentence that now says it.
def test_walk_free_penalties_leave_category_scores_alone() -> None:
    card = score(TYPICAL, "walk-free")
    assert card.categories[1].score == 0.0  # B = B2 alone; B1.1's penalty is not in it
    assert "Penalties affect only the overall score" in SAYS


def test_walk_free_dont_know_on_a_red_flag_question_costs_nothing() -> None:
    card = score({**TYPICAL, "B1.1": "dont-know"}, "walk-free")
    assert card.red_flags == ()
    assert card.overall.score == pytest.approx((2 / 3 + 0.625 + 0) / 3)
    assert "*Don't know* on a red-flag question costs nothing" in SAYS


def test_an_excluded_dont_know_leaves_a_standard_unmet() -> None:
    card = score({**TYPICAL, "B2.1": "dont-know"}, dont_know="exclude")
    assert [(u.question, u.reason) for u in card.unmet][-1] == ("B2.1", "dont-know: no score")
    assert "including a *don't know* left out with `dont_know: exclude`" in SAYS


def test_a_critical_question_answered_not_applicable_is_never_unmet() -> None:
    card = score({**TYPICAL, "B2.1": "not-applicable"}, not_applicable=0.0)
    assert "B2.1" not in [u.question for u in card.unmet]
    assert "answered *not applicable* is never unmet" in SAYS


def test_weight_zero_questions_are_gaps_of_priority_zero() -> None:
    card = score({**TYPICAL, "B1.2": "no"})
    gap = next(g for g in card.gaps if g.question == "B1.2")
    assert (gap.shortfall, gap.priority) == (0.75, 0.0)
    assert "A question of weight 0 still appears as a gap, with priority 0" in SAYS


def test_priority_uses_the_overridden_weight() -> None:
    card = score(TYPICAL, weights={"B1.1": 4})
    gap = next(g for g in card.gaps if g.question == "B1.1")
    assert gap.priority == pytest.approx(0.5 * 4 * 1.5)
    assert "weight in the priority is the question's weight after any `weights`" in SAYS


def test_text_questions_count_as_visible_and_answered() -> None:
    card = score({"B2.2": "Too few inspectors."})
    assert (card.overall.counts.answered, card.categories[1].counts.answered) == (1, 1)
    assert "Free-text questions count as visible, and as answered once they hold text" in SAYS


def test_the_per_question_red_flag_field_means_this_answer_raised_one() -> None:
    card = score({**TYPICAL, "B1.1": "good"})
    assert not next(q for q in card.questions if q.id == "B1.1").red_flag
    assert "`red_flag` is true when this answer raised a red flag" in SAYS


def test_not_applicable_satisfies_not_in() -> None:
    bank_data = copy.deepcopy(MINI)
    a12 = bank_data["categories"][0]["sections"][0]["questions"][1]
    a12["show_if"] = {"question": "A1.1", "not_in": ["no"]}
    card = score({"A1.1": "not-applicable", "A1.2": "yes"}, bank=Bank.model_validate(bank_data))
    assert next(q for q in card.questions if q.id == "A1.2").status == "answered"
    assert "*not applicable* satisfies `not_in`" in SAYS


def test_the_spec_has_a_worked_example_per_rule() -> None:
    section = SPEC.split("## 11. How to check a score by hand", 1)[1]
    for rule in ("weighted", "minimum-standards", "walk-free"):
        assert f"### `{rule}`" in section


def test_the_worked_examples_by_hand_are_what_the_tool_prints(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ``$ roadmap ...`` block of §11 is run; its output must be exactly as shown."""
    monkeypatch.chdir(ROOT)
    section = SPEC.split("## 11. How to check a score by hand", 1)[1]
    blocks = re.findall(r"```\n\$ roadmap (.+?)\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 4
    for command, shown in blocks:
        result = cli(*command.split())
        assert result.code == 0, result.err
        assert result.out == shown, command
