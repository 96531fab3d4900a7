"""A small inline bank and answers builders shared by the scoring tests.

The bank ("mini") has two categories and every kind of question the scorer handles:

    A  Planning
      A1  A1.1 scale, weight 2, critical      A1.2 scale, shown if A1.1 is partly/yes
      A2  A2.1 multi: x (2), y (1), z (1), none (exclusive)
          A2.2 number: ≤0 → 0, ≤2 → 0.5, else 1
    B  Practice
      B1  B1.1 single, weight 2, tagged red-flag: good 1, some 0.25 ⚑, bad 0 ⚑
          B1.2 scale, weight 0
      B2  B2.1 scale, critical                 B2.2 text
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.model import Bank
from roadmap_cli.scoring.model import NodeScore, QuestionScore, Scorecard
from roadmap_cli.scoring.registry import select_rule

IMP = {"no": 0.0, "partly": 0.5, "yes": 1.0}

MINI: dict[str, Any] = {
    "format": "roadmap-bank/1",
    "id": "mini",
    "title": "Mini bank",
    "version": "1.0.0",
    "scales": {
        "imp": {
            "label": "Implementation",
            "options": [
                {"key": "no", "label": "No", "score": 0},
                {"key": "partly", "label": "Partly", "score": 0.5},
                {"key": "yes", "label": "Yes", "score": 1},
            ],
        }
    },
    "instruments": {"TIPP": {"title": "Trafficking in Persons Protocol"}},
    "categories": [
        {
            "id": "A",
            "title": "Planning",
            "sections": [
                {
                    "id": "A1",
                    "title": "Plan",
                    "questions": [
                        {
                            "id": "A1.1",
                            "text": "Plan?",
                            "scale": "imp",
                            "weight": 2,
                            "critical": True,
                            "references": [{"instrument": "TIPP", "article": "9(1)"}],
                            "recommendation": "Adopt a plan.",
                        },
                        {
                            "id": "A1.2",
                            "text": "Funded?",
                            "scale": "imp",
                            "show_if": {"question": "A1.1", "in": ["partly", "yes"]},
                        },
                    ],
                },
                {
                    "id": "A2",
                    "title": "Partners",
                    "questions": [
                        {
                            "id": "A2.1",
                            "text": "Who?",
                            "type": "multi",
                            "options": [
                                {"key": "x", "label": "X", "weight": 2},
                                {"key": "y", "label": "Y"},
                                {"key": "z", "label": "Z"},
                                {"key": "none", "label": "None", "exclusive": True},
                            ],
                        },
                        {
                            "id": "A2.2",
                            "text": "Years?",
                            "type": "number",
                            "number": {"min": 0, "max": 10},
                            "thresholds": [
                                {"max": 0, "score": 0},
                                {"max": 2, "score": 0.5},
                                {"score": 1},
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "id": "B",
            "title": "Practice",
            "sections": [
                {
                    "id": "B1",
                    "title": "Harm",
                    "questions": [
                        {
                            "id": "B1.1",
                            "text": "Victims punished?",
                            "type": "single",
                            "weight": 2,
                            "tags": ["red-flag"],
                            "options": [
                                {"key": "good", "label": "No", "score": 1},
                                {"key": "some", "label": "Some", "score": 0.25, "red_flag": True},
                                {"key": "bad", "label": "Often", "score": 0, "red_flag": True},
                            ],
                        },
                        {"id": "B1.2", "text": "Unweighted?", "scale": "imp", "weight": 0},
                    ],
                },
                {
                    "id": "B2",
                    "title": "Rights",
                    "questions": [
                        {"id": "B2.1", "text": "Help?", "scale": "imp", "critical": True},
                        {"id": "B2.2", "text": "Obstacles?", "type": "text"},
                    ],
                },
            ],
        },
    ],
}

TYPICAL: dict[str, Any] = {
    "A1.1": "partly",
    "A1.2": "yes",
    "A2.1": ["x", "z"],
    "A2.2": 2,
    "B1.1": "some",
    "B1.2": "yes",
    "B2.1": "dont-know",
    "B2.2": "Too few inspectors.",
}


def mini_bank() -> Bank:
    """The mini bank as a model."""
    return Bank.model_validate(MINI)


def answers(
    values: Mapping[str, object],
    country: str = "Testland",
    fields: Mapping[str, Mapping[str, object]] | None = None,
) -> AnswersFile:
    """An answers file for the mini bank with these values (fields: more per-id answer fields)."""
    extra = fields or {}
    data = {
        "format": "roadmap-answers/1",
        "bank": {"id": "mini", "version": "1.0.0"},
        "assessment": {"country": country},
        "answers": {qid: {"value": value, **extra.get(qid, {})} for qid, value in values.items()},
    }
    return AnswersFile.model_validate(data)


def score(
    values: Mapping[str, object],
    rule: str = "weighted",
    *,
    bank: Bank | None = None,
    **options: object,
) -> Scorecard:
    """``values`` scored under the built-in ``rule`` with these options, on the mini bank
    unless another bank is given."""
    selected = select_rule(rule)
    merged = {**selected.rule.options, **options}
    return selected.rule.score(bank or mini_bank(), answers(values), merged)


def nodes(card: Scorecard) -> list[QuestionScore | NodeScore]:
    """Every scored node of a card: questions, sections, categories, then the overall one."""
    return [*card.questions, *card.sections, *card.categories, card.overall]


def write_bank(folder: Path) -> Path:
    """The mini bank as a one-file bank in ``folder``."""
    path = folder / "mini-bank.yaml"
    path.write_text(yaml.safe_dump(MINI, sort_keys=False), encoding="utf-8")
    return path


def write_answers(path: Path, values: dict[str, Any], country: str = "Testland") -> Path:
    """An answers file for the mini bank at ``path``."""
    data = {
        "format": "roadmap-answers/1",
        "bank": {"id": "mini", "version": "1.0.0"},
        "assessment": {"country": country},
        "answers": {qid: {"value": value} for qid, value in values.items()},
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
