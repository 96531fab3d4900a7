"""A Comparison as text to show: percentages, changes in points, answers in words.

Every output but the JSON (the terminal table, Markdown, HTML) reads this one view, so a
figure reads the same everywhere and equals the JSON's: percentages are the JSON's
scores rounded half up, as the score table shows them (``report.charts.pct``), and a
change is the JSON's ``change`` in percentage points.  Text from files is left as it is
here; each output escapes it for its own medium.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from roadmap_cli import __version__
from roadmap_cli.compare.model import NOT_ANSWERED, Change, Comparison
from roadmap_cli.report.charts import pct
from roadmap_cli.report.view import Group
from roadmap_cli.scoring.export import assessed_on, band_words, rules_label
from roadmap_cli.scoring.numbers import decimal


@dataclass(frozen=True)
class SideView:
    """One of the two files: which, whose, when, and how complete."""

    label: str  # "OLD" or "NEW"
    file: str
    country: str
    organisation: str
    as_of: str  # the day the file was last updated, or ""
    bank_version: str  # the version the file names
    answered: int
    visible: int
    percent: str
    provisional: bool


@dataclass(frozen=True)
class ScoreRow:
    """A score as it was and is: overall, a category or a section."""

    id: str
    title: str
    old: str
    new: str
    change: str  # "+16.5 pp", "-3.0 pp", "0 pp" or "—"
    band_change: str  # "Developing → Established", or the band when it did not move


# The sections of one category.
SectionGroup = Group[ScoreRow]


@dataclass(frozen=True)
class ItemRow:
    """A gap, red flag or minimum standard on one side or both."""

    id: str
    text: str
    category: str
    old: str  # e.g. "25%", an answer, or "—" when it is not on this side
    new: str


@dataclass(frozen=True)
class AnswerRow:
    """A question whose answer changed (or appeared, or went): both answers and notes."""

    id: str
    text: str
    category: str
    old: str
    new: str
    old_note: str
    new_note: str


@dataclass(frozen=True)
class ItemList:
    """One list of the comparison, with its heading and what an empty list means."""

    key: str  # the JSON name, also the HTML anchor
    title: str
    empty: str
    old_label: str  # the column heads
    new_label: str
    rows: tuple[ItemRow, ...]


@dataclass(frozen=True)
class CompareView:
    """Everything the comparison templates and the terminal table show."""

    title: str
    heading: str  # the country, or both countries when they differ
    rules: str
    bank: str  # "workshop-demo 1.1.0"
    tool_version: str
    language: str
    old: SideView
    new: SideView
    migration: str
    warnings: tuple[str, ...]
    overall: ScoreRow
    categories: tuple[ScoreRow, ...]
    sections: tuple[SectionGroup, ...]
    lists: tuple[ItemList, ...]
    answers_changed: tuple[AnswerRow, ...]
    newly_answered: tuple[AnswerRow, ...]
    newly_unanswered: tuple[AnswerRow, ...]

    def variables(self) -> dict[str, object]:
        """The names templates see: ``view``."""
        return {"view": self}


def points(change: float | None) -> str:
    """A change of score in percentage points, one decimal, rounded half up: "+16.5 pp".

    One decimal, because whole points would not always add up: 13% → 29% is a change of
    0.165 in the JSON (0.1277 → 0.2927), which "+17 pp" would contradict.
    """
    if change is None:
        return "—"
    size = decimal(abs(change), 3).scaleb(2)
    if size == 0:
        return "0 pp"
    return f"{'+' if change > 0 else '-'}{size:.1f} pp"


def build_view(comparison: Comparison) -> CompareView:
    """The text of every part of ``comparison``."""
    titles = {node.id: node.title for node in comparison.categories}
    old, new = _side("OLD", comparison.old), _side("NEW", comparison.new)
    heading = comparison.new["country"]
    if not comparison.same_country:
        heading = f"{comparison.old['country']} → {comparison.new['country']}"
    when = f"{old.as_of or 'OLD'} → {new.as_of or 'NEW'}"
    return CompareView(
        title=f"What changed: {heading}, {when}",
        heading=heading,
        rules=rules_label(comparison.rules),
        bank=f"{comparison.bank['id']} {comparison.bank['version']}",
        tool_version=__version__,
        language=comparison.language,
        old=old,
        new=new,
        migration=comparison.migration_sentence,
        warnings=comparison.warnings,
        overall=_row(comparison.overall, "Overall"),
        categories=tuple(_row(node) for node in comparison.categories),
        sections=tuple(
            SectionGroup(
                titles[category.id],
                tuple(_row(s) for s in comparison.sections if s.category == category.id),
            )
            for category in comparison.categories
        ),
        lists=_lists(comparison, titles),
        answers_changed=_answers(comparison.answers_changed, titles),
        newly_answered=_answers(comparison.newly_answered, titles),
        newly_unanswered=_answers(comparison.newly_unanswered, titles),
    )


def _side(label: str, side: Mapping[str, Any]) -> SideView:
    done = side["completeness"]
    return SideView(
        label=label,
        file=side["file"],
        country=side["country"],
        organisation=side["assessment"].get("organisation") or "",
        as_of=assessed_on(side["assessment"]),
        bank_version=side["bank"]["version"],
        answered=done["answered"],
        visible=done["visible"],
        percent=pct(done["coverage"]),
        provisional=side["provisional"],
    )


def _row(change: Change, title: str = "") -> ScoreRow:
    old, new = change.old or {}, change.new or {}
    old_band, new_band = (band_words(side) if side else "—" for side in (change.old, change.new))
    return ScoreRow(
        id=change.id,
        title=title or change.title,
        old=pct(old.get("score")),
        new=pct(new.get("score")),
        change=points(change.change),
        band_change=new_band if old_band == new_band else f"{old_band} → {new_band}",
    )


# key, title, what an empty list says, the fact shown on each side
_LISTS = (
    ("gaps_closed", "Gaps closed", "No gap was closed.", "score"),
    ("gaps_opened", "Gaps opened", "No new gap.", "score"),
    ("gaps_persisting", "Gaps still open", "No gap is left open.", "score"),
    ("red_flags_raised", "Red flags raised", "No red flag was raised.", "answer"),
    ("red_flags_cleared", "Red flags cleared", "No red flag was cleared.", "answer"),
    ("red_flags_persisting", "Red flags still raised", "No red flag remains.", "answer"),
    ("standards_newly_met", "Minimum standards newly met", "None newly met.", "score"),
    ("standards_lost", "Minimum standards no longer met", "None lost.", "score"),
    ("standards_still_unmet", "Minimum standards still unmet", "None left unmet.", "score"),
)


def _lists(comparison: Comparison, titles: Mapping[str, str]) -> tuple[ItemList, ...]:
    return tuple(
        ItemList(
            key=key,
            title=title,
            empty=empty,
            old_label="answer then" if fact == "answer" else "score then",
            new_label="answer now" if fact == "answer" else "score now",
            rows=tuple(_item(item, fact, titles) for item in getattr(comparison, key)),
        )
        for key, title, empty, fact in _LISTS
    )


def _fact(facts: Mapping[str, Any], fact: str) -> str:
    """A question's answer in words, or its score ("not answered" is never a score)."""
    if not facts:
        return "—"
    if fact == "answer":
        return str(facts["answer"])
    if facts["status"] in NOT_ANSWERED:
        return "not answered"  # a blank is not a failure: never show it as a score
    return pct(facts["score"])


def _item(item: Change, fact: str, titles: Mapping[str, str]) -> ItemRow:
    answers = item.answers or {}
    return ItemRow(
        id=item.id,
        text=item.title,
        category=titles.get(item.category, item.category),
        old=_fact(answers.get("old", {}), fact),
        new=_fact(answers.get("new", {}), fact),
    )


def _answers(items: Sequence[Change], titles: Mapping[str, str]) -> tuple[AnswerRow, ...]:
    return tuple(
        AnswerRow(
            id=item.id,
            text=item.title,
            category=titles.get(item.category, item.category),
            old=str((item.old or {}).get("answer", "")),
            new=str((item.new or {}).get("answer", "")),
            old_note=str((item.old or {}).get("note", "")),
            new_note=str((item.new or {}).get("note", "")),
        )
        for item in items
    )
