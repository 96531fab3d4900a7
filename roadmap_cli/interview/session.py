"""One ``roadmap assess`` session: open the file and bank, pick an asker, walk, stop safely.

This is the one function the CLI calls.  It decides between the arrow-key asker and the
plain one (plain when asked for, or when standard input is not a terminal), turns every
way of stopping — Ctrl-C, end of input, a closed terminal, SIGTERM — into a ``stopped``
result, and reports how many answers are saved.

It also holds the file's lock for the whole walk (one session per file, see
``file_lock``) and saves through ``AnswersWriter``, which keeps a person's comments and
merges changes made to the file meanwhile by another program.  Standard input or output
that is closed (or goes away) ends the session with one clear line and exit 1.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.answers.writer import AnswersWriter, SaveConflict, read_only_problem
from roadmap_cli.assessment import Assessment, open_assessment
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import BankStore, load_bank
from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.file_lock import AnswersLock
from roadmap_cli.interview.engine import Interview, Options
from roadmap_cli.interview.model import Asker, Progress
from roadmap_cli.interview.stop import Saver, SignalGuard
from roadmap_cli.resources import DEFAULT_BANK, builtin_banks
from roadmap_cli.terminal import shell_word


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
    theme: str = "normal",
    migrate: bool = False,
) -> SessionResult:
    """Run the interview for ``path`` and say how it ended (never raises for a stop).

    ``migrate`` first moves the file to the bank's latest version (keeping the old file
    beside it) and then asks exactly the questions whose old answer could not carry over.
    """
    shown = display_path(path)
    if asker is None:
        _check_streams()
        asker = _asker(plain, theme)
    with AnswersLock(path):
        if migrate:
            options = _migrate_first(path, shown, bank_ref, options, asker)
        return _assess(path, shown, bank_ref, options, plain, asker, offer=not migrate)


def _migrate_first(
    path: Path, shown: str, bank_ref: str | None, options: Options, asker: Asker
) -> Options:
    """Move ``path`` to the latest bank version; the options that ask what it left open."""
    from roadmap_cli.migration import plan_migration, write_migration

    if not path.exists():
        raise RoadmapError(f"{shown} does not exist, so there is nothing to migrate")
    plan = plan_migration(path, None, None, bank_ref)
    if not plan.changed:
        asker.notice(f"{shown} is already at version {plan.end} of its bank.")
        return options
    backup = write_migration(plan, path, in_place=True)
    needs = plan.migration.needs_answer
    asker.notice(
        f"Moved {shown} from version {plan.start} to {plan.end} of its bank "
        f"(the old file is kept as {backup.name if backup else 'a backup'}). "
        f"Answers that no longer fit: {plan.migration.archived}, kept under 'archived:'. "
        f"Questions that need a new answer: {len(needs)}."
    )
    if needs and not options.only:
        return replace(options, only=tuple(needs))
    return options


def _offer_migration(
    assessment: Assessment, bank_ref: str | None, asker: Asker, store: BankStore
) -> None:
    """Say so when a later version of the file's bank can be migrated to."""
    from roadmap_cli.assessment import later_version

    later = later_version(assessment, bank_ref, store)
    if later:
        shown = display_path(assessment.path)
        asker.notice(
            f"{shown} uses version {assessment.answers.bank.version} of the bank "
            f"{assessment.bank.id}; version {later} is available. You can carry on as it is "
            f"(scores stay comparable with earlier results), or move it to {later} first, "
            f"keeping every answer you gave, with:\n  roadmap assess {shell_word(shown)} --migrate"
        )


def _assess(
    path: Path,
    shown: str,
    bank_ref: str | None,
    options: Options,
    plain: bool,
    asker: Asker,
    *,
    offer: bool = True,
) -> SessionResult:
    store = BankStore()  # the file is opened once; its bank's history comes from the same
    existing = _open(path, shown, bank_ref, options, store)
    if existing is not None and offer:
        _offer_migration(existing, bank_ref, asker, store)
    answers = existing.answers if existing else None
    bank = existing.bank if existing else load_bank(bank_ref or DEFAULT_BANK).bank
    command = _resume_command(shown, bank_ref, bank.id)
    writer = AnswersWriter(path, answers, asker.notice)

    def resume() -> str:
        # Read when the walk ends, so that it says what is still left to do.
        return _carry_on(command, options, interview.answers)

    with SignalGuard() as guard:
        saver = _explained(guard.wrap(writer), shown, resume)
        interview = Interview(bank, path, answers, asker, options, saver=saver)
        try:
            outcome = interview.run()
        except (KeyboardInterrupt, EOFError):
            return _stopped(interview, shown, resume())
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise _closed("output", interview, shown, resume()) from None
            # The terminal went away under the prompt (a closed window, a dropped SSH link).
            if error.errno not in (errno.EIO, errno.EBADF, errno.ENXIO):
                raise
            return _stopped(interview, shown, resume())
        except ValueError as error:
            # Reading from or writing to a stream that was closed under us.
            if "closed file" not in str(error):
                raise
            raise _closed("input or output", interview, shown, resume()) from None
    # A finished walk has nothing of its own left: what remains is the usual walk's.
    finished = outcome.status == "finished"
    return SessionResult(outcome.status, outcome.progress, shown, command if finished else resume())


def _check_streams() -> None:
    """Refuse to start when nothing can be typed or shown (a closed stdin or stdout)."""
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        if stream is None or stream.closed:
            raise RoadmapError(
                f"standard {name} is closed, so the interview cannot run",
                "Run roadmap assess in a terminal, or pipe the replies into it.",
            )


def _closed(which: str, interview: Interview, shown: str, resume: str) -> RoadmapError:
    kept = ""
    if interview.answers is not None:
        total = interview.progress().total
        kept = f"{total.saved} of {total.shown} answers are saved in {shown}. "
    return RoadmapError(
        f"standard {which} was closed during the interview",
        f"{kept}Resume with: {resume}",
    )


def _stopped(interview: Interview, shown: str, resume: str) -> SessionResult:
    progress = interview.progress() if interview.answers is not None else None
    return SessionResult("stopped", progress, shown, resume)


def _open(
    path: Path, shown: str, bank_ref: str | None, options: Options, store: BankStore
) -> Assessment | None:
    if path.is_dir():
        raise RoadmapError(f"{shown} is a folder", "Name an answers file, e.g. my-country.yaml.")
    if not path.exists():
        if options.review or options.flagged or options.conflicts:
            raise RoadmapError(
                f"{shown} does not exist yet, so there is nothing to review",
                f"Start the assessment with: roadmap assess {shell_word(shown)}",
            )
        if not path.parent.is_dir():
            raise RoadmapError(
                f"{shown}: the folder {display_path(path.parent)} does not exist",
                "Create the folder first, or choose another place for the file.",
            )
    problem = read_only_problem(path)
    if problem:
        raise RoadmapError(
            problem.replace("answers could not be saved", "no answer could be saved"),
            "Make the file writable (or save a copy under another name) and run this again.",
        )
    # Every answer is saved through a new file in this folder: find out now, before the
    # person has typed anything that could not be kept.
    if not os.access(path.parent, os.W_OK):
        raise RoadmapError(
            f"{shown}: cannot save in the folder {display_path(path.parent)} (permission denied)",
            "Choose a folder you may write in, e.g. in your Documents.",
        )
    return open_assessment(path, bank_ref, store) if path.exists() else None


def _explained(saver: Saver, shown: str, resume: Callable[[], str]) -> Saver:
    """``saver``, whose errors also say what is already in the file and how to go on
    (``resume()``: the command that carries on)."""

    def save(path: Path, answers: AnswersFile, bank: Bank) -> AnswersFile | None:
        try:
            return saver(path, answers, bank)
        except SaveConflict:
            raise
        except RoadmapError as error:
            kept = f"The answers saved before it are in {shown}. " if path.exists() else ""
            raise RoadmapError(
                error.message,
                f"The last answer was not saved. {kept}Fix this, then resume with: {resume()}",
            ) from None

    return save


def _resume_command(shown: str, bank_ref: str | None, bank_id: str) -> str:
    command = f"roadmap assess {shell_word(shown)}"
    if bank_ref and not (bank_ref == bank_id and bank_ref in builtin_banks()):
        command += f" --bank {shell_word(bank_ref)}"
    return command


def _carry_on(command: str, options: Options, answers: AnswersFile | None) -> str:
    """The command that goes on with what a stopped walk was doing.

    The same categories; and a walk through merge conflicts or flagged answers resumes
    with ``--conflicts`` or ``--flagged`` while some are left, since the usual walk would
    ask every unanswered question instead of those alone.  (A review or ``--only`` walk
    resumes as the usual walk: run again, it would start from its first question.)
    """
    words = [command, *(f"--category {shell_word(c)}" for c in options.categories)]
    if answers is not None and options.mode == "conflicts" and answers.conflicts:
        words.append("--conflicts")
    flags_left = answers is not None and any(a.flagged for a in answers.answers.values())
    if options.mode == "flagged" and flags_left:
        words.append("--flagged")
    return " ".join(words)


def _asker(plain: bool, theme: str = "normal") -> Asker:
    """The arrow-key asker on a terminal, the plain one otherwise (or when asked)."""
    from roadmap_cli.interview.render import console

    # Both ends must be a terminal for arrow keys (Git Bash's mintty is not one: plain).
    interactive = all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))
    if plain or not interactive:
        from roadmap_cli.interview.plain import PlainAsker

        return PlainAsker(console(theme=theme))
    from roadmap_cli.interview.arrows import ArrowAsker

    return ArrowAsker(console(theme=theme), theme)
