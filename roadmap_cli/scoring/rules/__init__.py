"""The built-in scoring rules; they register through the same call as any plugin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from roadmap_cli.errors import RoadmapError, validator_words
from roadmap_cli.scoring.model import Band

OptionsT = TypeVar("OptionsT", bound=BaseModel)


def parse_options(rule: str, model: type[OptionsT], options: Mapping[str, Any]) -> OptionsT:
    """``options`` as ``model``; a RoadmapError naming the rule and option if invalid."""
    if isinstance(options, model):
        return options
    try:
        return model.model_validate(dict(options))
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "options"
        message = validator_words(str(first.get("msg", "invalid")))
        raise RoadmapError(f"rule '{rule}': option {where}: {message}") from None


def require_band(rule: str, option: str, value: str, bands: Sequence[Band]) -> None:
    """A RoadmapError unless ``value`` (the ``option`` of ``rule``) names one of ``bands``."""
    names = [band.name for band in bands]
    if value not in names:
        raise RoadmapError(
            f"rule '{rule}': option {option}: '{value}' is not one of the bands "
            f"({', '.join(names)})"
        )
