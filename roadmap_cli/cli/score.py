"""``roadmap score``: score answers files under a rule; table, JSON or CSV."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_cli.cli.console import err, say_failures, say_processes
from roadmap_cli.cli.options import (
    AnswersFiles,
    BankOption,
    BomOption,
    JobsOption,
    RulesOption,
    flag,
    output_option,
)
from roadmap_cli.files import atomic_writer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from roadmap_cli.scoring.batch import FileResult


class Format(str, enum.Enum):
    """Output formats."""

    table = "table"
    json = "json"
    csv = "csv"


def score_command(
    inputs: AnswersFiles,
    rules: RulesOption = None,
    bank: BankOption = None,
    format_: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="table (default), json or csv; --output FILE.json/.csv picks."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option("Write JSON or CSV to this file."),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="ID",
            help="Show how the score of this question, section, "
            "category (or 'overall') was worked out.",
        ),
    ] = None,
    jobs: JobsOption = 1,
    per_question: Annotated[
        bool, flag("--per-question", "CSV: one row per question, not per category.")
    ] = False,
    bom: BomOption = False,
) -> None:
    """Score answers files and show the scores, or export them as JSON or CSV."""
    from contextlib import nullcontext
    from functools import partial

    from roadmap_cli.errors import UsageError
    from roadmap_cli.scoring import export
    from roadmap_cli.scoring.batch import How, batch_gc, run
    from roadmap_cli.scoring.explain import explain_fragment
    from roadmap_cli.scoring.registry import select_rule
    from roadmap_cli.terminal import visible

    fmt = format_ or _format_from(output)
    if output is not None and fmt is Format.table:
        raise UsageError("--output needs --format json or csv")
    selected = select_rule(rules)
    line_end = "\r\n" if output is not None else "\n"
    # What each file becomes, computed where it is scored (in the worker with --jobs).
    render: Callable[[FileResult], Any] = export.summary
    if explain is not None:
        render = partial(explain_fragment, explain)
    elif fmt is Format.json:
        render = partial(export.json_fragment, rules=selected.label)
    elif fmt is Format.csv:
        render = partial(export.csv_fragment, per_question, line_end, rules=selected.label)
    if output is not None and output.is_dir():
        raise UsageError(f"--output {output} is a folder: give a file name, e.g. scores.json")
    with batch_gc():
        batch = run(inputs, render, How(selected, bank, jobs))
        say_processes(batch.jobs, jobs)
        notes: dict[str, None] = {}  # the rule's warnings, each said once
        results = _progress(batch.results, batch.total, notes)
        if explain is not None:
            typer.echo("\n\n".join("\n".join(lines) for _, lines in results if lines is not None))
        elif fmt is Format.table:
            from roadmap_cli.cli.score_view import print_scores

            print_scores([card for _, card in results if card is not None], selected.label)
        else:
            target = atomic_writer(output) if output is not None else nullcontext(sys.stdout)
            with target as stream:
                if fmt is Format.json:
                    export.write_json(results, selected, stream)
                else:
                    export.write_csv(
                        results, stream, per_question=per_question, bom=bom, line_end=line_end
                    )
    for note in notes:
        err().print(visible(f"roadmap: {note}"), markup=False, highlight=False)
    say_failures(batch.failed, batch.total)


def _format_from(output: Path | None) -> Format:
    if output is not None and output.suffix.lower() in (".json", ".csv"):
        return Format(output.suffix.lower()[1:])
    return Format.table


def _progress(
    results: Iterator[tuple[FileResult, Any]], total: int, notes: dict[str, None]
) -> Iterator[tuple[FileResult, Any]]:
    """Pass results through, with a progress bar on a terminal."""
    console = err()
    if total < 2 or not console.is_terminal:
        for item in results:
            notes.update(dict.fromkeys(item[0].notes))
            yield item
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("scoring", total=total)
        for item in results:
            notes.update(dict.fromkeys(item[0].notes))
            bar.advance(task)
            yield item
