"""Merging a change made to an answers file outside the interview (an editor, a script).

The interview remembers the answers as it last read or wrote them (the *base*).  When the
file on disk differs from that at the next save, the outside version (*theirs*) and the
interview's (*ours*) are compared with the base, one question (or one assessment detail)
at a time.  If the two touched different things, ours are laid over theirs and both
survive; if they touched the same thing differently, nothing is merged and the caller
keeps both versions for the person to choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roadmap_cli.answers.model import AnswersFile, Assessment, Settings

Key = tuple[str, str]  # ("answers", qid), ("assessment", field), ("settings", field), …

# Both sides stamp this on every save: it is never a conflict; the later one wins.
_STAMP: Key = ("assessment", "updated")


@dataclass(frozen=True)
class Merge:
    """The outcome: the merged answers, or the things both sides changed differently."""

    merged: AnswersFile | None
    theirs: tuple[Key, ...]  # what changed outside, e.g. (("answers", "PL1.2"),)
    conflicts: tuple[Key, ...]


def _items(answers: AnswersFile) -> dict[Key, Any]:
    items: dict[Key, Any] = {("format", ""): answers.format, ("bank", ""): answers.bank}
    for name, value in answers.assessment.model_dump().items():
        items[("assessment", name)] = value
    settings = answers.settings or Settings()
    for name, value in settings.model_dump().items():
        items[("settings", name)] = value
    for qid, answer in answers.answers.items():
        items[("answers", qid)] = answer
    return items


def _changed(base: dict[Key, Any], other: dict[Key, Any]) -> set[Key]:
    return {k for k in base.keys() | other.keys() if base.get(k) != other.get(k)}


def merge(base: AnswersFile, ours: AnswersFile, theirs: AnswersFile) -> Merge:
    """Lay the changes from ``base`` to ``ours`` over ``theirs``, if they do not clash."""
    b, o, t = _items(base), _items(ours), _items(theirs)
    mine, outside = _changed(b, o), _changed(b, t)
    clash = tuple(sorted(k for k in mine & outside if k != _STAMP and o.get(k) != t.get(k)))
    shown = tuple(sorted(k for k in outside if k != _STAMP))
    if clash:
        return Merge(None, shown, clash)
    result = dict(t)
    for key in mine:
        if key in o:
            result[key] = o[key]
        else:
            result.pop(key, None)
    assessment = {name: result[("assessment", name)] for name in Assessment.model_fields}
    settings = {name: result[("settings", name)] for name in Settings.model_fields}
    answers = {
        qid: result[("answers", qid)]
        for qid in [*theirs.answers, *[q for q in ours.answers if q not in theirs.answers]]
        if ("answers", qid) in result
    }
    merged = AnswersFile(
        format=result[("format", "")],
        bank=result[("bank", "")],
        assessment=Assessment.model_validate(assessment),
        settings=Settings(**settings) if any(v is not None for v in settings.values()) else None,
        answers=answers,
        archived=theirs.archived,
        # Merge conflicts the interview resolved (in base, gone from ours) stay resolved;
        # every other version is kept as the file now holds it.
        conflicts={
            qid: versions
            for qid, versions in theirs.conflicts.items()
            if qid in ours.conflicts or qid not in base.conflicts
        },
    )
    return Merge(merged, shown, ())


def describe(keys: tuple[Key, ...]) -> str:
    """The changed things in words, e.g. ``PL1.2, PL1.3 and assessment country``."""
    names = [name if kind == "answers" else f"{kind} {name}".strip() for kind, name in keys]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
