"""The broken-file corpus: every bad bank or answers file gets one clear, located error.

Each case in tests/corpus/{banks,answers}/expected.yaml names the line the error must
point at and a fragment of the message a person would read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPUS, FIXTURE_BANK, Cli

BANK_CASES = yaml.safe_load((CORPUS / "banks" / "expected.yaml").read_text(encoding="utf-8"))
ANSWER_CASES = yaml.safe_load((CORPUS / "answers" / "expected.yaml").read_text(encoding="utf-8"))


def _check(output: str, name: str, line: int | None, fragment: str | None) -> None:
    lines = [entry for entry in output.splitlines() if entry.strip()]
    assert lines, "no message at all"
    located = [entry for entry in lines if name in entry and ": error: " in entry]
    assert located, f"no error line naming {name}:\n{output}"
    first = located[0]
    if line is not None:
        assert f"{name}:{line}:" in first, first
    if fragment is not None:
        assert any(fragment in entry for entry in located), output
    # The CLI's boundary turns any uncaught exception into this line, never a traceback.
    assert "internal error" not in output, output
    assert "Traceback" not in output


def test_corpus_is_large_enough() -> None:
    assert len(BANK_CASES) >= 25
    assert len(ANSWER_CASES) >= 25


@pytest.mark.parametrize("name", sorted(BANK_CASES))
def test_broken_bank_is_reported_at_its_line(cli: Cli, name: str) -> None:
    line, fragment = BANK_CASES[name]
    path = CORPUS / "banks" / name
    result = cli("banks", "lint", path)
    assert result.code == 1
    _check(result.out + result.err, f"{name}/bank.yaml" if path.is_dir() else name, line, fragment)


@pytest.mark.parametrize("name", sorted(ANSWER_CASES))
def test_broken_answers_file_is_reported_at_its_line(cli: Cli, name: str) -> None:
    line, fragment = ANSWER_CASES[name]
    result = cli("validate", "--bank", FIXTURE_BANK, CORPUS / "answers" / name)
    assert result.code == 1
    _check(result.out + result.err, name, line, fragment)


def test_fixture_answers_file_is_valid(cli: Cli) -> None:
    result = cli("validate", "--bank", FIXTURE_BANK, CORPUS / "fixture-valid.yaml")
    assert result.code == 0, result.out + result.err
    assert "ok — 5 of 6 questions answered" in result.out


def _measured(*args: str) -> tuple[int, str, int]:
    """Run the CLI in a fresh process; return exit code, stderr+stdout, peak memory in MB."""
    # On Linux the peak is the process's own high-water mark (VmHWM): ru_maxrss keeps the
    # size of the process that started it (Linux carries it across exec), which is the
    # whole test session here.
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from roadmap_cli.cli.boundary import run\n"
        "rc = run(sys.argv[1:])\n"
        "status = Path('/proc/self/status')\n"
        "lines = status.read_text().splitlines() if status.exists() else []\n"
        "hwm = [int(x.split()[1]) for x in lines if x.startswith('VmHWM:')]\n"
        "peak = (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) // 1024\n"
        "print(f'PEAK_MB={peak}', file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    peak = int(proc.stderr.rsplit("PEAK_MB=", 1)[1].split()[0])
    return proc.returncode, proc.stdout + proc.stderr, peak


@pytest.mark.skipif(sys.platform == "win32", reason="resource module is POSIX-only")
@pytest.mark.parametrize("kind", ["bank", "answers"])
def test_huge_file_is_refused_without_reading_it(tmp_path: Path, kind: str) -> None:
    big = tmp_path / "huge.yaml"
    with big.open("w", encoding="utf-8") as handle:
        line = "# " + "x" * 1022 + "\n"
        for _ in range(50 * 1024):
            handle.write(line)
    args = (
        ["banks", "lint", str(big)]
        if kind == "bank"
        else ["validate", "--bank", str(FIXTURE_BANK), str(big)]
    )
    code, output, peak = _measured(*args)
    assert code == 1
    assert "huge.yaml:1:" in output and ": error:" in output and "too large (50.0 MB" in output
    assert peak < 200, f"peak memory {peak} MB"


@pytest.mark.skipif(sys.platform == "win32", reason="resource module is POSIX-only")
def test_alias_bomb_stays_within_memory() -> None:
    code, output, peak = _measured("banks", "lint", str(CORPUS / "banks" / "alias-bomb.yaml"))
    assert code == 1 and "alias bomb" in output
    assert peak < 200, f"peak memory {peak} MB"


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_files_load(cli: Cli, tmp_path: Path, variant: str) -> None:
    text = (CORPUS / "fixture-valid.yaml").read_text(encoding="utf-8")
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    path = tmp_path / "answers.yaml"
    path.write_bytes(data)
    result = cli("validate", "--bank", FIXTURE_BANK, path)
    assert result.code == 0, result.out + result.err
    bank_text = (FIXTURE_BANK / "bank.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(b"\xef\xbb\xbf" + bank_text.replace("\n", "\r\n").encode("utf-8"))
    assert cli("banks", "lint", "--strict", bank).code == 0
