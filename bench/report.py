"""Rendering time of `roadmap report` against `roadmap score` on the same answers file.

Whole processes, interleaved, medians of N runs each: `roadmap report FILE -f html`,
`roadmap report FILE -f md` and `roadmap score FILE`, on a full regional-strategic-roadmap
assessment (examples/kestria-full.yaml by default). Target: each report <= 1.5x score.

Usage: python bench/report.py [--runs N] [FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from processes import medians

DEFAULT = Path(__file__).resolve().parent.parent / "examples" / "kestria-full.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    roadmap = [sys.executable, "-m", "roadmap_cli"]
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "roadmap score": [*roadmap, "score", str(args.file)],
            "report html": [
                *roadmap,
                "report",
                str(args.file),
                "-f",
                "html",
                "-o",
                f"{folder}/r.html",
            ],
            "report md": [*roadmap, "report", str(args.file), "-f", "md", "-o", f"{folder}/r.md"],
        }
        median = medians(cases, env, args.runs)
        sizes = {fmt: Path(f"{folder}/r.{fmt}").stat().st_size for fmt in ("html", "md")}
    for name, value in median.items():
        print(f"{name:<14} median {value:7.1f} ms over {args.runs} runs")
    for fmt in ("html", "md"):
        ratio = median[f"report {fmt}"] / median["roadmap score"]
        verdict = "ok" if ratio <= 1.5 else "OVER TARGET"
        print(
            f"report {fmt:<5} / score = {ratio:4.2f}x (target <= 1.5x) {verdict}; "
            f"{sizes[fmt] / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
