"""The report's typed view model: what the templates may use, as frozen dataclasses.

``build_context`` (in ``context.py``) fills these from a Scorecard, its bank and answers.
Every field is a plain value (text, number, flag, tuple) or a chart as markup, so a
user's template in the sandbox reaches nothing else of the program, and mypy checks
that the context gives the templates every name they use.  ``docs/reports.md`` lists
the names.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from markupsafe import Markup

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Group(Generic[RowT]):
    """Rows under a heading: the answers of one category in the appendix, the sections
    of one category in a comparison."""

    title: str
    rows: tuple[RowT, ...]


@dataclass(frozen=True)
class Meta:
    """Who and what the report is about; most of it is shown in the method section."""

    title: str
    language: str
    country: str
    organisation: str
    assessor: str
    role: str
    started: str
    updated: str
    answers_as_of: str  # the date of the answers, from the file (never the clock)
    bank_title: str
    bank_description: str  # says what the bank is modelled on, and whose it is not
    bank_id: str
    bank_version: str
    rule: str
    tool_version: str
    generated: str  # empty unless --timestamp
    theme: str  # "" (standard) or "high-contrast"


@dataclass(frozen=True)
class Completion:
    """How much of the assessment is answered; ``provisional`` while anything is not."""

    answered: int
    visible: int
    unanswered: int
    percent: str
    provisional: bool


@dataclass(frozen=True)
class Overall:
    """The headline: overall score and band, what the band means, and any cap."""

    score: str
    band: str
    meaning: str  # one sentence: what the band says about the country
    capped: str  # why the band was held down, in plain words, or ""
    provisional: bool


@dataclass(frozen=True)
class Citation:
    """One standard a recommendation rests on: ``TIPP`` ``Art. 6(3)``.

    ``first`` marks the first citation of the instrument in the report, where its short
    name is written out (``short``); later ones give the code, linked to the glossary.
    """

    code: str
    where: str  # "Art. 6(3)", "Guideline 2" or ""
    short: str
    first: bool


@dataclass(frozen=True)
class GapView:
    """A question below its target, with its place in the priority order."""

    question: str
    text: str
    category: str
    category_id: str
    section: str
    answer: str
    score: str
    target: str
    rank: int  # 1 = do first; the order of `roadmap score --format json`
    critical: bool
    red_flag: bool
    recommendation: str
    action: str  # the recommendation without the standards' codes, for the first screen
    references: tuple[Citation, ...]
    resources: tuple[str, ...]


@dataclass(frozen=True)
class ItemView:
    """A red flag, or a minimum standard, named in the summary.

    ``see`` is set when the item is already shown above it in the summary (e.g. as
    priority 1): the template then refers to it instead of repeating it.
    """

    question: str
    text: str
    answer: str
    reason: str
    category: str
    rank: int  # its priority rank if it is a gap, else 0
    see: str


@dataclass(frozen=True)
class SectionView:
    """A section's line in its category's table."""

    id: str
    title: str
    score: str
    band: str
    answered: int
    visible: int
    provisional: bool


@dataclass(frozen=True)
class CategoryView:
    """One category: scores, sections, chart, red flags and gaps."""

    id: str
    value: float | None
    title: str
    summary: str
    score: str
    band: str
    capped: str
    provisional: bool
    answered: int
    visible: int
    dont_know: int
    not_applicable: int
    sections: tuple[SectionView, ...]
    gaps: tuple[GapView, ...]
    red_flags: tuple[ItemView, ...]  # only those not already told as one of its gaps
    chart: Markup


@dataclass(frozen=True)
class Strength:
    """A section in the two highest bands with no red flag and no unmet minimum standard."""

    title: str
    category: str
    score: str
    band: str


@dataclass(frozen=True)
class TodoItem:
    """A question still to answer, check or review."""

    id: str
    text: str
    category: str


@dataclass(frozen=True)
class TodoGroup:
    """One list of the "what is left to do" part."""

    title: str
    entries: tuple[TodoItem, ...]


@dataclass(frozen=True)
class BandView:
    """A maturity band of the rules used: name, range and meaning."""

    name: str
    min: str
    max: str
    meaning: str


@dataclass(frozen=True)
class OptionView:
    """A setting of the rules: its meaning in words, its name and value."""

    name: str
    value: str
    meaning: str


@dataclass(frozen=True)
class MethodView:
    """How the scores were worked out."""

    name: str
    summary: str
    description: tuple[str, ...]
    unanswered: str  # how these rules treat questions not yet answered
    bands: tuple[BandView, ...]
    options: tuple[OptionView, ...]


@dataclass(frozen=True)
class AnswerRow:
    """One answer in the appendix."""

    id: str
    text: str
    answer: str
    score: str
    note: str
    evidence: tuple[str, ...]
    flagged: bool


# The answers of one category.
AppendixGroup = Group[AnswerRow]


@dataclass(frozen=True)
class GlossaryItem:
    """An instrument cited by the bank."""

    code: str
    title: str
    short: str
    year: str
    body: str
    url: str


@dataclass(frozen=True)
class ResourceItem:
    """Further reading from the bank."""

    id: str
    title: str
    year: str
    body: str
    note: str
    url: str


@dataclass(frozen=True)
class Charts:
    """The summary charts, as SVG markup."""

    radar: Markup
    coverage: Markup


@dataclass(frozen=True)
class ContentsEntry:
    """A line of the table of contents."""

    anchor: str
    title: str


@dataclass(frozen=True)
class ReportContext:
    """Everything the report templates show, in reading order."""

    meta: Meta
    completion: Completion
    overall: Overall
    categories: tuple[CategoryView, ...]
    top_gaps: tuple[GapView, ...]
    gap_count: int
    red_flags: tuple[ItemView, ...]
    unmet: tuple[ItemView, ...]  # answered (or "don't know") below the minimum
    not_yet_answered: tuple[ItemView, ...]  # critical questions with no answer yet
    strengths: tuple[Strength, ...]
    contents: tuple[ContentsEntry, ...]
    todo: tuple[TodoGroup, ...]
    method: MethodView
    appendix: tuple[AppendixGroup, ...]
    glossary: tuple[GlossaryItem, ...]
    resources: tuple[ResourceItem, ...]
    charts: Charts

    def variables(self) -> dict[str, object]:
        """The top-level names templates see (one per field)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}
