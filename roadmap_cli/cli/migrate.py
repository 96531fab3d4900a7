"""``roadmap migrate``: move answers files to a later version of their bank."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err
from roadmap_cli.cli.options import BankOption
from roadmap_cli.terminal import visible


def migrate_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE|DIR|GLOB", help="Answers files, folders (their *.yaml) or patterns."
        ),
    ],
    bank: BankOption = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="The bank version to move to (default: the latest)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write: a file (one input) or an existing folder. "
            "Default: NAME-VERSION.yaml next to each file.",
        ),
    ] = None,
    in_place: Annotated[
        bool,
        typer.Option(
            "--in-place", help="Replace each file, keeping the old one as NAME.yaml.VERSION.bak."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
) -> None:
    """Move answers files to a later bank version through the bank's migration map.

    Every answer travels with its note, evidence and flag. An answer that no longer fits
    is kept under 'archived:' in the file, never deleted, and its question is listed as
    needing a new answer (roadmap assess asks it).
    """
    from roadmap_cli.bank.store import BankStore
    from roadmap_cli.errors import RoadmapError, UsageError
    from roadmap_cli.migration import plan_migration, target_path, write_migration
    from roadmap_cli.scoring.batch import expand_inputs

    files, missing = expand_inputs(inputs)
    if missing:
        raise RoadmapError(f"{missing[0].file}: {missing[0].error}", "Nothing was migrated.")
    if in_place and output is not None:
        raise UsageError("give --in-place or --output, not both")
    if output is not None and len(files) > 1 and not output.is_dir():
        raise UsageError("--output must be an existing folder when migrating several files")
    store = BankStore()
    plans = [plan_migration(path, to, store, bank) for path in files]  # all checked before writing
    for plan in plans:
        # Plain lines (many per file, for many files), made safe: ids and values come
        # from the files.
        shown = str(plan.path)
        if not plan.changed:
            typer.echo(visible(f"{shown}: already at version {plan.end}; nothing to change"))
            continue
        lines = [f"{shown}: {plan.start} → {plan.end}"]
        lines += [f"  {line}" for line in plan.migration.changes]
        needs = plan.migration.needs_answer
        lines.append(
            f"  {len(plan.migration.answers.answers)} answers carried over, "
            f"{plan.migration.archived} archived, {len(needs)} questions need a new answer"
            + (f": {', '.join(needs)}" if needs else "")
        )
        typer.echo(visible("\n".join(lines)))
        if dry_run:
            continue
        target = target_path(plan, output, in_place)
        backup = write_migration(plan, target, in_place, store)
        if backup is not None:
            err().print(visible(f"Kept the old file as {backup}"), markup=False)
        err().print(visible(f"Wrote {target}"), style="ok", markup=False)
        if needs:
            asks = " ".join(f"--only {qid}" for qid in needs)
            err().print(visible(f"Answer them with: roadmap assess {target} {asks}"), markup=False)
    if dry_run:
        err().print("Dry run: nothing was written.", markup=False)
