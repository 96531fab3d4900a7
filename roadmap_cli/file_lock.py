"""One writer per answers file: a lock held by an interview for as long as it runs.

The lock is a small file next to the answers file (``.NAME.lock``), locked with the
operating system's own file lock: ``fcntl.flock`` on Linux and macOS, ``msvcrt.locking``
on Windows (both in the standard library; each is imported only on its platform).  Why
both a file and an OS lock:

- the OS lock, not the file's existence, is what counts.  The OS releases it when the
  process ends in any way — ``q``, Ctrl-C, a crash, ``kill -9``, a closed window — so a
  crashed session can never leave the answers file locked: the next session finds the
  lock file unlocked and takes it over.  A lock file alone (created with ``O_EXCL``)
  would need to guess whether its owner is still alive, which goes wrong when process
  ids are reused or the owner is another computer on a shared folder;
- the file's text says who holds the lock (process id, computer, user, since when), so a
  second session can tell the person exactly where the file is open.

On Windows the lock covers one byte far past the end of the lock file, so that other
processes can still read the holder's details at its start.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from roadmap_cli.errors import RoadmapError, display_path

_WINDOWS_LOCK_OFFSET = 2**30  # Windows: lock a byte here, so the text before it stays readable


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as written in the lock file."""

    pid: str = "?"
    host: str = "?"
    user: str = "?"
    since: str = "?"

    def text(self) -> str:
        """The lock file's content."""
        return f"pid={self.pid}\nhost={self.host}\nuser={self.user}\nsince={self.since}\n"

    @classmethod
    def parse(cls, text: str) -> Holder:
        """A holder from a lock file's content (missing details read ``?``)."""
        fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        known = {k: v.strip() for k, v in fields.items() if k in ("pid", "host", "user", "since")}
        return cls(**known)


class FileLocked(RoadmapError):
    """Another session holds the lock on this answers file."""


def lock_path(path: Path) -> Path:
    """The lock file for answers file ``path`` (the real file, if ``path`` is a link)."""
    real = path.resolve() if path.is_symlink() else path
    return real.with_name(f".{real.name}.lock")


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (some service accounts)
        user = "?"
    since = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return Holder(str(os.getpid()), socket.gethostname() or "?", user, since)


def _try_lock(fd: int) -> bool:
    """Take the OS lock on ``fd`` without waiting; False if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


class AnswersLock:
    """The lock on one answers file; use as a context manager around the interview."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = lock_path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise FileLocked saying who holds it."""
        shown = display_path(self.path)
        for _ in range(5):
            try:
                fd = os.open(self.lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            except OSError as err:
                raise RoadmapError(
                    f"{shown}: cannot create the lock file {display_path(self.lock)}: "
                    f"{err.strerror or err}",
                    "Choose a folder you may write in.",
                ) from None
            if not _try_lock(fd):
                holder = self._holder(fd)
                os.close(fd)
                raise FileLocked(
                    f"{shown} is open in another roadmap session (process {holder.pid} "
                    f"on {holder.host}, user {holder.user}, since {holder.since})",
                    "Finish that session (q saves and quits), then run this command again; "
                    "or work on a copy of the file.",
                )
            if self._same_file(fd):
                os.lseek(fd, 0, os.SEEK_SET)
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.write(fd, _me().text().encode("utf-8"))
                self._fd = fd
                return
            # The session that held it removed the file as we opened it: open the new one.
            _unlock(fd)
            os.close(fd)
        raise FileLocked(f"{shown}: could not take the lock {display_path(self.lock)}")

    def _same_file(self, fd: int) -> bool:
        try:
            mine, named = os.fstat(fd), self.lock.stat()
        except OSError:
            return False
        return (mine.st_ino, mine.st_dev) == (named.st_ino, named.st_dev)

    def _holder(self, fd: int) -> Holder:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            return Holder.parse(os.read(fd, 4096).decode("utf-8", "replace"))
        except OSError:
            return Holder()

    def release(self) -> None:
        """Remove the lock file and let go of the lock."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Remove while still holding the lock: a session waiting on this file then sees
        # that the name is gone and opens a fresh one.  (Windows cannot remove an open
        # file: there it is removed after closing, if no other session opened it since.)
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                self.lock.unlink()
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                self.lock.unlink()

    def __enter__(self) -> AnswersLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
