"""Shared test helpers: run the CLI in-process or as a real subprocess."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest

from roadmap_cli.cli.boundary import run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
FIXTURE_BANK = CORPUS / "fixture-bank"


@dataclass
class Result:
    """What a command printed and how it exited."""

    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own cache folder: none reads or fills the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path_factory.mktemp("cache")))


class Cli(Protocol):
    """The ``cli`` fixture: run ``roadmap ARGS`` in this process."""

    def __call__(self, *args: object) -> Result: ...


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``roadmap ARGS`` in this process; returns a Result."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")

    def invoke(*args: object) -> Result:
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        if code == 0:  # a failed run publishes nothing to check (stdout may hold a part)
            check_json_output([str(a) for a in args], captured.out)
        return Result(code, captured.out, captured.err)

    return invoke


# The commands whose JSON has a published schema, and the schema's name.
SCHEMA_OF = {"score": "scores", "compare": "compare", "aggregate": "aggregate"}


def check_json_output(args: list[str], out: str) -> None:
    """Validate the JSON of a ``roadmap score``, ``compare`` or ``aggregate`` run against
    the published schema.

    Every test that runs one of them with JSON output goes through here, so every JSON the
    suite produces is checked, whatever the test itself asserts.
    """
    if not args or args[0] not in SCHEMA_OF or "--explain" in args:
        return
    options = dict(itertools.pairwise(args))
    fmt = options.get("--format", options.get("-f"))
    output = options.get("--output", options.get("-o"))
    if fmt is None and output is not None and output.lower().endswith(".json"):
        fmt = "json"
    if fmt != "json":
        return
    if output in (None, "-"):
        text = out
    elif output is not None and Path(output).is_file():
        text = Path(output).read_text(encoding="utf-8")
    else:
        return  # the run failed before writing: nothing was published
    if not text.strip():
        return
    import json

    import jsonschema

    from roadmap_cli.schemas import schema

    jsonschema.validate(json.loads(text), schema(SCHEMA_OF[args[0]]))
    JSON_CHECKED.append(" ".join(args))


JSON_CHECKED: list[str] = []  # the runs whose JSON was validated (see test_scores_schema)


def run_process(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Result:
    """Run ``python -m roadmap_cli ARGS`` as a subprocess (the real entry point)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "roadmap_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        input=stdin,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
