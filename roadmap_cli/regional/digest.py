"""What the regional view keeps of one scored file: small plain data, made where it is scored.

``digest`` is the batch's render function: with ``--jobs`` it runs in the worker process
and only its result travels back, so it must stay a module-level function returning plain
data (no Scorecard, no bank).  Every figure is read through ``scoring.output.to_data`` (with
exact numbers, then rounded by ``output.number`` exactly as the score JSON rounds them, and
shown as a percentage by ``numbers.percent`` exactly as the score table shows it).
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from roadmap_cli.scoring.batch import FileResult
from roadmap_cli.scoring.numbers import percent
from roadmap_cli.scoring.output import number, to_data
from roadmap_cli.text import localize

SHORT_TEXT = 100  # characters of a question's text shown in the lists of shortfalls


def digest(result: FileResult, rules: str | None = None) -> dict[str, Any]:
    """The regional view's data for one scored file (see the module docstring)."""
    card = result.card
    assert card is not None
    # The view never shows questions, sections or gaps: leave them out before to_data.
    small = replace(card, questions=(), sections=(), gaps=())
    data = to_data(small, rules, exact=True)
    assessment = card.assessment
    completeness = data["completeness"]
    return {
        "file": result.file,
        "country": data["country"],
        "organisation": data["assessment"]["organisation"],
        "started": data["assessment"]["started"],
        "updated": data["assessment"]["updated"],
        # Sortable without parsing ISO text again: (has updated, when, has started, when).
        "order": [
            *_moment(assessment.updated if assessment else None),
            *_moment(assessment.started if assessment else None),
        ],
        "bank": data["bank"],
        "rule": data["rule"],
        "rules": data["rules"],
        "bands": data["bands"],
        "completeness": {
            "answered": completeness["answered"],
            "visible": completeness["visible"],
            "coverage": number(completeness["coverage"]),
        },
        "provisional": completeness["answered"] < completeness["visible"],
        "overall": _node(data["overall"]),
        "categories": [_node(node) for node in data["categories"]],
        "minimum_standards_unmet": _questions(result, data["minimum_standards_unmet"]),
        "red_flags": _questions(result, data["red_flags"]),
    }


def _moment(value: datetime | None) -> list[float]:
    if value is None:
        return [0, 0.0]
    if value.tzinfo is None:  # a time without a zone is taken as UTC, as files write it
        value = value.replace(tzinfo=timezone.utc)
    return [1, value.timestamp()]


def _node(node: dict[str, Any]) -> dict[str, Any]:
    """A category (or the overall node): the score as the JSON writes it and as a table
    shows it, the band, and how much of it was answered."""
    counts = node["counts"]
    return {
        "id": node["id"],
        "title": node["title"],
        "score": number(node["score"]),
        "percent": percent(node["score"]),
        "band": node["band"],
        "capped": node["capped"],
        "answered": counts["answered"],
        "visible": counts["answered"] + counts["unanswered"],
    }


def _questions(result: FileResult, items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each unmet standard or red flag: question id, category and the question's short text."""
    bank = result.bank
    answers = result.answers
    language = (answers.assessment.language if answers else None) or (
        bank.default_language if bank else "en"
    )
    found = []
    for item in items:
        facts = bank.facts_by_id.get(item["question"]) if bank else None
        text = ""
        if facts and bank:
            text = localize(facts.question.text, language, bank.default_language)
        found.append(
            {
                "question": item["question"],
                "category": item["category"],
                "text": textwrap.shorten(text, SHORT_TEXT, placeholder=" …"),
            }
        )
    return found
