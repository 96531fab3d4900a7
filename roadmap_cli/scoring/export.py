"""Scorecards as JSON (schema ``roadmap-scores/1``) and CSV, written as they arrive.

Both are deterministic: files in sorted order, numbers rounded half up to four decimals
(``numbers``), no timestamps of their own, so the same inputs give byte-identical output.
Every file's facts (country, organisation, dates, bank, rules, completeness) come from
``metadata.file_metadata``.  The JSON schema is ``schemas.schema("scores")``, described in
docs/scoring.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, TextIO

from roadmap_cli.scoring.batch import FileResult
from roadmap_cli.scoring.metadata import QuestionDetails, file_metadata, question_details
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.numbers import fixed
from roadmap_cli.scoring.output import counts_data, to_data
from roadmap_cli.scoring.registry import Selected
from roadmap_cli.scoring.working import weight_text
from roadmap_cli.terminal import visible

SCORES_FORMAT = "roadmap-scores/1"

# The file's facts (metadata.file_metadata) come first in both layouts, under the same names.
_FILE_COLUMNS = (
    "file", "country", "organisation", "assessor", "started", "updated", "bank",
    "bank_version", "rules", "assessment_answered", "assessment_visible",
)  # fmt: skip
CATEGORY_COLUMNS = (
    *_FILE_COLUMNS, "category", "title", "score", "band", "capped", "weight", "questions",
    "answered", "unanswered", "not_applicable", "dont_know", "flagged", "hidden", "coverage",
    "red_flags", "standards_unmet",
)  # fmt: skip
QUESTION_COLUMNS = (
    *_FILE_COLUMNS, "category", "section", "question", "question_text", "type", "answer",
    "answer_label", "status", "score", "weight", "band", "critical", "red_flag",
    "red_flag_reason", "flagged", "note", "evidence", "target", "shortfall", "priority",
)  # fmt: skip


# Containers this deep are written on one line: one question, gap or trace per line
# reads well and diffs well, and json's C encoder only runs without indentation.
_ONE_LINE_DEPTH = 2


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str, separators=(", ", ": "))


def _compact(data: Any) -> str:
    return _ENCODER.encode(data)


def _pretty(data: Any, level: int, pad: str) -> str:
    if level >= _ONE_LINE_DEPTH or not isinstance(data, (dict, list)) or not data:
        return _compact(data)
    inner = pad + "  " * (level + 1)
    if isinstance(data, dict):
        items = [
            f"{inner}{_compact(key)}: {_pretty(value, level + 1, pad)}"
            for key, value in data.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [inner + _pretty(value, level + 1, pad) for value in data]
        opening, closing = "[", "]"
    return opening + "\n" + ",\n".join(items) + "\n" + pad + "  " * level + closing


def _dumps(data: Any, indent: int) -> str:
    pad = " " * indent
    return pad + _pretty(data, 0, pad)


def pretty_json(data: Any) -> str:
    """``data`` as every JSON export is written: two levels of keys and items on their own
    lines, each deeper container on one line; ends with a newline."""
    return _dumps(data, 0) + "\n"


def rules_data(selected: Selected) -> dict[str, Any]:
    """The rules a JSON export was scored under: name, profile, source and options."""
    return {
        "name": selected.rule.name,
        "profile": selected.profile,
        "source": selected.source,
        "options": dict(selected.options),
    }


def rules_label(rules: Mapping[str, Any]) -> str:
    """The rules of ``rules_data`` as the person chose them: the profile's name, else the
    rule's."""
    return str(rules["profile"] or rules["name"])


def assessed_on(assessment: Mapping[str, Any]) -> str:
    """When an assessment (as the JSON gives it) was last updated, else started, as
    YYYY-MM-DD; "" if neither is known."""
    return str(assessment.get("updated") or assessment.get("started") or "")[:10]


def band_words(node: Mapping[str, Any], unrated: str = "—") -> str:
    """A score's band as the tables show it, "(capped)" when a rule held it down."""
    return str(node["band"] or unrated) + (" (capped)" if node["capped"] else "")


def json_fragment(result: FileResult, rules: str | None = None) -> str:
    """One scored file as it appears in the JSON ``files`` list (rendered where scored);
    ``rules`` names the rules as a person chose them (a profile's name)."""
    assert result.card is not None
    data = to_data(result.card, rules)
    entry = {"file": result.file, **data, "warnings": list(result.warnings)}
    return _dumps(entry, 4)


def write_json(
    items: Iterable[tuple[FileResult, str | None]], selected: Selected, stream: TextIO
) -> None:
    """Write the ``roadmap-scores/1`` document from (result, json_fragment) pairs."""
    rules = rules_data(selected)
    stream.write('{\n  "format": "' + SCORES_FORMAT + '",\n  "rules": ')
    stream.write(_dumps(rules, 2).lstrip() + ',\n  "files": [')
    failed: list[dict[str, str]] = []
    first = True
    for result, fragment in items:
        if fragment is None:
            failed.append({"file": result.file, "error": result.error or ""})
            continue
        stream.write(("\n" if first else ",\n") + fragment)
        first = False
    stream.write(("\n  ]" if not first else "]") + ',\n  "failed": ')
    stream.write(_dumps(failed, 2).lstrip() + "\n}\n")


def _file_cells(file: str, card: Scorecard, rules: str | None) -> dict[str, Any]:
    """The cells every CSV row of a file starts with (see ``_FILE_COLUMNS``)."""
    meta = file_metadata(card, rules)
    return {
        "file": cell_text(file),
        "country": cell_text(meta["country"]),
        "organisation": cell_text(meta["organisation"]),
        "assessor": cell_text(meta["assessor"]),
        "started": meta["started"] or "",
        "updated": meta["updated"] or "",
        "bank": meta["bank_id"],
        "bank_version": meta["bank_version"],
        "rules": cell_text(meta["rules"]),
        "assessment_answered": meta["answered"],
        "assessment_visible": meta["visible"],
    }


def category_rows(file: str, card: Scorecard, rules: str | None = None) -> Iterator[dict[str, Any]]:
    """CSV rows for one file: one per category, then one for the whole assessment."""
    flags: dict[str, int] = {}
    unmet: dict[str, int] = {}
    for flag in card.red_flags:
        flags[flag.category] = flags.get(flag.category, 0) + 1
    for item in card.unmet:
        unmet[item.category] = unmet.get(item.category, 0) + 1
    first = _file_cells(file, card, rules)
    for node in (*card.categories, card.overall):
        overall = node.level == "overall"
        yield {
            **first,
            "category": node.id,
            "title": cell_text(node.title),
            "score": _cell(node.score),
            "band": cell_text(node.band),
            "capped": cell_text(node.capped),
            "weight": weight_text(node.weight) if node.weighs else "",
            # The same counts as the JSON; DictWriter puts them in CATEGORY_COLUMNS order.
            **counts_data(node.counts),
            "coverage": _cell(node.counts.coverage),
            "red_flags": len(card.red_flags) if overall else flags.get(node.id, 0),
            "standards_unmet": len(card.unmet) if overall else unmet.get(node.id, 0),
        }


def question_rows(
    file: str,
    card: Scorecard,
    rules: str | None = None,
    details: dict[str, QuestionDetails] | None = None,
) -> Iterator[dict[str, Any]]:
    """CSV rows for one file: one per question (``details`` adds texts, notes, evidence)."""
    gaps = {gap.question: gap for gap in card.gaps}
    reasons = {flag.question: flag.reason for flag in card.red_flags}
    first = _file_cells(file, card, rules)
    known = details or {}
    for q in card.questions:
        gap = gaps.get(q.id)
        more = known.get(q.id)
        yield {
            **first,
            "category": q.category,
            "section": q.section,
            "question": q.id,
            "question_text": cell_text(more.text) if more else "",
            "type": q.type,
            "answer": cell_text(q.answer),
            "answer_label": cell_text(more.answer_label) if more else "",
            "status": q.status,
            "score": _cell(q.score),
            "weight": weight_text(q.weight),
            "band": cell_text(q.band),
            "critical": "yes" if q.critical else "no",
            "red_flag": "yes" if q.red_flag else "no",
            "red_flag_reason": cell_text(reasons.get(q.id)),
            "flagged": "yes" if q.flagged else "no",
            "note": cell_text(more.note) if more else "",
            "evidence": cell_text("; ".join(more.evidence)) if more else "",
            "target": weight_text(gap.target) if gap else "",
            "shortfall": _cell(gap.shortfall) if gap else "",
            "priority": _cell(gap.priority) if gap else "",
        }


def _cell(value: float | None) -> str:
    return fixed(value)


def cell_text(value: str | None) -> str:
    """Text from a file as a CSV cell a spreadsheet shows as text and never runs as a
    formula (a leading =, +, -, @, tab or carriage return gets an apostrophe), with
    control characters shown as ``\\xNN`` (a CSV printed to a terminal must not drive it)."""
    if not value:
        return ""
    value = visible(value)
    if value[0] in _FORMULA_STARTS and not _is_number(value):
        return "'" + value
    return value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_fragment(
    per_question: bool, line_end: str, result: FileResult, rules: str | None = None
) -> str:
    """The CSV rows (no header) of one scored file (rendered where scored)."""
    card = result.card
    assert card is not None
    buffer = io.StringIO()
    columns = QUESTION_COLUMNS if per_question else CATEGORY_COLUMNS
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator=line_end)
    if per_question:
        details = question_details(result.bank, result.answers) if result.bank else None
        writer.writerows(question_rows(result.file, card, rules, details))
    else:
        writer.writerows(category_rows(result.file, card, rules))
    return buffer.getvalue()


def write_csv(
    items: Iterable[tuple[FileResult, str | None]],
    stream: TextIO,
    *,
    per_question: bool = False,
    bom: bool = False,
    line_end: str = "\r\n",
) -> None:
    """Write the header, then the rows of each file from (result, csv_fragment) pairs."""
    if bom:
        stream.write("\ufeff")
    columns = QUESTION_COLUMNS if per_question else CATEGORY_COLUMNS
    csv.DictWriter(stream, fieldnames=columns, lineterminator=line_end).writeheader()
    for _, fragment in items:
        if fragment is not None:
            stream.write(fragment)


def summary(result: FileResult) -> dict[str, Any]:
    """The part of ``to_data`` the terminal table shows (small enough to send back fast).

    Exact numbers: the table rounds them (to percentages) itself, once.
    """
    assert result.card is not None
    small = replace(result.card, questions=(), sections=(), gaps=result.card.gaps[:5])
    return {"file": result.file, **to_data(small, exact=True)}
