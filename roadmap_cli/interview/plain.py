"""The plain asker: one line typed per reply, numbered choices, no cursor tricks.

For screen readers, dumb terminals, Git Bash and piped input.  Every prompt ends with the
keys it accepts; ``?`` explains the options and the commands at every prompt, and ``g``
reads the guidance again.  Commands are single letters (``b`` back, ``s`` skip, ``j``
jump, ``o`` overview, ``q`` save and quit — ``q`` and ``?`` work at every prompt), and
``dk`` / ``na`` answer don't know / not applicable wherever the bank offers them.  A
backslash makes a command a text answer (``\\?`` answers "?").

Nothing decorative is printed: no rules, no symbols, no tables.  Each line is a sentence
that reads well aloud, and a question's guidance is read once, not again when the same
question is asked again after a refused reply, help or an overview.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.interview import render
from roadmap_cli.interview.asking import BaseAsker, Step, evidence_list
from roadmap_cli.interview.conflicts import Choice, VersionView, conflict_heading, version_lines
from roadmap_cli.interview.model import (
    NAVIGATION,
    Give,
    Go,
    Progress,
    QuestionView,
    Reply,
    Tally,
    Value,
    free_text,
    parse_number,
    unescape,
)
from roadmap_cli.terminal import visible

if TYPE_CHECKING:
    from rich.console import Console

COMMANDS = {key: action for key, action, _ in NAVIGATION}
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: "²".isdigit() is true, int("²") fails


def read_stdin(prompt: str) -> str:
    """Read one line from standard input (EOFError when input has ended)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    line = line.rstrip("\r\n")
    if not sys.stdin.isatty():
        # Piped input is not echoed: show it, so the transcript reads like a session.
        sys.stdout.write(line + "\n")
    return line


class PlainAsker(BaseAsker):
    """Ask with numbered lists and typed replies."""

    def __init__(self, console: Console, read: Callable[[str], str] = read_stdin) -> None:
        self.console = console
        self.read = read
        self._last_shown: str | None = None  # the question whose guidance was last read

    def _say(self, text: str, style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False, highlight=False)

    def _lines(self, lines: list[tuple[str, str]]) -> None:
        for text, style in lines:
            self._say(text, style)

    def _ask(self, prompt: str) -> str:
        return self.read(prompt).strip()

    # -- metadata -------------------------------------------------------------

    def _meta(self, prompt: str) -> str:
        """A metadata reply: ``q`` quits, ``?`` explains (a backslash types them)."""
        return self._free(
            prompt,
            "These details go on the report's cover. Type the answer and press Enter; "
            "q quits without creating the file; to type a lone ? or q, put a "
            "backslash before it.",
        )

    def _free(self, prompt: str, help_text: str) -> str:
        """Free text: ``q`` quits, ``?`` says ``help_text``, a backslash types either."""
        return free_text(lambda: self._ask(prompt), lambda: self._say(help_text))

    def _heading(self, title: str, description: str) -> None:
        self._say(title, "title")
        if description:
            self._say(description, "")

    def _required(self, label: str) -> str:
        while True:
            typed = self._meta(f"{label}: ")
            if typed:
                return typed
            self._say("This is needed for the report; please type it.", "warn")

    def _optional(self, label: str) -> str:
        return self._meta(f"{label} (optional, Enter skips): ")

    def _language(self, languages: tuple[str, ...], default: str) -> str:
        listing = ", ".join(languages)
        while True:
            typed = self._meta(f"Language ({listing}) [{default}]: ")
            if not typed or typed in languages:
                return typed or default
            self._say(f"Choose one of: {listing}", "warn")

    # -- questions ------------------------------------------------------------

    def question(self, view: QuestionView) -> Reply:
        """Show the question with numbered choices; read until a usable reply."""
        self.console.print()
        again = self._last_shown == view.id
        self._last_shown = view.id
        self._lines(render.plain_question(view, guidance=not again))
        keys = self._numbered(view)
        self._options(view, keys)
        while True:
            typed = self._ask(self._prompt(view, len(keys)))
            reply = self._parse(typed, view, keys)
            if reply is not None:
                return reply

    def _options(self, view: QuestionView, keys: list[tuple[str, str]]) -> None:
        """Numbered options; a long one wraps under its own text, not under the number."""
        described = {c.key: c.description for c in view.choices}
        width = max(30, self.console.width - 1)
        for number, (key, label) in enumerate(keys, 1):
            about = described.get(key, "")
            lead = f"  {number:>{len(str(len(keys)))}}. "
            lines = textwrap.wrap(
                f"{label}{f': {about}' if about else ''}",
                width,
                initial_indent=lead,
                subsequent_indent=" " * len(lead),
                break_long_words=False,
                break_on_hyphens=False,
            )
            for line in lines:
                self._say(line)

    def _numbered(self, view: QuestionView) -> list[tuple[str, str]]:
        if view.kind not in ("scale", "single", "multi"):
            return []
        entries = [(c.key, c.label) for c in view.choices]
        if view.kind != "multi":
            if view.offers_dont_know:
                entries.append((DONT_KNOW, "Don't know"))
            if view.offers_na:
                entries.append((NOT_APPLICABLE, "Not applicable"))
        return entries

    def _prompt(self, view: QuestionView, count: int) -> str:
        if view.kind == "multi":
            what = f"numbers 1-{count} that apply, e.g. 1 3"
        elif count:
            what = f"1-{count}"
        elif view.kind == "number":
            what = _number_hint(view)
        else:
            what = "type your answer"
        extra = [x for x, on in (("dk", view.offers_dont_know), ("na", view.offers_na)) if on]
        if view.kind in ("multi", "number", "text") and extra:
            what += ", " + " / ".join(extra)
        keep = ", Enter keeps the current answer" if view.default is not None else ""
        return f"Answer ({what}{keep}; ? help, g guidance, q quit): "

    def _parse(self, typed: str, view: QuestionView, keys: list[tuple[str, str]]) -> Reply | None:
        lowered = typed.lower()
        if typed == "?":
            self._help(view)
            return None
        if lowered == "g":
            self._lines(render.guidance_screen(view))
            return None
        escaped = unescape(typed)
        if escaped is not None:
            value = self._value(escaped, view, keys) if view.kind == "text" else None
            if value is None:
                self._say("A backslash makes a command letter a text answer.", "warn")
            return None if value is None else Give(value)
        if lowered in COMMANDS:
            return self._command(COMMANDS[lowered], view)
        if lowered.startswith("j ") and lowered[2:].strip():
            return self._jump(typed[2:].strip(), view)
        if not typed:
            if view.default is not None:
                return Give(view.default)
            self._say("Type an answer, or s to skip for now (? for help).", "warn")
            return None
        if lowered in ("dk", "na"):
            return Give(DONT_KNOW if lowered == "dk" else NOT_APPLICABLE)
        value = self._value(typed, view, keys)
        return None if value is None else Give(value)

    def _value(self, typed: str, view: QuestionView, keys: list[tuple[str, str]]) -> Value | None:
        if view.kind == "text":
            return typed
        if view.kind == "number":
            number = parse_number(typed)
            if number is None:
                digits = "" if typed.isascii() else "; type it with the digits 0-9"
                self._say(f"'{typed}' is not a number ({_number_hint(view)}{digits}).", "warn")
            return number
        picked: list[str] = []
        for part in (p for p in re.split(r"[,\s]+", typed) if p):
            if not _DIGITS.fullmatch(part) or not 1 <= int(part) <= len(keys):
                self._say(f"'{part}' is not one of the numbers 1-{len(keys)}.", "warn")
                return None
            picked.append(keys[int(part) - 1][0])
        if view.kind != "multi":
            if len(picked) != 1:
                self._say("Choose one number.", "warn")
                return None
            return picked[0]
        return list(dict.fromkeys(picked))

    def _command(self, action: str, view: QuestionView) -> Reply | None:
        if action == "jump":
            for number, (cid, title) in enumerate(view.categories, 1):
                self._say(f"  {number:>2}  {title} ({cid})")
            typed = self._ask("Jump to which category (number or id, Enter stays here): ")
            return self._jump(typed, view) if typed else None
        return Go(action)  # type: ignore[arg-type]

    def _jump(self, typed: str, view: QuestionView) -> Reply | None:
        ids = [cid for cid, _ in view.categories]
        if _DIGITS.fullmatch(typed) and 1 <= int(typed) <= len(ids):
            return Go("jump", ids[int(typed) - 1])
        match = [cid for cid in ids if cid.lower() == typed.lower()]
        if match:
            return Go("jump", match[0])
        self._say(f"No category '{typed}'; categories: {', '.join(ids)}.", "warn")
        return None

    def _help(self, view: QuestionView) -> None:
        self._lines(render.help_lines(view, plain=True))

    # -- merge conflicts ------------------------------------------------------

    def choose_version(self, view: QuestionView, versions: tuple[VersionView, ...]) -> Choice:
        """Number each merged file's version; read a number, n (new answer), s or q."""
        self.console.print()
        self._last_shown = view.id  # the question prompt that may follow reads no guidance twice
        self._lines(render.plain_question(view))
        self._say(conflict_heading(view, len(versions)), "warn")
        for number, version in enumerate(versions, 1):
            for line in version_lines(number, version):
                self._say(line)
        count = len(versions)
        while True:
            typed = self._ask(
                f"Choose (1-{count}: keep that answer, n: give a new answer, s: skip, q: quit; "
                "? help): "
            ).lower()
            if _DIGITS.fullmatch(typed) and 1 <= int(typed) <= count:
                return int(typed) - 1
            if typed == "n":
                return None
            if typed in ("s", "q"):
                return Go("skip" if typed == "s" else "quit")
            if typed in ("?", "g"):
                self._say(
                    f"Type a number from 1 to {count} to keep that file's answer with its "
                    "note and evidence (you can change them next), n to give another answer, "
                    "s to leave the question in conflict for now, q to save and quit."
                )
                continue
            self._say(f"Type a number from 1 to {count}, or n, s or q.", "warn")

    # -- after an answer ------------------------------------------------------

    def _next_step(self, view: QuestionView, flagged: bool) -> Step:
        """One line: Enter moves on; n adds a note and evidence; f flags; q quits."""
        flag = "f: remove the review flag" if flagged else "f: flag for review"
        typed = self._ask(f"Enter: next question, n: note/evidence, {flag}, q: quit: ")
        steps: dict[str, Step] = {"": "next", "q": "quit", "f": "flag", "n": "note"}
        if typed.lower() in steps:
            return steps[typed.lower()]
        if typed == "?":
            self._say(
                "Enter goes to the next question. n adds or changes a note and evidence, "
                "f flags the answer for review (with a reason) or removes the flag, "
                "q saves and quits. Everything is saved as soon as you give it."
            )
        else:
            self._say("Press Enter, or type n, f or q.", "warn")
        return None

    def _flagged(self, flagged: bool) -> None:
        self._say("Flagged for review." if flagged else "Review flag removed.", "accent")

    def _reason(self, current: str | None) -> str | None:
        return self._text("Reason for the flag (optional, Enter skips): ") or current

    def _ask_note(self, current: str | None) -> str | None:
        keep = f" [{visible(current)}], - clears it" if current else " none"
        typed = self._text(f"Note (Enter keeps{keep}): ")
        return None if typed == "-" else typed or current

    def _ask_evidence(self, current: tuple[str, ...]) -> tuple[str, ...]:
        shown = visible("; ".join(current))
        typed = self._text(
            f"Evidence, separated by ; (Enter keeps"
            f"{f' [{shown}], - clears it' if shown else ' none'}): "
        )
        return () if typed == "-" else evidence_list(typed) if typed else current

    def _text(self, prompt: str) -> str:
        """A note, evidence or reason: ``q`` quits (what is recorded stays), ``?`` helps."""
        return self._free(
            prompt,
            "Type the text and press Enter; q saves and quits; to type a lone ? or "
            "q, put a backslash before it.",
        )

    # -- summaries ------------------------------------------------------------

    def overview(self, progress: Progress) -> None:
        """Say the progress in every category."""
        self._progress(progress, "Progress")

    def _progress(self, progress: Progress, heading: str) -> None:
        self._say(f"{heading}: {render.counted(progress.total)}.", "title")
        for row in progress.categories:
            self._say(render.plain_tally(row))
        if progress.total.hidden_kept:
            self._say(render.hidden_note(progress.total.hidden_kept))

    def category_done(self, tally: Tally) -> None:
        """Say how the category just finished stands."""
        self._say(f"End of {tally.title}: {render.counted(tally)}.", "title")
        self._say(render.plain_tally(tally))
        if tally.hidden_kept:
            self._say(render.hidden_note(tally.hidden_kept))

    def finished(self, progress: Progress) -> None:
        """Say how the whole assessment stands."""
        self._progress(progress, "Summary of the assessment")

    def notice(self, text: str) -> None:
        """Print a passing message."""
        self._say(text, "accent")


def _number_hint(view: QuestionView) -> str:
    spec = view.number
    if spec is None:
        return "a number"
    low = "" if spec.min is None else f"{spec.min:g}"
    high = "" if spec.max is None else f"{spec.max:g}"
    whole = "a whole number" if spec.integer else "a number"
    span = f" from {low} to {high}" if low and high else (f", at least {low}" if low else "")
    span = span or (f", at most {high}" if high else "")
    return f"{whole}{span}{' ' + spec.unit if spec.unit else ''}"
