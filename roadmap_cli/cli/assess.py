"""``roadmap assess``: the guided interview that fills an answers file."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from roadmap_cli.interview.session import SessionResult


def assess_command(
    answers_file: Annotated[
        Path, typer.Argument(help="Answers file to create, or to continue where you left off.")
    ],
    bank: Annotated[
        str | None,
        typer.Option(
            "--bank",
            "-b",
            help="Bank id or path (default: the file's bank, or regional-strategic-roadmap).",
        ),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only this category (repeatable), e.g. PL."),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="Only this question id (repeatable), e.g. PL1.2."),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Walk answered questions again.")
    ] = False,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Walk the answers flagged for review.")
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Line-based prompts (screen readers, Git Bash, pipes)."),
    ] = False,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Never offer notes, evidence or flags.")
    ] = False,
) -> None:
    """Walk through a question bank; every answer is saved at once, stop and resume any time."""
    from roadmap_cli.interview.engine import Options
    from roadmap_cli.interview.session import assess

    options = Options(tuple(category or ()), tuple(only or ()), review, flagged, not no_notes)
    result = assess(answers_file, bank, options, plain=plain)
    _finish(result)


def _finish(result: SessionResult) -> None:
    """The last lines: where the answers are and what to do next."""
    from roadmap_cli.errors import EXIT_CANCELLED

    progress = result.progress
    if progress is None:
        _say(f"Stopped before anything was saved; {result.shown} was not created.")
        raise typer.Exit(EXIT_CANCELLED)
    total = progress.total
    saved = f"Saved {total.saved} of {total.shown} answers to {result.shown}."
    if result.status != "finished":
        _say(f"{saved} Resume with: {result.resume}")
        if result.status == "stopped":
            raise typer.Exit(EXIT_CANCELLED)
        return
    _say(saved)
    if total.unanswered:
        _say(f"{total.unanswered} still unanswered; answer them with: {result.resume}")
    _say(f"Next: roadmap validate {result.shown}   then: roadmap report {result.shown}")


def _say(line: str) -> None:
    # After SIGHUP the terminal is gone: the answers are safe, so a failed message is no error.
    with contextlib.suppress(OSError):
        typer.echo(line, err=True)
