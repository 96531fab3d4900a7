"""Start-up time of `roadmap` against the floor typer itself sets.

Runs, interleaved so that machine noise hits both sides alike, `roadmap --version`,
`roadmap --help` and `roadmap banks list` and the same calls of a minimal Typer app with
one no-op command, and prints medians and ratios. Targets: --version <= 1.15x the minimal
app's no-op command, --help <= 1.3x the minimal app's --help, banks list <= 1.5x the no-op.

Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from processes import medians

MINIMAL_APP = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def noop() -> None:
    """Do nothing."""


@app.command()
def other() -> None:
    """Also nothing (two commands, so `noop` is a subcommand as ours are)."""


if __name__ == "__main__":
    app()
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    runs = parser.parse_args().runs
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        py = sys.executable
        cases = {
            "floor: noop": [py, str(minimal), "noop"],
            "floor: --help": [py, str(minimal), "--help"],
            "roadmap --version": [py, "-m", "roadmap_cli", "--version"],
            "roadmap --help": [py, "-m", "roadmap_cli", "--help"],
            "roadmap banks list": [py, "-m", "roadmap_cli", "banks", "list"],
        }
        median = medians(cases, env, runs)
    for name, value in median.items():
        print(f"{name:<22} median {value:7.1f} ms over {runs} runs")
    checks = [
        ("roadmap --version", "floor: noop", 1.15),
        ("roadmap --help", "floor: --help", 1.3),
        ("roadmap banks list", "floor: noop", 1.5),
    ]
    for ours, floor, target in checks:
        ratio = median[ours] / median[floor]
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(f"{ours:<22} / {floor:<14} = {ratio:4.2f}x  (target <= {target}x) {verdict}")


if __name__ == "__main__":
    main()
