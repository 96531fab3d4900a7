"""`roadmap --help` and `--version` stay light: no prompt or template libraries imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("questionary", "prompt_toolkit", "jinja2")


def _heavy_after(args: list[str], setup: str = "") -> dict[str, object]:
    """Run the CLI with ``args`` in a fresh interpreter; its exit code and heavy imports."""
    code = (
        "import io, json, sys, contextlib\n"
        f"{setup}\n"
        "from roadmap_cli.cli.boundary import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = run({args!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})\n"
        "print(json.dumps({'rc': rc, 'heavy': heavy}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["banks", "--help"]])
def test_light_commands_do_not_import_heavy_modules(args: list[str]) -> None:
    assert _heavy_after(args) == {"rc": 0, "heavy": []}


def test_the_check_sees_a_heavy_import() -> None:
    """The same harness reports questionary once something on the path imports it."""
    assert _heavy_after(["--version"], setup="import questionary") == {
        "rc": 0,
        "heavy": ["prompt_toolkit", "questionary"],
    }
