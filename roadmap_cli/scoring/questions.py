"""Score each question of a bank from the answers given, the same way under every rule.

scale/single: the chosen option's score.  multi: the weight of the options ticked over the
weight of all options that are not exclusive ("none of these" scores 0).  number: the
score of the first threshold the value falls in.  text: never scored.  "Don't know" and
"not applicable" follow the rule's options; unanswered and hidden questions are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from roadmap_cli.answers import AnswersFile
from roadmap_cli.bank import Bank, Located, Option, Question
from roadmap_cli.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.scoring.model import Band, Counts, QuestionScore, Status, Trace
from roadmap_cli.scoring.options import WeightedOptions
from roadmap_cli.text import localize


@dataclass(frozen=True)
class Static:
    """What scoring needs to know about a question that no answer changes (computed once)."""

    options: dict[str, Option]
    ordered: tuple[Option, ...]
    multi_total: float  # weight of all non-exclusive options (multi)
    flag_markers: bool  # some option or threshold raises a red flag
    references: tuple[str, ...]  # e.g. "TIPP Art. 9(1)"
    recommendation: str
    formulas: dict[str, str]  # option key -> its trace formula, written once


_INDEX: dict[int, tuple[Bank, dict[str, Static]]] = {}


def static(bank: Bank) -> dict[str, Static]:
    """Per-question facts for ``bank``, cached: a batch scores many files on one bank."""
    hit = _INDEX.get(id(bank))
    if hit is not None and hit[0] is bank:
        return hit[1]
    index = {}
    for question in bank.questions():
        options = bank.options_for(question)
        flags = any(t.red_flag for t in question.thresholds or []) or any(
            o.red_flag for o in options
        )
        index[question.id] = Static(
            {o.key: o for o in options},
            tuple(options),
            sum(o.weight for o in options if not o.exclusive),
            flags,
            tuple(ref.cite() for ref in question.references),
            localize(question.recommendation, bank.default_language),
            {
                o.key: f"score of option '{o.key}' = {_num(o.score)}"
                if o.score is not None
                else f"option '{o.key}' carries no score: left out"
                for o in options
            },
        )
    if len(_INDEX) > 16:  # many banks in one process is rare; keep the cache small
        _INDEX.clear()
    _INDEX[id(bank)] = (bank, index)
    return index


def band_for(score: float | None, bands: tuple[Band, ...]) -> str | None:
    """The name of the highest band whose cut-off ``score`` reaches (None for no score)."""
    if score is None or not bands:
        return None
    # Rounding keeps 0.6 computed as 0.59999999 in the band that starts at 0.6.
    rounded = round(score, 9)
    found = bands[0].name
    for band in bands:
        if rounded >= band.min:
            found = band.name
    return found


def show(value: Any) -> str:
    """An answer value as a person reads it."""
    if type(value) is str:
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "(none ticked)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _num(value: float) -> str:
    return f"{value:.4g}"


def raw_score(bank: Bank, question: Question, value: Any) -> tuple[float | None, bool, str]:
    """Score of an actual answer (not dk/na): (score or None, raised a red flag, formula)."""
    facts = static(bank)[question.id]
    kind = question.type
    if kind == "text":
        return None, False, "text answers are not scored"
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, False, "not a number: left out"
        for i, threshold in enumerate(question.thresholds or []):
            if threshold.matches(value):
                low = "" if threshold.min is None else f"{_num(threshold.min)} ≤ "
                high = "" if threshold.max is None else f" ≤ {_num(threshold.max)}"
                return (
                    threshold.score,
                    threshold.red_flag,
                    f"first matching threshold (#{i + 1}: {low}{_num(value)}{high}) "
                    f"scores {_num(threshold.score)}",
                )
        return None, False, f"no threshold matches {_num(value)}: left out"
    if kind == "multi":
        options = facts.ordered
        ticked = set(value) if isinstance(value, list) else {value}
        total = facts.multi_total
        if total <= 0:
            return None, False, "the options carry no weight: left out"
        got = [o for o in options if o.key in ticked and not o.exclusive]
        share = sum(o.weight for o in got) / total
        parts = " + ".join(f"{o.key} {_num(o.weight)}" for o in got) or "0"
        flag = any(o.red_flag for o in options if o.key in ticked)
        return (
            share,
            flag,
            f"weight ticked ({parts}) / weight of all non-exclusive options "
            f"({_num(total)}) = {_num(share)}",
        )
    option = facts.options.get(value) if isinstance(value, str) else None
    if option is None:
        return None, False, f"'{show(value)}' is not an option: left out"
    return option.score, option.red_flag, facts.formulas[option.key]


def _policy(setting: float | str, what: str, name: str) -> tuple[float | None, str]:
    if setting == "exclude":
        return None, f"{what}: left out ({name}: exclude)"
    assert isinstance(setting, float | int)
    return float(setting), f"{what} counts as {_num(setting)} ({name}: {_num(setting)})"


_TRACES: dict[tuple[str, float | None], Trace] = {}

# Counts are frozen, so every question in the same situation can share one object.
_HIDDEN = Counts(questions=1, hidden=1)
_UNANSWERED = Counts(questions=1, unanswered=1)
_COUNTS = {
    (status, flagged): Counts(
        questions=1,
        answered=1,
        dont_know=int(status == "dont-know"),
        not_applicable=int(status == "not-applicable"),
        flagged=int(flagged),
    )
    for status in ("answered", "dont-know", "not-applicable")
    for flagged in (False, True)
}


def score_question(
    bank: Bank,
    item: Located,
    answers: AnswersFile,
    visible: bool,
    options: WeightedOptions,
    bands: Callable[[float | None], str | None],
) -> QuestionScore:
    """The QuestionScore of one question under ``options``."""
    question = item.question
    weight = options.weights.get(question.id, question.weight)
    answer = answers.answers.get(question.id)
    flagged = bool(answer and answer.flagged)
    red = False
    status: Status
    text = ""
    if not visible:
        status, score, formula = "hidden", None, "hidden by show_if: left out"
        counts = _HIDDEN
        text = show(answer.value) if answer else ""
    elif answer is None:
        status, score, formula = "unanswered", None, "not answered: left out (counts for coverage)"
        counts = _UNANSWERED
    else:
        value = answer.value
        text = show(value)
        if value == DONT_KNOW and question.type != "text":
            status = "dont-know"
            score, formula = _policy(options.dont_know, "don't know", "dont_know")
            counts = _COUNTS["dont-know", flagged]
        elif value == NOT_APPLICABLE and question.type != "text":
            status = "not-applicable"
            score, formula = _policy(options.not_applicable, "not applicable", "not_applicable")
            counts = _COUNTS["not-applicable", flagged]
        else:
            score, red, formula = raw_score(bank, question, value)
            status = "answered" if score is not None else "unscored"
            counts = _COUNTS["answered", flagged]
            if not red and score == 0 and "red-flag" in question.tags:
                # A red-flag question whose options mark no red flag raises one on a zero.
                red = not static(bank)[question.id].flag_markers
    # The formula says it all for a question; its inputs are the node's own fields.
    # Most formulas come from a fixed set (one per option), so their Traces are shared.
    key = (formula, score)
    trace = _TRACES.get(key)
    if trace is None:
        trace = Trace(formula, (), score)
        if question.type not in ("multi", "number"):
            if len(_TRACES) > 4096:
                _TRACES.clear()
            _TRACES[key] = trace
    # Positional arguments: this runs for every question of every file.
    return QuestionScore(
        question.id,
        item.category.id,
        item.section.id,
        question.type,
        text,
        status,
        score,
        weight,
        counts,
        bands(score),
        trace,
        question.critical,
        red,
        flagged,
    )


def score_questions(
    bank: Bank, answers: AnswersFile, options: WeightedOptions
) -> tuple[QuestionScore, ...]:
    """Every question of the bank, scored, in bank order."""
    shown = answers.shown(bank)
    band_list = options.band_list()
    memo: dict[float | None, str | None] = {}

    def bands(score: float | None) -> str | None:
        # Question scores repeat (0, 0.25, 0.5 ...): look each band up once per file.
        if score not in memo:
            memo[score] = band_for(score, band_list)
        return memo[score]

    return tuple(
        score_question(bank, item, answers, shown.get(item.question.id, True), options, bands)
        for item in bank.located
    )
