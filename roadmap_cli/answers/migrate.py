"""Moving an answers file to a newer bank version through the bank's migration map.

Each step of the chain (1.0.0 → 1.1.0 → 2.0.0) moves every answer with its note,
evidence, flag and time: kept, renamed, merged, split, or archived (under ``archived:``,
never deleted) with the reason.  Questions whose old answer could not carry over are
listed as needing a new answer; ``roadmap assess`` asks exactly those.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roadmap_cli.answers.model import Answer, AnswersFile, ArchivedAnswer, BankRef
from roadmap_cli.bank.conditions import RESERVED_VALUES
from roadmap_cli.bank.migrations import ASK, Step


@dataclass
class Migration:
    """The result of migrating one answers file."""

    answers: AnswersFile
    changes: list[str] = field(default_factory=list)  # one line per question and step
    needs_answer: list[str] = field(default_factory=list)  # new ids, in the order found
    archived: int = 0  # answers archived by this migration


@dataclass
class _Placed:
    """An answer in the version being built, and the id it had in the step's old version."""

    answer: Answer
    origin: str


# Whether a version's question takes a value: (version, question id, value) -> bool.
Accepts = Callable[[str, str, Any], bool]


def migrate_answers(
    answers: AnswersFile, steps: list[Step], accepts: Accepts | None = None
) -> Migration:
    """``answers`` moved through ``steps`` (in order, starting at the file's version).

    ``accepts`` says whether a question of the step's new version takes a value; an
    answer it does not take (say 'not applicable', no longer offered) is archived and
    asked again rather than left invalid.
    """
    result = Migration(answers)
    active = dict(answers.answers)
    archived = dict(answers.archived)
    needs: list[str] = []
    for step in steps:
        active, needs = _apply(step, active, archived, needs, result, accepts)
    result.answers = answers.model_copy(
        update={
            "bank": BankRef(id=answers.bank.id, version=_end(answers, steps)),
            "answers": active,
            "archived": archived,
        }
    )
    result.needs_answer = [qid for qid in dict.fromkeys(needs) if qid not in active]
    return result


def _end(answers: AnswersFile, steps: list[Step]) -> str:
    return steps[-1].to if steps else answers.bank.version


def _apply(
    step: Step,
    active: dict[str, Answer],
    archived: dict[str, ArchivedAnswer],
    needs: list[str],
    result: Migration,
    accepts: Accepts | None,
) -> tuple[dict[str, Answer], list[str]]:
    placed: dict[str, _Placed] = {}
    new_needs: list[str] = []
    head = f"{step.from_} → {step.to}"

    def log(qid: str, text: str) -> None:
        result.changes.append(f"{head}  {qid}: {text}")

    def archive(qid: str, answer: Answer, reason: str) -> None:
        key = qid if qid not in archived else f"{qid}@{step.from_}"
        archived[key] = ArchivedAnswer(
            **answer.model_dump(), bank_version=step.from_, reason=reason
        )
        result.archived += 1

    handled: set[str] = set()
    for merge in step.merged:
        handled.update(merge.from_)
        given = [qid for qid in merge.from_ if qid in active]
        winner = merge.keep if merge.keep != ASK and merge.keep in active else None
        for qid in given:
            if qid == winner:
                placed[merge.into] = _Placed(active[qid], qid)
                log(qid, f"merged into {merge.into} (this answer kept)")
            else:
                archive(qid, active[qid], f"merged into {merge.into} in {step.to}")
                again = "" if winner else "; asked again"
                log(qid, f"merged into {merge.into}; archived{again}")
        if given and winner is None:
            new_needs.append(merge.into)
    for split in step.split:
        handled.add(split.from_)
        answer = active.get(split.from_)
        if answer is None:
            continue
        into = ", ".join(split.into[:-1]) + " and " + split.into[-1]
        if split.answer == "copy":
            for qid in split.into:
                placed[qid] = _Placed(answer, split.from_)
            log(split.from_, f"split into {into} (answer copied)")
        else:
            archive(split.from_, answer, f"split into {into} in {step.to}")
            new_needs.extend(split.into)
            log(split.from_, f"split into {into}; archived; asked again")
    for qid in step.retired:
        handled.add(qid)
        if qid in active:
            archive(qid, active[qid], f"retired in {step.to}")
            log(qid, "retired; archived")
    kept = []
    for qid, answer in active.items():
        if qid in handled:
            continue
        new_id = step.renamed.get(qid, qid)
        placed[new_id] = _Placed(answer, qid)
        if new_id != qid:
            log(qid, f"renamed to {new_id}")
        else:
            kept.append(qid)

    for qid, keys in step.options.items():
        spot = placed.get(qid)
        if spot is not None:
            before = spot.answer.value
            value = _renamed_keys(before, keys)
            if value != before:
                spot.answer = spot.answer.model_copy(update={"value": value})
                log(qid, f"option keys renamed: {_show(before)} → {_show(value)}")
    for qid, values in step.rescaled.items():
        spot = placed.get(qid)
        if spot is None:
            continue
        value = spot.answer.value
        if isinstance(value, str) and value in RESERVED_VALUES:
            continue
        mapped = values.get(value) if isinstance(value, str) else None
        if mapped is None:
            del placed[qid]
            archive(spot.origin, spot.answer, f"the answer scale of {qid} changed in {step.to}")
            new_needs.append(qid)
            log(qid, f"'{value}' has no equivalent on the new scale; archived; asked again")
        else:
            spot.answer = spot.answer.model_copy(update={"value": mapped})
            log(qid, f"rescaled: '{value}' → '{mapped}'")
    for qid in step.ask:
        spot = placed.pop(qid, None)
        if spot is not None:
            archive(spot.origin, spot.answer, f"asked again in {step.to}")
            new_needs.append(qid)
            log(qid, "asked again; archived")
    if accepts is not None:
        for qid, spot in list(placed.items()):
            if not accepts(step.to, qid, spot.answer.value):
                del placed[qid]
                reason = f"not an answer {qid} takes in {step.to}"
                archive(spot.origin, spot.answer, reason)
                new_needs.append(qid)
                log(qid, f"'{spot.answer.value}' is {reason}; archived; asked again")
    touched = {*step.options, *step.rescaled, *step.ask}
    kept = [qid for qid in kept if qid in placed and qid not in touched]
    if kept:
        result.changes.append(f"{head}  kept as they were ({len(kept)}): {', '.join(kept)}")
    return {qid: spot.answer for qid, spot in placed.items()}, [
        *_carried(needs, step),
        *new_needs,
    ]


def _carried(needs: list[str], step: Step) -> list[str]:
    """Earlier steps' questions that need an answer, under their ids in ``step.to``."""
    moved: dict[str, list[str]] = {old: [new] for old, new in step.renamed.items()}
    for merge in step.merged:
        for old in merge.from_:
            moved[old] = [merge.into]
    for split in step.split:
        moved[split.from_] = list(split.into)
    for old in step.retired:
        moved[old] = []
    return [new for qid in needs for new in moved.get(qid, [qid])]


def _renamed_keys(value: Any, keys: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [keys.get(v, v) for v in value]
    if isinstance(value, str):
        return keys.get(value, value)
    return value


def _show(value: Any) -> str:
    return ", ".join(f"'{v}'" for v in value) if isinstance(value, list) else f"'{value}'"
