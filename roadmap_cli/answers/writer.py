"""The interview's saver: patch the answers file's text, never blindly overwrite it.

Each save:

1. reads the file as it is on disk now.  If it is not what this session last read or
   wrote, another program (an editor) changed it: the change is merged when the two
   touched different questions (the merged answers are handed back to the interview, and
   the person is told), and otherwise nothing is overwritten — this session's version
   is written next to the file (``NAME.conflict.yaml``) and the interview stops;
2. patches the text (``answers_patch``), so comments, blank lines and key order stay;
3. replaces the file atomically, keeping its permission bits.  A symbolic link is
   written through: the file it points to is updated and the link stays a link.  A
   read-only file is refused, never replaced.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from roadmap_cli.answers.merge import describe, merge
from roadmap_cli.answers.model import AnswersFile, to_yaml
from roadmap_cli.answers.patch import AnswersText
from roadmap_cli.bank.model import Bank
from roadmap_cli.errors import FileProblems, RoadmapError, display_path
from roadmap_cli.files import write_atomic
from roadmap_cli.problems import Sources, validate
from roadmap_cli.yamlio import parse_yaml

_BOM = "\ufeff"


class SaveConflict(RoadmapError):
    """The file changed on disk in a way that clashes with this session's changes."""


def read_only_problem(path: Path) -> str | None:
    """Why ``path`` cannot be saved over (it is read-only), or None."""
    target = path.resolve() if path.is_symlink() else path
    if not target.exists():
        return None
    # The mode bits as well as access(): an administrator may write anything, yet a file
    # marked read-only was marked so on purpose.
    if not os.access(target, os.W_OK) or not target.stat().st_mode & stat.S_IWUSR:
        return f"{display_path(path)} is read-only, so answers could not be saved to it"
    return None


class AnswersWriter:
    """Saves one answers file for one interview; call it as the interview's saver."""

    def __init__(
        self,
        path: Path,
        answers: AnswersFile | None,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path
        self.notice = notice or (lambda text: None)
        self.state: AnswersText | None = None
        self.bom = False
        if answers is not None and self.target.exists():
            raw = self.target.read_bytes()
            text = raw.decode("utf-8")
            self.bom = text.startswith(_BOM)
            self.state = AnswersText(text.removeprefix(_BOM), answers)

    @property
    def target(self) -> Path:
        """The file really written: the one a symbolic link points to."""
        return self.path.resolve() if self.path.is_symlink() else self.path

    def __call__(self, path: Path, answers: AnswersFile, bank: Bank) -> AnswersFile | None:
        """Save ``answers``; return the answers merged with an outside change, if any."""
        problem = read_only_problem(self.path)
        if problem:
            raise RoadmapError(problem, "Make the file writable, or work on a copy of it.")
        merged: AnswersFile | None = None
        if self.state is not None:
            on_disk = self._on_disk()
            if on_disk is not None and on_disk != self.state.text:
                merged = self._merge(on_disk, answers, bank)
                answers = merged
        text = to_yaml(answers, bank) if self.state is None else self.state.patched(answers, bank)
        mode = self._mode()
        write_atomic(self.target, (_BOM if self.bom else "") + text, private=True, mode=mode)
        if self.state is None:
            self.state = AnswersText(text, answers)
        else:
            self.state.saved(text, answers)
        return merged

    def _mode(self) -> int | None:
        try:
            return stat.S_IMODE(self.target.stat().st_mode)
        except OSError:
            return None  # a new file: owner-only

    def _on_disk(self) -> str | None:
        try:
            raw = self.target.read_bytes()
        except FileNotFoundError:
            return None  # removed meanwhile: this save puts it back
        except OSError as err:
            raise RoadmapError(
                f"{display_path(self.path)}: cannot read: {err.strerror or err}"
            ) from None
        try:
            return raw.decode("utf-8").removeprefix(_BOM)
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")

    def _merge(self, on_disk: str, ours: AnswersFile, bank: Bank) -> AnswersFile:
        """Our answers laid over the file's new content, or SaveConflict (ours kept aside)."""
        assert self.state is not None
        shown = display_path(self.path)
        theirs: AnswersFile | None = None
        try:
            document = parse_yaml(on_disk.encode("utf-8"), shown, what="answers file")
            theirs, _ = validate(AnswersFile, document.data, Sources(document))
        except FileProblems:
            theirs = None
        if theirs is None:
            aside = self._keep_aside(ours, bank)
            raise SaveConflict(
                f"{shown} was changed by another program and cannot be read now; "
                f"this session's answers were saved to {aside}",
                f"Fix {shown} (roadmap validate {shown} shows what is wrong), or replace it "
                f"with {aside}; then resume.",
            )
        outcome = merge(self.state.base, ours, theirs)
        if outcome.merged is None:
            aside = self._keep_aside(ours, bank)
            raise SaveConflict(
                f"{shown} was changed by another program, also at {describe(outcome.conflicts)}; "
                f"{shown} is left as the other program wrote it and this session's answers "
                f"were saved to {aside}",
                f"Compare the two files, keep what is right in {shown}, then resume.",
            )
        self.state = AnswersText(on_disk, theirs, document)
        if outcome.theirs:
            self.notice(
                f"{shown} was changed by another program ({describe(outcome.theirs)}); "
                "those changes are kept alongside yours."
            )
        return outcome.merged

    def _keep_aside(self, ours: AnswersFile, bank: Bank) -> str:
        stem, suffix = self.path.stem, self.path.suffix or ".yaml"
        for number in range(1, 1000):
            extra = "" if number == 1 else f"-{number}"
            aside = self.path.with_name(f"{stem}.conflict{extra}{suffix}")
            if not aside.exists():
                break
        write_atomic(aside, to_yaml(ours, bank), private=True)
        return display_path(aside)
