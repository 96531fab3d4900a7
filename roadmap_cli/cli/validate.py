"""``roadmap validate``: check answers files against their bank.

Files, folders and glob patterns are expanded as ``roadmap score`` expands them.  The
results (one line per file, then a summary when there is more than one) go to standard
output; the problems found (``FILE:LINE: severity: message``) and arguments that name no
file go to standard error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.cli.console import out
from roadmap_cli.cli.options import BankOption, files_argument


def validate_command(
    inputs: Annotated[
        list[str],
        files_argument("Answers files, folders (their *.yaml) or glob patterns, as for score."),
    ],
    bank: BankOption = None,
) -> None:
    """Check answers files against their bank: results on stdout, FILE:LINE: problems on
    stderr."""
    from roadmap_cli.assessment import examine
    from roadmap_cli.bank.store import BankStore
    from roadmap_cli.scoring.batch import expand_inputs
    from roadmap_cli.terminal import visible

    paths, missing = expand_inputs(inputs)
    store = BankStore()
    failed = 0
    for path in paths:
        result = examine(path, bank, store)
        for problem in result.problems:
            typer.echo(problem.format(with_column=False), err=True)
        errors = sum(p.is_error for p in result.problems)
        warnings = len(result.problems) - errors
        noted = f" ({_count(warnings, 'warning')})" if warnings else ""
        if result.ok:
            line, style = f"{result.shown}: ok — {result.summary}{noted}", "ok"
        else:
            failed += 1
            found = _count(errors, "error") + (
                f", {_count(warnings, 'warning')}" if warnings else ""
            )
            line, style = f"{result.shown}: failed — {found}", "bad"
        out().print(visible(line), style=style, markup=False, highlight=False, soft_wrap=True)
    for item in missing:
        typer.echo(visible(f"roadmap: {item.file}: {item.error}"), err=True)
    if len(paths) > 1:
        ok = len(paths) - failed
        out().print(
            f"{_count(len(paths), 'file')} checked: {ok} ok, {failed} failed",
            style="bad" if failed else "ok",
            markup=False,
            highlight=False,
        )
    if failed or missing:
        raise typer.Exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"
