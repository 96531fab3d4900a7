"""How the tool draws on a terminal, shared by the CLI and the interview.

One colour scheme (named styles, so a theme can change them in one place) and symbols
that fall back to ASCII on consoles that cannot show them (old Windows code pages).
"""

from __future__ import annotations

import sys

STYLES = {
    "title": "bold",
    "muted": "dim",
    "ok": "green",
    "warn": "yellow",
    "bad": "red",
    "accent": "cyan",
}


def unicode_ok() -> bool:
    """Whether standard output can show characters such as › and ⚑."""
    encoding = getattr(sys.stdout, "encoding", None) or ""
    return encoding.lower().replace("-", "").startswith("utf")


def symbol(fancy: str, plain: str) -> str:
    """``fancy`` where the terminal can show it, else ``plain``."""
    return fancy if unicode_ok() else plain
