"""Stopping safely: Ctrl-C, a closed terminal (SIGHUP) or SIGTERM end the interview cleanly.

A signal becomes ``Stopped`` (a ``KeyboardInterrupt``, so prompt libraries unwind as they
do for Ctrl-C) at the point the program is waiting for the person.  A signal that arrives
while the answers file is being written is held until the write has finished, so the
file on disk is always the last complete save and no temporary file is left behind.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.model import Bank

# Saves the answers; returns them merged with an outside change to the file, if any.
Saver = Callable[[Path, AnswersFile, Bank], AnswersFile | None]

# SIGHUP does not exist on Windows; closing the console window there ends the process.
_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class Stopped(KeyboardInterrupt):
    """The person (or the system) asked the program to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class SignalGuard:
    """Turns stop signals into ``Stopped`` while active; holds them during saves."""

    def __init__(self) -> None:
        self.saving = False
        self.pending: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> SignalGuard:
        for name in _SIGNALS:
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                self._previous[number] = signal.signal(number, self._handle)
            except (ValueError, OSError):  # not the main thread, or not allowed here
                continue
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.saving:
            self.pending = signum
            return
        raise Stopped(signum)

    def wrap(self, saver: Saver) -> Saver:
        """``saver``, made safe against signals that arrive while it writes."""

        def guarded(path: Path, answers: AnswersFile, bank: Bank) -> AnswersFile | None:
            self.saving = True
            try:
                merged = saver(path, answers, bank)
            finally:
                self.saving = False
            if self.pending is not None:
                signum, self.pending = self.pending, None
                raise Stopped(signum)
            return merged

        return guarded
