"""File names that fit a narrow table: the shared folder said once, long names cut in the
middle ("veloria-work…cabinet-review.yaml"), never broken mid-word over several lines.

The start of a name says what it is and the end tells versions and rounds apart, so both
are kept and the middle gives way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

ELLIPSIS = "…"


def common_folder(names: Sequence[str]) -> str:
    """The folder every name (``a/b/c.yaml``, forward slashes) lies in, with a trailing
    slash; '' if they share none or there is only one name to go on."""
    if len(names) < 2:
        return ""
    folders = [PurePosixPath(name).parent.parts for name in names]
    shared: list[str] = []
    for parts in zip(*folders, strict=False):
        if any(part != parts[0] for part in parts):
            break
        shared.append(parts[0])
    return "/".join(shared) + "/" if shared else ""


def middle_ellipsis(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis in the middle if it is longer."""
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = (width - 1) // 2
    tail = width - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


def shorten(names: Sequence[str], width: int) -> tuple[str, list[str]]:
    """(the folder dropped from every name, the names without it, each at most ``width``)."""
    folder = common_folder(names)
    return folder, [middle_ellipsis(name[len(folder) :], width) for name in names]
