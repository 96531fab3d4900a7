"""``roadmap validate``: check answers files against their bank."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err
from roadmap_cli.cli.options import BankOption


def validate_command(
    files: Annotated[list[Path], typer.Argument(help="Answers files to check.")],
    bank: BankOption = None,
) -> None:
    """Check answers files against their bank and print FILE:LINE: problems."""
    from roadmap_cli.assessment import examine
    from roadmap_cli.bank.store import BankStore

    store = BankStore()
    failed = 0
    for path in files:
        result = examine(path, bank, store)
        for problem in result.problems:
            typer.echo(problem.format(with_column=False))
        if result.ok:
            err().print(f"{result.shown}: ok — {result.summary}", style="ok", markup=False)
        else:
            failed += 1
    if failed:
        err().print(f"{failed} of {len(files)} file{'s' * (len(files) != 1)} failed", style="bad")
        raise typer.Exit(1)
