"""``roadmap schema KIND``: the JSON Schema of a file kind roadmap reads or writes.

The same schemas as ``roadmap banks schema`` (kept working), under a name that does not
suggest they are only about banks: the scores schema describes ``roadmap score`` output.
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.cli.banks import SchemaKind


def schema_command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="bank or answers (files you write), scores (roadmap score's JSON)."),
    ],
) -> None:
    """Print the JSON Schema for bank or answers files, or for the JSON of roadmap score."""
    from roadmap_cli.schemas import schema_text

    typer.echo(schema_text(kind.value))
