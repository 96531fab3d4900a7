"""Score each question of a bank from the answers given, the same way under every rule.

scale/single: the chosen option's score.  multi: the weight of the options ticked over the
weight of all options that are not exclusive ("none of these" scores 0).  number: the
score of the first threshold the value falls in.  text: never scored.  "Don't know" and
"not applicable" follow the rule's options; unanswered and hidden questions are left out.
"""

from __future__ import annotations

from typing import Any

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.model import Bank, QuestionFacts
from roadmap_cli.scoring.model import Band, Counts, QuestionScore, Status, Trace
from roadmap_cli.scoring.numbers import at_least, exceeds, short
from roadmap_cli.scoring.options import WeightedOptions


def _option_trace(key: str, score: float | None) -> Trace:
    """The trace of a scale or single-choice answer (shared: value objects, few distinct)."""
    trace = _OPTION_TRACES.get((key, score))
    if trace is None:
        formula = (
            f"score of option '{key}' = {_num(score)}"
            if score is not None
            else f"option '{key}' carries no score: left out"
        )
        trace = _OPTION_TRACES[key, score] = Trace(formula, (), score)
    return trace


# Keyed by what the trace says, not by bank: bounded by the option keys and scores in use.
_OPTION_TRACES: dict[tuple[str, float | None], Trace] = {}


def band_for(score: float | None, bands: tuple[Band, ...]) -> str | None:
    """The name of the highest band whose cut-off ``score`` reaches (None for no score)."""
    if score is None or not bands:
        return None
    # The tolerance keeps 0.6 computed as 0.59999999 in the band that starts at 0.6.
    found = bands[0].name
    for band in bands:
        if at_least(score, band.min):
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
    return short(value)


_TEXT = Trace("text answers are not scored")


def _answered(facts: QuestionFacts, value: Any) -> tuple[float | None, bool, Trace]:
    """(score or None, raised a red flag, trace) of an actual answer (not dk/na)."""
    kind = facts.question.type
    if kind == "text":
        return None, False, _TEXT
    if kind == "multi":
        return _multi(facts, value)
    if kind == "number":
        return _number(facts, value)
    # scale and single: the common case.
    option = facts.option_by_key.get(value) if type(value) is str else None
    if option is None:
        return None, False, Trace(f"'{show(value)}' is not an option: left out")
    return option.score, option.red_flag, _option_trace(option.key, option.score)


def _multi(facts: QuestionFacts, value: Any) -> tuple[float | None, bool, Trace]:
    total = facts.multi_total
    if total <= 0:
        return None, False, Trace("the options carry no weight: left out")
    ticked = set(value) if isinstance(value, list) else {value}
    got = [o for o in facts.options if o.key in ticked and not o.exclusive]
    share = sum(o.weight for o in got) / total
    parts = " + ".join(f"{o.key} {_num(o.weight)}" for o in got) or "0"
    flag = any(o.red_flag for o in facts.options if o.key in ticked)
    formula = (
        f"weight ticked ({parts}) / weight of all non-exclusive options "
        f"({_num(total)}) = {_num(share)}"
    )
    return share, flag, Trace(formula, (), share)


def _number(facts: QuestionFacts, value: Any) -> tuple[float | None, bool, Trace]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, False, Trace("not a number: left out")
    for i, threshold in enumerate(facts.question.thresholds or []):
        if (threshold.min is None or at_least(value, threshold.min)) and (
            threshold.max is None or not exceeds(value, threshold.max)
        ):
            low = "" if threshold.min is None else f"{_num(threshold.min)} ≤ "
            high = "" if threshold.max is None else f" ≤ {_num(threshold.max)}"
            formula = (
                f"first matching threshold (#{i + 1}: {low}{_num(value)}{high}) "
                f"scores {_num(threshold.score)}"
            )
            return threshold.score, threshold.red_flag, Trace(formula, (), threshold.score)
    return None, False, Trace(f"no threshold matches {_num(value)}: left out")


def _policy(setting: float | str, what: str, name: str) -> tuple[float | None, Trace]:
    if setting == "exclude":
        return None, Trace(f"{what}: left out ({name}: exclude)")
    assert isinstance(setting, float | int)
    score = float(setting)
    return score, Trace(f"{what} counts as {_num(setting)} ({name}: {_num(setting)})", (), score)


# Counts and Traces are frozen, so every question in the same situation shares one.
_HIDDEN = (Counts(questions=1, hidden=1), Trace("hidden by show_if: left out"))
_UNANSWERED = (
    Counts(questions=1, unanswered=1),
    Trace("not answered: left out (counts for coverage)"),
)
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


def score_questions(
    bank: Bank, answers: AnswersFile, options: WeightedOptions
) -> tuple[QuestionScore, ...]:
    """Every question of the bank, scored under ``options``, in bank order.

    This runs for every question of every file in a batch, so it works from facts
    computed once per bank (``Bank.facts``) and builds nothing it can share.
    """
    shown = answers.shown(bank)
    given = answers.answers
    weights = options.weights
    band_list = options.band_list()
    bands: dict[float | None, str | None] = {None: None}  # scores repeat: one lookup each
    dont_know = _policy(options.dont_know, "don't know", "dont_know")
    not_applicable = _policy(options.not_applicable, "not applicable", "not_applicable")
    scored = []
    for facts in bank.facts:
        question = facts.question
        qid = question.id
        answer = given.get(qid)
        red = False
        text = ""
        status: Status
        if not shown.get(qid, True):
            status, score, (counts, trace) = "hidden", None, _HIDDEN
            if answer is not None:
                text = show(answer.value)
        elif answer is None:
            status, score, (counts, trace) = "unanswered", None, _UNANSWERED
        else:
            value = answer.value
            text = show(value)
            if value == DONT_KNOW and question.type != "text":
                status = "dont-know"
                score, trace = dont_know
            elif value == NOT_APPLICABLE and question.type != "text":
                status = "not-applicable"
                score, trace = not_applicable
            else:
                score, red, trace = _answered(facts, value)
                status = "answered" if score is not None else "unscored"
            counts = _COUNTS["answered" if status == "unscored" else status, answer.flagged]
        band = bands.get(score, "")  # "" is never a band name (they have min_length 1)
        if band == "":
            band = bands[score] = band_for(score, band_list)
        # Positional arguments: the cheapest way to build a named tuple.
        scored.append(
            QuestionScore(
                qid,
                facts.category,
                facts.section,
                question.type,
                text,
                status,
                score,
                weights.get(qid, question.weight),
                counts,
                band,
                trace,
                question.critical,
                red,
                answer is not None and answer.flagged,
            )
        )
    return tuple(scored)
