"""Answers files: what is written, that any YAML reader reads it back unchanged, atomicity."""

from __future__ import annotations

import io
import os
import stat
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from roadmap_cli.answers.model import (
    Answer,
    AnswersFile,
    Assessment,
    BankRef,
    load_answers,
    save_answers,
    to_yaml,
)
from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import RoadmapError
from roadmap_cli.files import write_atomic
from tests.conftest import FIXTURE_BANK

TRICKY = [
    "yes",
    "no",
    "on",
    "off",
    "NO",
    "Yes",
    "y",
    "n",
    "1.10",
    "1e3",
    "0o17",
    "0x1F",
    "2026-11-28",
    "2026-11-28T09:00:00Z",
    "null",
    "~",
    "true",
    "12:30",
    "1_000",
    "-",
    ".inf",
    "#not a comment",
    "key: value",
    "line one\nline two",
    "  padded  ",
    "é ü 中文",
]


def _answers(notes: list[str]) -> AnswersFile:
    moment = datetime(2026, 11, 28, 9, 3, 55, tzinfo=timezone.utc)
    return AnswersFile(
        format="roadmap-answers/1",
        bank=BankRef(id="fixture", version="1.10"),
        assessment=Assessment(country="no", organisation="1.10", started=moment),
        answers={
            f"Q{i}": Answer(value=text, note=text, evidence=[text], answered_at=moment)
            for i, text in enumerate(notes)
        },
    )


def _strings(data: object) -> list[object]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in _strings(value)]
    if isinstance(data, list):
        return [v for value in data for v in _strings(value)]
    return [data]


def test_tricky_strings_survive_pyyaml_and_yaml_1_2_readers() -> None:
    text = to_yaml(_answers(TRICKY))
    by_pyyaml = yaml.safe_load(text)
    by_ruamel = YAML(typ="safe", pure=True).load(io.StringIO(text))
    assert by_pyyaml == by_ruamel
    for qid, answer in by_pyyaml["answers"].items():
        expected = TRICKY[int(qid[1:])]
        assert answer["value"] == expected and answer["note"] == expected
        assert answer["evidence"] == [expected]
        assert answer["answered_at"] == "2026-11-28T09:03:55Z"
    assert by_pyyaml["bank"]["version"] == "1.10"
    assert by_pyyaml["assessment"]["country"] == "no"
    assert all(isinstance(v, (str, bool)) for v in _strings(by_pyyaml))


def test_saved_file_has_header_bank_order_and_loads_back(tmp_path: Path) -> None:
    bank = load_bank(FIXTURE_BANK).bank
    answers = AnswersFile(
        format="roadmap-answers/1",
        bank=BankRef(id="fixture", version="1.1.0"),
        assessment=Assessment(country="Examplestan"),
        answers={
            "PO1.2": Answer(value=3),
            "PL1.1": Answer(value="partly", note="Draft plan.", flagged=True),
            "PO1.1": Answer(value=["sexual", "labour"]),
        },
    )
    path = tmp_path / "answers.yaml"
    save_answers(path, answers, bank)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# roadmap-cli answers — edit with care; `roadmap validate FILE` checks it\n"
    )
    assert text.index("PL1.1:") < text.index("PO1.1:") < text.index("PO1.2:")
    assert load_answers(path).answers == answers
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("old content\n", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(RoadmapError, match="No space left on device"):
        write_atomic(path, "new content\n")
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs a non-root POSIX user"
)
def test_unwritable_folder_is_one_clear_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(RoadmapError, match="permission denied"):
            write_atomic(tmp_path / "a.yaml", "x")
    finally:
        tmp_path.chmod(0o700)


def test_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RoadmapError, match="does not exist"):
        write_atomic(tmp_path / "nowhere" / "a.yaml", "x")
