"""`roadmap --help` and `--version` stay light: no prompt or template libraries imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("questionary", "prompt_toolkit", "jinja2")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["banks", "--help"]])
def test_light_commands_do_not_import_heavy_modules(args: list[str]) -> None:
    code = (
        "import io, json, sys, contextlib\n"
        "from roadmap_cli.cli.boundary import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = run({args!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})\n"
        "print(json.dumps({'rc': rc, 'heavy': heavy}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"rc": 0, "heavy": []}


def test_heavy_modules_are_detectable() -> None:
    """The check above can fail: importing questionary does show up in sys.modules."""
    code = "import sys, questionary; print('questionary' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "True"
