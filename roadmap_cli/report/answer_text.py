"""An answer as a person reads it: option labels, "don't know", "not answered"."""

from __future__ import annotations

from collections.abc import Callable

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.model import QuestionScore


def answer_text(
    bank: Bank,
    answers: AnswersFile,
    score: QuestionScore,
    text: Callable[[str | dict[str, str] | None], str],
) -> str:
    """The answer to ``score``'s question in words (``text`` picks the language)."""
    answer = answers.answers.get(score.id)
    if answer is None:
        return "hidden" if score.status == "hidden" else "not answered"
    return value_words(bank, score.id, answer.value, text)


def value_words(
    bank: Bank,
    qid: str,
    value: str | float | int | list[str],
    text: Callable[[str | dict[str, str] | None], str],
) -> str:
    """An answer value to question ``qid`` in words: option labels, "don't know"…"""
    if value == DONT_KNOW:
        return "don't know"
    if value == NOT_APPLICABLE:
        return "not applicable"
    located = bank.by_id.get(qid)
    if located is None:
        return str(value)
    labels = {o.key: text(o.label) for o in bank.options_for(located.question)}
    if isinstance(value, list):
        return "; ".join(labels.get(v, v) for v in value) or "none"
    if isinstance(value, str) and value in labels:
        return labels[value]
    return str(value) if not isinstance(value, float) else f"{value:g}"
