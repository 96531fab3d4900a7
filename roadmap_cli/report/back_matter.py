"""The back of the report: what is left to do, every answer, instruments and resources.

Plain lists from the bank and the answers, in bank order; ``context.py`` puts them into
the report's context.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from roadmap_cli.answers.model import Answer, AnswersFile
from roadmap_cli.bank.model import Bank, Question
from roadmap_cli.report import charts
from roadmap_cli.report.answer_text import answer_text, value_words
from roadmap_cli.report.view import (
    AnswerRow,
    AppendixGroup,
    GlossaryItem,
    ResourceItem,
    TodoGroup,
    TodoItem,
)
from roadmap_cli.scoring.model import QuestionScore, Scorecard


class BankText(Protocol):
    """What these lists need: the bank and answers, and bank text in the report's language."""

    @property
    def bank(self) -> Bank: ...

    @property
    def answers(self) -> AnswersFile: ...

    @property
    def questions(self) -> Mapping[str, QuestionScore]: ...

    @property
    def titles(self) -> Mapping[str, str]: ...

    def text(self, value: str | dict[str, str] | None) -> str: ...

    def question_text(self, question_id: str) -> str: ...


def todo(view: BankText, card: Scorecard) -> tuple[TodoGroup, ...]:
    """Unanswered, "don't know" and flagged questions, each in bank order."""
    groups: dict[str, list[TodoItem]] = {"unanswered": [], "dont-know": [], "flagged": []}
    for score in card.questions:
        if score.status == "hidden":
            continue
        item = TodoItem(
            score.id,
            view.question_text(score.id),
            view.titles.get(score.category, score.category),
        )
        if score.status == "unanswered":
            groups["unanswered"].append(item)
        if score.status == "dont-know":
            groups["dont-know"].append(item)
        if score.flagged:
            groups["flagged"].append(item)
    return (
        TodoGroup("Not yet answered", tuple(groups["unanswered"])),
        TodoGroup("Answered “don't know”", tuple(groups["dont-know"])),
        TodoGroup("Flagged for review", tuple(groups["flagged"])),
    )


def appendix(view: BankText, card: Scorecard) -> tuple[AppendixGroup, ...]:
    """Every answer with its note and evidence: the country profile (which decides the
    questions that apply, and is never scored) first, then category by category."""
    groups = [_profile(view)] if view.bank.profile else []
    for category in view.bank.categories:
        rows = []
        for section in category.sections:
            for question in section.questions:
                score = view.questions.get(question.id)
                answer = view.answers.answers.get(question.id)
                if score is None or (score.status == "hidden" and answer is None):
                    continue
                shown = answer_text(view.bank, view.answers, score, view.text)
                if score.status == "hidden":
                    shown += " (hidden by an earlier answer; not counted)"
                scored = charts.pct(score.score) if score.status != "unscored" else "—"
                rows.append(_answer_row(view, question, answer, shown, scored))
        groups.append(AppendixGroup(view.titles.get(category.id, category.id), tuple(rows)))
    return tuple(groups)


def _profile(view: BankText) -> AppendixGroup:
    rows = []
    for question in view.bank.profile:
        answer = view.answers.answers.get(question.id)
        shown = "not answered"
        if answer is not None:
            shown = value_words(view.bank, question.id, answer.value, view.text)
        rows.append(_answer_row(view, question, answer, shown, "not scored"))
    return AppendixGroup("Country profile", tuple(rows))


def _answer_row(
    view: BankText, question: Question, answer: Answer | None, shown: str, score: str
) -> AnswerRow:
    return AnswerRow(
        id=question.id,
        text=view.text(question.text),
        answer=shown,
        score=score,
        note=answer.note if answer and answer.note else "",
        evidence=tuple(answer.evidence) if answer else (),
        flagged=bool(answer and answer.flagged),
    )


def glossary(view: BankText) -> tuple[GlossaryItem, ...]:
    """The instruments the bank's questions cite, by code."""
    cited = sorted({r.instrument for q in view.bank.questions() for r in q.references})
    items = []
    for code in cited:
        instrument = view.bank.instruments.get(code)
        if instrument is None:
            continue
        items.append(
            GlossaryItem(
                code=code,
                title=view.text(instrument.title),
                short=view.text(instrument.short) if instrument.short else "",
                year=str(instrument.year or ""),
                body=instrument.body or "",
                url=instrument.url or "",
            )
        )
    return tuple(items)


def resources(view: BankText) -> tuple[ResourceItem, ...]:
    """The bank's further reading, by id."""
    return tuple(
        ResourceItem(
            id=key,
            title=view.text(resource.title),
            year=str(resource.year or ""),
            body=resource.body or "",
            note=view.text(resource.note),
            url=resource.url or "",
        )
        for key, resource in sorted(view.bank.resources.items())
    )
