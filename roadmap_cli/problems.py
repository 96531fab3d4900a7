"""Turn model validation errors into ``FILE:LINE:COL`` problems a person can act on.

Data may be assembled from several YAML files (a bank folder); ``Sources`` remembers which
file and line every value came from, so a message points at the right place.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from roadmap_cli.errors import FileProblems, Problem, validator_words
from roadmap_cli.yamlio import Document, Path_, read_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


class Sources:
    """Where each part of assembled data came from: (path prefix, document) pairs."""

    def __init__(self, root: Document) -> None:
        self.parts: list[tuple[Path_, Document]] = [((), root)]

    @property
    def root(self) -> Document:
        """The document the data starts from."""
        return self.parts[0][1]

    def add(self, prefix: Path_, document: Document) -> None:
        """Record that the data at ``prefix`` came from ``document``."""
        self.parts.append((prefix, document))

    def locate(self, path: Path_) -> tuple[Document, Path_]:
        """The document holding ``path`` and the path inside that document."""
        best: tuple[Path_, Document] = self.parts[0]
        for prefix, document in self.parts:
            if path[: len(prefix)] == prefix and len(prefix) >= len(best[0]):
                best = (prefix, document)
        return best[1], path[len(best[0]) :]

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        """A Problem at the value at ``path``."""
        document, inner = self.locate(path)
        return document.problem(inner, message, severity)

    def parse_problems(self) -> list[Problem]:
        """Problems found while parsing (duplicate keys) in every document."""
        return [p for _, document in self.parts for p in document.problems]


def read_model(path: Path, model: type[ModelT], what: str, hint: str) -> tuple[ModelT, Sources]:
    """Read the YAML file at ``path`` as ``model``, and where each of its values sits.

    ``what`` names the file in messages ("answers file").  Raises FileProblems, ending with
    ``hint``, listing duplicate keys and every validation problem.
    """
    document = read_yaml(path, what=what)
    sources = Sources(document)
    found, problems = validate(model, document.data, sources)
    problems = sources.parse_problems() + problems
    if found is None or problems:
        raise FileProblems(problems, hint)
    return found, sources


def validate(
    model: type[ModelT], data: Any, sources: Sources
) -> tuple[ModelT | None, list[Problem]]:
    """Validate ``data`` as ``model``; return the model or every problem found."""
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, problems_from(err, model, data, sources)


def problems_from(
    err: ValidationError, model: type[BaseModel], data: Any, sources: Sources
) -> list[Problem]:
    """One Problem per validation error, located and worded for a person."""
    problems = []
    for error in err.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing":
            field = str(loc[-1])
            where = loc[:-1]
            message = f"missing required field '{field}'"
        elif kind == "extra_forbidden":
            field = str(loc[-1])
            where = loc
            message = f"unknown key '{field}'"
            allowed = _field_names(_model_at(model, loc[:-1]))
            close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
            if close:
                message += f" (did you mean '{close[0]}'?)"
            elif allowed:
                message += f" (expected one of: {', '.join(sorted(allowed))})"
        else:
            where = loc
            message = _wording(kind, error.get("msg", ""), error.get("ctx") or {})
        label = _label(data, where if kind != "extra_forbidden" else loc[:-1], sources)
        problems.append(sources.problem(where, f"{label}{message}" if label else message))
    return problems


def _label(data: Any, loc: Path_, sources: Sources) -> str:
    # Name the nearest enclosing item with an id ("PL1.3: weight: ...") and the field path
    # below it, so a message reads well without the full path from the top of the file.
    _, inner = sources.locate(loc)
    start = len(loc) - len(inner)
    owner, tail_from = "", start
    node = data
    for depth, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and depth + 1 >= start:
            owner, tail_from = node["id"], depth + 1
    tail = _dotted(loc[tail_from:])
    parts = [p for p in (owner, tail) if p]
    return ": ".join(parts) + ": " if parts else ""


def _dotted(loc: Path_) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_WORDING = {
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list (items starting with '- ')",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "datetime_type": "must be a date and time such as 2026-11-28T09:00:00Z",
    "datetime_parsing": "must be a date and time such as 2026-11-28T09:00:00Z",
    "datetime_from_date_parsing": "must be a date and time such as 2026-11-28T09:00:00Z",
}


def _wording(kind: str, msg: str, ctx: dict[str, Any]) -> str:
    if kind in _WORDING:
        return _WORDING[kind]
    if kind == "greater_than_equal":
        return f"must be a number ≥ {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be a number ≤ {ctx.get('le')}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"must have at least {least} item{'s' if least != 1 else ''}"
    if kind == "value_error":
        return validator_words(msg)
    return msg[:1].lower() + msg[1:]


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model class that validates the value at ``loc`` (None if not a model)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _element(current, list)
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for n, f in current.model_fields.items() if part in (n, f.alias)), None)
            if field is None:
                return None
            current = _unwrap(field.annotation)
        else:
            current = _element(current, dict)
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    # Optional[X] -> X; Annotated[X, ...] -> X
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _element(annotation: Any, container: type) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is container:
        return _unwrap(typing.get_args(annotation)[-1])
    return None
