"""The one output layer over a Scorecard: ``to_data`` and the helpers that show numbers.

JSON and CSV exports, the score table and every future output read a Scorecard through
``to_data`` (plain data, numbers rounded once, half up), so adding a Scorecard field means
adding it here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from roadmap_cli.scoring.metadata import file_metadata
from roadmap_cli.scoring.model import Counts, NodeScore, QuestionScore, Scorecard
from roadmap_cli.scoring.numbers import rounded


def number(value: float | None) -> float | None:
    """A score as written to JSON: four decimals, rounded half up (None stays None)."""
    return rounded(value)


def _exact(value: float | None) -> float | None:
    return value


# How numbers are written: rounded to four decimals for files, or exact for a display
# that rounds in its own way (percentages), so that nothing is rounded twice.
Round = Callable[[float | None], float | None]


# Every count, in the order the Counts model declares them (the JSON keys' order).
_COUNTS = tuple(item.name for item in fields(Counts))


def counts_data(counts: Counts, num: Round = number) -> dict[str, Any]:
    """How the questions under a node were answered, as data."""
    data = {name: getattr(counts, name) for name in _COUNTS}
    data["coverage"] = num(counts.coverage)
    return data


def node_dict(node: NodeScore, num: Round = number) -> dict[str, Any]:
    """A section, category or overall node as JSON data."""
    data: dict[str, Any] = {"id": node.id, "title": node.title}
    if node.category:
        data["category"] = node.category
    data.update(
        score=num(node.score),
        band=node.band,
        capped=node.capped,
        weight=node.weight if node.weighs else None,
        counts=counts_data(node.counts, num),
    )
    return data


def question_dict(q: QuestionScore, num: Round = number) -> dict[str, Any]:
    """A question's score as JSON data."""
    return {
        "id": q.id,
        "category": q.category,
        "section": q.section,
        "type": q.type,
        "answer": q.answer,
        "status": q.status,
        "score": num(q.score),
        "weight": q.weight,
        "band": q.band,
        "critical": q.critical,
        "red_flag": q.red_flag,
        "flagged": q.flagged,
    }


def to_data(card: Scorecard, rules: str | None = None, *, exact: bool = False) -> dict[str, Any]:
    """A whole Scorecard as plain data: what JSON, CSV and the score table all read.

    Numbers are rounded (half up, four decimals) here, once; ``rules`` names the profile
    when one was used; a display that rounds in its own way asks for ``exact`` numbers.
    Traces are left to ``--explain``.
    """
    num: Round = _exact if exact else number
    meta = file_metadata(card, rules)
    return {
        "country": card.country,
        "assessment": {
            key: meta[key] for key in ("country", "organisation", "assessor", "started", "updated")
        },
        "completeness": {
            "answered": meta["answered"],
            "visible": meta["visible"],
            "coverage": num(card.overall.counts.coverage),
        },
        "bank": {"id": card.bank_id, "version": card.bank_version},
        "rule": card.rule,
        "rules": meta["rules"],
        "bands": [{"name": b.name, "min": b.min} for b in card.bands],
        "overall": node_dict(card.overall, num),
        "categories": [node_dict(n, num) for n in card.categories],
        "sections": [node_dict(n, num) for n in card.sections],
        "questions": [question_dict(q, num) for q in card.questions],
        "minimum_standards_unmet": [
            {
                "question": u.question,
                "category": u.category,
                "section": u.section,
                "score": num(u.score),
                "threshold": u.threshold,
                "reason": u.reason,
            }
            for u in card.unmet
        ],
        "red_flags": [
            {
                "question": f.question,
                "category": f.category,
                "section": f.section,
                "answer": f.answer,
                "reason": f.reason,
                "penalty": num(f.penalty),
            }
            for f in card.red_flags
        ],
        "gaps": [
            {
                "question": g.question,
                "category": g.category,
                "section": g.section,
                "score": num(g.score),
                "target": g.target,
                "shortfall": num(g.shortfall),
                "weight": g.weight,
                "priority": num(g.priority),
                "critical": g.critical,
                "red_flag": g.red_flag,
                "recommendation": g.recommendation,
                "references": list(g.references),
            }
            for g in card.gaps
        ],
    }
