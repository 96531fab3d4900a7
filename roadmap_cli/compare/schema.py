"""The JSON Schema of ``roadmap-compare/1``, the JSON that ``roadmap compare`` writes.

Written by hand, in the manner of ``scoring/scores_schema.py`` and from its parts: the
JSON is plain data built by ``model.Comparison.to_data``.  Every key the format promises
(docs/coordinators.md) is required; keys it does not list are allowed, since new keys may
be added within version 1.  Each list says which of its sides may be ``null``: a gap
closed has no ``new`` side, a gap opened no ``old`` one.
"""

from __future__ import annotations

from typing import Any

from roadmap_cli.compare.model import COMPARE_FORMAT, LISTS
from roadmap_cli.scoring.scores_schema import (
    ASSESSMENT,
    BANK,
    COMPLETENESS,
    COUNT,
    RULES,
    SCORE,
    STATUS,
    TEXT,
    TEXT_OR_NULL,
    TEXTS,
    list_of,
    object_schema,
)

FRACTION = {"type": "number", "minimum": 0, "maximum": 1}
CHANGE = {
    "type": ["number", "null"],
    "minimum": -1,
    "maximum": 1,
    "description": "NEW − OLD of the scores; null when either is null.",
}

SIDE = object_schema(
    {
        "file": TEXT,
        "country": TEXT,
        "assessment": ASSESSMENT,
        "bank": {**BANK, "description": "The bank version the file names."},
        "completeness": COMPLETENESS,
        "provisional": {"type": "boolean", "description": "Some shown question is unanswered."},
    }
)

MIGRATION = {
    "oneOf": [
        {"type": "null"},
        object_schema(
            {
                "file": TEXT,
                "side": {"enum": ["old", "new"]},
                "from": TEXT,
                "to": TEXT,
                "renamed": COUNT,
                "archived": COUNT,
                "needs_answer": TEXTS,
                "sentence": TEXT,
            }
        ),
    ],
    "description": "How the older file was moved to the other's bank version; null if not.",
}

NODE = object_schema(
    {
        "id": TEXT,
        "title": TEXT,
        "old": {"$ref": "#/$defs/score"},
        "new": {"$ref": "#/$defs/score"},
        "change": CHANGE,
    }
)

# The facts of one side of each kind of item, as ``model`` keeps them.
FACTS = {
    "score": object_schema({"score": SCORE, "band": TEXT_OR_NULL, "capped": TEXT_OR_NULL}),
    "gap": object_schema(
        {"score": FRACTION, "target": FRACTION, "priority": {"type": "number", "minimum": 0}}
    ),
    "red_flag": object_schema(
        {
            "answer": TEXT,
            "reason": TEXT,
            "penalty": {"type": ["number", "null"], "description": "null under most rules."},
        }
    ),
    "standard": object_schema({"score": SCORE, "threshold": {"type": "number"}, "reason": TEXT}),
    "answer": object_schema(
        {
            "status": STATUS,
            "value": {
                "type": ["string", "number", "array", "null"],
                "items": TEXT,
                "description": "The value in the answers file; null if none.",
            },
            "answer": {**TEXT, "description": "The answer in words."},
            "score": SCORE,
            "note": TEXT,
        }
    ),
}

# A question's answer, status and score on each side ({} if it has none on that side).
ANSWERS = object_schema(
    {
        side: {
            "oneOf": [
                object_schema({"answer": TEXT, "status": STATUS, "score": SCORE}),
                {"type": "object", "maxProperties": 0},
            ]
        }
        for side in ("old", "new")
    }
)


def _item(kind: str, old: bool, new: bool) -> dict[str, Any]:
    """A gap, red flag, standard or answer: ``old`` or ``new`` false means that side is null."""
    facts = {"$ref": f"#/$defs/{kind}"}
    properties = {
        "id": {**TEXT, "description": "The question's id."},
        "category": TEXT,
        "section": TEXT,
        "title": {**TEXT, "description": "The question's text."},
        "old": facts if old else {"type": "null"},
        "new": facts if new else {"type": "null"},
    }
    if kind != "answer":
        properties["answers"] = ANSWERS
    return list_of(object_schema(properties))


def _sides(kind: str, only_old: str, only_new: str, both: str) -> dict[str, tuple[str, bool, bool]]:
    """Three lists of ``kind``: items only in OLD, only in NEW, and in both."""
    return {only_old: (kind, True, False), only_new: (kind, False, True), both: (kind, True, True)}


# Each list of items, with the sides its items have: (kind, old side, new side).
SIDES = {
    **_sides("gap", "gaps_closed", "gaps_opened", "gaps_persisting"),
    **_sides("red_flag", "red_flags_cleared", "red_flags_raised", "red_flags_persisting"),
    **_sides("standard", "standards_newly_met", "standards_lost", "standards_still_unmet"),
    **dict.fromkeys(
        ("answers_changed", "newly_answered", "newly_unanswered"), ("answer", True, True)
    ),
}


def compare_schema() -> dict[str, Any]:
    """The JSON Schema body of ``roadmap-compare/1`` (without ``$schema`` and title)."""
    body = object_schema(
        {
            "format": {"const": COMPARE_FORMAT},
            "generator": object_schema({"name": TEXT, "version": TEXT}),
            "rules": RULES,
            "bank": {**BANK, "description": "The bank version both files were scored on."},
            "old": SIDE,
            "new": SIDE,
            "migration": MIGRATION,
            "warnings": TEXTS,
            "overall": NODE,
            "categories": list_of(NODE),
            "sections": list_of(
                {"allOf": [NODE, object_schema({"category": TEXT})]},
            ),
            # In the order the document has them.
            **{name: _item(*SIDES[name]) for name in LISTS if name in SIDES},
        }
    )
    body["$defs"] = FACTS
    return body
