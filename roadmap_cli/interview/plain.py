"""The plain asker: one line typed per reply, numbered choices, no cursor tricks.

For screen readers, dumb terminals, Git Bash and piped input.  Every prompt ends with the
keys it accepts; ``?`` explains the options and the commands.  Commands are single
letters (``b`` back, ``s`` skip, ``j`` jump, ``o`` overview, ``q`` save and quit), and
``dk`` / ``na`` answer don't know / not applicable wherever the bank offers them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.interview import render
from roadmap_cli.interview.model import (
    NAVIGATION,
    Details,
    Give,
    Go,
    Metadata,
    MetadataRequest,
    Progress,
    QuestionView,
    Reply,
    Tally,
    Value,
    parse_number,
)

if TYPE_CHECKING:
    from rich.console import Console

COMMANDS = {key: action for key, action, _ in NAVIGATION}
HELP = (
    "Commands: b = back to the previous question, s = skip for now, j = jump to a category, "
    "o = overview of progress, q = save and quit, ? = this help. "
    "Your answers are saved after each one; run the same command again to resume."
)


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


class PlainAsker:
    """Ask with numbered lists and typed replies."""

    def __init__(self, console: Console, read: Callable[[str], str] = read_stdin) -> None:
        self.console = console
        self.read = read

    def _say(self, text: str, style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False, highlight=False)

    def _ask(self, prompt: str) -> str:
        return self.read(prompt).strip()

    # -- metadata -------------------------------------------------------------

    def metadata(self, request: MetadataRequest) -> Metadata:
        """Ask country, organisation, optional name and role, and language if several."""
        self._say(f"New assessment: {request.bank_title}", "title")
        country = self._required("Country: ")
        organisation = self._required("Organisation (ministry or agency): ")
        assessor = self._ask("Your name (optional, Enter skips): ")
        role = self._ask("Your role (optional, Enter skips): ")
        language = request.default_language
        if len(request.languages) > 1:
            listing = ", ".join(request.languages)
            while True:
                typed = self._ask(f"Language ({listing}) [{request.default_language}]: ")
                if not typed or typed in request.languages:
                    language = typed or request.default_language
                    break
                self._say(f"Choose one of: {listing}", "warn")
        return Metadata(country, organisation, assessor or None, role or None, language)

    def _required(self, prompt: str) -> str:
        while True:
            typed = self._ask(prompt)
            if typed:
                return typed
            self._say("This is needed for the report; please type it.", "warn")

    # -- questions ------------------------------------------------------------

    def question(self, view: QuestionView) -> Reply:
        """Show the question with numbered choices; read until a usable reply."""
        self.console.print()
        self.console.print(render.question_screen(view, self.console))
        keys = self._numbered(view)
        for number, (_, label) in enumerate(keys, 1):
            self._say(f"  {number:>2}  {label}")
        while True:
            typed = self._ask(self._prompt(view, len(keys)))
            reply = self._parse(typed, view, keys)
            if reply is not None:
                return reply

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
        return f"Answer ({what}{keep}; b s j o q, ? help): "

    def _parse(self, typed: str, view: QuestionView, keys: list[tuple[str, str]]) -> Reply | None:
        lowered = typed.lower()
        if typed == "?":
            self._help(view)
            return None
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
                self._say(f"'{typed}' is not a number ({_number_hint(view)}).", "warn")
            return number
        picked: list[str] = []
        for part in (p for p in re.split(r"[,\s]+", typed) if p):
            if not part.isdigit() or not 1 <= int(part) <= len(keys):
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
        if typed.isdigit() and 1 <= int(typed) <= len(ids):
            return Go("jump", ids[int(typed) - 1])
        match = [cid for cid in ids if cid.lower() == typed.lower()]
        if match:
            return Go("jump", match[0])
        self._say(f"No category '{typed}'; categories: {', '.join(ids)}.", "warn")
        return None

    def _help(self, view: QuestionView) -> None:
        for choice in view.choices:
            if choice.description:
                self._say(f"{choice.label}: {choice.description}")
        if view.kind == "multi":
            self._say("Type the numbers of every option that applies, e.g. 1 3 4.")
        self._say(HELP, "muted")

    # -- after an answer ------------------------------------------------------

    def details(self, view: QuestionView, current: Details) -> Details:
        """One line: Enter moves on; n adds a note and evidence; f flags for review."""
        note, evidence, flagged = current.note, current.evidence, current.flagged
        while True:
            flag = "f: remove the review flag" if flagged else "f: flag for review"
            typed = self._ask(f"Enter: next question, n: note/evidence, {flag}: ").lower()
            if not typed:
                return Details(note, evidence, flagged)
            if typed == "f":
                flagged = not flagged
                self._say("Flagged for review." if flagged else "Review flag removed.", "accent")
            elif typed == "n":
                keep = f" [{note}], - clears it" if note else " none"
                typed_note = self._ask(f"Note (Enter keeps{keep}): ")
                if typed_note == "-":
                    note = None
                elif typed_note:
                    note = typed_note
                shown = "; ".join(evidence)
                typed_evidence = self._ask(
                    f"Evidence, separated by ; (Enter keeps"
                    f"{f' [{shown}], - clears it' if shown else ' none'}): "
                )
                if typed_evidence == "-":
                    evidence = ()
                elif typed_evidence:
                    evidence = tuple(e.strip() for e in typed_evidence.split(";") if e.strip())
            else:
                self._say("Press Enter, or type n or f.", "warn")

    # -- summaries ------------------------------------------------------------

    def overview(self, progress: Progress) -> None:
        """Print progress in every category."""
        self.console.print(render.overview(progress))

    def category_done(self, tally: Tally) -> None:
        """Print the end-of-category table."""
        self.console.print(render.category_summary(tally))

    def finished(self, progress: Progress) -> None:
        """Print the end-of-walk table."""
        self.console.print(render.overview(progress, "Summary of the assessment"))

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
