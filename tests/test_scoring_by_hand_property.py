"""For any answers to the workshop bank, the percentages ``roadmap score`` shows are what an
analyst gets from docs/scoring.md with exact fractions, rounded half up.

The reference below is written from the spec (§1 question scores, §2 weighted means, §6
walk-free, §11 rounding), reading the bank's YAML directly; it calls none of the
program's scoring code.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.store import load_bank
from roadmap_cli.cli.console import out
from roadmap_cli.cli.score_view import print_scores
from roadmap_cli.resources import builtin_banks
from roadmap_cli.scoring.output import to_data
from roadmap_cli.scoring.registry import select_rule

BANK = load_bank("workshop-demo").bank
RAW = yaml.safe_load((builtin_banks()["workshop-demo"] / "bank.yaml").read_text("utf-8"))
QUESTIONS = [
    (category["id"], section["id"], question)
    for category in RAW["categories"]
    for section in category["sections"]
    for question in section["questions"]
]
SKIP, DK, NA = "(unanswered)", "dont-know", "not-applicable"


def options_of(question: dict[str, Any]) -> list[dict[str, Any]]:
    if "scale" in question:
        return list(RAW["scales"][question["scale"]]["options"])
    return list(question.get("options", []))


def choices(question: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = question.get("type", "scale")
    special = st.sampled_from([SKIP, DK, NA])
    if kind == "text":
        return st.sampled_from([SKIP, "Some words."])
    if kind == "number":
        spec = question["number"]
        return st.one_of(special, st.integers(int(spec["min"]), int(spec["max"])))
    keys = [o["key"] for o in options_of(question)]
    if kind == "multi":
        plain = [o["key"] for o in options_of(question) if not o.get("exclusive")]
        none = [k for k in keys if k not in plain]
        return st.one_of(
            special, st.lists(st.sampled_from(plain), min_size=1, unique=True), st.just(none)
        )
    return st.one_of(special, st.sampled_from(keys))


ANSWERS = st.fixed_dictionaries({q["id"]: choices(q) for _, _, q in QUESTIONS})


# --- the reference: docs/scoring.md with exact fractions ------------------------------


def shown(question: dict[str, Any], values: dict[str, Any]) -> bool:
    condition = question.get("show_if")
    if condition is None:
        return True
    assert set(condition) == {"question", "in"}, "the reference knows only {question, in}"
    value = values.get(condition["question"], SKIP)
    return isinstance(value, str) and value in condition["in"]


def question_score(question: dict[str, Any], value: Any) -> Fraction | None:
    """§1: option score; multi: weight ticked ÷ weight of all non-exclusive options;
    number: the first threshold it falls in; don't know 0; N/A and no answer left out."""
    kind = question.get("type", "scale")
    if value in (SKIP, NA) or kind == "text":
        return None
    if value == DK:
        return Fraction(0)
    if kind == "number":
        for threshold in question["thresholds"]:
            low, high = threshold.get("min"), threshold.get("max")
            if (low is None or value >= low) and (high is None or value <= high):
                return Fraction(str(threshold["score"]))
        return None
    options = {o["key"]: o for o in options_of(question)}
    if kind == "multi":
        plain = [o for o in options.values() if not o.get("exclusive")]
        total = sum((Fraction(str(o.get("weight", 1))) for o in plain), Fraction(0))
        keys = {o["key"] for o in plain}
        ticked = sum(
            (Fraction(str(options[k].get("weight", 1))) for k in value if k in keys), Fraction(0)
        )
        return ticked / total
    return Fraction(str(options[value]["score"]))


def red_flag_question(question: dict[str, Any]) -> bool:
    marked = any(o.get("red_flag") for o in options_of(question)) or any(
        t.get("red_flag") for t in question.get("thresholds", [])
    )
    return marked or "red-flag" in question.get("tags", [])


def raises_red_flag(question: dict[str, Any], value: Any) -> bool:
    if value in (SKIP, DK, NA) or question.get("type") in ("multi", "number", "text"):
        return False  # the workshop bank marks options of single/scale questions only
    return bool({o["key"]: o for o in options_of(question)}[value].get("red_flag"))


def mean(pairs: list[tuple[Fraction, Fraction | None]]) -> Fraction | None:
    """§2: Σ(weight × score) ÷ Σ weight over the inputs that have a score."""
    scored = [(w, s) for w, s in pairs if s is not None]
    total = sum(w for w, _ in scored)
    return sum(w * s for w, s in scored) / total if scored and total else None


def reference(values: dict[str, Any], rule: str) -> dict[str, Fraction | None]:
    """Category and overall scores by the spec's formulas (weighted or walk-free)."""
    scores: dict[str, list[tuple[Fraction, Fraction | None]]] = {}
    penalties: list[Fraction] = []
    sections_of: dict[str, list[str]] = {}
    for category, section, question in QUESTIONS:
        sections_of.setdefault(category, [])
        if section not in sections_of[category]:
            sections_of[category].append(section)
        bucket = scores.setdefault(section, [])
        value = values[question["id"]] if shown(question, values) else SKIP
        score = question_score(question, value)
        if rule == "walk-free" and red_flag_question(question):
            if raises_red_flag(question, value):
                penalties.append(Fraction(1) - (score or 0))
            continue  # §6: negative indicators stay out of the section means
        bucket.append((Fraction(str(question.get("weight", 1))), score))
    section_scores = {section: mean(pairs) for section, pairs in scores.items()}
    result: dict[str, Fraction | None] = {
        category: mean([(Fraction(1), section_scores[s]) for s in sections])
        for category, sections in sections_of.items()
    }
    if rule == "walk-free":
        with_score = [s for s in section_scores.values() if s is not None]
        raw = (
            (sum(with_score, Fraction(0)) - sum(penalties, Fraction(0))) / len(with_score)
            if with_score
            else None
        )
        result["overall"] = None if raw is None else min(Fraction(1), max(Fraction(0), raw))
    else:
        result["overall"] = mean([(Fraction(1), result[c]) for c in sections_of])
    return result


def percent_half_up(value: Fraction | None) -> str:
    """§11: a whole percentage, rounded half up from the exact value."""
    if value is None:
        return "—"
    return f"{math.floor(value * 100 + Fraction(1, 2))}%"


# --- what the program shows -------------------------------------------------------------


def displayed(values: dict[str, Any], rule: str) -> dict[str, str]:
    data = {
        "format": "roadmap-answers/1",
        "bank": {"id": BANK.id, "version": BANK.version},
        "assessment": {"country": "Testland"},
        "answers": {qid: {"value": v} for qid, v in values.items() if v != SKIP},
    }
    card = select_rule(rule).score(BANK, AnswersFile.model_validate(data))
    with out().capture() as captured:
        # As roadmap score shows one file: its summary, with exact numbers.
        print_scores([{"file": "t.yaml", **to_data(card, exact=True)}], rule)
    found = {}
    for line in captured.get().splitlines():
        words = line.split()
        if words and (words[0] in {c["id"] for c in RAW["categories"]} or words[0] == "Overall"):
            key = "overall" if words[0] == "Overall" else words[0]
            found[key] = next(w for w in words if re.fullmatch(r"\d+%|—", w))
    return found


@settings(max_examples=150, deadline=None)
@given(values=ANSWERS, rule=st.sampled_from(["weighted", "walk-free"]))
def test_displayed_percentages_are_the_spec_rounded_half_up(
    values: dict[str, Any], rule: str
) -> None:
    expected = {key: percent_half_up(value) for key, value in reference(values, rule).items()}
    assert displayed(values, rule) == expected


def test_the_reference_meets_a_half_way_case() -> None:
    """PR1 = (2 × 1 + 2 × 0) ÷ 4 = 0.5 and PR2 = 0.75, so PR = 0.625 exactly: the
    reference itself must round 62.5 % up, or the property above proves little."""
    values = {q["id"]: SKIP for _, _, q in QUESTIONS}
    values.update({"PR1.1": "yes", "PR1.2": "no", "PR2.1": "in-place"})
    assert reference(values, "weighted")["PR"] == Fraction(5, 8)
    assert percent_half_up(Fraction(5, 8)) == "63%" == displayed(values, "weighted")["PR"]
