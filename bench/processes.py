"""Timing whole ``roadmap`` processes, for the bench scripts that compare command lines.

Every command runs once to warm the file cache and bytecode, then the commands take turns
for ``runs`` rounds, so that a slow spell on the machine hits each of them alike.
"""

from __future__ import annotations

import statistics
import subprocess
import time


def run_time(command: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``command`` takes (its output discarded; it must succeed)."""
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
    )
    return time.perf_counter() - start


def medians(cases: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median milliseconds of each named command over ``runs`` interleaved rounds."""
    for command in cases.values():
        run_time(command, env)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            samples[name].append(run_time(command, env))
    return {name: statistics.median(values) * 1000 for name, values in samples.items()}
