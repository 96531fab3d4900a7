"""Scorecards as JSON (schema ``roadmap-scores/1``) and CSV, written as they arrive.

Both are deterministic: files in sorted order, numbers rounded to four decimals, no
timestamps, so the same inputs give byte-identical output.  The JSON schema is described
in docs/scoring.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, TextIO

from roadmap_cli.scoring.batch import FileResult
from roadmap_cli.scoring.model import Counts, NodeScore, QuestionScore, Scorecard
from roadmap_cli.scoring.registry import Selected

SCORES_FORMAT = "roadmap-scores/1"

CATEGORY_COLUMNS = (
    "file", "country", "bank", "bank_version", "rules", "category", "title", "score", "band",
    "capped", "weight", "questions", "answered", "unanswered", "not_applicable", "dont_know",
    "flagged", "hidden", "coverage", "red_flags", "standards_unmet",
)  # fmt: skip
QUESTION_COLUMNS = (
    "file", "country", "bank", "rules", "category", "section", "question", "type", "answer",
    "status", "score", "weight", "band", "critical", "red_flag", "flagged", "target",
    "shortfall", "priority",
)  # fmt: skip


def number(value: float | None) -> float | None:
    """A score as written to JSON: four decimals (None stays None)."""
    return None if value is None else round(value, 4)


def _counts(counts: Counts) -> dict[str, Any]:
    return {
        "questions": counts.questions,
        "answered": counts.answered,
        "unanswered": counts.unanswered,
        "not_applicable": counts.not_applicable,
        "dont_know": counts.dont_know,
        "flagged": counts.flagged,
        "hidden": counts.hidden,
        "coverage": number(counts.coverage),
    }


def node_dict(node: NodeScore) -> dict[str, Any]:
    """A section, category or overall node as JSON data."""
    data: dict[str, Any] = {"id": node.id, "title": node.title}
    if node.category:
        data["category"] = node.category
    data.update(
        score=number(node.score),
        band=node.band,
        capped=node.capped,
        weight=node.weight,
        counts=_counts(node.counts),
    )
    return data


def question_dict(q: QuestionScore) -> dict[str, Any]:
    """A question's score as JSON data."""
    return {
        "id": q.id,
        "category": q.category,
        "section": q.section,
        "type": q.type,
        "answer": q.answer,
        "status": q.status,
        "score": number(q.score),
        "weight": q.weight,
        "band": q.band,
        "critical": q.critical,
        "red_flag": q.red_flag,
        "flagged": q.flagged,
    }


def card_dict(card: Scorecard) -> dict[str, Any]:
    """A whole Scorecard as JSON data (traces are left to ``--explain``)."""
    return {
        "file": card.file,
        "country": card.country,
        "bank": {"id": card.bank_id, "version": card.bank_version},
        "rule": card.rule,
        "bands": [{"name": b.name, "min": b.min} for b in card.bands],
        "overall": node_dict(card.overall),
        "categories": [node_dict(n) for n in card.categories],
        "sections": [node_dict(n) for n in card.sections],
        "questions": [question_dict(q) for q in card.questions],
        "minimum_standards_unmet": [
            {
                "question": u.question,
                "category": u.category,
                "section": u.section,
                "score": number(u.score),
                "threshold": u.threshold,
                "reason": u.reason,
            }
            for u in card.unmet
        ],
        "red_flags": [
            {
                "question": f.question,
                "category": f.category,
                "section": f.section,
                "answer": f.answer,
                "reason": f.reason,
                "penalty": number(f.penalty),
            }
            for f in card.red_flags
        ],
        "gaps": [
            {
                "question": g.question,
                "category": g.category,
                "section": g.section,
                "score": number(g.score),
                "target": g.target,
                "shortfall": number(g.shortfall),
                "weight": g.weight,
                "priority": number(g.priority),
                "critical": g.critical,
                "red_flag": g.red_flag,
                "recommendation": g.recommendation,
                "references": list(g.references),
            }
            for g in card.gaps
        ],
        "warnings": list(card.warnings),
    }


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


def json_fragment(result: FileResult) -> str:
    """One scored file as it appears in the JSON ``files`` list (rendered where scored)."""
    assert result.card is not None
    return _dumps(card_dict(result.card), 4)


def write_json(
    items: Iterable[tuple[FileResult, str | None]], selected: Selected, stream: TextIO
) -> None:
    """Write the ``roadmap-scores/1`` document from (result, json_fragment) pairs."""
    rules = {
        "name": selected.rule.name,
        "profile": selected.profile,
        "source": selected.source,
        "options": dict(selected.options),
    }
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


def category_rows(card: Scorecard) -> Iterator[dict[str, Any]]:
    """CSV rows for one file: one per category, then one for the whole assessment."""
    flags: dict[str, int] = {}
    unmet: dict[str, int] = {}
    for flag in card.red_flags:
        flags[flag.category] = flags.get(flag.category, 0) + 1
    for item in card.unmet:
        unmet[item.category] = unmet.get(item.category, 0) + 1
    for node in (*card.categories, card.overall):
        overall = node.level == "overall"
        yield {
            "file": card.file,
            "country": card.country,
            "bank": card.bank_id,
            "bank_version": card.bank_version,
            "rules": card.rule,
            "category": node.id,
            "title": node.title,
            "score": _cell(node.score),
            "band": node.band or "",
            "capped": node.capped or "",
            "weight": f"{node.weight:g}",
            # The same counts as the JSON; DictWriter puts them in CATEGORY_COLUMNS order.
            **_counts(node.counts),
            "coverage": _cell(node.counts.coverage),
            "red_flags": len(card.red_flags) if overall else flags.get(node.id, 0),
            "standards_unmet": len(card.unmet) if overall else unmet.get(node.id, 0),
        }


def question_rows(card: Scorecard) -> Iterator[dict[str, Any]]:
    """CSV rows for one file: one per question."""
    gaps = {gap.question: gap for gap in card.gaps}
    for q in card.questions:
        gap = gaps.get(q.id)
        yield {
            "file": card.file,
            "country": card.country,
            "bank": card.bank_id,
            "rules": card.rule,
            "category": q.category,
            "section": q.section,
            "question": q.id,
            "type": q.type,
            "answer": q.answer,
            "status": q.status,
            "score": _cell(q.score),
            "weight": f"{q.weight:g}",
            "band": q.band or "",
            "critical": "yes" if q.critical else "no",
            "red_flag": "yes" if q.red_flag else "no",
            "flagged": "yes" if q.flagged else "no",
            "target": f"{gap.target:g}" if gap else "",
            "shortfall": _cell(gap.shortfall) if gap else "",
            "priority": _cell(gap.priority) if gap else "",
        }


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def csv_fragment(per_question: bool, line_end: str, result: FileResult) -> str:
    """The CSV rows (no header) of one scored file (rendered where scored)."""
    assert result.card is not None
    buffer = io.StringIO()
    columns = QUESTION_COLUMNS if per_question else CATEGORY_COLUMNS
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator=line_end)
    writer.writerows(question_rows(result.card) if per_question else category_rows(result.card))
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


def summary(result: FileResult) -> Scorecard:
    """The part of a Scorecard the terminal table shows (small enough to send back fast)."""
    assert result.card is not None
    card = result.card
    return replace(card, questions=(), sections=(), gaps=card.gaps[:5])
