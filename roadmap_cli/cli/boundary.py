"""The one place where errors become messages and exit codes.

Every ``RoadmapError`` becomes one line on stderr (plus an optional hint) and its exit
code; usage mistakes exit 2; Ctrl-C exits 130.  Anything else is a bug: we say so in one
line rather than show a traceback, unless ``ROADMAP_DEBUG`` is set.
"""

from __future__ import annotations

import os
import sys

from roadmap_cli.errors import (
    EXIT_CANCELLED,
    EXIT_ERROR,
    EXIT_USAGE,
    RoadmapError,
    validator_words,
)
from roadmap_cli.terminal import visible


def _say(line: str) -> None:
    # Error messages quote file content: shown with control characters made visible.
    line = visible(line)
    stream = sys.stderr
    try:
        stream.write(line + "\n")
    except UnicodeEncodeError:  # a legacy console that cannot show the character
        encoding = stream.encoding or "ascii"
        stream.write(line.encode(encoding, "replace").decode(encoding) + "\n")
    stream.flush()


def report(error: RoadmapError) -> int:
    """Print ``error`` the house way and return its exit code."""
    _say(f"roadmap: {error.message}")
    if error.hint:
        _say(f"hint: {error.hint}")
    return error.exit_code


def run(argv: list[str]) -> int:
    """Run the CLI with ``argv``; return the exit code instead of raising."""
    import typer

    from roadmap_cli.cli.app import app

    try:
        result = app(args=argv, prog_name="roadmap", standalone_mode=False)
    except RoadmapError as error:
        return report(error)
    except (typer.Abort, KeyboardInterrupt):
        # Typer itself turns Ctrl-C inside a command into exit code 130 (the interview
        # says what it saved); these are end of input, and Ctrl-C outside a command.
        _say("roadmap: cancelled")
        return EXIT_CANCELLED
    except typer.TyperException as error:
        # Usage mistakes (unknown option, missing argument): click-style message and usage.
        message = getattr(error, "message", None)
        if isinstance(message, str):
            error.message = validator_words(message)
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            _say(f"roadmap: {error.format_message()}")
        return error.exit_code or EXIT_USAGE
    except typer.Exit as error:
        return error.exit_code
    except SystemExit as error:
        # Typer ends `roadmap ... | head` (a closed pipe) this way, having made further
        # writes to stdout harmless: not an error worth a message.
        return error.code if isinstance(error.code, int) else EXIT_ERROR
    except Exception as error:
        if os.environ.get("ROADMAP_DEBUG"):
            raise
        _say(f"roadmap: internal error: {type(error).__name__}: {error}")
        _say("hint: this is a bug in roadmap-cli; run again with ROADMAP_DEBUG=1 and report it.")
        return EXIT_ERROR
    return result if isinstance(result, int) else 0
