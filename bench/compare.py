"""Time of `roadmap compare OLD NEW` against `roadmap report NEW` (the newer file's report).

Whole processes, interleaved, medians of N runs each: `roadmap compare OLD NEW` as a
table, as HTML and as JSON, against `roadmap report NEW -f html`. By default the two
Veloria assessments (examples/veloria-workshop-2024.yaml on workshop-demo 1.0.0, moved
to 1.1.0 on the way, and examples/veloria-workshop.yaml). Target: compare <= 1.5x report.

Usage: python bench/compare.py [--runs N] [OLD NEW]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from processes import medians

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEFAULT = [EXAMPLES / "veloria-workshop-2024.yaml", EXAMPLES / "veloria-workshop.yaml"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if len(args.files) != 2:
        parser.error("give two files, OLD and NEW, or none")
    old, new = (str(path) for path in args.files)
    env = {**os.environ, "NO_COLOR": "1"}
    roadmap = [sys.executable, "-m", "roadmap_cli"]
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "report html": [*roadmap, "report", new, "-f", "html", "-o", f"{folder}/r.html"],
            "compare table": [*roadmap, "compare", old, new],
            "compare html": [*roadmap, "compare", old, new, "-f", "html", "-o", f"{folder}/c.html"],
            "compare json": [*roadmap, "compare", old, new, "-f", "json", "-o", f"{folder}/c.json"],
        }
        median = medians(cases, env, args.runs)
    for name, value in median.items():
        print(f"{name:<14} median {value:7.1f} ms over {args.runs} runs")
    for name in ("compare table", "compare html", "compare json"):
        ratio = median[name] / median["report html"]
        verdict = "ok" if ratio <= 1.5 else "OVER TARGET"
        print(f"{name:<14} / report = {ratio:4.2f}x (target <= 1.5x) {verdict}")


if __name__ == "__main__":
    main()
