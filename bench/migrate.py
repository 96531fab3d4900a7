"""Benchmark ``roadmap migrate`` on 1,000 answers files against ``roadmap score`` of the same.

Generates files answering ``regional-strategic-roadmap`` 1.0.0 (the version the shipped
map migrates from), then times whole processes, taking turns over several rounds:
``roadmap score DIR --format json -o FILE`` and ``roadmap migrate DIR --output DIR2``
(both read, check and write every file).

    python bench/migrate.py [--files 1000] [--runs 3]

Target (issue 15): migrate ≤ 1.5 × score.  Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from processes import medians
from score import generate


def main() -> None:
    """Generate the files, time both commands, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="roadmap-bench-migrate-"))
    try:
        source = work / "answers"
        source.mkdir()
        generate(source, args.files, "regional-strategic-roadmap@1.0.0")
        (work / "migrated").mkdir()
        roadmap = [sys.executable, "-m", "roadmap_cli"]
        cases = {
            "score": [*roadmap, "score", str(source), "--format", "json", "-o",
                      str(work / "scores.json")],
            "migrate": [*roadmap, "migrate", str(source), "--output", str(work / "migrated")],
        }  # fmt: skip
        times = medians(cases, dict(os.environ), args.runs)
        print(f"{args.files} files answering regional-strategic-roadmap 1.0.0")
        for name, ms in times.items():
            print(
                f"  roadmap {name:<8} {ms / 1000:7.2f} s  ({args.files / ms * 1000:6.0f} files/s)"
            )
        print(f"migrate / score: {times['migrate'] / times['score']:.2f}  (target ≤ 1.5)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
