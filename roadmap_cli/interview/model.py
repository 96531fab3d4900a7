"""What the interview engine and an asker say to each other: views, replies and the protocol.

The engine hands an asker ready-to-show views (text already in the assessment's language,
positions already counted), and gets back plain replies: a value, or a navigation command.
Askers never touch the bank or the answers file, so a scripted asker can drive the whole
interview in tests.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.model import QuestionType

Value = str | float | int | list[str]
Action = Literal["back", "skip", "jump", "overview", "quit"]

# A reply that is exactly a command (?, g, b, s, j, o, q, dk, na) is that command; a
# backslash before it makes it an answer instead: type \? to answer "?".
COMMAND_WORDS = frozenset({"?", "g", "b", "s", "j", "o", "q", "dk", "na"})

# The navigation commands both askers offer: key, action, and how a list names it.
NAVIGATION: tuple[tuple[str, Action, str], ...] = (
    ("b", "back", "Back to the previous question"),
    ("s", "skip", "Skip for now"),
    ("j", "jump", "Jump to a category…"),
    ("o", "overview", "Overview of progress"),
    ("q", "quit", "Save and quit"),
)

Mode = Literal["normal", "review", "flagged", "only", "conflicts"]
GuidanceMode = Literal["full", "short", "off"]
GUIDANCE_MODES: tuple[GuidanceMode, ...] = ("full", "short", "off")

__all__ = ["DONT_KNOW", "NOT_APPLICABLE"]


@dataclass(frozen=True)
class ChoiceView:
    """One option of a scale, single or multi question."""

    key: str
    label: str
    description: str = ""
    exclusive: bool = False  # multi only: "none of these"


@dataclass(frozen=True)
class NumberView:
    """Bounds of a number question."""

    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str = ""


@dataclass(frozen=True)
class QuestionView:
    """Everything an asker shows for one question, in the assessment's language."""

    id: str
    text: str
    kind: QuestionType
    category_id: str
    category_title: str
    section_title: str
    position: int  # 1-based among the questions shown under the current answers
    total: int  # questions shown under the current answers
    category_position: int
    category_total: int
    category_answered: int
    guidance: str = ""
    references: tuple[str, ...] = ()
    choices: tuple[ChoiceView, ...] = ()
    number: NumberView | None = None
    offers_na: bool = False
    offers_dont_know: bool = False
    critical: bool = False
    follow_up: bool = False
    default: Value | None = None  # the current answer, offered as the default
    problem: str | None = None  # why the last reply was refused, if it was
    categories: tuple[tuple[str, str], ...] = ()  # (id, title) for jumping
    red_flag: bool = False
    note: str | None = None  # the current answer's note, evidence and review flag
    evidence: tuple[str, ...] = ()
    flagged: bool = False
    flag_reason: str | None = None
    guidance_mode: GuidanceMode = "full"


@dataclass(frozen=True)
class Give:
    """A reply that answers the question with ``value``."""

    value: Value


@dataclass(frozen=True)
class Go:
    """A reply that navigates: back, skip, jump (to ``target``), overview or quit."""

    action: Action
    target: str | None = None  # the category id, for jump


Reply = Give | Go


@dataclass(frozen=True)
class Details:
    """The note, evidence and review flag that go with an answer."""

    note: str | None = None
    evidence: tuple[str, ...] = ()
    flagged: bool = False
    reason: str | None = None  # why the answer is flagged


# Saves a change to the note, evidence or flag at once (the asker calls it on each change).
Record = Callable[[Details], None]


@dataclass(frozen=True)
class MetadataRequest:
    """What the engine needs to know before the first question of a new file."""

    bank_title: str
    languages: tuple[str, ...]
    default_language: str
    bank_description: str = ""  # what the bank is, and whose it is not


@dataclass(frozen=True)
class Metadata:
    """Who is assessing what."""

    country: str
    organisation: str | None = None
    assessor: str | None = None
    role: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Tally:
    """Progress of one category (or of the whole bank) under the current answers."""

    id: str
    title: str
    answered: int = 0  # with a real answer (not don't know / not applicable)
    dont_know: int = 0
    not_applicable: int = 0
    flagged: int = 0
    unanswered: int = 0
    hidden_kept: int = 0  # answers kept in the file for questions now hidden

    @property
    def shown(self) -> int:
        """Questions shown under the current answers."""
        return self.answered + self.dont_know + self.not_applicable + self.unanswered

    @property
    def saved(self) -> int:
        """Shown questions with any answer, don't know and not applicable included."""
        return self.answered + self.dont_know + self.not_applicable


@dataclass(frozen=True)
class Progress:
    """Every category's tally and the total."""

    categories: tuple[Tally, ...]
    total: Tally
    unfinished: tuple[str, ...] = field(default=())  # ids of shown, unanswered questions


class Asker(Protocol):
    """How the engine talks to a person (or to a test script)."""

    def metadata(self, request: MetadataRequest) -> Metadata | Go:
        """Ask who is assessing what (new files only); ``Go("quit")`` quits at once."""
        ...

    def question(self, view: QuestionView) -> Reply:
        """Ask one question; return an answer or a navigation command."""
        ...

    def details(self, view: QuestionView, current: Details, record: Record) -> Details | Go:
        """Offer a note, evidence references and the review flag after an answer.

        Call ``record`` with every change as soon as it is made (it saves the file);
        return the final details, or ``Go("quit")`` to save and quit.
        """
        ...

    def overview(self, progress: Progress) -> None:
        """Show progress across all categories (then the engine asks again)."""
        ...

    def category_done(self, tally: Tally) -> None:
        """Show the summary of a category the person has just walked through."""
        ...

    def finished(self, progress: Progress) -> None:
        """Show the summary at the end of the walk."""
        ...

    def notice(self, text: str) -> None:
        """Tell the person something in passing (resuming, hidden follow-ups…)."""
        ...


def is_special(value: object) -> bool:
    """Whether ``value`` is one of the answers the tool itself offers (don't know, N/A)."""
    return value in (DONT_KNOW, NOT_APPLICABLE)


def parse_number(typed: str) -> float | None:
    """A typed number (a decimal comma is fine; 3 and 3.0 give 3), or None if it is not
    a finite number written with the digits 0-9."""
    # Python's float() also reads other scripts' digits (and int() rejects ² or ①): only
    # ASCII is accepted, so what is saved is always what the person sees in the file.
    if not typed.isascii():
        return None
    try:
        number = float(typed.strip().replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def unescape(typed: str) -> str | None:
    """The answer meant by ``\\?``, ``\\g``, ``\\q``…: the command word as text; else None."""
    if typed.startswith("\\") and typed[1:].strip().lower() in COMMAND_WORDS:
        return typed[1:].strip()
    return None


class Quit(Exception):
    """``q`` typed at a free-text prompt (metadata, note, evidence, reason)."""


def free_text(ask: Callable[[], str], explain: Callable[[], None]) -> str:
    """A free-text reply from ``ask``: ``q`` raises ``Quit``, ``?`` calls ``explain`` and
    asks again, and a backslash types either as text."""
    while True:
        typed = ask()
        if typed.lower() == "q":
            raise Quit
        if typed == "?":
            explain()
            continue
        return unescape(typed) or typed


_T = TypeVar("_T")


def or_quit(ask: Callable[[], _T]) -> _T | Go:
    """What ``ask()`` returns, or ``Go("quit")`` if the person typed ``q`` (``Quit``)."""
    try:
        return ask()
    except Quit:
        return Go("quit")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (guidance in ``--guidance short``)."""
    import re

    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.DOTALL)
    return match.group(1) if match else text.strip()


def describe_default(view: QuestionView) -> str:
    """The current answer in words, e.g. ``Partly in place`` or ``Don't know``."""
    value = view.default
    if value is None:
        return ""
    if value == DONT_KNOW:
        return "Don't know"
    if value == NOT_APPLICABLE:
        return "Not applicable"
    labels = {c.key: c.label for c in view.choices}
    if isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Options:
    """Which questions to walk and whether to offer notes."""

    categories: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    review: bool = False
    flagged: bool = False
    notes: bool = True
    guidance: GuidanceMode | None = None  # None: as the file's settings say (else full)
    conflicts: bool = False  # walk the questions merged files answered differently

    @property
    def mode(self) -> Mode:
        """The walking mode these options select."""
        if self.only:
            return "only"
        if self.conflicts:
            return "conflicts"
        if self.flagged:
            return "flagged"
        return "review" if self.review else "normal"


@dataclass(frozen=True)
class Outcome:
    """How the walk ended, and the progress at that moment."""

    status: Literal["finished", "quit"]
    progress: Progress | None  # None: quit before the file was created
    started: bool  # True when the file was created by this walk
