"""``roadmap assess``: the guided interview that fills an answers file."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_cli.cli.options import flag

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
            metavar="BANK",
            help="Bank id or path (default: the file's bank, or regional-strategic-roadmap).",
        ),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category", "-c", metavar="ID", help="Only this category (repeatable), e.g. PL."
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", metavar="ID", help="Only this question id (repeatable), e.g. PL1.2."
        ),
    ] = None,
    review: Annotated[bool, flag("--review", "Walk answered questions again.")] = False,
    flagged: Annotated[bool, flag("--flagged", "Walk the answers flagged for review.")] = False,
    conflicts: Annotated[
        bool,
        flag(
            "--conflicts",
            "Walk the questions merged files answered differently (roadmap merge): "
            "keep one file's answer, give a new one, or skip.",
        ),
    ] = False,
    plain: Annotated[
        bool, flag("--plain", "Line-based prompts (screen readers, Git Bash, pipes).")
    ] = False,
    no_notes: Annotated[bool, flag("--no-notes", "Never offer notes, evidence or flags.")] = False,
    guidance: Annotated[
        str | None,
        typer.Option(
            "--guidance",
            metavar="full|short|off",
            help="full, short (first sentence) or off; remembered in the file. g shows it all.",
        ),
    ] = None,
    theme: Annotated[
        str,
        typer.Option(
            "--theme",
            metavar="normal|high-contrast",
            help="normal, or high-contrast (for projectors: no colour).",
        ),
    ] = "normal",
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate",
            help="First move the file to the bank's latest version (nothing is lost), then "
            "ask the questions that need a new answer.",
        ),
    ] = False,
) -> None:
    """Walk through a question bank; every answer is saved at once, stop and resume any time."""
    from roadmap_cli.interview.engine import Options
    from roadmap_cli.interview.session import assess

    if guidance not in (None, "full", "short", "off"):
        raise typer.BadParameter("choose full, short or off", param_hint="--guidance")
    if theme not in ("normal", "high-contrast"):
        raise typer.BadParameter("choose normal or high-contrast", param_hint="--theme")
    options = Options(
        tuple(category or ()),
        tuple(only or ()),
        review,
        flagged,
        not no_notes,
        guidance,  # type: ignore[arg-type]
        conflicts=conflicts,
    )
    result = assess(answers_file, bank, options, plain=plain, theme=theme, migrate=migrate)
    _finish(result)


def _finish(result: SessionResult) -> None:
    """The last lines: where the answers are and what to do next."""
    from roadmap_cli.errors import EXIT_CANCELLED

    progress = result.progress
    if progress is None:
        verb = "Quit" if result.status == "quit" else "Stopped"
        _say(f"{verb} before anything was saved; {result.shown} was not created.")
        if result.status == "stopped":
            raise typer.Exit(EXIT_CANCELLED)
        return
    total = progress.total
    saved = f"Saved {total.saved} of {total.shown} answers to {result.shown}."
    # Each command goes on a line of its own, so a terminal never breaks it in two.
    if result.status != "finished":
        _say(f"{saved} Resume with:")
        _say(f"  {result.resume}")
        if result.status == "stopped":
            raise typer.Exit(EXIT_CANCELLED)
        return
    _say(saved)
    if total.unanswered:
        _say(f"{total.unanswered} still unanswered; answer them with:")
        _say(f"  {result.resume}")
    if total.flagged:
        _say(f"{total.flagged} flagged for review; walk them with:")
        _say(f"  {result.resume} --flagged")
    _say("Next, check the file, then make the report:")
    _say(f"  roadmap validate {result.shown}")
    _say(f"  roadmap report {result.shown}")


def _say(line: str) -> None:
    # After SIGHUP the terminal is gone: the answers are safe, so a failed message is no error.
    with contextlib.suppress(OSError):
        typer.echo(line, err=True)
