"""``roadmap migrate`` on many files: each written as if alone, reported in order.

A batch writes several files at once (their waits for the disk overlap); a person must
not be able to tell, except that one file that cannot be written no longer stops the
others.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.conftest import CORPUS, Cli

BANK = CORPUS / "migration-bank"
SOURCE = BANK / "answers" / "full-1.0.0.yaml"


def _sources(folder: Path, count: int) -> list[Path]:
    """``count`` answers files, each with its own country (so each output differs)."""
    folder.mkdir()
    text = SOURCE.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = folder / f"country-{n:02d}.yaml"
        path.write_text(text.replace("Fixtureland", f"Country {n:02d}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_writes_each_file_as_migrating_it_alone_does(cli: Cli, tmp_path: Path) -> None:
    sources = _sources(tmp_path / "in", 9)
    (tmp_path / "batch").mkdir()
    result = cli("migrate", tmp_path / "in", "--bank", BANK, "--output", tmp_path / "batch")
    assert result.code == 0, result.err
    wrote = [line for line in result.err.splitlines() if line.startswith("Wrote ")]
    assert wrote == [f"Wrote {tmp_path / 'batch' / f'{p.stem}-2.0.0.yaml'}" for p in sources]
    (tmp_path / "alone").mkdir()
    for source in sources:
        alone = cli("migrate", source, "--bank", BANK, "--output", tmp_path / "alone")
        assert alone.code == 0, alone.err
        name = f"{source.stem}-2.0.0.yaml"
        batch = (tmp_path / "batch" / name).read_text(encoding="utf-8")
        assert batch == (tmp_path / "alone" / name).read_text(encoding="utf-8")
        assert f"country: Country {source.stem[-2:]}\n" in batch


def test_a_file_that_cannot_be_written_is_named_and_the_others_are_written(
    cli: Cli, tmp_path: Path
) -> None:
    sources = _sources(tmp_path / "in", 5)
    out = tmp_path / "out"
    out.mkdir()
    blocked = ("country-02", "country-04")
    for stem in blocked:
        (out / f"{stem}-2.0.0.yaml").mkdir()  # a folder where the file should go
    result = cli("migrate", tmp_path / "in", "--bank", BANK, "--output", out)
    assert result.code == 1
    assert "Traceback" not in result.err
    for stem in blocked:  # every failure is named, not only the first
        assert f"{out / f'{stem}-2.0.0.yaml'}: cannot write" in result.err
    assert "2 of 5 migrated files could not be written; the others were" in result.err
    for source in sources:
        target = out / f"{source.stem}-2.0.0.yaml"
        if source.stem not in blocked:
            assert target.is_file()
            assert f"Wrote {target}" in result.err
    assert f"Wrote {out / 'country-02-2.0.0.yaml'}" not in result.err
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_two_files_with_one_target_are_refused_before_anything_is_written(
    cli: Cli, tmp_path: Path
) -> None:
    first, second = tmp_path / "a" / "x.yaml", tmp_path / "b" / "x.yaml"
    for path in (first, second):
        path.parent.mkdir()
        shutil.copy(SOURCE, path)
    out = tmp_path / "out"
    out.mkdir()
    result = cli("migrate", first, second, "--bank", BANK, "--output", out)
    assert result.code == 2, result.err
    assert f"{first} and {second} would both be written to {out / 'x-2.0.0.yaml'}" in result.err
    assert "nothing was migrated" in result.err
    assert list(out.iterdir()) == []


def test_a_bank_named_with_its_version_migrates_and_the_next_command_is_quoted(
    cli: Cli, tmp_path: Path
) -> None:
    source = tmp_path / "my country.yaml"
    shutil.copy(SOURCE, source)
    result = cli("migrate", source, "--bank", f"{BANK}@1.0.0")
    assert result.code == 0, result.err
    target = tmp_path / "my country-2.0.0.yaml"
    assert target.is_file()
    quoted = "'" + str(target) + "'" if sys.platform != "win32" else f'"{target}"'
    assert f"Answer them with: roadmap assess {quoted} --only" in result.err
