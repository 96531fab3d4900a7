"""Time and memory of the CLI on every broken file in the test corpus (and a 50 MB file).

Each file is checked in its own process (`roadmap banks lint` for banks, `roadmap
validate` for answers files); prints the slowest run and the largest peak memory, against
the bar of 2 s and 200 MB per file.

Usage: python bench/corpus.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def _run(args: list[str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "roadmap_cli", *args], capture_output=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: a new maximum shows here.
    return elapsed, peak / 1024, proc.returncode


def main() -> None:
    runs: list[tuple[str, float, float, int]] = []
    for path in sorted((CORPUS / "banks").iterdir()):
        if path.name != "expected.yaml":
            runs.append((f"bank {path.name}", *_run(["banks", "lint", str(path)])))
    bank = str(CORPUS / "fixture-bank")
    for path in sorted((CORPUS / "answers").iterdir()):
        if path.name != "expected.yaml":
            runs.append((f"answers {path.name}", *_run(["validate", "--bank", bank, str(path)])))
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "huge.yaml"
        big.write_text(("# " + "x" * 1022 + "\n") * 51200, encoding="utf-8")
        runs.append(("50 MB file", *_run(["validate", "--bank", bank, str(big)])))
    slowest = max(runs, key=lambda r: r[1])
    wrong = [name for name, _, _, code in runs if code != 1]
    print(
        f"{len(runs)} files; slowest {slowest[1]:.2f} s ({slowest[0]}); "
        f"largest peak memory {max(r[2] for r in runs):.0f} MB; bar: 2 s and 200 MB"
    )
    print("exit codes: all 1" if not wrong else f"exit code not 1: {', '.join(wrong)}")


if __name__ == "__main__":
    main()
