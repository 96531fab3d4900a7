"""Turn bank questions and answers into what an asker shows: question views and tallies."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from roadmap_cli.answers.model import Answer, AnswersFile
from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.model import Bank, Category, Located, Question, Reference
from roadmap_cli.interview.model import (
    ChoiceView,
    NumberView,
    Progress,
    QuestionView,
    Tally,
    Value,
)
from roadmap_cli.text import localize


def reference_text(bank: Bank, reference: Reference, language: str) -> str:
    """A reference as a person reads it, e.g. ``Trafficking in Persons Protocol Art. 6(3)``."""
    instrument = bank.instruments.get(reference.instrument)
    name = reference.instrument
    if instrument is not None:
        name = localize(instrument.short or instrument.title, language, bank.default_language)
    return reference.cite(name)


def question_view(
    bank: Bank,
    item: Located,
    answers: AnswersFile,
    shown: Mapping[str, bool],
    language: str,
) -> QuestionView:
    """The view of ``item`` under the current answers (its answer, if any, is the default)."""
    question = item.question

    def text(value: str | dict[str, str] | None) -> str:
        return localize(value, language, bank.default_language)

    visible = [loc for loc in bank.asked if shown.get(loc.question.id)]
    in_category = [loc for loc in visible if loc.category.id == item.category.id]
    position = next((i for i, loc in enumerate(visible, 1) if loc is item), len(visible))
    category_position = next(
        (i for i, loc in enumerate(in_category, 1) if loc is item), len(in_category)
    )
    answered = sum(loc.question.id in answers.answers for loc in in_category)
    number = None
    if question.number is not None:
        spec = question.number
        number = NumberView(spec.min, spec.max, spec.integer, text(spec.unit))
    current = answers.answers.get(question.id)
    return QuestionView(
        id=question.id,
        text=text(question.text),
        kind=question.type,
        category_id=item.category.id,
        category_title=text(item.category.title),
        section_title=text(item.section.title),
        position=position,
        total=len(visible),
        category_position=category_position,
        category_total=len(in_category),
        category_answered=answered,
        guidance=_guidance(question, text),
        references=tuple(reference_text(bank, ref, language) for ref in question.references),
        choices=tuple(
            ChoiceView(o.key, text(o.label), text(o.description), o.exclusive)
            for o in bank.options_for(question)
        ),
        number=number,
        offers_na=question.offers_na,
        offers_dont_know=question.offers_dont_know,
        critical=question.critical,
        follow_up=question.show_if is not None,
        default=current.value if current is not None else None,
        categories=tuple((c.id, text(c.title)) for c in bank.categories),
        red_flag="red-flag" in question.tags,
        note=current.note if current is not None else None,
        evidence=tuple(current.evidence) if current is not None else (),
        flagged=current.flagged if current is not None else False,
        flag_reason=current.flag_reason if current is not None else None,
    )


def _guidance(question: Question, text: Callable[[Any], str]) -> str:
    """The question's guidance; for a critical question, also the obligation it rests on."""
    guidance = text(question.guidance)
    if question.critical and question.rationale:
        guidance = f"{guidance} Why this question is critical: {text(question.rationale)}".strip()
    return guidance


def tally(
    bank: Bank,
    category: Category,
    answers: Mapping[str, Answer],
    shown: Mapping[str, bool],
    language: str,
) -> Tally:
    """How far one category has got: answered, don't know, N/A, flagged, unanswered."""
    counts = {"answered": 0, "dont_know": 0, "not_applicable": 0, "flagged": 0}
    unanswered = hidden_kept = 0
    for section in category.sections:
        for question in section.questions:
            answer = answers.get(question.id)
            if not shown.get(question.id):
                hidden_kept += answer is not None
                continue
            if answer is None:
                unanswered += 1
                continue
            if answer.value == DONT_KNOW:
                counts["dont_know"] += 1
            elif answer.value == NOT_APPLICABLE:
                counts["not_applicable"] += 1
            else:
                counts["answered"] += 1
            counts["flagged"] += answer.flagged
    title = localize(category.title, language, bank.default_language)
    return Tally(category.id, title, unanswered=unanswered, hidden_kept=hidden_kept, **counts)


def progress(
    bank: Bank, answers: AnswersFile, shown: Mapping[str, bool], language: str
) -> Progress:
    """Tallies for every category, their total, and the shown questions still unanswered."""
    rows = tuple(tally(bank, c, answers.answers, shown, language) for c in bank.categories)
    total = Tally(
        "",
        "All categories",
        answered=sum(r.answered for r in rows),
        dont_know=sum(r.dont_know for r in rows),
        not_applicable=sum(r.not_applicable for r in rows),
        flagged=sum(r.flagged for r in rows),
        unanswered=sum(r.unanswered for r in rows),
        hidden_kept=sum(r.hidden_kept for r in rows),
    )
    unfinished = tuple(
        q.id for q in bank.questions() if shown.get(q.id) and q.id not in answers.answers
    )
    return Progress(rows, total, unfinished)


def tidy(value: Value, view: QuestionView) -> Value:
    """Whole numbers as ints where the question wants them; text trimmed."""
    if isinstance(value, float) and view.number is not None and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def refusal(value: Value) -> str | None:
    """Why an empty reply is refused, or None."""
    if value == "":
        return "type an answer, or skip the question for now"
    if value == []:
        return "tick at least one option, or skip the question for now"
    return None


def with_problem(view: QuestionView, problem: str) -> QuestionView:
    """The same view, saying why the last reply was refused."""
    return replace(view, problem=problem)
