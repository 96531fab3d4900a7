"""A comparison of two assessments: what moved, what closed, what opened, what changed.

``compare_files`` opens and scores both files (``pair``) and builds a frozen
``Comparison`` from each Scorecard's ``scoring.output.to_data`` (the numbers of ``roadmap
score --format json``, so that a figure here equals the score JSON's).  ``to_data()`` is
the ``roadmap-compare/1`` JSON; every other output reads the same Comparison.

Everything is told from OLD to NEW, in the order given: swapping the two files negates
every change and swaps closed with opened, raised with cleared, met with lost, and newly
answered with newly unanswered.  Lists follow the bank's order of questions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from roadmap_cli import __version__
from roadmap_cli.answers.check import open_conflicts
from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.compare.pair import Moved, Pair, Scored, open_pair
from roadmap_cli.report.answer_text import answer_text, value_words
from roadmap_cli.scoring.export import rules_data
from roadmap_cli.scoring.numbers import rounded
from roadmap_cli.scoring.output import to_data
from roadmap_cli.text import country_key, localize

COMPARE_FORMAT = "roadmap-compare/1"
# A question counts as answered when it has an answer that counts (don't know and not
# applicable included); unanswered and hidden follow-ups do not.
NOT_ANSWERED = ("unanswered", "hidden")

Data = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One score, gap, red flag, standard or answer as it was (``old``) and is (``new``).

    ``old`` or ``new`` is None when the item is only on one side (a gap opened or closed);
    ``change`` is the score's change (new − old) for scores, else None.
    """

    id: str
    category: str
    section: str
    title: str  # the node's title or the question's text
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    change: float | None = None
    node: bool = False  # a score (overall, category, section): ``change`` is shown
    # For a gap, red flag or standard: the question's answer and score on both sides.
    answers: Mapping[str, Mapping[str, Any]] | None = None

    def data(self) -> Data:
        """The item as JSON data."""
        found: Data = {"id": self.id}
        found.update(
            {key: value for key in ("category", "section") if (value := getattr(self, key))}
        )
        found.update(title=self.title, old=_plain(self.old), new=_plain(self.new))
        if self.node:
            found["change"] = self.change
        if self.answers is not None:
            found["answers"] = {side: dict(facts) for side, facts in self.answers.items()}
        return found


@dataclass(frozen=True)
class Comparison:
    """Everything ``roadmap compare`` says about OLD and NEW."""

    rules: Mapping[str, Any]
    bank: Mapping[str, str]  # the bank and version both were scored against
    old: Mapping[str, Any]  # who, when, how complete (see ``_side``)
    new: Mapping[str, Any]
    moved: Moved | None
    warnings: tuple[str, ...]
    overall: Change
    categories: tuple[Change, ...]
    sections: tuple[Change, ...]
    gaps_closed: tuple[Change, ...]
    gaps_opened: tuple[Change, ...]
    gaps_persisting: tuple[Change, ...]
    red_flags_raised: tuple[Change, ...]
    red_flags_cleared: tuple[Change, ...]
    red_flags_persisting: tuple[Change, ...]
    standards_newly_met: tuple[Change, ...]
    standards_lost: tuple[Change, ...]
    standards_still_unmet: tuple[Change, ...]
    answers_changed: tuple[Change, ...]
    newly_answered: tuple[Change, ...]
    newly_unanswered: tuple[Change, ...]
    language: str = "en"  # of the texts: the newer file's language, else the bank's

    @property
    def same_country(self) -> bool:
        """Whether both files assess the same country (letter case and spaces aside)."""
        return country_key(self.old["country"]) == country_key(self.new["country"])

    @property
    def migration_sentence(self) -> str:
        """The one sentence that says a file was moved to another bank version, or ''."""
        moved = self.moved
        if moved is None:
            return ""
        needs = len(moved.needs_answer)
        return (
            f"{moved.file} ({moved.side.upper()}) was made with {self.bank['id']} "
            f"{moved.start}; to compare, it was moved in memory to {moved.end} through the "
            f"bank's migration map (the file is unchanged): {_count(moved.renamed, 'answer')} "
            f"renamed, {moved.archived} archived, {_count(needs, 'question')} needing a new "
            "answer."
        )

    def to_data(self) -> Data:
        """The comparison as ``roadmap-compare/1`` JSON data."""
        moved = self.moved
        return {
            "format": COMPARE_FORMAT,
            "generator": {"name": "roadmap-cli", "version": __version__},
            "rules": dict(self.rules),
            "bank": dict(self.bank),
            "old": dict(self.old),
            "new": dict(self.new),
            "migration": None
            if moved is None
            else {
                "file": moved.file,
                "side": moved.side,
                "from": moved.start,
                "to": moved.end,
                "renamed": moved.renamed,
                "archived": moved.archived,
                "needs_answer": list(moved.needs_answer),
                "sentence": self.migration_sentence,
            },
            "warnings": list(self.warnings),
            "overall": self.overall.data(),
            **{name: [item.data() for item in getattr(self, name)] for name in LISTS},
        }


# The lists of a Comparison, in the order every output shows them.
LISTS = (
    "categories",
    "sections",
    "gaps_closed",
    "gaps_opened",
    "gaps_persisting",
    "red_flags_raised",
    "red_flags_cleared",
    "red_flags_persisting",
    "standards_newly_met",
    "standards_lost",
    "standards_still_unmet",
    "answers_changed",
    "newly_answered",
    "newly_unanswered",
)


def compare_files(
    old_path: Path, new_path: Path, rules: str | None = None, bank_ref: str | None = None
) -> Comparison:
    """Compare ``old_path`` with ``new_path`` (in that order) under ``rules``."""
    return build_comparison(open_pair(old_path, new_path, rules, bank_ref))


def build_comparison(pair: Pair) -> Comparison:
    """The Comparison of two files already opened and scored."""
    label = pair.selected.label
    old, new = to_data(pair.old.card, label), to_data(pair.new.card, label)
    texts = _Texts(pair, old["questions"], new["questions"])
    gaps = _split(old["gaps"], new["gaps"], ("score", "target", "priority"), texts)
    flags = _split(old["red_flags"], new["red_flags"], ("answer", "reason", "penalty"), texts)
    unmet = _split(
        old["minimum_standards_unmet"],
        new["minimum_standards_unmet"],
        ("score", "threshold", "reason"),
        texts,
    )
    changed, answered, unanswered = _answers(new["questions"], texts)
    return Comparison(
        rules=rules_data(pair.selected),
        bank={"id": pair.bank.id, "version": pair.bank.version},
        old=_side(pair.old, old),
        new=_side(pair.new, new),
        moved=pair.moved,
        warnings=_warnings(pair, texts),
        overall=_node(old["overall"], new["overall"]),
        categories=_nodes(old["categories"], new["categories"]),
        sections=_nodes(old["sections"], new["sections"]),
        gaps_closed=gaps[0],
        gaps_opened=gaps[1],
        gaps_persisting=gaps[2],
        red_flags_raised=flags[1],
        red_flags_cleared=flags[0],
        red_flags_persisting=flags[2],
        standards_newly_met=unmet[0],
        standards_lost=unmet[1],
        standards_still_unmet=unmet[2],
        answers_changed=changed,
        newly_answered=answered,
        newly_unanswered=unanswered,
        language=texts.language,
    )


class _Texts:
    """Question texts and answers in words, in the newer file's language."""

    def __init__(self, pair: Pair, old: Sequence[Data], new: Sequence[Data]) -> None:
        self.pair = pair
        bank = pair.bank
        self.language = pair.new.answers.assessment.language or bank.default_language
        self.order = {qid: index for index, qid in enumerate(bank.by_id)}
        self.old = self._given(pair.old, old)
        self.new = self._given(pair.new, new)

    def _given(self, scored: Scored, questions: Sequence[Data]) -> dict[str, Data]:
        """Each question's status, value, answer in words, score and note on one side."""
        scores = {q.id: q for q in scored.card.questions}
        found = {}
        for data in questions:
            given = scored.answers.answers.get(data["id"])
            found[data["id"]] = {
                "status": data["status"],
                "value": None if given is None else given.value,
                "answer": answer_text(
                    self.pair.bank, scored.answers, scores[data["id"]], self.text
                ),
                "score": data["score"],
                "note": (given.note if given else None) or "",
            }
        return found

    def facts(self, qid: str) -> dict[str, Data]:
        """A question's answer, status and score on both sides."""
        keys = ("answer", "status", "score")
        return {
            side: {key: given[qid][key] for key in keys} if qid in given else {}
            for side, given in (("old", self.old), ("new", self.new))
        }

    def text(self, value: str | dict[str, str] | None) -> str:
        return localize(value, self.language, self.pair.bank.default_language)

    def question(self, qid: str) -> str:
        located = self.pair.bank.by_id.get(qid)
        return self.text(located.question.text) if located else qid


def _side(scored: Scored, data: Data) -> Data:
    """Who assessed, when, on which version, and how complete."""
    named = scored.assessment.answers.bank
    done = data["completeness"]
    return {
        "file": scored.file,
        "country": data["country"],
        "assessment": data["assessment"],
        "bank": {"id": named.id, "version": named.version},
        "completeness": done,
        "provisional": done["answered"] < done["visible"],
    }


def _node(old: Data, new: Data) -> Change:
    def side(node: Data) -> Data:
        return {"score": node["score"], "band": node["band"], "capped": node["capped"]}

    return Change(
        id=new["id"],
        category=new.get("category", ""),
        section="",
        title=new["title"],
        old=side(old),
        new=side(new),
        change=_difference(old["score"], new["score"]),
        node=True,
    )


def _nodes(old: Sequence[Data], new: Sequence[Data]) -> tuple[Change, ...]:
    before = {node["id"]: node for node in old}
    return tuple(_node(before[node["id"]], node) for node in new if node["id"] in before)


def _difference(old: float | None, new: float | None) -> float | None:
    """NEW − OLD of two scores as the JSON gives them, so that it adds up in the JSON."""
    if old is None or new is None:
        return None
    return rounded(new - old)


def _split(
    old: Sequence[Data], new: Sequence[Data], keys: tuple[str, ...], texts: _Texts
) -> tuple[tuple[Change, ...], tuple[Change, ...], tuple[Change, ...]]:
    """Items only in OLD, only in NEW, and in both: each with its facts on either side."""
    before = {item["question"]: item for item in old}
    after = {item["question"]: item for item in new}
    found: tuple[list[Change], list[Change], list[Change]] = ([], [], [])
    for qid in sorted({*before, *after}, key=lambda q: texts.order.get(q, len(texts.order))):
        was, now = before.get(qid), after.get(qid)
        where = now or was
        assert where is not None
        item = Change(
            id=qid,
            category=where["category"],
            section=where["section"],
            title=texts.question(qid),
            old=None if was is None else {key: was[key] for key in keys},
            new=None if now is None else {key: now[key] for key in keys},
            answers=texts.facts(qid),
        )
        found[2 if was and now else 0 if was else 1].append(item)
    return tuple(found[0]), tuple(found[1]), tuple(found[2])


def _answers(
    new: Sequence[Data], texts: _Texts
) -> tuple[tuple[Change, ...], tuple[Change, ...], tuple[Change, ...]]:
    """Answers changed, questions newly answered, questions newly unanswered."""
    changed: list[Change] = []
    answered: list[Change] = []
    unanswered: list[Change] = []
    for now in new:
        qid = now["id"]
        was, has = texts.old.get(qid), texts.new[qid]
        if was is None:
            continue
        had, having = was["status"] not in NOT_ANSWERED, has["status"] not in NOT_ANSWERED
        if had == having and (not had or _same(was["value"], has["value"])):
            continue  # answered alike on both sides, or on neither
        item = Change(
            id=qid,
            category=now["category"],
            section=now["section"],
            title=texts.question(qid),
            old=was,
            new=has,
        )
        (changed if had and having else answered if having else unanswered).append(item)
    return tuple(changed), tuple(answered), tuple(unanswered)


def _same(old: Any, new: Any) -> bool:
    """Whether two answer values say the same (a multiple choice in any order)."""
    if isinstance(old, list) and isinstance(new, list):
        return sorted(map(str, old)) == sorted(map(str, new))
    return bool(old == new)


def _warnings(pair: Pair, texts: _Texts) -> tuple[str, ...]:
    """What the reader must know before trusting the comparison."""
    found = []
    old, new = pair.old.answers.assessment, pair.new.answers.assessment
    if country_key(old.country) != country_key(new.country):
        found.append(
            f"{pair.old.file} assesses {old.country} and {pair.new.file} assesses "
            f"{new.country}: these are different countries"
        )
    if _later(old.updated, new.updated):
        found.append(
            f"OLD ({pair.old.file}) was updated after NEW ({pair.new.file}); compare takes "
            "the files in the order given, so every change reads from OLD to NEW"
        )
    profile = _profile_changes(pair, texts)
    if profile:
        found.append(f"the country profile differs, so different questions apply: {profile}")
    # What score and report would say of each file: the rule's remarks and open merge
    # conflicts (those questions count as unanswered, so their "changes" are not real).
    for side in (pair.old, pair.new):
        conflicts = open_conflicts(side.answers, side.file, pair.bank)
        found += [*side.card.notes, *([f"{side.file}: {conflicts}"] if conflicts else [])]
    return tuple(dict.fromkeys(found))


def _profile_changes(pair: Pair, texts: _Texts) -> str:
    """The country-profile answers that differ, in words ("" when none do).

    Profile questions are never scored, so no other list shows them; yet they decide
    which questions apply, and so what each side's scores are made of.
    """

    def words(answers: AnswersFile, qid: str) -> str:
        given = answers.answers.get(qid)
        if given is None:
            return "not answered"
        return value_words(pair.bank, qid, given.value, texts.text)

    changes = []
    for question in pair.bank.profile:
        qid = question.id
        was, now = pair.old.answers.answers.get(qid), pair.new.answers.answers.get(qid)
        if (was is None) != (now is None) or (was and now and not _same(was.value, now.value)):
            old, new = words(pair.old.answers, qid), words(pair.new.answers, qid)
            changes.append(f"{qid} ({texts.question(qid)}) {old} → {new}")
    return "; ".join(changes)


def _later(first: datetime | None, second: datetime | None) -> bool:
    if first is None or second is None:
        return False
    try:
        return first > second
    except TypeError:  # one with a time zone, one without: no order to warn about
        return False


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _plain(value: Mapping[str, Any] | None) -> Data | None:
    return None if value is None else dict(value)
