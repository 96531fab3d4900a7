"""``roadmap rules``: the scoring rules available (built-in and plugins) and their options."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.cli.console import err, out

app = typer.Typer(
    help="See the scoring rules: built-in, installed plugins, profiles and rule files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("list")
def list_command() -> None:
    """List the scoring rules: name, where it comes from, and what it does."""
    from rich import box
    from rich.table import Table

    from roadmap_cli.scoring.registry import builtin_registry

    registry = builtin_registry()
    failures = registry.load_all()
    table = Table(title="Scoring rules", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("rule", style="bold cyan", no_wrap=True)
    table.add_column("source")
    table.add_column("summary", ratio=1)
    for rule, source in registry.rules():
        table.add_row(rule.name, source, rule.summary)
    out().print(table)
    for failure in failures:
        err().print(f"roadmap: {failure.message}", markup=False, highlight=False)
    if failures:
        raise typer.Exit(1)


@app.command("show")
def show_command(
    name: Annotated[
        str, typer.Argument(help="A rule name, a rules profile (.yaml) or a rule file (.py).")
    ],
) -> None:
    """Show a rule's options, their defaults (or the profile's values) and meaning."""
    import json

    from roadmap_cli.scoring.registry import select_rule

    selected = select_rule(name)
    rule = selected.rule
    console = out()
    console.print(f"{rule.name}", style="title", markup=False)
    console.print(f"  {rule.summary}", markup=False)
    console.print(f"  source: {selected.source}", style="muted", markup=False)
    if selected.profile:
        console.print(f"  profile: {selected.profile}", markup=False)
    helps = rule.option_help
    console.print("options:" if selected.options else "options: none", style="title")
    for key, value in selected.options.items():
        shown = json.dumps(value, ensure_ascii=False, default=str)
        console.print(f"  {key}: {shown}", markup=False, soft_wrap=True)
        if helps.get(key):
            console.print(f"      {helps[key]}", style="muted", markup=False)
