"""The Scorecard: every score an assessment earns, and how each one was worked out.

Immutable records: frozen dataclasses (with slots), and named tuples for the three kinds
made by the hundred for every file (question scores, trace inputs, gaps), which are about
four times cheaper to build.  A Scorecard is built once per answers file and read many
times (table, JSON, CSV, ``--explain``), and batches of a thousand files must stay cheap
to build and to send between processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from roadmap_cli.answers.model import Assessment

Level = Literal["question", "section", "category", "overall"]
Status = Literal["answered", "unanswered", "not-applicable", "dont-know", "hidden", "unscored"]


class TraceInput(NamedTuple):
    """One input to a calculation: what it is, its value and the weight it carried."""

    id: str
    score: float | None
    weight: float | None = None
    detail: str = ""  # e.g. the answer given, or why the input was left out


@dataclass(frozen=True, slots=True)
class Trace:
    """How a number was produced: the formula in words, its inputs, and any adjustments."""

    formula: str
    inputs: tuple[TraceInput, ...] = ()
    result: float | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Counts:
    """How the questions under a node were answered.

    ``answered`` includes "not applicable" and "don't know" answers; hidden questions
    (``show_if`` false) count only as hidden, even if the file holds an answer for them.
    """

    questions: int = 0
    answered: int = 0
    unanswered: int = 0
    not_applicable: int = 0
    dont_know: int = 0
    flagged: int = 0
    hidden: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.questions + other.questions,
            self.answered + other.answered,
            self.unanswered + other.unanswered,
            self.not_applicable + other.not_applicable,
            self.dont_know + other.dont_know,
            self.flagged + other.flagged,
            self.hidden + other.hidden,
        )

    @property
    def coverage(self) -> float | None:
        """Share of the visible questions that have an answer (None if none is visible)."""
        visible = self.answered + self.unanswered
        return self.answered / visible if visible else None


@dataclass(frozen=True, slots=True)
class Band:
    """A named maturity band: scores at or above ``min`` (and below the next band)."""

    name: str
    min: float


class QuestionScore(NamedTuple):
    """The score of one question."""

    id: str
    category: str
    section: str
    type: str
    answer: str  # the value as given, for people ("partly", "police, labour", "2")
    status: Status
    score: float | None
    weight: float
    counts: Counts
    band: str | None
    trace: Trace
    critical: bool = False
    red_flag: bool = False  # this answer raised a red flag
    flagged: bool = False  # marked for review in the answers file


@dataclass(frozen=True, slots=True)
class NodeScore:
    """The score of a section, a category or the whole assessment."""

    id: str
    level: Level
    title: str
    score: float | None
    weight: float
    counts: Counts
    band: str | None
    trace: Trace
    category: str = ""  # for sections: the category they belong to
    capped: str | None = None  # why the band was held down, if it was
    # False when this node's weight counts in no score above it (the overall node; walk-free
    # categories): outputs then leave the weight out rather than print one with no effect.
    weighs: bool = True


class Gap(NamedTuple):
    """A question that falls short of its target, with what to do about it."""

    question: str
    category: str
    section: str
    score: float
    target: float
    shortfall: float
    weight: float
    priority: float
    critical: bool
    red_flag: bool
    recommendation: str
    references: tuple[str, ...]
    trace: Trace


@dataclass(frozen=True, slots=True)
class RedFlag:
    """An answer that signals serious harm (e.g. victims punished), and what it cost."""

    question: str
    category: str
    section: str
    answer: str
    reason: str
    penalty: float | None = None  # points subtracted (walk-free); None: the rule subtracts none


@dataclass(frozen=True, slots=True)
class StandardUnmet:
    """A critical question (a minimum standard) that is below its threshold."""

    question: str
    category: str
    section: str
    score: float | None
    threshold: float
    reason: str


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Everything one rule says about one answers file."""

    rule: str
    bank_id: str
    bank_version: str
    country: str
    bands: tuple[Band, ...]
    questions: tuple[QuestionScore, ...]
    sections: tuple[NodeScore, ...]
    categories: tuple[NodeScore, ...]
    overall: NodeScore
    gaps: tuple[Gap, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    unmet: tuple[StandardUnmet, ...] = ()
    # What the rule says about how it scored (e.g. weights it does not honour).
    notes: tuple[str, ...] = ()
    # Who assessed what and when, from the answers file (set by the batch scorer).
    assessment: Assessment | None = None

    def find(self, node_id: str) -> QuestionScore | NodeScore | None:
        """The question, section or category with this id, or the overall node ("overall")."""
        if node_id.lower() in ("overall", "all"):
            return self.overall
        for group in (self.questions, self.sections, self.categories):
            for node in group:
                if node.id == node_id:
                    return node
        return None
