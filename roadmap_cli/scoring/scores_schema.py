"""The JSON Schema of ``roadmap-scores/1``, the JSON that ``roadmap score`` writes.

Written by hand rather than generated: the JSON is built as plain data for speed
(``export.card_dict``), not from models.  It lists every key the format promises
(docs/scoring.md §10) as required, and allows keys it does not list, since new keys may
be added within version 1.  A test validates every JSON the test suite produces against it.
"""

from __future__ import annotations

from typing import Any

SCORE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
DATE_TIME = {**TEXT_OR_NULL, "format": "date-time"}
COUNT = {"type": "integer", "minimum": 0}
TEXTS = {"type": "array", "items": TEXT}


def object_schema(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An object whose ``properties`` are all required; keys not listed are allowed."""
    return {"type": "object", "required": list(properties), "properties": properties, **extra}


def list_of(items: dict[str, Any]) -> dict[str, Any]:
    """An array of ``items``."""
    return {"type": "array", "items": items}


# The parts other formats (roadmap-compare/1, roadmap-aggregate/1) share with this one.
BANK = object_schema({"id": TEXT, "version": TEXT})
ASSESSMENT = object_schema(
    {
        "country": TEXT,
        "organisation": TEXT_OR_NULL,
        "assessor": TEXT_OR_NULL,
        "started": DATE_TIME,
        "updated": DATE_TIME,
    }
)
COMPLETENESS = object_schema({"answered": COUNT, "visible": COUNT, "coverage": SCORE})
BANDS = list_of(object_schema({"name": TEXT, "min": {"type": "number"}}))
STATUS = {"enum": ["answered", "unanswered", "not-applicable", "dont-know", "hidden", "unscored"]}
RULES = object_schema(
    {
        "name": TEXT,
        "profile": TEXT_OR_NULL,
        "source": TEXT,
        "options": {"type": "object"},
    }
)


COUNTS = object_schema(
    {
        "questions": COUNT,
        "answered": COUNT,
        "unanswered": COUNT,
        "not_applicable": COUNT,
        "dont_know": COUNT,
        "flagged": COUNT,
        "hidden": COUNT,
        "coverage": SCORE,
    }
)

NODE = object_schema(
    {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "score": SCORE,
        "band": TEXT_OR_NULL,
        "capped": {**TEXT_OR_NULL, "description": "Why the band was held down, if it was."},
        "weight": {
            "type": ["number", "null"],
            "minimum": 0,
            "description": "null where the weight has no effect (overall; walk-free categories).",
        },
        "counts": {"$ref": "#/$defs/counts"},
    }
)

SECTION = {
    "allOf": [
        {"$ref": "#/$defs/node"},
        object_schema({"category": {"type": "string"}}),
    ]
}

QUESTION = object_schema(
    {
        "id": {"type": "string"},
        "category": {"type": "string"},
        "section": {"type": "string"},
        "type": {"type": "string"},
        "answer": {"type": "string", "description": "The value as given; '' if none."},
        "status": STATUS,
        "score": SCORE,
        "weight": {"type": "number", "minimum": 0},
        "band": TEXT_OR_NULL,
        "critical": {"type": "boolean"},
        "red_flag": {"type": "boolean", "description": "This answer raised a red flag."},
        "flagged": {"type": "boolean", "description": "Marked for review in the answers file."},
    }
)

UNMET = object_schema(
    {
        "question": {"type": "string"},
        "category": {"type": "string"},
        "section": {"type": "string"},
        "score": SCORE,
        "threshold": {"type": "number"},
        "reason": {"type": "string"},
    }
)

RED_FLAG = object_schema(
    {
        "question": {"type": "string"},
        "category": {"type": "string"},
        "section": {"type": "string"},
        "answer": {"type": "string"},
        "reason": {"type": "string"},
        "penalty": {
            "type": ["number", "null"],
            "description": "Points subtracted (walk-free); null under rules that subtract none.",
        },
    }
)

GAP = object_schema(
    {
        "question": {"type": "string"},
        "category": {"type": "string"},
        "section": {"type": "string"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "target": {"type": "number", "minimum": 0, "maximum": 1},
        "shortfall": {"type": "number", "exclusiveMinimum": 0},
        "weight": {"type": "number", "minimum": 0},
        "priority": {"type": "number", "minimum": 0},
        "critical": {"type": "boolean"},
        "red_flag": {"type": "boolean"},
        "recommendation": {"type": "string"},
        "references": {"type": "array", "items": {"type": "string"}},
    }
)

FILE = object_schema(
    {
        "file": {"type": "string"},
        "country": {"type": "string"},
        "assessment": ASSESSMENT,
        "completeness": COMPLETENESS,
        "bank": BANK,
        "rule": {"type": "string", "description": "The scoring rule's name."},
        "rules": {"type": "string", "description": "The profile's name, else the rule's."},
        "bands": BANDS,
        "overall": {"$ref": "#/$defs/node"},
        "categories": {"type": "array", "items": {"$ref": "#/$defs/node"}},
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
        "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}},
        "minimum_standards_unmet": {"type": "array", "items": UNMET},
        "red_flags": {"type": "array", "items": RED_FLAG},
        "gaps": {"type": "array", "items": GAP},
        "warnings": {"type": "array", "items": {"type": "string"}},
    }
)


def scores_schema() -> dict[str, Any]:
    """The JSON Schema body of ``roadmap-scores/1`` (without ``$schema`` and title)."""
    body = object_schema(
        {
            "format": {"const": "roadmap-scores/1"},
            "rules": RULES,
            "files": {"type": "array", "items": {"$ref": "#/$defs/file"}},
            "failed": {
                "type": "array",
                "items": object_schema({"file": {"type": "string"}, "error": {"type": "string"}}),
            },
        }
    )
    body["$defs"] = {
        "file": FILE,
        "node": NODE,
        "section": SECTION,
        "question": QUESTION,
        "counts": COUNTS,
    }
    return body
