"""Terminal output: one rich Console per stream, one colour scheme, plain where needed.

Colour follows rich's rules (off when output is not a terminal, or NO_COLOR is set);
the styles and symbols themselves live in ``roadmap_cli.terminal``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from roadmap_cli.terminal import STYLES, visible

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console
    from rich.theme import Theme

    return Console(theme=Theme(STYLES), highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    """The console for progress and messages (stderr)."""
    from rich.console import Console
    from rich.theme import Theme

    return Console(theme=Theme(STYLES), highlight=False, stderr=True, soft_wrap=True)


def say_processes(used: int, asked: int) -> None:
    """Say that fewer processes than asked for are used (one per CPU), if so."""
    if used < asked:
        err().print(f"roadmap: using {used} processes, one per CPU (not {asked})")


def say_failures(failed: list[str], total: int, conclusion: str = "") -> None:
    """Name each file a batch could not read or score, then how many of ``total`` (or
    ``conclusion`` instead), and exit 1; nothing when none failed and there is no
    conclusion."""
    if not failed and not conclusion:
        return
    import typer

    for line in failed:
        err().print(visible(f"roadmap: {line}"), markup=False, highlight=False)
    count = f"{len(failed)} of {total} file{'s' * (total != 1)} failed"
    err().print(conclusion or count, style="bad", markup=False)
    raise typer.Exit(1)
