"""The one way the tool writes a file: atomically, streamed, with one permission rule.

Every file roadmap-cli writes (answers files, reports, JSON and CSV exports) goes through
``atomic_writer``: the text goes to a temporary file in the target's folder, is flushed
and fsynced, and only then renamed over the target, so a reader (or a crash) sees the old
file or the new one, never half of either.

The permission rule, stated once: answers files are private (owner-only on POSIX), since
they describe a state's weaknesses; reports and exports are documents meant to be shared
and follow the user's umask like any file they save.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from roadmap_cli.errors import RoadmapError, display_path, file_error


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, private: bool = False, mode: int | None = None
) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces ``path`` when the block ends normally.

    If the block raises, the target is left as it was and the temporary file removed.
    ``private`` makes the file owner-only on POSIX; otherwise it follows the umask.
    ``mode`` gives it these permission bits instead (those of the file it replaces, so
    that a person's chmod survives a save).  Raises RoadmapError (naming the file) for
    any failure to write.
    """
    folder = path.parent if str(path.parent) else Path()
    shown = display_path(path)
    _remove_stale(path, folder)
    temp = _temporary(path, folder, shown)
    try:
        # newline="" writes "\n" as given on every platform (CSV sets its own "\r\n").
        with open(temp, "w", encoding="utf-8", newline="") as stream:  # noqa: PTH123
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if os.name == "posix" and mode is not None:
            temp.chmod(mode)
        elif os.name == "posix" and not private:
            umask = os.umask(0)
            os.umask(umask)
            temp.chmod(0o666 & ~umask)
        _replace(temp, path)
    except OSError as err:
        _discard(temp)
        raise RoadmapError(f"{shown}: cannot write: {err.strerror or err}") from None
    except BaseException:
        _discard(temp)
        raise
    _sync_folder(folder)


def write_atomic(
    path: Path,
    text: str,
    *,
    private: bool = False,
    mode: int | None = None,
    make_folder: bool = False,
) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through ``atomic_writer``.

    ``make_folder`` first creates the folder (and its parents) if it is missing.
    """
    if make_folder:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise RoadmapError(
                f"{display_path(path.parent)}: cannot create the folder: {err.strerror or err}"
            ) from None
    with atomic_writer(path, private=private, mode=mode) as stream:
        stream.write(text)


def _temporary(path: Path, folder: Path, shown: str) -> Path:
    try:
        # mkstemp creates the file owner-only, which is what a private file keeps.
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise RoadmapError(f"{shown}: the folder {display_path(folder)} does not exist") from None
    except OSError as err:
        raise file_error(shown, err, "write", "Choose a folder you may write to.") from None
    os.close(fd)
    return Path(name)


# A temporary file of ours older than this was left by a writer that was killed.
STALE_SECONDS = 600


def _remove_stale(path: Path, folder: Path) -> None:
    """Remove temporary files a killed earlier write of ``path`` left behind."""
    now = time.time()
    try:
        leftovers = list(folder.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    for temp in leftovers:
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > STALE_SECONDS:
                temp.unlink()


def _discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def _replace(temp: Path, target: Path) -> None:
    # On Windows a file open in another program (an editor, a virus scanner) makes
    # os.replace fail for a moment; try a few times before giving up.
    for attempt in range(5):
        try:
            temp.replace(target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder itself is on disk (POSIX only).
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
