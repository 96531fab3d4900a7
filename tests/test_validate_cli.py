"""``roadmap validate`` takes what ``roadmap score`` takes: files, folders and globs;
results on stdout, problems on stderr, a summary line for more than one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.scoring_helpers import TYPICAL, write_answers, write_bank


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    answers = tmp_path / "answers"
    answers.mkdir()
    write_answers(answers / "beta.yaml", TYPICAL, country="Betaland")
    write_answers(answers / "alpha.yaml", {"A1.1": "yes"}, country="Alphaland")
    (answers / "broken.yaml").write_text("format: roadmap-answers/1\nbank: [\n", encoding="utf-8")
    (answers / "notes.txt").write_text("not an answers file", encoding="utf-8")
    return tmp_path


def test_a_folder_that_score_accepts_is_validated_file_by_file(folder: Path, cli: Cli) -> None:
    scored = cli("score", "answers", "-b", "mini-bank.yaml", "-f", "csv")
    assert scored.code == 1  # score takes the folder, reports broken.yaml and scores the rest
    result = cli("validate", "answers", "-b", "mini-bank.yaml")
    assert result.code == 1
    assert result.out.splitlines() == [
        "answers/alpha.yaml: ok — 1 of 8 questions answered",
        "answers/beta.yaml: ok — 8 of 8 questions answered",
        "answers/broken.yaml: failed — 1 error",
        "3 files checked: 2 ok, 1 failed",
    ]
    assert result.err.splitlines()[0].startswith("answers/broken.yaml:3: error: YAML syntax error")


def test_globs_and_files_each_once_in_sorted_order(folder: Path, cli: Cli) -> None:
    result = cli("validate", "answers/b*.yaml", "answers/alpha.yaml", "answers/beta.yaml",
                 "-b", "mini-bank.yaml")  # fmt: skip
    assert [line.split(":")[0] for line in result.out.splitlines()] == [
        "answers/alpha.yaml",
        "answers/beta.yaml",
        "answers/broken.yaml",
        "3 files checked",
    ]


def test_one_good_file_prints_one_line_and_no_summary(folder: Path, cli: Cli) -> None:
    result = cli("validate", "answers/beta.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0
    assert result.out == "answers/beta.yaml: ok — 8 of 8 questions answered\n"
    assert result.err == ""


def test_arguments_that_name_nothing_are_problems(folder: Path, cli: Cli) -> None:
    result = cli(
        "validate", "answers/beta.yaml", "nope/*.yaml", "gone.yaml", "-b", "mini-bank.yaml"
    )
    assert result.code == 1
    assert result.out == "answers/beta.yaml: ok — 8 of 8 questions answered\n"
    assert result.err.splitlines() == [
        "roadmap: nope/*.yaml: no file matches this pattern",
        "roadmap: gone.yaml: no such file or folder",
    ]


def test_an_empty_name_and_a_folder_without_answers_files_are_problems(
    folder: Path, cli: Cli
) -> None:
    (folder / "empty").mkdir()
    (folder / "empty" / "notes.txt").write_text("not an answers file", encoding="utf-8")
    result = cli("validate", "answers/beta.yaml", "", "empty", "-b", "mini-bank.yaml")
    assert result.code == 1
    assert result.out == "answers/beta.yaml: ok — 8 of 8 questions answered\n"
    assert result.err.splitlines() == [
        "roadmap: '': an empty name names no file",
        "roadmap: empty: no .yaml answers files in folder",
    ]
