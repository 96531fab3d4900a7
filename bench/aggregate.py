"""Time of `roadmap aggregate` against `roadmap score` on the same 1,000 answers files.

Whole processes, interleaved, medians of N runs each, on files made by bench/score.py's
``generate()`` (every file a different country, "Country 0000" to "Country 0999", so the
matrix has one row per file: the largest matrix 1,000 files can make).  Pairs: the
terminal table of each, and the JSON of each to a file; then `aggregate --all` and the
HTML page against `score` JSON.
Target (issue 17): aggregate <= 1.2x score.

Usage: python bench/aggregate.py [--files 1000] [--runs 5] [--keep DIR]
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="roadmap-bench-aggregate-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="roadmap-bench-out-"))
    try:
        paths = sorted(folder.glob("answers-*.yaml"))
        if len(paths) < args.files:
            print(f"generating {args.files} answers files in {folder} ...")
            paths = generate(folder, args.files)
        files = str(folder / "answers-*.yaml")
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160"}
        roadmap = [sys.executable, "-m", "roadmap_cli"]
        cases = {
            "score table": [*roadmap, "score", files],
            "aggregate table": [*roadmap, "aggregate", files],
            "score json": [*roadmap, "score", files, "-f", "json", "-o", f"{out}/s.json"],
            "aggregate json": [*roadmap, "aggregate", files, "-o", f"{out}/a.json"],
            "aggregate --all json": [
                *roadmap, "aggregate", files, "--all", "-o", f"{out}/all.json",
            ],
            "aggregate html": [*roadmap, "aggregate", files, "-o", f"{out}/a.html"],
        }  # fmt: skip
        median = medians(cases, env, args.runs)
        print(f"files: {len(paths)}, one country each; {args.runs} interleaved runs")
        for name, value in median.items():
            print(f"{name:<22} median {value / 1000:7.2f} s")
        pairs = (
            ("aggregate table", "score table"),
            ("aggregate json", "score json"),
            ("aggregate --all json", "score json"),
            ("aggregate html", "score json"),
        )
        for mine, base in pairs:
            ratio = median[mine] / median[base]
            verdict = "ok" if ratio <= 1.2 else "OVER TARGET"
            print(f"{mine:<22} / {base:<11} = {ratio:4.2f}x (target <= 1.2x) {verdict}")
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
