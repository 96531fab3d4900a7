"""What an analyst needs besides the scores: who assessed what and when, and how complete.

One function gathers it for a scored file, so that the JSON and both CSV layouts carry
the same facts under the same names: a time series or a comparison across agencies can
then be built from the exports alone, without reading file names.  Per-question details
(question text, answer labels, note, evidence) come from ``question_details``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.text import localize

if TYPE_CHECKING:
    from roadmap_cli.answers.model import AnswersFile
    from roadmap_cli.bank.model import Bank
    from roadmap_cli.scoring.model import Scorecard

SPECIAL_LABELS = {DONT_KNOW: "Don't know", NOT_APPLICABLE: "Not applicable"}


def timestamp(value: datetime | None) -> str | None:
    """A date and time as ISO 8601 text (UTC written as Z), or None."""
    if value is None:
        return None
    return value.isoformat().replace("+00:00", "Z")


def file_metadata(card: Scorecard, rules: str | None = None) -> dict[str, Any]:
    """The facts about one scored file that every export carries.

    Keys: country, organisation, assessor, started, updated (ISO 8601), bank_id,
    bank_version, rules (the profile's name, else the rule's), answered and visible
    (questions of the whole assessment; answered counts don't know and not applicable).
    """
    assessment = card.assessment
    counts = card.overall.counts
    return {
        "country": card.country,
        "organisation": assessment.organisation if assessment else None,
        "assessor": assessment.assessor if assessment else None,
        "started": timestamp(assessment.started) if assessment else None,
        "updated": timestamp(assessment.updated) if assessment else None,
        "bank_id": card.bank_id,
        "bank_version": card.bank_version,
        "rules": rules or card.rule,
        "answered": counts.answered,
        "visible": counts.answered + counts.unanswered,
    }


@dataclass(frozen=True, slots=True)
class QuestionDetails:
    """What a person wrote and read for one question, for the per-question CSV."""

    text: str
    answer_label: str
    note: str
    evidence: tuple[str, ...]


def question_details(bank: Bank, answers: AnswersFile | None) -> dict[str, QuestionDetails]:
    """The question text and, where answered, the answer's labels, note and evidence."""
    assessment = answers.assessment if answers else None
    language = (assessment.language if assessment else None) or bank.default_language
    given = answers.answers if answers else {}
    found = {}
    for qid, (text, labels) in _texts(bank, language).items():
        answer = given.get(qid)
        if answer is None:
            found[qid] = QuestionDetails(text, "", "", ())
            continue
        label = _label(answer.value, labels)
        found[qid] = QuestionDetails(text, label, answer.note or "", tuple(answer.evidence))
    return found


# (bank, language) -> question id -> (question text, option labels by key); a batch of
# files in one language reads the same texts for every file.
_TEXTS: dict[tuple[int, str], tuple[Bank, dict[str, tuple[str, dict[str, str]]]]] = {}


def _texts(bank: Bank, language: str) -> dict[str, tuple[str, dict[str, str]]]:
    hit = _TEXTS.get((id(bank), language))
    if hit is not None and hit[0] is bank:
        return hit[1]
    texts = {
        qid: (
            localize(facts.question.text, language),
            {option.key: localize(option.label, language) for option in facts.options},
        )
        for qid, facts in bank.facts_by_id.items()
    }
    if len(_TEXTS) > 16:  # many banks or languages in one process is rare
        _TEXTS.clear()
    _TEXTS[id(bank), language] = (bank, texts)
    return texts


def _label(value: Any, labels: dict[str, str]) -> str:
    """An answer as its option labels ("Partly in place"; several joined by "; ")."""
    if isinstance(value, str) and value in SPECIAL_LABELS:
        return SPECIAL_LABELS[value]
    if isinstance(value, list):
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    return f"{value:g}" if isinstance(value, float) else str(value)
