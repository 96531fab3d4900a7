"""``roadmap score`` and ``roadmap rules`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.scoring_helpers import TYPICAL, write_answers, write_bank


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the mini bank, two good answers files and a broken one."""
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    answers = tmp_path / "answers"
    answers.mkdir()
    write_answers(answers / "beta.yaml", {**TYPICAL, "A1.1": "yes"}, country="Betaland")
    write_answers(answers / "alpha.yaml", TYPICAL, country="Alphaland")
    (answers / "broken.yaml").write_text("format: roadmap-answers/1\nbank: [\n", encoding="utf-8")
    return tmp_path


def test_table_for_one_file(files: Path, cli: Cli) -> None:
    result = cli("score", "answers/alpha.yaml", "--bank", "mini-bank.yaml")
    assert result.code == 0, result.err
    assert "answers/alpha.yaml — Alphaland — rules weighted" in result.out
    assert "Planning" in result.out and "65%" in result.out and "Established" in result.out
    assert "Overall" in result.out and "39%" in result.out
    assert "minimum standard unmet: A1.1 — answered 'partly' (0.5), below 0.75" in result.out
    assert "red flag: B1.1 — answered 'some'" in result.out


def test_bad_file_is_reported_and_the_rest_scored(files: Path, cli: Cli) -> None:
    result = cli("score", "answers", "--bank", "mini-bank.yaml", "--format", "csv")
    assert result.code == 1
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["file"], r["category"]) for r in rows] == [
        ("answers/alpha.yaml", "A"),
        ("answers/alpha.yaml", "B"),
        ("answers/alpha.yaml", "overall"),
        ("answers/beta.yaml", "A"),
        ("answers/beta.yaml", "B"),
        ("answers/beta.yaml", "overall"),
    ]
    assert rows[0]["score"] == "0.6458" and rows[0]["band"] == "Established"
    assert rows[2]["coverage"] == "1.0000" and rows[2]["red_flags"] == "1"
    err = result.err.strip().splitlines()
    assert err[0].startswith("roadmap: answers/broken.yaml:3:1: error: YAML syntax error")
    assert err[-1] == "1 of 3 files failed"


def test_json_is_versioned_and_byte_identical(files: Path, cli: Cli) -> None:
    first = cli("score", "answers/*.yaml", "--bank", "mini-bank.yaml", "-f", "json")
    again = cli("score", "answers/beta.yaml", "answers", "-b", "mini-bank.yaml", "-f", "json")
    assert first.code == again.code == 1
    assert first.out == again.out  # same files in another order, named twice: same bytes
    data = json.loads(first.out)
    assert data["format"] == "roadmap-scores/1"
    assert data["rules"]["name"] == "weighted"
    assert [f["file"] for f in data["files"]] == ["answers/alpha.yaml", "answers/beta.yaml"]
    alpha = data["files"][0]
    assert alpha["overall"]["score"] == 0.3854
    assert alpha["overall"]["counts"]["dont_know"] == 1
    assert alpha["gaps"][0]["question"] == "B1.1" and alpha["gaps"][0]["priority"] == 1.5
    assert [u["question"] for u in alpha["minimum_standards_unmet"]] == ["A1.1", "B2.1"]
    assert data["failed"][0]["file"] == "answers/broken.yaml"


def test_jobs_give_the_same_output(files: Path, cli: Cli) -> None:
    for i in range(6):
        write_answers(files / "answers" / f"extra{i}.yaml", {**TYPICAL, "A2.2": i})
    one = cli("score", "answers", "-b", "mini-bank.yaml", "-f", "json")
    two = cli("score", "answers", "-b", "mini-bank.yaml", "-f", "json", "--jobs", "2")
    assert one.out == two.out and one.code == two.code == 1


def test_csv_per_question_with_bom_to_a_file(files: Path, cli: Cli) -> None:
    result = cli(
        "score", "answers/alpha.yaml", "-b", "mini-bank.yaml",
        "--per-question", "--bom", "--output", "scores.csv",
    )  # fmt: skip
    assert result.code == 0 and result.out == ""
    raw = (files / "scores.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbffile,country,organisation,assessor,started,updated,bank,")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 8
    b11 = next(r for r in rows if r["question"] == "B1.1")
    assert (b11["score"], b11["red_flag"], b11["priority"]) == ("0.2500", "yes", "1.5000")
    assert not list(files.glob(".scores.csv.*"))  # no temporary file left behind


def test_explain(files: Path, cli: Cli) -> None:
    result = cli("score", "answers/alpha.yaml", "-b", "mini-bank.yaml", "--explain", "A1")
    assert result.code == 0
    assert result.out.splitlines()[:2] == [
        "answers/alpha.yaml: section A1 “Plan” — rule weighted",
        "  score: 0.6667 (Established)",
    ]
    assert "  working: (2 × 0.5 + 1 × 1) / 3 = 0.6667" in result.out
    question = cli("score", "answers/alpha.yaml", "-b", "mini-bank.yaml", "--explain", "A2.1")
    assert "weight ticked (x 2 + z 1) / weight of all non-exclusive options (4) = 0.75" in (
        question.out
    )
    unknown = cli("score", "answers/alpha.yaml", "-b", "mini-bank.yaml", "--explain", "Z9")
    assert unknown.code == 1
    assert unknown.err.splitlines()[0] == (
        "roadmap: answers/alpha.yaml: no question, section or category 'Z9' in bank mini"
    )


def test_nothing_matches(files: Path, cli: Cli) -> None:
    result = cli("score", "nope/*.yaml", "missing.yaml", "-b", "mini-bank.yaml")
    assert result.code == 1
    assert "roadmap: nope/*.yaml: no file matches this pattern" in result.err
    assert "roadmap: missing.yaml: no such file or folder" in result.err


def test_table_output_needs_a_format(files: Path, cli: Cli) -> None:
    result = cli("score", "answers/alpha.yaml", "-b", "mini-bank.yaml", "-o", "x.txt")
    assert result.code == 2
    assert "roadmap: --output needs --format json or csv" in result.err


def test_rules_show(cli: Cli) -> None:
    result = cli("rules", "show", "walk-free")
    assert result.code == 0
    assert 'red_flag_cap: "BBB"' in result.out
    assert "source: built-in" in result.out


def test_examples_validate_and_score(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped examples are valid, and the three workshop countries differ clearly."""
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    files = sorted(str(p.relative_to(root)) for p in (root / "examples").glob("*.yaml"))
    assert len(files) >= 4
    checked = cli("validate", *files)
    assert checked.code == 0, checked.err
    result = cli("score", "examples", "-f", "json")
    assert result.code == 0, result.err
    scores = {Path(f["file"]).stem: f["overall"]["score"] for f in json.loads(result.out)["files"]}
    demo = sorted(scores[f"{name}-workshop"] for name in ("northmarch", "veloria", "tamsin-isles"))
    assert demo[0] < 0.35 and 0.4 < demo[1] < 0.75 and demo[2] > 0.8
    # The earlier Veloria assessment (2024, workshop-demo 1.0.0) shows a country that
    # has moved on: 0.40 then, 0.63 now.
    assert scores["veloria-workshop-2024"] < scores["veloria-workshop"] - 0.15


def test_shipped_profile(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example profile loads, and caps Veloria's Principles at Initial (PR1.2, which
    is critical, is only 'partly' in place; PR2.1 is no longer critical in workshop-demo
    1.1.0)."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    shown = cli("rules", "show", "examples/rules/donor-strict.yaml")
    assert shown.code == 0 and "profile: donor-strict" in shown.out
    result = cli(
        "score", "examples/veloria-workshop.yaml", "-r", "examples/rules/donor-strict.yaml",
        "-f", "csv",
    )  # fmt: skip
    assert result.code == 0, result.err
    rows = {r["category"]: r for r in csv.DictReader(io.StringIO(result.out))}
    assert (rows["PR"]["band"], rows["PR"]["capped"]) == (
        "Initial",
        "critical question PR1.2 not met",
    )
