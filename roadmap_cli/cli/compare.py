"""``roadmap compare OLD NEW``: what changed between two assessments of one country."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err
from roadmap_cli.cli.options import BankOption, RulesOption, output_option


class CompareFormat(str, enum.Enum):
    """The formats of a comparison."""

    table = "table"
    md = "md"
    html = "html"
    json = "json"


def compare_command(
    old: Annotated[
        Path,
        typer.Argument(metavar="OLD", help="The answers file to compare from (the earlier one)."),
    ],
    new: Annotated[
        Path,
        typer.Argument(metavar="NEW", help="The answers file to compare to (the later one)."),
    ],
    rules: RulesOption = None,
    bank: BankOption = None,
    fmt: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="table (default), md, html or json."),
    ] = CompareFormat.table,
    output: Annotated[
        str | None,
        output_option(
            "Write md, html or json to this file (- for the screen). Default: the "
            "screen; html goes to NEW.compare.html next to NEW."
        ),
    ] = None,
) -> None:
    """Compare two assessments of one country: scores, gaps, red flags and answers.

    Everything is told from OLD to NEW in the order you give them, never sorted by date
    (a warning says when OLD was updated after NEW). Files on different versions of
    their bank are compared through the bank's migration map: the older one is moved to
    the newer version in memory (the file is not changed), and the output says so.
    """
    from roadmap_cli.compare.model import compare_files
    from roadmap_cli.errors import UsageError
    from roadmap_cli.terminal import visible

    if fmt is CompareFormat.table and output is not None:
        raise UsageError("--output needs --format md, html or json")
    if output is not None and not output.strip():
        raise UsageError("--output needs a file name (or - for the screen)")
    comparison = compare_files(old, new, rules, bank)
    for warning in comparison.warnings:
        err().print(visible(f"warning: {warning}"), style="warn", markup=False)
    if fmt is CompareFormat.table:
        from roadmap_cli.cli.compare_view import print_comparison

        print_comparison(comparison)
        return
    from roadmap_cli.compare.render import render_comparison
    from roadmap_cli.files import write_atomic

    text = render_comparison(comparison, fmt.value)
    if output == "-" or (output is None and fmt is not CompareFormat.html):
        sys.stdout.write(text)
        return
    target = Path(output) if output is not None else new.with_name(f"{new.stem}.compare.html")
    write_atomic(target, text)
    err().print(visible(f"Wrote {target}"), style="ok", markup=False)
