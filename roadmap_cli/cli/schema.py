"""``roadmap schema KIND``: the JSON Schema of a file kind roadmap reads or writes.

The same schemas as ``roadmap banks schema`` (kept working), under a name that does not
suggest they are only about banks: the scores, compare and aggregate schemas describe the
JSON those commands write.
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.schemas import SchemaKind


def schema_command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="bank, answers or migrations (files you write); scores, compare or aggregate "
            "(the JSON of roadmap score, compare or aggregate)."
        ),
    ],
) -> None:
    """Print the JSON Schema for bank, answers or migration map files, or for the JSON of
    roadmap score, compare or aggregate."""
    from roadmap_cli.schemas import schema_text

    typer.echo(schema_text(kind))
