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
from roadmap_cli.scoring.output import to_data
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
    entry = {"file": result.file, **to_data(result.card), "warnings": list(result.warnings)}
    return _dumps(entry, 4)


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


def category_rows(file: str, data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """CSV rows for one file (``to_data``): one per category, then the whole assessment."""
    flags: dict[str, int] = {}
    unmet: dict[str, int] = {}
    for flag in data["red_flags"]:
        flags[flag["category"]] = flags.get(flag["category"], 0) + 1
    for item in data["minimum_standards_unmet"]:
        unmet[item["category"]] = unmet.get(item["category"], 0) + 1
    overall = data["overall"]
    for node in (*data["categories"], overall):
        whole = node is overall
        yield {
            "file": file,
            "country": data["country"],
            "bank": data["bank"]["id"],
            "bank_version": data["bank"]["version"],
            "rules": data["rule"],
            "category": node["id"],
            "title": node["title"],
            "score": _cell(node["score"]),
            "band": node["band"] or "",
            "capped": node["capped"] or "",
            "weight": f"{node['weight']:g}",
            # The same counts as the JSON; DictWriter puts them in CATEGORY_COLUMNS order.
            **node["counts"],
            "coverage": _cell(node["counts"]["coverage"]),
            "red_flags": len(data["red_flags"]) if whole else flags.get(node["id"], 0),
            "standards_unmet": (
                len(data["minimum_standards_unmet"]) if whole else unmet.get(node["id"], 0)
            ),
        }


def question_rows(file: str, data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """CSV rows for one file (``to_data``): one per question."""
    gaps = {gap["question"]: gap for gap in data["gaps"]}
    for q in data["questions"]:
        gap = gaps.get(q["id"])
        yield {
            "file": file,
            "country": data["country"],
            "bank": data["bank"]["id"],
            "rules": data["rule"],
            "category": q["category"],
            "section": q["section"],
            "question": q["id"],
            "type": q["type"],
            "answer": q["answer"],
            "status": q["status"],
            "score": _cell(q["score"]),
            "weight": f"{q['weight']:g}",
            "band": q["band"] or "",
            "critical": "yes" if q["critical"] else "no",
            "red_flag": "yes" if q["red_flag"] else "no",
            "flagged": "yes" if q["flagged"] else "no",
            "target": f"{gap['target']:g}" if gap else "",
            "shortfall": _cell(gap["shortfall"]) if gap else "",
            "priority": _cell(gap["priority"]) if gap else "",
        }


def _cell(value: float | None) -> str:
    # Values come from to_data, already rounded to four decimals: this only pads them.
    return "" if value is None else f"{value:.4f}"


def csv_fragment(per_question: bool, line_end: str, result: FileResult) -> str:
    """The CSV rows (no header) of one scored file (rendered where scored)."""
    assert result.card is not None
    buffer = io.StringIO()
    columns = QUESTION_COLUMNS if per_question else CATEGORY_COLUMNS
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator=line_end)
    data = to_data(result.card)
    rows = question_rows if per_question else category_rows
    writer.writerows(rows(result.file, data))
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
    """The part of ``to_data`` the terminal table shows (small enough to send back fast)."""
    assert result.card is not None
    small = replace(result.card, questions=(), sections=(), gaps=result.card.gaps[:5])
    data = to_data(small, exact=True)  # the table shows percentages: round once, there
    return {"file": result.file, **data}
