"""Saving answers without losing anything: hand edits, links, permissions, outside changes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from roadmap_cli.answers.model import Answer, AnswersFile, load_answers
from roadmap_cli.answers.writer import AnswersWriter, SaveConflict
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import RoadmapError
from tests.conftest import run_process

# Comments in five places: top, inside assessment:, inline, between answers, at the end.
COMMENTED = """\
# Fictional example: Examplestan, for training only.
format: roadmap-answers/1
bank: {id: workshop-demo, version: 1.0.0}
assessment:
  country: Examplestan
  # Filled in with the Ministry's legal unit.
  organisation: Ministry of Justice
  updated: 2026-11-28T10:41:12Z

answers:
  PL1.1:
    value: partly   # the draft plan is not yet adopted
    flagged: false

  # Asked again in the March workshop.
  PR1.1:
    value: 'no'
# End of the file: keep this line.
"""
COMMENTS = [line for line in COMMENTED.splitlines() if "#" in line]
MOMENT = datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank("workshop-demo").bank


def answered(answers: AnswersFile, qid: str, value: object, **more: object) -> AnswersFile:
    """``answers`` with ``qid`` answered (as the interview records it)."""
    old = answers.answers.get(qid)
    data = {"value": value, "answered_at": MOMENT, **more}
    answer = old.model_copy(update=data) if old else Answer.model_validate(data)
    stamp = answers.assessment.model_copy(update={"updated": MOMENT})
    return answers.model_copy(
        update={"answers": {**answers.answers, qid: answer}, "assessment": stamp}
    )


def opened(
    tmp_path: Path, notice: Callable[[str], None] | None = None
) -> tuple[Path, AnswersFile, AnswersWriter]:
    """The commented answers file in ``tmp_path``, as read, and the writer an interview uses."""
    path = tmp_path / "w.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    answers = load_answers(path).answers
    return path, answers, AnswersWriter(path, answers, notice)


def test_comments_in_five_places_survive_three_answers_byte_for_byte(
    bank: Bank, tmp_path: Path
) -> None:
    path, answers, save = opened(tmp_path)
    for qid, value in (("PL1.2", "yes"), ("PX1.1", "some-cases"), ("PL1.3", ["police"])):
        answers = answered(answers, qid, value)
        save(path, answers, bank)
    text = path.read_text(encoding="utf-8")
    for line in COMMENTS:
        assert line in text.splitlines(), line
    assert text.startswith(COMMENTED.split("  updated:")[0])
    assert text.splitlines()[-1] == "# End of the file: keep this line."
    assert load_answers(path).answers == answers
    # Answers go in bank order, each after the one before it.
    order = [line.strip(" :") for line in text.splitlines() if line.startswith("  P")]
    assert order == ["PL1.1", "PL1.2", "PL1.3", "PR1.1", "PX1.1"]


def test_a_changed_value_keeps_its_inline_comment(bank: Bank, tmp_path: Path) -> None:
    path, answers, save = opened(tmp_path)
    save(path, answered(answers, "PL1.1", "in-place"), bank)
    assert "    value: in-place   # the draft plan is not yet adopted\n" in path.read_text(
        encoding="utf-8"
    )


def test_note_evidence_flag_and_reason_are_written_and_cleared(bank: Bank, tmp_path: Path) -> None:
    path, answers, save = opened(tmp_path)
    answers = answered(
        answers, "PL1.1", "partly", note="On: hold", evidence=["yes", "Doc 2"], flagged=True,
        flag_reason="Dates?",
    )  # fmt: skip
    save(path, answers, bank)
    assert load_answers(path).answers == answers
    answers = answered(answers, "PL1.1", "partly", note=None, evidence=[], flag_reason=None)
    save(path, answers, bank)
    assert load_answers(path).answers == answers
    assert "note:" not in path.read_text(encoding="utf-8")
    assert all(line in path.read_text(encoding="utf-8") for line in COMMENTS)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symlink_is_written_through_and_permissions_are_kept(bank: Bank, tmp_path: Path) -> None:
    real = tmp_path / "shared" / "w.yaml"
    real.parent.mkdir()
    real.write_text(COMMENTED, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "w.yaml"
    link.symlink_to(real)
    answers = load_answers(link).answers
    AnswersWriter(link, answers)(link, answered(answers, "PL1.2", "yes"), bank)
    assert link.is_symlink()
    assert load_answers(real).answers.answers["PL1.2"].value == "yes"
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    path.chmod(0o444)
    result = run_process("assess", "w.yaml", "--plain", cwd=tmp_path, stdin="1\n")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "roadmap: w.yaml is read-only, so no answer could be saved to it"
    )
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_an_outside_change_to_another_question_is_merged(bank: Bank, tmp_path: Path) -> None:
    told: list[str] = []
    path, answers, save = opened(tmp_path, told.append)
    # An editor changes PR1.1 (and adds a comment) while the interview answers PL1.2.
    edited = COMMENTED.replace("value: 'no'", "value: partly  # corrected")
    path.write_text(edited, encoding="utf-8")
    merged = save(path, answered(answers, "PL1.2", "yes"), bank)
    assert merged is not None
    saved = load_answers(path).answers
    assert saved.answers["PR1.1"].value == "partly"
    assert saved.answers["PL1.2"].value == "yes"
    assert "value: partly  # corrected" in path.read_text(encoding="utf-8")
    assert len(told) == 1
    assert told[0].endswith(
        "w.yaml was changed by another program (PR1.1); those changes are kept alongside yours."
    )


def test_an_outside_change_to_the_same_question_keeps_both_versions(
    bank: Bank, tmp_path: Path
) -> None:
    path, answers, save = opened(tmp_path)
    edited = COMMENTED.replace("value: partly", "value: planned")
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(SaveConflict) as raised:
        save(path, answered(answers, "PL1.1", "in-place"), bank)
    assert "also at PL1.1" in raised.value.message
    assert path.read_text(encoding="utf-8") == edited  # theirs untouched
    aside = tmp_path / "w.conflict.yaml"
    assert load_answers(aside).answers.answers["PL1.1"].value == "in-place"  # ours kept


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_an_interview_keeps_a_symlink_and_the_permissions(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "w.yaml"
    real.parent.mkdir()
    real.write_text(COMMENTED, encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "w.yaml").symlink_to(real)
    result = run_process("assess", "w.yaml", "--plain", cwd=tmp_path, stdin="1\n\nq\n")
    assert result.code == 0, result.err
    assert (tmp_path / "w.yaml").is_symlink()
    assert real.stat().st_mode & 0o777 == 0o640
    assert load_answers(real).answers.answers["PL1.2"].value == "yes"
    assert all(line in real.read_text(encoding="utf-8") for line in COMMENTS)


def test_an_outside_change_that_cannot_be_read_keeps_ours_aside(bank: Bank, tmp_path: Path) -> None:
    path, answers, save = opened(tmp_path)
    garbled = b"format: roadmap-answers/1\nanswers: [\xff\n"  # not UTF-8, nor YAML
    path.write_bytes(garbled)
    with pytest.raises(SaveConflict) as raised:
        save(path, answered(answers, "PL1.1", "in-place"), bank)
    assert raised.value.message == (
        f"{path} was changed by another program and cannot be read now; "
        f"this session's answers were saved to {tmp_path / 'w.conflict.yaml'}"
    )
    assert path.read_bytes() == garbled  # theirs untouched
    aside = load_answers(tmp_path / "w.conflict.yaml").answers
    assert aside.answers["PL1.1"].value == "in-place"  # ours kept


def test_a_file_made_read_only_during_the_interview_is_not_replaced(
    bank: Bank, tmp_path: Path
) -> None:
    path, answers, save = opened(tmp_path)
    path.chmod(0o444)
    with pytest.raises(RoadmapError) as raised:
        save(path, answered(answers, "PL1.1", "in-place"), bank)
    assert raised.value.message == f"{path} is read-only, so answers could not be saved to it"
    assert path.read_text(encoding="utf-8") == COMMENTED
