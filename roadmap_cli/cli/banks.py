"""``roadmap banks``: list, show, lint and print the JSON Schema of question banks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err, out
from roadmap_cli.cli.options import language_option
from roadmap_cli.errors import Problem
from roadmap_cli.schemas import SchemaKind

app = typer.Typer(
    help="See, check and describe question banks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("list")
def list_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Extra bank folders or files to list beside the built-in banks."),
    ] = None,
) -> None:
    """List the built-in question banks (and any given as paths)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from roadmap_cli.bank.catalogue import describe_banks

    rows, failures = describe_banks(paths or [])
    table = Table(title="Question banks", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("bank", ratio=1, min_width=26)
    table.add_column("version", no_wrap=True)
    table.add_column("languages", no_wrap=True)
    table.add_column("categories", justify="right", no_wrap=True)
    table.add_column("questions", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            Text.assemble((row.id, "bold cyan"), "\n", row.title, "\n", (row.origin, "dim")),
            row.version,
            ", ".join(row.languages),
            str(len(row.categories)),
            str(row.questions),
        )
    out().print(table)
    for failure in failures:
        err().print(f"roadmap: {failure}", markup=False)
    if failures:
        raise typer.Exit(1)


@app.command("show")
def show_command(
    bank: Annotated[str, typer.Argument(help="A built-in bank id, or the path to a bank.")],
    language: Annotated[
        str | None, language_option("Language to show (default: the bank's).")
    ] = None,
    changes: Annotated[
        bool,
        typer.Option("--changes", help="Show what changed between versions, and why."),
    ] = False,
) -> None:
    """Show a bank as a tree of categories, sections and questions (or its changes)."""
    from roadmap_cli.bank.store import bank_changelog, load_bank
    from roadmap_cli.cli.bank_tree import bank_tree

    loaded = load_bank(bank)
    if changes:
        typer.echo(bank_changelog(loaded), nl=False)
        return
    out().print(bank_tree(loaded.bank, language or loaded.bank.default_language))


@app.command("lint")
def lint_command(
    paths: Annotated[list[str], typer.Argument(help="Bank folders, bank files or built-in ids.")],
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check banks (and a bank folder's migration map) and print every problem as
    FILE:LINE:COL: severity: message."""
    from roadmap_cli.bank.store import check_bank_folder, resolve_bank

    problems = []
    for ref in paths:
        path, _ = resolve_bank(ref)
        problems.extend(check_bank_folder(path))
    if strict:
        problems = [p if p.is_error else _as_error(p) for p in problems]
    for problem in sorted(problems):
        typer.echo(problem.format())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    err().print(
        f"{summary} in {len(paths)} bank{'s' * (len(paths) != 1)}", style="bad" if errors else "ok"
    )
    if errors:
        raise typer.Exit(1)


def _as_error(problem: Problem) -> Problem:
    return replace(problem, severity="error")


@app.command("schema")
def schema_command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="Which file kind: bank, answers, migrations, scores, compare or aggregate."
        ),
    ],
) -> None:
    """Print the JSON Schema for bank, answers or migration map files, or for the JSON of
    roadmap score, compare or aggregate (the same as 'roadmap schema KIND')."""
    from roadmap_cli.schemas import schema_text

    typer.echo(schema_text(kind))
