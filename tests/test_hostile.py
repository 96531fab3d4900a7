"""Hostile input that is not one broken file: a file that names a device as its bank, a
batch with such a file in it, thousands of problems in one file."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml

from roadmap_cli.files import write_atomic
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


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks")


@posix_only
def test_odd_entries_in_a_folder_are_reported_never_opened(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(GOOD, tmp_path / "good.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it would wait forever
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "folder.yaml").mkdir()
    result = cli("score", tmp_path, "--format", "csv")
    assert result.code == 1
    assert "good.yaml" in result.out
    err = result.err
    assert "pipe.yaml: skipped: not a regular file (a pipe or device)" in err
    assert "dangling.yaml: skipped: a link to nothing" in err
    assert "loop.yaml: skipped: a link to nothing" in err
    assert "folder.yaml: skipped: a folder, not an answers file" in err
    assert "4 of 5 files failed" in err


def test_more_jobs_than_cpus_are_capped_with_a_message(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(GOOD, tmp_path / name)
    result = cli("score", tmp_path, "--jobs", "1000", "--format", "csv")
    assert result.code == 0, result.err
    cpus = os.cpu_count() or 1
    assert f"roadmap: using {cpus} processes, one per CPU (not 1000)" in result.err


def test_an_empty_or_folder_output_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for output in ("", str(tmp_path)):
        result = cli("score", GOOD, "--format", "json", "-o", output)
        assert result.code == 2
        assert "is a folder: give a file name, e.g. scores.json" in result.err


def test_a_category_file_outside_the_bank_folder_is_never_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bank = tmp_path / "bank"
    shutil.copytree(CORPUS / "fixture-bank", bank)
    text = (bank / "bank.yaml").read_text(encoding="utf-8")
    secret = tmp_path / "secret.yaml"
    secret.write_text("top-secret: do not print\n", encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("categories:"))
    lines.insert(at + 1, "  - ../secret.yaml")
    (bank / "bank.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("banks", "lint", bank)
    assert result.code == 1
    assert "category file '../secret.yaml' must be in the bank's folder" in result.out
    assert "top-secret" not in result.out + result.err


def test_a_killed_writers_leftover_is_cleaned_up_by_the_next_save(tmp_path: Path) -> None:
    stale = tmp_path / ".a.yaml.k3j2.tmp"
    fresh = tmp_path / ".a.yaml.x9q1.tmp"  # perhaps another writer's, right now
    for leftover in (stale, fresh):
        leftover.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    write_atomic(tmp_path / "a.yaml", "whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.yaml.x9q1.tmp", "a.yaml"]
