"""The JSON Schema of ``roadmap-aggregate/1``, the JSON that ``roadmap aggregate`` writes.

Written by hand, in the manner of ``scoring/scores_schema.py`` and from its parts: the
JSON is plain data built by ``view.aggregate``.  Every key the format promises
(docs/coordinators.md) is required; keys it does not list are allowed, since new keys may
be added within version 1.
"""

from __future__ import annotations

from typing import Any

from roadmap_cli.regional.view import FORMAT
from roadmap_cli.scoring.scores_schema import (
    BANDS,
    BANK,
    COMPLETENESS,
    COUNT,
    DATE_TIME,
    RULES,
    SCORE,
    TEXT,
    TEXT_OR_NULL,
    TEXTS,
    list_of,
    object_schema,
)

CELL = object_schema(
    {
        "score": SCORE,
        "percent": {
            "type": "string",
            "pattern": "^([0-9]{1,3}%|—)$",
            "description": "The score as the table shows it ('63%'); '—' when it is null.",
        },
        "band": TEXT_OR_NULL,
        "capped": TEXT_OR_NULL,
        "answered": COUNT,
        "visible": COUNT,
    }
)

ASSESSMENT = object_schema(
    {
        "file": TEXT,
        "organisation": TEXT_OR_NULL,
        "started": DATE_TIME,
        "updated": DATE_TIME,
        "bank": {**BANK, "description": "The bank version the file names and was scored on."},
        "provisional": {"type": "boolean", "description": "Some shown question is unanswered."},
        "completeness": COMPLETENESS,
        "overall": {"$ref": "#/$defs/cell"},
        "categories": {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/cell"},
            "description": "By category id.",
        },
    }
)

SHORTFALLS = list_of(
    object_schema(
        {
            "bank": {**TEXT, "description": "Question ids are counted per bank."},
            "question": TEXT,
            "category": TEXT,
            "text": {**TEXT, "description": "The start of the question's text."},
            "countries": {"type": "integer", "minimum": 1},
            "which": {**TEXTS, "minItems": 1},
        }
    )
)


def aggregate_schema() -> dict[str, Any]:
    """The JSON Schema body of ``roadmap-aggregate/1`` (without ``$schema`` and title)."""
    body = object_schema(
        {
            "format": {"const": FORMAT},
            "generator": {
                "type": "string",
                "pattern": "^roadmap-cli ",
                "description": "The program and its version.",
            },
            "rules": RULES,
            "selection": {"enum": ["latest", "all"]},
            "selection_rule": TEXT,
            "files": {**COUNT, "description": "How many files were scored."},
            "categories": list_of(object_schema({"id": TEXT, "title": TEXT})),
            "bands": BANDS,
            "countries": list_of(
                {"allOf": [{"$ref": "#/$defs/assessment"}, object_schema({"country": TEXT})]}
            ),
            "distribution": list_of(
                object_schema(
                    {
                        "category": TEXT,
                        "title": TEXT,
                        "bands": list_of(object_schema({"band": TEXT, "countries": COUNT})),
                        "not_rated": COUNT,
                    }
                )
            ),
            "minimum_standards_unmet": SHORTFALLS,
            "red_flags": SHORTFALLS,
            "trend": {
                **list_of(
                    object_schema(
                        {"country": TEXT, "assessments": list_of({"$ref": "#/$defs/assessment"})}
                    )
                ),
                "description": "Each country's assessments, oldest first; empty unless --all.",
            },
            "notes": TEXTS,
            "failed": {**TEXTS, "description": "One line per file that could not be scored."},
        }
    )
    body["$defs"] = {"assessment": ASSESSMENT, "cell": CELL}
    return body
