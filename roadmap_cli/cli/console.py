"""Terminal output: one rich Console per stream, one colour scheme, plain where needed.

Colour follows rich's rules (off when output is not a terminal, or NO_COLOR is set);
the styles and symbols themselves live in ``roadmap_cli.terminal``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from roadmap_cli.terminal import STYLES

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
