"""Shell completion: `roadmap --install-completion` exists and the shell gets our commands."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import run_process


def _complete(words: str) -> list[str]:
    """What bash completion offers for the command line ``words`` (cursor on the last)."""
    env = {
        **os.environ,
        "_ROADMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "roadmap_cli"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return proc.stdout.split()


def test_the_shell_completes_command_names() -> None:
    assert _complete("roadmap de") == ["demo"]
    assert _complete("roadmap ex") == ["examples"]
    assert _complete("roadmap banks l") == ["list", "lint"]


def test_help_offers_install_completion() -> None:
    # Typer's completion options end the process themselves, so run a real one.
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = run_process("--help")
    assert "--install-completion" in result.out
    script = subprocess.run(
        [sys.executable, "-m", "roadmap_cli", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert script.returncode == 0, script.stderr
    assert "complete -o default -F _roadmap_completion roadmap" in script.stdout
