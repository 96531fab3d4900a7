"""Hostile input that is not one broken file: a file that names a device as its bank, a
batch with such a file in it, thousands of problems in one file."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from roadmap_cli.yamlio import parse_yaml
from tests.conftest import CORPUS

GOOD = CORPUS / "examples-1.0.0" / "veloria-workshop.yaml"


def _named_bank(tmp_path: Path, bank_id: str) -> Path:
    path = tmp_path / "hostile.yaml"
    text = GOOD.read_text(encoding="utf-8")
    path.write_text(text.replace("id: workshop-demo", f"id: {bank_id}", 1), encoding="utf-8")
    return path


def test_a_bank_id_that_is_a_path_is_never_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for bank_id in ("/dev/zero", "/dev/stdin", "../../etc/passwd", "x" * 300):
        result = cli("validate", _named_bank(tmp_path, bank_id))
        assert result.code == 1
        assert "is not a bank id (lowercase letters, digits and hyphens)" in result.out, result.out
        assert "internal error" not in result.err


def test_one_hostile_file_does_not_stop_a_batch(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _named_bank(tmp_path, "/dev/zero")
    shutil.copy(GOOD, tmp_path / "good.yaml")
    result = cli("score", tmp_path, "--format", "csv")
    assert result.code == 1
    assert "good.yaml" in result.out  # scored
    assert "hostile.yaml" in result.err and "is not a bank id" in result.err
    assert "1 of 2 files failed" in result.err


def test_problems_in_one_mapping_are_located_without_rescanning_it() -> None:
    """Each message looks up its line; the mapping is indexed once, not scanned each time."""

    class Counting(list):  # type: ignore[type-arg]
        scans = 0

        def __iter__(self):  # type: ignore[no-untyped-def]
            Counting.scans += 1
            return super().__iter__()

    ids = [f"PX{n}.1" for n in range(2000)]
    text = "answers:\n" + "".join(f"  {qid}: {{value: partly}}\n" for qid in ids)
    document = parse_yaml(text.encode(), "many.yaml")
    answers = document.node_at(("answers",))
    assert isinstance(answers, yaml.MappingNode)
    answers.value = Counting(answers.value)
    lines = [document.problem(("answers", qid), "unknown").line for qid in ids]
    assert lines == list(range(2, 2002))
    assert Counting.scans <= 1
