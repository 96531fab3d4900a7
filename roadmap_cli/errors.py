"""The RoadmapError family: every failure a user can cause, with its exit code.

The CLI catches these at one boundary and prints one line (plus an optional hint);
nothing else in the program prints errors or calls ``sys.exit``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from roadmap_cli.terminal import visible

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file: where it is, how bad, and what is wrong."""

    file: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str

    def format(self, with_column: bool = True) -> str:
        """Render as ``FILE:LINE:COL: severity: message`` (the lint line format)."""
        where = (
            f"{self.file}:{self.line}:{self.column}" if with_column else f"{self.file}:{self.line}"
        )
        # Messages quote file content: never let it act on the terminal that shows them.
        return visible(f"{where}: {self.severity}: {self.message}")

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"


class RoadmapError(Exception):
    """A failure the user can act on; ``str(err)`` is the one line we print."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(RoadmapError):
    """The command line asked for something that cannot be done as asked."""

    exit_code = EXIT_USAGE


class FileProblems(RoadmapError):
    """A file could not be used; carries every problem found, errors first by position."""

    def __init__(self, problems: list[Problem], hint: str | None = None) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.is_error] or self.problems
        first = errors[0]
        more = len(errors) - 1
        message = first.format()
        if more:
            message += f" (and {more} more error{'s' if more > 1 else ''})"
        super().__init__(message, hint)


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder when inside it.

    String work only (no resolving): this runs for every file of a batch of thousands.
    """
    if not path.is_absolute():
        return str(path)
    try:
        here = str(Path.cwd())
    except OSError:  # the working folder was deleted
        return str(path)
    text = str(path)
    prefix = here if here.endswith(os.sep) else here + os.sep
    return text[len(prefix) :] if text.startswith(prefix) else text


def file_error(shown: str, error: OSError, verb: str, permission_hint: str) -> RoadmapError:
    """An ``OSError`` met reading or writing ``shown``, as one line: "permission denied"
    (with ``permission_hint``), else "cannot ``verb``" and the system's reason."""
    if isinstance(error, PermissionError):
        return RoadmapError(f"{shown}: permission denied", permission_hint)
    return RoadmapError(f"{shown}: cannot {verb}: {error.strerror or error}")


def validator_words(message: str) -> str:
    """A validator's message as a person should read it: pydantic (and Typer, which
    passes pydantic's wording on) start it with "Value error, ", which says nothing."""
    return message.removeprefix("Value error, ")
