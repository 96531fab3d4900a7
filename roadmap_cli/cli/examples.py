"""``roadmap examples``: list the sample assessments, or copy them to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err, out


def examples_command(
    copy: Annotated[
        Path | None,
        typer.Option(
            "--copy",
            metavar="DIR",
            help="Copy the samples (and their rules profile) into DIR, e.g. --copy examples.",
        ),
    ] = None,
) -> None:
    """List the sample assessments shipped with the tool, or copy them to a folder."""
    from roadmap_cli.errors import display_path
    from roadmap_cli.samples import copy_examples, list_examples

    if copy is not None:
        written = copy_examples(copy)
        for path in written:
            err().print(f"Wrote {display_path(path)}", style="ok", markup=False)
        if not written:
            err().print(f"{display_path(copy)} already holds every example.", markup=False)
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Sample assessments", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("file", no_wrap=True)
    table.add_column("country")
    table.add_column("bank", no_wrap=True)
    table.add_column("answers", justify="right")
    for example in list_examples():
        if example.kind == "assessment":
            # Text(), not str: a country name from a file must never be read as markup.
            table.add_row(
                Text(example.name), Text(example.country), Text(example.bank), str(example.answers)
            )
        else:
            table.add_row(Text(example.name), "(rules profile)", "", "")
    out().print(table)
    err().print(
        "Copy them with: roadmap examples --copy examples  (then e.g. "
        "roadmap report examples/veloria-workshop.yaml)",
        style="muted",
        markup=False,
    )
