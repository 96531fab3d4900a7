"""JSON and CSV carry what an analyst needs without the answers files at hand: who
assessed what and when, how complete it is, and per question what was read and written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Cli
from tests.scoring_helpers import TYPICAL, write_bank

ASSESSMENT = {
    "country": "Alphaland",
    "organisation": "Ministry of Justice",
    "assessor": '=HYPERLINK("http://x")',
    "started": "2026-03-01T09:00:00Z",
    "updated": "2026-03-02T17:30:00Z",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    answers: dict[str, Any] = {qid: {"value": value} for qid, value in TYPICAL.items()}
    answers["A1.1"].update(note="Draft plan, cabinet in May.", evidence=["Memo 4/2026", "Draft"])
    answers["B1.1"]["flagged"] = True
    del answers["A2.2"]
    data = {
        "format": "roadmap-answers/1",
        "bank": {"id": "mini", "version": "1.0.0"},
        "assessment": ASSESSMENT,
        "answers": answers,
    }
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp_path


def test_json_carries_the_assessment_and_its_completeness(folder: Path, cli: Cli) -> None:
    result = cli("score", "a.yaml", "-b", "mini-bank.yaml", "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)["files"][0]
    assert data["assessment"] == ASSESSMENT
    assert data["completeness"] == {"answered": 7, "visible": 8, "coverage": 0.875}
    assert (data["bank"], data["rule"], data["rules"]) == (
        {"id": "mini", "version": "1.0.0"},
        "weighted",
        "weighted",
    )


def test_csv_rows_carry_the_same_facts(folder: Path, cli: Cli) -> None:
    profile = folder / "strict.yaml"
    profile.write_text(
        "format: roadmap-rules/1\nname: strict\nmethod: weighted\n", encoding="utf-8"
    )
    result = cli("score", "a.yaml", "-b", "mini-bank.yaml", "-r", "strict.yaml", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    first = rows[0]
    assert {k: first[k] for k in ("country", "organisation", "started", "updated")} == {
        "country": "Alphaland",
        "organisation": "Ministry of Justice",
        "started": "2026-03-01T09:00:00Z",
        "updated": "2026-03-02T17:30:00Z",
    }
    assert first["assessor"] == '\'=HYPERLINK("http://x")'  # text, never a formula
    assert (first["bank"], first["bank_version"], first["rules"]) == ("mini", "1.0.0", "strict")
    assert (first["assessment_answered"], first["assessment_visible"]) == ("7", "8")
    assert rows[-1]["category"] == "overall" and rows[-1]["weight"] == ""


def test_per_question_csv_has_what_was_read_and_written(folder: Path, cli: Cli) -> None:
    result = cli("score", "a.yaml", "-b", "mini-bank.yaml", "-f", "csv", "--per-question")
    rows = {r["question"]: r for r in csv.DictReader(io.StringIO(result.out))}
    a11 = rows["A1.1"]
    assert (a11["question_text"], a11["answer"], a11["answer_label"]) == (
        "Plan?",
        "partly",
        "Partly",
    )
    assert (a11["note"], a11["evidence"]) == ("Draft plan, cabinet in May.", "Memo 4/2026; Draft")
    assert (rows["A2.1"]["answer"], rows["A2.1"]["answer_label"]) == ("x, z", "X; Z")
    assert rows["B2.1"]["answer_label"] == "Don't know"
    b11 = rows["B1.1"]
    assert (b11["flagged"], b11["red_flag"], b11["red_flag_reason"]) == (
        "yes",
        "yes",
        "answer marked as a red flag",
    )
    assert (rows["A2.2"]["status"], rows["A2.2"]["answer_label"]) == ("unanswered", "")


def test_per_question_csv_is_the_same_with_two_processes(folder: Path, cli: Cli) -> None:
    (folder / "b.yaml").write_text((folder / "a.yaml").read_text(encoding="utf-8"), "utf-8")
    args = ("score", "a.yaml", "b.yaml", "-b", "mini-bank.yaml", "-f", "csv", "--per-question")
    one, two = cli(*args), cli(*args, "--jobs", "2")
    assert one.out == two.out and "Memo 4/2026" in two.out
