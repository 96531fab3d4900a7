"""Time of `roadmap aggregate` against `roadmap score` on the same 1,000 answers files.

Whole processes, interleaved, medians of N runs each, on files made by bench/score.py's
``generate()`` (every file a different country, "Country 0000" to "Country 0999", so the
matrix has one row per file: the largest matrix 1,000 files can make).  Pairs: the
terminal table of each, and the JSON of each to a file; then `aggregate --all` and the
HTML page against `score` JSON.
Target (issue 17): aggregate <= 1.2x score.  Each figure is printed twice: the median
wall-clock time, and the median CPU time the process used (user + system, where the
system reports it): on a machine shared with others the second is the steadier.

Usage: python bench/aggregate.py [--files 1000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from score import generate

try:
    import resource
except ImportError:  # Windows: wall-clock time only
    resource = None  # type: ignore[assignment]


def _cpu() -> float:
    if resource is None:
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timings(
    cases: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command over ``runs`` interleaved rounds, after
    one warm-up run of each (as processes.medians does, plus the children's CPU time)."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for round_ in range(runs + 1):
        for name, command in cases.items():
            wall, cpu = time.perf_counter(), _cpu()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
            )
            if round_:
                samples[name].append((time.perf_counter() - wall, _cpu() - cpu))
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in samples.items()
    }


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
        median = timings(cases, env, args.runs)
        print(f"files: {len(paths)}, one country each; {args.runs} interleaved runs")
        for name, (wall, cpu) in median.items():
            print(f"{name:<22} median {wall:7.2f} s wall, {cpu:7.2f} s CPU")
        pairs = (
            ("aggregate table", "score table"),
            ("aggregate json", "score json"),
            ("aggregate --all json", "score json"),
            ("aggregate html", "score json"),
        )
        for mine, base in pairs:
            wall = median[mine][0] / median[base][0]
            cpu = median[mine][1] / median[base][1] if median[base][1] else float("nan")
            # CPU time where measured: other people's load does not count in it.
            verdict = "ok" if (cpu if median[base][1] else wall) <= 1.2 else "OVER TARGET"
            print(
                f"{mine:<22} / {base:<11} = {wall:4.2f}x wall, {cpu:4.2f}x CPU "
                f"(target <= 1.2x) {verdict}"
            )
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
