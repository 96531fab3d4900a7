"""One ``roadmap assess`` session: open the file and bank, pick an asker, walk, stop safely.

This is the one function the CLI calls.  It decides between the arrow-key asker and the
plain one (plain when asked for, or when standard input is not a terminal), turns every
way of stopping — Ctrl-C, end of input, a closed terminal, SIGTERM — into a ``stopped``
result, and reports how many answers are saved.
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from roadmap_cli.answers.model import AnswersFile, save_answers
from roadmap_cli.assessment import Assessment, open_assessment
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.interview.engine import Interview, Options
from roadmap_cli.interview.model import Asker, Progress
from roadmap_cli.interview.stop import Saver, SignalGuard
from roadmap_cli.resources import DEFAULT_BANK, builtin_banks


@dataclass(frozen=True)
class SessionResult:
    """How a session ended and what it saved."""

    status: Literal["finished", "quit", "stopped"]
    progress: Progress | None  # None when stopped before the file was created
    shown: str  # the file as the user should see it
    resume: str  # the command that carries on from here


def assess(
    path: Path,
    bank_ref: str | None,
    options: Options,
    *,
    plain: bool = False,
    asker: Asker | None = None,
) -> SessionResult:
    """Run the interview for ``path`` and say how it ended (never raises for a stop)."""
    shown = display_path(path)
    existing = _open(path, shown, bank_ref, options)
    answers = existing.answers if existing else None
    bank = existing.bank if existing else load_bank(bank_ref or DEFAULT_BANK).bank
    resume = _resume_command(shown, bank_ref, bank.id)
    if asker is None:
        asker = _asker(plain)
    with SignalGuard() as guard:
        saver = _explained(guard.wrap(save_answers), shown, resume)
        interview = Interview(bank, path, answers, asker, options, saver=saver)
        try:
            outcome = interview.run()
        except (KeyboardInterrupt, EOFError):
            return _stopped(interview, shown, resume)
        except OSError as error:
            # The terminal went away under the prompt (a closed window, a dropped SSH link).
            if error.errno not in (errno.EIO, errno.EBADF, errno.ENXIO):
                raise
            return _stopped(interview, shown, resume)
    return SessionResult(outcome.status, outcome.progress, shown, resume)


def _stopped(interview: Interview, shown: str, resume: str) -> SessionResult:
    progress = interview.progress() if interview.answers is not None else None
    return SessionResult("stopped", progress, shown, resume)


def _open(path: Path, shown: str, bank_ref: str | None, options: Options) -> Assessment | None:
    if path.is_dir():
        raise RoadmapError(f"{shown} is a folder", "Name an answers file, e.g. my-country.yaml.")
    if not path.exists():
        if options.review or options.flagged:
            raise RoadmapError(
                f"{shown} does not exist yet, so there is nothing to review",
                f"Start the assessment with: roadmap assess {shown}",
            )
        if not path.parent.is_dir():
            raise RoadmapError(
                f"{shown}: the folder {display_path(path.parent)} does not exist",
                "Create the folder first, or choose another place for the file.",
            )
    # Every answer is saved through a new file in this folder: find out now, before the
    # person has typed anything that could not be kept.
    if not os.access(path.parent, os.W_OK):
        raise RoadmapError(
            f"{shown}: cannot save in the folder {display_path(path.parent)} (permission denied)",
            "Choose a folder you may write in, e.g. in your Documents.",
        )
    return open_assessment(path, bank_ref) if path.exists() else None


def _explained(saver: Saver, shown: str, resume: str) -> Saver:
    """``saver``, whose errors also say what is already in the file and how to go on."""

    def save(path: Path, answers: AnswersFile, bank: Bank) -> None:
        try:
            saver(path, answers, bank)
        except RoadmapError as error:
            kept = f"The answers saved before it are in {shown}. " if path.exists() else ""
            raise RoadmapError(
                error.message,
                f"The last answer was not saved. {kept}Fix this, then resume with: {resume}",
            ) from None

    return save


def _resume_command(shown: str, bank_ref: str | None, bank_id: str) -> str:
    command = f"roadmap assess {_quote(shown)}"
    if bank_ref and not (bank_ref == bank_id and bank_ref in builtin_banks()):
        command += f" --bank {_quote(bank_ref)}"
    return command


def _quote(text: str) -> str:
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


def _asker(plain: bool) -> Asker:
    """The arrow-key asker on a terminal, the plain one otherwise (or when asked)."""
    from roadmap_cli.interview.render import console

    # Both ends must be a terminal for arrow keys (Git Bash's mintty is not one: plain).
    interactive = all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))
    if plain or not interactive:
        from roadmap_cli.interview.plain import PlainAsker

        return PlainAsker(console())
    from roadmap_cli.interview.arrows import ArrowAsker

    return ArrowAsker(console())
