"""``roadmap migrate``: move answers files to a later version of their bank."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_cli.cli.console import err
from roadmap_cli.cli.options import AnswersFiles, BankOption, output_option
from roadmap_cli.terminal import shell_word, visible

if TYPE_CHECKING:
    from roadmap_cli.migration import Planned


def migrate_command(
    inputs: AnswersFiles,
    bank: BankOption = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="VERSION", help="The bank version to move to (default: the latest)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Where to write: a file (one input) or an existing folder. "
            "Default: NAME-VERSION.yaml next to each file.",
            "PATH",
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
    from roadmap_cli.migration import (
        plan_migration,
        refuse_shared_targets,
        target_path,
        write_migrations,
    )
    from roadmap_cli.scoring.batch import batch_gc, expand_inputs

    files, missing = expand_inputs(inputs)
    if missing:
        for item in missing[:-1]:
            err().print(visible(f"roadmap: {item.file}: {item.error}"), markup=False)
        last = missing[-1]
        raise RoadmapError(f"{last.file}: {last.error}", "Nothing was migrated.")
    if in_place and output is not None:
        raise UsageError("give --in-place or --output, not both")
    if output is not None and len(files) > 1 and not output.is_dir():
        raise UsageError("--output must be an existing folder when migrating several files")
    store = BankStore()
    with batch_gc():
        plans = [plan_migration(path, to, store, bank) for path in files]  # all checked first
        targets = [(p, target_path(p, output, in_place)) for p in plans if p.changed]
        refuse_shared_targets(targets)  # a dry run too: it shows what would be written
        jobs = [] if dry_run else targets
        failed = 0  # files that could not be written: each said as it comes
        # Written several at a time while the changes are printed, in order; stopped
        # (Ctrl-C), the files not yet begun are not written.
        with contextlib.closing(write_migrations(jobs, in_place, store)) as written:
            for plan in plans:
                # Plain lines (many per file, for many files), made safe: ids and values
                # come from the files.
                typer.echo(visible(_changes(plan)))
                if dry_run or not plan.changed:
                    continue
                outcome = next(written)
                if outcome.error is not None:
                    failed += 1
                    err().print(visible(f"roadmap: {outcome.error.message}"), markup=False)
                    continue
                if outcome.backup is not None:
                    err().print(visible(f"Kept the old file as {outcome.backup}"), markup=False)
                err().print(visible(f"Wrote {outcome.target}"), style="ok", markup=False)
                if plan.migration.needs_answer:
                    asks = " ".join(f"--only {qid}" for qid in plan.migration.needs_answer)
                    target = shell_word(str(outcome.target))
                    line = f"Answer them with: roadmap assess {target} {asks}"
                    err().print(visible(line), markup=False)
    if failed:
        others = "; the others were" if failed < len(jobs) else ""
        raise RoadmapError(
            f"{failed} of {len(jobs)} migrated file{'s' * (len(jobs) != 1)} could not be "
            f"written{others}",
            "Fix what each line above names, then run the same command again.",
        )
    if dry_run:
        err().print("Dry run: nothing was written.", markup=False)


def _changes(plan: Planned) -> str:
    """What migrating ``plan``'s file changes, question by question."""
    shown = str(plan.path)
    if not plan.changed:
        return f"{shown}: already at version {plan.end}; nothing to change"
    lines = [f"{shown}: {plan.start} → {plan.end}"]
    lines += [f"  {line}" for line in plan.migration.changes]
    needs = plan.migration.needs_answer
    lines.append(
        f"  {len(plan.migration.answers.answers)} answers carried over, "
        f"{plan.migration.archived} archived, {len(needs)} questions need a new answer"
        + (f": {', '.join(needs)}" if needs else "")
    )
    return "\n".join(lines)
