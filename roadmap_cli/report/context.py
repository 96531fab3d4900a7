"""The report's view model: a Scorecard, its bank and answers, turned into plain values.

Templates receive only strings, numbers, lists and dicts (and the SVG charts as
markup), so a user's template in the sandbox needs nothing else and cannot reach the
program's objects.  Everything here is deterministic: the same inputs give the same
context, in the same order.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from markupsafe import Markup

from roadmap_cli import __version__
from roadmap_cli.answers import AnswersFile
from roadmap_cli.bank import Bank
from roadmap_cli.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.report import charts
from roadmap_cli.report.charts import pct
from roadmap_cli.scoring.model import NodeScore, QuestionScore, Scorecard
from roadmap_cli.scoring.numbers import fixed
from roadmap_cli.scoring.registry import Selected
from roadmap_cli.text import localize

TOP_GAPS = 8
RED_FLAG_MEANING = "This answer is a red flag: it points to harm the response should prevent."
STRENGTHS = 5


def _stamp(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def build_context(
    bank: Bank,
    answers: AnswersFile,
    card: Scorecard,
    selected: Selected,
    *,
    language: str | None = None,
    generated: datetime | None = None,
) -> dict[str, Any]:
    """Everything the report templates show, in reading order."""
    lang = language or answers.assessment.language or bank.default_language
    view = _View(bank, answers, card, lang)
    categories = [view.category(node) for node in card.categories]
    visible = card.overall.counts.answered + card.overall.counts.unanswered
    return {
        "meta": view.meta(selected, generated),
        "completion": {
            "answered": card.overall.counts.answered,
            "visible": visible,
            "percent": pct(card.overall.counts.coverage),
        },
        "overall": {
            "score": pct(card.overall.score),
            "band": card.overall.band,
            "capped": card.overall.capped,
        },
        "categories": categories,
        "top_gaps": [view.gap(gap) for gap in sorted(card.gaps, key=_priority)[:TOP_GAPS]],
        "strengths": view.strengths(),
        "red_flags": [view.red_flag(flag) for flag in card.red_flags],
        "unmet": [view.unmet(item) for item in card.unmet],
        "todo": view.todo(),
        "method": _method(selected, card),
        "appendix": view.appendix(),
        "glossary": view.glossary(),
        "resources": view.resources(),
        "charts": {
            "radar": Markup(
                charts.radar(
                    "chart-categories",
                    "Score by category",
                    [charts.Bar(c["title"], c["value"]) for c in categories],
                )
            ),
            "coverage": Markup(
                charts.coverage_bar(
                    "chart-coverage",
                    "How the questions were answered",
                    _coverage_parts(card.overall),
                )
            ),
        },
    }


def _priority(gap: Any) -> tuple[float, str]:
    return (-gap.priority, gap.question)


def _coverage_parts(node: NodeScore) -> list[tuple[str, int]]:
    counts = node.counts
    scored = counts.answered - counts.dont_know - counts.not_applicable
    return [
        ("answered", scored),
        ("don't know", counts.dont_know),
        ("not applicable", counts.not_applicable),
        ("unanswered", counts.unanswered),
    ]


def _method(selected: Selected, card: Scorecard) -> dict[str, Any]:
    rule = selected.rule
    doc = inspect.getdoc(type(rule)) or ""
    paragraphs = [p.replace("\n", " ") for p in doc.split("\n\n") if p.strip()]
    for node in (card.overall, *card.categories[:1], *card.sections[:1]):
        paragraphs.append(f"{node.level.capitalize()} score: {node.trace.formula}")
    helps: Mapping[str, str] = getattr(rule, "option_help", {}) or {}
    options = [
        {"name": name, "value": _option_text(value), "meaning": helps.get(name, "")}
        for name, value in sorted(selected.options.items())
        if name != "bands"
    ]
    return {
        "name": selected.label
        if selected.label == rule.name
        else f"{selected.label} ({rule.name})",
        "summary": rule.summary,
        "description": paragraphs,
        "bands": [{"name": band.name, "min": pct(band.min)} for band in card.bands],
        "options": options,
    }


def _option_text(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_option_text(v)}" for k, v in sorted(value.items())) or "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(_option_text(v) for v in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class _View:
    """Helpers that look up bank text for the nodes of a scorecard."""

    def __init__(self, bank: Bank, answers: AnswersFile, card: Scorecard, language: str) -> None:
        self.bank, self.answers, self.card, self.language = bank, answers, card, language
        self.questions = {q.id: q for q in card.questions}
        self.sections = {s.id: s for s in card.sections}
        self.titles = {c.id: self.text(c.title) for c in bank.categories}
        self.titles.update({s.id: self.text(s.title) for c in bank.categories for s in c.sections})

    def text(self, value: str | dict[str, str] | None) -> str:
        return localize(value, self.language, self.bank.default_language)

    def question_text(self, question_id: str) -> str:
        located = self.bank.by_id.get(question_id)
        return self.text(located.question.text) if located else question_id

    def meta(self, selected: Selected, generated: datetime | None) -> dict[str, Any]:
        assessment = self.answers.assessment
        bank_title = self.text(self.bank.title)
        return {
            "title": f"Gap report: {assessment.country} — {bank_title}",
            "language": self.language,
            "country": assessment.country,
            "organisation": assessment.organisation or "",
            "assessor": assessment.assessor or "",
            "role": assessment.role or "",
            "started": _stamp(assessment.started),
            "updated": _stamp(assessment.updated),
            "bank_title": bank_title,
            "bank_id": self.bank.id,
            "bank_version": self.bank.version,
            "rule": selected.label,
            "tool_version": __version__,
            "generated": _stamp(generated),
        }

    def category(self, node: NodeScore) -> dict[str, Any]:
        category = next(c for c in self.bank.categories if c.id == node.id)
        sections = [self.sections[s.id] for s in category.sections if s.id in self.sections]
        counts = node.counts
        gaps = sorted((g for g in self.card.gaps if g.category == node.id), key=_priority)
        return {
            "id": node.id,
            "value": node.score,
            "title": self.titles.get(node.id, node.title),
            "summary": self.text(category.summary),
            "score": pct(node.score),
            "band": node.band,
            "capped": node.capped,
            "answered": counts.answered,
            "visible": counts.answered + counts.unanswered,
            "dont_know": counts.dont_know,
            "not_applicable": counts.not_applicable,
            "sections": [
                {
                    "id": s.id,
                    "title": self.titles.get(s.id, s.title),
                    "score": pct(s.score),
                    "band": s.band,
                    "answered": s.counts.answered,
                    "visible": s.counts.answered + s.counts.unanswered,
                }
                for s in sections
            ],
            "gaps": [self.gap(gap) for gap in gaps],
            "red_flags": [self.red_flag(f) for f in self.card.red_flags if f.category == node.id],
            "chart": Markup(
                charts.bar_chart(
                    f"chart-{node.id}",
                    f"Score by section: {self.titles.get(node.id, node.title)}",
                    [
                        charts.Bar(self.titles.get(s.id, s.title), s.score, s.band or "")
                        for s in sections
                    ],
                )
            ),
        }

    def gap(self, gap: Any) -> dict[str, Any]:
        located = self.bank.by_id.get(gap.question)
        resources, references = [], []
        if located is not None:
            references = [r.cite() for r in located.question.references]
            for key in located.question.resources:
                resource = self.bank.resources.get(key)
                if resource is not None:
                    resources.append(self.text(resource.title))
        score = self.questions.get(gap.question)
        return {
            "question": gap.question,
            "text": self.question_text(gap.question),
            "category": self.titles.get(gap.category, gap.category),
            "section": self.titles.get(gap.section, gap.section),
            "answer": self.answer_text(score) if score else "",
            "score": pct(gap.score),
            "target": pct(gap.target),
            "priority": fixed(gap.priority, 2),
            "critical": gap.critical,
            "recommendation": gap.recommendation,
            "references": references,
            "resources": resources,
        }

    def red_flag(self, flag: Any) -> dict[str, Any]:
        score = self.questions.get(flag.question)
        return {
            "question": flag.question,
            "text": self.question_text(flag.question),
            "answer": self.answer_text(score) if score else flag.answer,
            "reason": RED_FLAG_MEANING,
            "category": self.titles.get(flag.category, flag.category),
        }

    def unmet(self, item: Any) -> dict[str, Any]:
        score = self.questions.get(item.question)
        answer = self.answer_text(score) if score else "not answered"
        minimum = f"below the minimum of {pct(item.threshold)}"
        if item.score is None:  # unanswered, or "don't know" left out by the rules
            reason = f"{answer[:1].upper()}{answer[1:]}: {minimum}"
        else:
            reason = f"answered “{answer}” ({pct(item.score)}), {minimum}"
        return {
            "question": item.question,
            "text": self.question_text(item.question),
            "score": pct(item.score),
            "reason": reason,
        }

    def strengths(self) -> list[dict[str, Any]]:
        top_bands = {band.name for band in sorted(self.card.bands, key=lambda b: -b.min)[:2]}
        ranked = sorted(
            (s for s in self.card.sections if s.score is not None and s.band in top_bands),
            key=lambda s: (-(s.score or 0.0), s.id),
        )
        return [
            {
                "title": self.titles.get(s.id, s.title),
                "category": self.titles.get(s.category, s.category),
                "score": pct(s.score),
                "band": s.band,
            }
            for s in ranked[:STRENGTHS]
        ]

    def answer_text(self, score: QuestionScore) -> str:
        answer = self.answers.answers.get(score.id)
        if answer is None:
            return "hidden" if score.status == "hidden" else "not answered"
        value = answer.value
        if value == DONT_KNOW:
            return "don't know"
        if value == NOT_APPLICABLE:
            return "not applicable"
        located = self.bank.by_id.get(score.id)
        if located is None:
            return str(value)
        labels = {o.key: self.text(o.label) for o in self.bank.options_for(located.question)}
        if isinstance(value, list):
            return "; ".join(labels.get(v, v) for v in value) or "none"
        if isinstance(value, str) and value in labels:
            return labels[value]
        return str(value) if not isinstance(value, float) else f"{value:g}"

    def todo(self) -> list[dict[str, Any]]:
        groups: dict[str, list[dict[str, str]]] = {"unanswered": [], "dont-know": [], "flagged": []}
        for score in self.card.questions:
            if score.status == "hidden":
                continue
            item = {
                "id": score.id,
                "text": self.question_text(score.id),
                "category": self.titles.get(score.category, score.category),
            }
            if score.status == "unanswered":
                groups["unanswered"].append(item)
            if score.status == "dont-know":
                groups["dont-know"].append(item)
            if score.flagged:
                groups["flagged"].append(item)
        return [
            {"title": "Not yet answered", "entries": groups["unanswered"]},
            {"title": "Answered “don't know”", "entries": groups["dont-know"]},
            {"title": "Flagged for review", "entries": groups["flagged"]},
        ]

    def appendix(self) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = []
        for category in self.bank.categories:
            rows = []
            for section in category.sections:
                for question in section.questions:
                    score = self.questions.get(question.id)
                    answer = self.answers.answers.get(question.id)
                    if score is None or (score.status == "hidden" and answer is None):
                        continue
                    rows.append(
                        {
                            "id": question.id,
                            "text": self.text(question.text),
                            "answer": self.answer_text(score)
                            + (
                                " (hidden by an earlier answer; not counted)"
                                if score.status == "hidden"
                                else ""
                            ),
                            "score": pct(score.score) if score.status != "unscored" else "—",
                            "note": answer.note if answer and answer.note else "",
                            "evidence": list(answer.evidence) if answer else [],
                            "flagged": bool(answer and answer.flagged),
                        }
                    )
            groups.append({"title": self.titles.get(category.id, category.id), "rows": rows})
        return groups

    def glossary(self) -> list[dict[str, Any]]:
        cited = sorted({r.instrument for q in self.bank.questions() for r in q.references})
        return [
            {
                "code": code,
                "title": self.text(self.bank.instruments[code].title),
                "year": self.bank.instruments[code].year or "",
                "body": self.bank.instruments[code].body or "",
                "url": self.bank.instruments[code].url or "",
            }
            for code in cited
            if code in self.bank.instruments
        ]

    def resources(self) -> list[dict[str, Any]]:
        return [
            {
                "id": key,
                "title": self.text(resource.title),
                "year": resource.year or "",
                "body": resource.body or "",
                "note": self.text(resource.note),
                "url": resource.url or "",
            }
            for key, resource in sorted(self.bank.resources.items())
        ]
