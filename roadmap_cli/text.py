"""Translatable text: a field that is either a string or a mapping of language code to string.

Banks are written in one language first and translated later; keeping both shapes valid
means a translation never needs a format change.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema

from roadmap_cli.terminal import visible


def _check_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("must not be empty")
        return value
    if isinstance(value, dict) and value:
        for code, text in value.items():
            if not isinstance(code, str) or not isinstance(text, str):
                raise ValueError("must map language codes to text, e.g. {en: ..., fr: ...}")
            if not text.strip():
                raise ValueError(f"the '{code}' text must not be empty")
        return dict(value)
    raise ValueError("must be text, or a mapping of language code to text")


LocalText = Annotated[
    str | dict[str, str],
    PlainValidator(_check_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
            "description": "Text, or a mapping of language code to text.",
        }
    ),
]


def localize(text: str | dict[str, str] | None, language: str, fallback: str = "en") -> str:
    """The text in ``language``, else in ``fallback``, else in any language given ('' for None).

    Bank text is shown on terminals and in reports: its control characters come back
    made visible (``\\x1b``), so that a bank can never act on the screen that shows it.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = text.get(language) or text.get(fallback) or next(iter(text.values()), "")
    return visible(text)


def country_key(country: str) -> str:
    """A country name compared as a person would: case, composed forms and spacing ignored
    (merge refuses, compare warns about and aggregate groups by different keys)."""
    return " ".join(unicodedata.normalize("NFKC", country).casefold().split())
