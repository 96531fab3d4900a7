"""The error boundary: every way a command can end becomes one line and an exit code."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest
import typer

from roadmap_cli import __version__
from roadmap_cli.cli import app as app_module
from roadmap_cli.cli.boundary import run
from roadmap_cli.errors import RoadmapError


def _app_raising(error: BaseException) -> typer.Typer:
    """A one-command app that raises ``error`` (stands in for any command)."""
    app = typer.Typer()

    @app.command()
    def fail() -> None:
        raise error

    @app.command()
    def other() -> None:  # two commands, so that 'fail' is a subcommand as in roadmap
        pass

    return app


Raising = Callable[[BaseException], None]


@pytest.fixture
def raising(monkeypatch: pytest.MonkeyPatch) -> Raising:
    """Make ``roadmap fail`` raise the error given."""

    def install(error: BaseException) -> None:
        monkeypatch.setattr(app_module, "app", _app_raising(error))

    return install


def test_a_roadmap_error_is_its_message_and_hint(
    raising: Raising, capsys: pytest.CaptureFixture[str]
) -> None:
    raising(RoadmapError("answers.yaml:3: bank 'x' not found", "Check the id."))
    assert run(["fail"]) == 1
    assert capsys.readouterr().err == (
        "roadmap: answers.yaml:3: bank 'x' not found\nhint: Check the id.\n"
    )


def test_ctrl_c_in_a_command_exits_130_without_a_traceback(
    raising: Raising, capsys: pytest.CaptureFixture[str]
) -> None:
    raising(KeyboardInterrupt())
    assert run(["fail"]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_end_of_input_is_cancelled_with_exit_130(
    raising: Raising, capsys: pytest.CaptureFixture[str]
) -> None:
    raising(EOFError())
    assert run(["fail"]) == 130
    assert capsys.readouterr().err.strip() == "roadmap: cancelled"


def test_a_closed_pipe_exits_quietly(raising: Raising, capsys: pytest.CaptureFixture[str]) -> None:
    raising(BrokenPipeError(32, "Broken pipe"))
    assert run(["fail"]) == 1
    assert capsys.readouterr().err == ""


def test_a_bug_is_one_line_and_a_hint_never_a_traceback(
    raising: Raising, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ROADMAP_DEBUG", raising=False)
    raising(ZeroDivisionError("division by zero"))
    assert run(["fail"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "roadmap: internal error: ZeroDivisionError: division by zero",
        "hint: this is a bug in roadmap-cli; run again with ROADMAP_DEBUG=1 and report it.",
    ]


def test_roadmap_debug_shows_the_traceback(
    raising: Raising, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_DEBUG", "1")
    raising(ZeroDivisionError("division by zero"))
    with pytest.raises(ZeroDivisionError):
        run(["fail"])


def test_a_usage_mistake_exits_2_with_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["score", "--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert "No such option: --no-such-option" in err
    assert "Usage: roadmap score" in err


def test_a_console_that_cannot_show_a_letter_gets_a_question_mark(
    raising: Raising, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A legacy console (say, a Windows code page without the letter) still gets the line."""
    console = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(console, encoding="ascii"))
    raising(RoadmapError("côte.yaml: bank 'x' not found"))
    assert run(["fail"]) == 1
    sys.stderr.flush()
    assert console.getvalue() == b"roadmap: c?te.yaml: bank 'x' not found\n"


def test_version_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert capsys.readouterr().out == f"roadmap-cli {__version__}\n"


def test_a_value_outside_the_choices_is_named_without_the_validators_prefix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["score", "examples", "--format", "xml"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert (
        last
        == "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv'."
    )
