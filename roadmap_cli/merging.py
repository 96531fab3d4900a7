"""Combining several agencies' answers files for one country into one (``roadmap merge``).

A country whose ministries each answer their own part of a bank ends up with several
partial files.  ``merge_files`` reads them all (each through ``open_assessment``, one
bank cache for all) and builds one answers file:

- a question answered in one file only is taken over as it is;
- a question answered with the same value in several files is combined: the latest
  ``answered_at``, every evidence entry once (in file order), the notes — one note as it
  is, several different notes each labelled with its file — and flagged when any file
  flagged it (the reasons combined like the notes);
- a question answered with different values is a *conflict*: it is left unanswered, and
  every version (value, note, evidence, flag, file, organisation, assessor) is kept under
  ``conflicts:`` until the officer chooses one in ``roadmap assess FILE --conflicts``.
  Nothing is ever chosen for them.  A conflict already in an input stays one, and the
  other files' answers to that question join its versions.

The files must be for the same country (compared ignoring case, accents' composed forms
and spacing) and the same bank id and version; otherwise nothing is written.  The
assessment details are combined so that the output says who contributed: the first
file's country and language; every different organisation, assessor and role, in file
order, joined with "; "; the earliest ``started`` and the latest ``updated``.  Interview
settings (``--guidance``) are one person's preference and are not carried over;
``archived:`` answers are all kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from roadmap_cli.answers.model import (
    ANSWERS_FORMAT,
    Answer,
    AnswersFile,
    ArchivedAnswer,
    Assessment,
    ConflictingAnswer,
    save_answers,
)
from roadmap_cli.assessment import Assessment as Opened
from roadmap_cli.assessment import open_assessment
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import BankStore
from roadmap_cli.errors import RoadmapError, UsageError, display_path
from roadmap_cli.report.answer_text import value_words
from roadmap_cli.text import country_key, localize

_JOIN = "; "


@dataclass(frozen=True)
class Source:
    """One input file, as the merge names it."""

    name: str  # as written under ``source:`` in the output
    organisation: str | None
    assessor: str | None
    answers: int


@dataclass(frozen=True)
class Merged:
    """The merged answers, and what the merge did, for the summary."""

    answers: AnswersFile
    bank: Bank
    sources: tuple[Source, ...]
    combined: tuple[str, ...]  # questions answered the same in several files

    @property
    def conflicts(self) -> dict[str, list[ConflictingAnswer]]:
        """The questions left unanswered, with every version."""
        return self.answers.conflicts


def merge_files(paths: Sequence[Path], store: BankStore | None = None) -> Merged:
    """Merge the answers files at ``paths`` (see the module docstring); write nothing.

    Raises FileProblems or RoadmapError naming the file for an unreadable or invalid
    input, and RoadmapError naming both files when country or bank differ.
    """
    if len(paths) < 2:
        raise UsageError("name at least two answers files to merge")
    seen: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise UsageError(f"{display_path(path)} is named twice")
        seen.add(key)
    store = store or BankStore()
    opened = [open_assessment(path, None, store) for path in paths]
    _check_same(opened)
    names = _source_names(paths)
    sources = tuple(
        Source(
            name,
            o.answers.assessment.organisation,
            o.answers.assessment.assessor,
            len(o.answers.answers),
        )
        for name, o in zip(names, opened, strict=True)
    )
    bank = opened[0].bank
    versions: dict[str, list[ConflictingAnswer]] = {}
    carried: dict[str, list[ConflictingAnswer]] = {}
    for name, item in zip(names, opened, strict=True):
        meta = item.answers.assessment
        for qid, answer in item.answers.answers.items():
            versions.setdefault(qid, []).append(_version(answer, name, meta))
        for qid, entries in item.answers.conflicts.items():
            carried.setdefault(qid, []).extend(entries)
    answers: dict[str, Answer] = {}
    conflicts: dict[str, list[ConflictingAnswer]] = {}
    combined: list[str] = []
    for qid, given in versions.items():
        if qid in carried or len({_same(v.value) for v in given}) > 1:
            conflicts[qid] = _distinct([*carried.pop(qid, []), *given])
            continue
        answers[qid] = _combine(given)
        if len(given) > 1:
            combined.append(qid)
    conflicts.update({qid: _distinct(entries) for qid, entries in carried.items()})

    def in_bank_order(ids: Iterable[str]) -> list[str]:
        # The profile first (its positions are negative), then the categories.
        return sorted(
            ids,
            key=lambda q: (q not in bank.by_id, bank.by_id[q].index if q in bank.by_id else 0, q),
        )

    result = AnswersFile(
        format=ANSWERS_FORMAT,
        bank=opened[0].answers.bank,
        assessment=_assessment([o.answers.assessment for o in opened]),
        answers=answers,
        conflicts={q: conflicts[q] for q in in_bank_order(conflicts)},
        archived=_archived(names, [o.answers for o in opened]),
    )
    return Merged(result, bank, sources, tuple(in_bank_order(combined)))


def write_merged(merged: Merged, output: Path, *, force: bool = False) -> None:
    """Write the merged answers to ``output`` (atomically, owner-only).

    An existing ``output`` is refused unless ``force``: a merge must not silently replace
    an assessment (an input may be named as ``output`` with ``force``; all are read first).
    """
    shown = display_path(output)
    if output.is_dir():
        raise RoadmapError(f"{shown} is a folder", "Give a file name, e.g. merged.yaml.")
    if output.exists() and not force:
        raise RoadmapError(
            f"{shown} already exists; nothing was written",
            "Choose another --output, or add --force to replace it.",
        )
    save_answers(output, merged.answers, merged.bank)


def _check_same(opened: list[Opened]) -> None:
    first = opened[0]
    for other in opened[1:]:
        a, b = first.answers, other.answers
        what = None
        if country_key(a.assessment.country) != country_key(b.assessment.country):
            what = f"countries differ: '{a.assessment.country}' and '{b.assessment.country}'"
        elif a.bank.id != b.bank.id:
            what = f"banks differ: {a.bank.id} and {b.bank.id}"
        elif a.bank.version != b.bank.version:
            what = f"bank versions differ: {a.bank.id} {a.bank.version} and {b.bank.version}"
        if what:
            raise RoadmapError(
                f"cannot merge {display_path(first.path)} and {display_path(other.path)}: "
                f"{what}; nothing was written",
                "Merge only one country's files made with the same bank version "
                "(roadmap migrate moves a file to a later version).",
            )


def _source_names(paths: Sequence[Path]) -> list[str]:
    # The file name says enough, unless two inputs share it (each agency's answers.yaml).
    names = [path.name for path in paths]
    if len(set(names)) < len(names):
        names = [display_path(path) for path in paths]
    return names


def _version(answer: Answer, name: str, meta: Assessment) -> ConflictingAnswer:
    return ConflictingAnswer(
        **answer.model_dump(),
        source=name,
        organisation=meta.organisation,
        assessor=meta.assessor,
    )


def _same(value: Any) -> Any:
    """A value as compared between files: a multiple choice is a set of keys."""
    if isinstance(value, list):
        return ("list", tuple(sorted(value)))
    return value


def _labelled(texts: list[tuple[str, str | None]]) -> str | None:
    """One text as it is; several different texts each labelled with its file.

    A text that another already holds as one of its labelled parts (merging a merged file
    again with one of its inputs) is not added a second time.
    """
    distinct: dict[str, list[str]] = {}
    for name, text in texts:
        if text:
            distinct.setdefault(text, []).append(name)
    held = [text for text in distinct for other in distinct if _holds(other, text)]
    for text in held:
        distinct.pop(text, None)
    if len(distinct) <= 1:
        return next(iter(distinct), None)
    return "\n\n".join(f"[{', '.join(names)}] {text}" for text, names in distinct.items())


def _holds(labelled: str, text: str) -> bool:
    """Whether ``labelled`` (as ``_labelled`` writes it) has ``text`` as one of its parts."""
    return labelled != text and any(
        part.startswith("[") and part.split("] ", 1)[-1] == text for part in labelled.split("\n\n")
    )


def _distinct(entries: list[ConflictingAnswer]) -> list[ConflictingAnswer]:
    """Each version once: merging a merged file again with one of its inputs (or two
    merged files that share one) must not list the same file's answer twice."""
    return list({entry.model_dump_json(): entry for entry in entries}.values())


def _combine(given: list[ConflictingAnswer]) -> Answer:
    """The answers several files gave with the same value, as one."""
    if len(given) == 1:
        return given[0].answer()
    evidence = list(dict.fromkeys(e for v in given for e in v.evidence))
    flagged = any(v.flagged for v in given)
    stamps = [v.answered_at for v in given if v.answered_at is not None]
    return Answer(
        value=given[0].value,
        note=_labelled([(v.source, v.note) for v in given]),
        evidence=evidence,
        flagged=flagged,
        flag_reason=_labelled([(v.source, v.flag_reason) for v in given if v.flagged]),
        answered_at=max(stamps, key=_instant) if stamps else None,
    )


def _instant(moment: datetime) -> tuple[int, datetime]:
    # A time without a zone cannot be compared with one that has it: zone-aware first.
    return (1, moment) if moment.tzinfo is not None else (0, moment.replace(tzinfo=None))


def _joined(values: list[str | None]) -> str | None:
    # A merged file's value is already joined: its parts count one by one.
    parts = (part for value in values if value for part in value.split(_JOIN))
    return _JOIN.join(dict.fromkeys(parts)) or None


def _assessment(metas: list[Assessment]) -> Assessment:
    starts = [m.started for m in metas if m.started is not None]
    updates = [m.updated for m in metas if m.updated is not None]
    return Assessment(
        country=metas[0].country,
        organisation=_joined([m.organisation for m in metas]),
        assessor=_joined([m.assessor for m in metas]),
        role=_joined([m.role for m in metas]),
        language=next((m.language for m in metas if m.language), None),
        started=min(starts, key=_instant) if starts else None,
        updated=max(updates, key=_instant) if updates else None,
    )


def _archived(names: list[str], files: list[AnswersFile]) -> dict[str, ArchivedAnswer]:
    archived: dict[str, ArchivedAnswer] = {}
    for name, answers in zip(names, files, strict=True):
        for key, entry in answers.archived.items():
            # Two files archived the same question differently: both are kept.
            if key in archived and archived[key] != entry:
                key = f"{key} ({name})"
            archived.setdefault(key, entry)
    return archived


def summary(merged: Merged, output: Path) -> dict[str, Any]:
    """What the merge did, as plain data (``roadmap merge --format json``).

    Conflict versions carry the value as saved and in words (``text``), so a person can
    read the summary without the bank at hand.
    """
    answers = merged.answers
    language = answers.assessment.language or merged.bank.default_language

    def words(qid: str, value: Any) -> str:
        return value_words(merged.bank, qid, value, lambda t: localize(t, language))

    return {
        "output": display_path(output),
        "country": answers.assessment.country,
        "bank": {"id": answers.bank.id, "version": answers.bank.version},
        "files": [
            {
                "file": s.name,
                "organisation": s.organisation,
                "assessor": s.assessor,
                "answers": s.answers,
            }
            for s in merged.sources
        ],
        "answers": len(answers.answers),
        "combined": list(merged.combined),
        "conflicts": [
            {
                "question": qid,
                "versions": [
                    {
                        "source": v.source,
                        "organisation": v.organisation,
                        "assessor": v.assessor,
                        "value": v.value,
                        "text": words(qid, v.value),
                        "note": v.note,
                        "evidence": list(v.evidence),
                        "flagged": v.flagged,
                    }
                    for v in versions
                ],
            }
            for qid, versions in merged.conflicts.items()
        ],
    }
