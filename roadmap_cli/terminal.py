"""How the tool draws on a terminal, shared by the CLI and the interview.

One colour scheme (named styles, so a theme can change them in one place) and symbols
that fall back to ASCII on consoles that cannot show them (old Windows code pages).
"""

from __future__ import annotations

import os
import shlex
import subprocess
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


# C0 and C1 control characters (ESC among them) and DEL, but not tab and newline.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (9, 10)}


def visible(text: str) -> str:
    """``text`` from a file, safe to print: control characters shown as ``\\xNN``.

    An answers file or bank from elsewhere must not be able to move the cursor, clear
    the screen or retitle the window by way of an escape sequence in a note or a title.
    """
    return text.translate(_CONTROL)


def markup_safe(text: str) -> str:
    """``text`` from a file, for a place where rich reads markup: visible and escaped.

    Without this a title such as ``Planning [/]`` crashes the table that shows it, and
    ``[link=…]`` turns into a clickable link.
    """
    from rich.markup import escape

    return escape(visible(text))


def shell_word(text: str) -> str:
    """``text`` quoted, only if needed, for this system's shell (cmd on Windows), so a
    command the tool prints can be copied and run as it is."""
    if os.name == "nt":
        return subprocess.list2cmdline([text])
    return shlex.quote(text)
