"""What FILE|DIR|GLOB arguments name: the one way every batch command finds its files.

A folder means its ``*.yaml`` and ``*.yml`` files (not recursive); a pattern is expanded
as the shell would.  Only regular files are read: anything else that is named like an
answers file (a FIFO, a device, a dangling or looping link) is reported, never opened,
so that one odd entry in a shared folder can neither hang a batch nor pass unnoticed.
"""

from __future__ import annotations

import glob
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from roadmap_cli.errors import display_path

ANSWER_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Skipped:
    """An argument, or an entry of a folder, that names no file that can be read."""

    name: str  # as printed
    reason: str


def shown(path: Path) -> str:
    """A path as printed in outputs: relative where possible, always with forward slashes."""
    return PurePath(display_path(path)).as_posix()


def expand_inputs(args: Sequence[str]) -> tuple[list[Path], list[Skipped]]:
    """The regular files that ``args`` name, sorted and without repeats, and what was skipped."""
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []
    for arg in args:
        path = Path(arg)
        if not arg:
            skipped.append(Skipped("''", "an empty name names no file"))
            continue
        if path.is_dir():
            matches = _folder(path, skipped)
        elif glob.has_magic(arg):
            # glob.glob, not Path.glob: the pattern may be absolute or start with '..'.
            hits = sorted(glob.glob(arg, recursive=True))  # noqa: PTH207
            matches = [p for p in map(Path, hits) if _readable(p, skipped)]
            if not hits:
                skipped.append(Skipped(arg, "no file matches this pattern"))
        elif path.exists() or path.is_symlink():
            matches = [path] if _readable(path, skipped) else []
        else:
            skipped.append(Skipped(shown(path), "no such file or folder"))
            matches = []
        for match in matches:
            found.setdefault(shown(match), match)
    return [found[key] for key in sorted(found)], skipped


def _folder(folder: Path, skipped: list[Skipped]) -> list[Path]:
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix in ANSWER_SUFFIXES)
    except OSError as error:
        skipped.append(Skipped(shown(folder), f"cannot be read: {error.strerror or error}"))
        return []
    matches = [p for p in entries if _readable(p, skipped)]
    if not entries:
        skipped.append(Skipped(shown(folder), "no .yaml answers files in folder"))
    return matches


def _readable(path: Path, skipped: list[Skipped]) -> bool:
    """Whether ``path`` is a regular file (through links); if not, say why it is skipped."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        # A dangling link, a link loop, or a file removed meanwhile.
        why = "a link to nothing" if path.is_symlink() else (error.strerror or str(error))
        skipped.append(Skipped(shown(path), f"skipped: {why}"))
        return False
    if stat.S_ISDIR(mode):
        if path.suffix in ANSWER_SUFFIXES:
            skipped.append(Skipped(shown(path), "skipped: a folder, not an answers file"))
        return False
    if not stat.S_ISREG(mode):
        skipped.append(Skipped(shown(path), "skipped: not a regular file (a pipe or device)"))
        return False
    return True
