"""Terminal output: one rich Console per stream, one colour scheme, plain where needed.

Colour follows rich's rules (off when output is not a terminal, or NO_COLOR is set);
symbols fall back to ASCII on consoles that cannot show them (old Windows code pages).
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

STYLES = {
    "title": "bold",
    "muted": "dim",
    "ok": "green",
    "warn": "yellow",
    "bad": "red",
    "accent": "cyan",
}


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


def unicode_ok() -> bool:
    """Whether standard output can show characters such as › and ⚑."""
    encoding = getattr(sys.stdout, "encoding", None) or ""
    return encoding.lower().replace("-", "").startswith("utf")


def symbol(fancy: str, plain: str) -> str:
    """``fancy`` where the terminal can show it, else ``plain``."""
    return fancy if unicode_ok() else plain
