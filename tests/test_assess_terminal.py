"""``roadmap assess`` as a person meets it: a real terminal (pexpect), and piped input."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import pytest

from roadmap_cli.answers.model import load_answers
from roadmap_cli.assessment import examine
from roadmap_cli.interview.model import Give, Go, QuestionView, Value
from roadmap_cli.interview.plain import PlainAsker
from roadmap_cli.interview.render import console
from tests.conftest import ROOT, Result, run_process
from tests.interview_views import SCALE

pexpect = pytest.importorskip("pexpect") if sys.platform != "win32" else None
needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty")
EOF: object = pexpect.EOF if pexpect is not None else None  # "the program has exited"


class Terminal(Protocol):
    """What these tests use of a ``pexpect.spawn`` child: pexpect ships no type information."""

    exitstatus: int | None

    def expect(self, pattern: object) -> int: ...

    def send(self, text: str) -> int: ...

    def sendintr(self) -> None: ...

    def kill(self, sig: int) -> None: ...

    def wait(self) -> int: ...

    def close(self) -> None: ...


def spawn(*args: str, cwd: Path) -> Terminal:
    """Start ``roadmap ARGS`` in an 80x24 pseudo-terminal."""
    assert pexpect is not None
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "TERM": "xterm",
        "PYTHONIOENCODING": "utf-8",
        # No cursor-position queries: pexpect would never answer them.
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("COLUMNS", None)
    child: Terminal = pexpect.spawn(
        sys.executable,
        ["-m", "roadmap_cli", *args],
        cwd=str(cwd),
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,
    )
    return child


def start_new(child: Terminal) -> None:
    """Fill in the metadata of a new file."""
    for prompt, reply in (
        ("Country:", "Examplestan"),
        ("Organisation", "Ministry of Justice"),
        ("Your name", ""),
        ("Your role", ""),
    ):
        child.expect(prompt)
        child.send(reply + "\r")


def answer(child: Terminal, question_id: str, keys: str) -> None:
    """Wait for a question, answer it with ``keys``, and press Enter at "Next?"."""
    child.expect(f"· {question_id}")
    child.expect("Answer")
    child.send(keys)
    child.expect("Next\\?")
    child.send("\r")


def answers_in(path: Path) -> dict[str, object]:
    return load_answers(path).answers.values()


@needs_pty
def test_killed_after_three_answers_keeps_them_and_resumes_at_the_fourth(tmp_path: Path) -> None:
    child = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(child)
    answer(child, "PL1.1", "3\r")  # Partly in place: shows the follow-up PL1.2
    answer(child, "PL1.2", "1\r")  # Yes
    answer(child, "PL1.3", " \r")  # tick the first agency (police)
    child.expect("· PL2.1")
    child.expect("Answer")
    child.kill(signal.SIGKILL)
    child.wait()
    path = tmp_path / "w.yaml"
    assert answers_in(path) == {"PL1.1": "partly", "PL1.2": "yes", "PL1.3": ["police"]}
    assert examine(path).ok
    # A killed session cannot remove its lock file; the OS lock on it is gone, though, so
    # the next session takes it over (below).  No temporary file is left.
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".w.yaml.lock", "w.yaml"], "no temporary files left"

    again = spawn("assess", "w.yaml", cwd=tmp_path)
    again.expect("Resuming — 3 of 14 done")
    again.expect("Question 4 of 14")
    again.expect("· PL2.1")
    again.kill(signal.SIGKILL)


@needs_pty
def test_ctrl_c_at_a_prompt_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    child = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(child)
    answer(child, "PL1.1", "1\r")  # Not in place: the follow-up stays hidden
    child.expect("· PL1.3")
    child.expect("Answer")
    child.send("\x03")
    child.expect("Saved 1 of 13 answers to w.yaml. Resume with:\r\n  roadmap assess w.yaml")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 130
    path = tmp_path / "w.yaml"
    assert answers_in(path) == {"PL1.1": "not-in-place"}
    assert examine(path).ok


@needs_pty
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_or_closed_terminal_saves_and_exits_130(tmp_path: Path, signame: str) -> None:
    child = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(child)
    answer(child, "PL1.1", "1\r")
    child.expect("· PL1.3")
    # At the prompt, as a person closing the window would be (not while it is drawn).
    child.expect("Answer")
    child.kill(getattr(signal, signame))
    child.expect("Saved 1 of 13 answers to w.yaml")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 130


@needs_pty
def test_ctrl_c_in_plain_mode_before_the_file_exists(tmp_path: Path) -> None:
    child = spawn("assess", "w.yaml", "--plain", cwd=tmp_path)
    child.expect("Country: ")
    child.sendintr()
    child.expect("Stopped before anything was saved; w.yaml was not created.")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (tmp_path / "w.yaml").exists()


# One reply per question, then Enter at "note / flag"; PL1.1 "partly" shows PL1.2.
WORKSHOP_REPLIES = [
    ("PL1.1", "3"),
    ("PL1.2", "1"),
    ("PL1.3", "1 2"),
    ("PL2.1", "2"),
    ("PR1.1", "1"),
    ("PR1.2", "2"),
    ("PR2.1", "dk"),
    ("PO1.1", "1, 2"),
    ("PO1.2", "1"),
    ("PO2.1", "3"),
    ("PO3.1", "2"),
    ("PX1.1", "1"),
    ("PX1.3", "2"),
    ("PX2.1", "Too few trained labour inspectors."),
]


def piped(replies: list[tuple[str, str]], notes: dict[str, list[str]] | None = None) -> str:
    lines = ["Examplestan", "Ministry of Justice", "", ""]
    for qid, reply in replies:
        lines += [reply, *(notes or {}).get(qid, []), ""]
    return "\n".join(lines) + "\n"


def test_plain_from_piped_stdin_completes_the_workshop_bank(tmp_path: Path) -> None:
    notes = {
        "PL1.1": ["n", "Draft plan awaiting cabinet.", "Cabinet paper 14/2025", "f", "Dates?"],
        # A note and evidence given, then cleared with "-".
        "PL1.2": ["n", "A first thought.", "Memo 1", "n", "-", "-"],
    }
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path,
        stdin=piped(WORKSHOP_REPLIES, notes),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Saved 14 of 14 answers to w.yaml." in result.err
    assert "  roadmap validate w.yaml\n  roadmap report w.yaml" in result.err
    assert "End of Planning: 4 of 4 done: 4 answered" in result.out
    assert "Summary of the assessment: 14 of 14 done: 13 answered, 1 don't know" in result.out
    assert "Traceback" not in result.out + result.err
    saved = load_answers(tmp_path / "w.yaml").answers.answers
    assert saved["PR2.1"].value == "dont-know"
    assert saved["PO1.1"].value == ["sexual", "forced-labour"]
    assert (saved["PL1.1"].note, saved["PL1.1"].evidence, saved["PL1.1"].flagged) == (
        "Draft plan awaiting cabinet.",
        ["Cabinet paper 14/2025"],
        True,
    )
    assert saved["PL1.1"].flag_reason == "Dates?"
    assert (saved["PL1.2"].note, saved["PL1.2"].evidence) == (None, [])
    check = run_process("validate", "w.yaml", cwd=tmp_path)
    assert check.code == 0 and "w.yaml: ok — 14 of 14 questions answered" in check.out


def test_piped_input_that_ends_early_saves_and_exits_130(tmp_path: Path) -> None:
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path,
        stdin=piped(WORKSHOP_REPLIES[:2]),
    )  # fmt: skip
    assert result.code == 130
    assert "Saved 2 of 14 answers to w.yaml. Resume with:\n  roadmap assess w.yaml" in result.err
    assert answers_in(tmp_path / "w.yaml") == {"PL1.1": "partly", "PL1.2": "yes"}


def test_plain_refuses_bad_replies_and_explains(tmp_path: Path) -> None:
    stdin = piped([("PL1.1", "9"), ("PL1.1", "q")])
    result = run_process("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path, stdin=stdin)
    assert "'9' is not one of the numbers 1-7." in result.out
    assert result.code == 0
    assert "Saved 0 of 13 answers to w.yaml. Resume with:\n  roadmap assess w.yaml" in result.err


def test_plain_numbers_take_a_decimal_comma_and_refuse_infinity(tmp_path: Path) -> None:
    replies = [*WORKSHOP_REPLIES[:3], ("PL2.1", "inf"), ("PL2.1", "2,0"), ("PR1.1", "q")]
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path, stdin=piped(replies)
    )
    assert result.code == 0, result.err
    assert "'inf' is not a number" in result.out
    assert answers_in(tmp_path / "w.yaml")["PL2.1"] == 2


def test_review_needs_an_existing_file(tmp_path: Path) -> None:
    result: Result = run_process("assess", "nope.yaml", "--review", cwd=tmp_path, stdin="")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "roadmap: nope.yaml does not exist yet, so there is nothing to review"
    )


def test_unknown_category_is_a_usage_error(tmp_path: Path) -> None:
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", "--category", "XX", cwd=tmp_path, stdin=""
    )
    assert result.code == 2
    assert result.err.startswith("roadmap: unknown category 'XX' in bank workshop-demo")
    assert not (tmp_path / "w.yaml").exists()


def test_help_does_not_import_the_prompt_libraries() -> None:
    code = (
        "import sys; from roadmap_cli.cli.boundary import run; run(['assess', '--help']); "
        "print(sorted(m for m in ('questionary', 'prompt_toolkit', 'roadmap_cli.interview') "
        "if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert proc.stdout.strip().endswith("[]"), proc.stdout
    assert "--no-notes" in proc.stdout


def plain_asker(lines: list[str]) -> tuple[PlainAsker, io.StringIO]:
    screen = io.StringIO()
    feed = iter(lines)

    def read(prompt: str) -> str:
        screen.write(prompt + "\n")
        return next(feed)

    return PlainAsker(console(screen, width=80), read), screen


def test_plain_help_jump_and_commands() -> None:
    view = plain_view()
    asker, screen = plain_asker(["?", "j", "2", "x", "J PL", "dk", "na"])
    assert asker.question(view) == Go("jump", "PO")
    assert "Not in place: Nothing exists yet." in screen.getvalue()
    assert "b to go back to the previous question" in screen.getvalue()
    assert asker.question(view) == Go("jump", "PL")  # "x" is refused, then "J PL"
    assert "'x' is not one of the numbers 1-5." in screen.getvalue()
    assert asker.question(view) == Give("dont-know")
    assert asker.question(view) == Give("not-applicable")


def test_plain_enter_keeps_the_current_answer_and_lines_fit_80_columns() -> None:
    view = plain_view(default="partly")
    asker, screen = plain_asker([""])
    assert asker.question(view) == Give("partly")
    text = screen.getvalue()
    assert "Current answer: Partly in place" in text
    assert "Answer (1-5, Enter keeps the current answer; ? help, g guidance, q quit): " in text
    assert max(len(line) for line in text.splitlines()) <= 80


def plain_view(default: Value | None = None) -> QuestionView:
    """The sample question with long guidance and no references, to wrap within 80 columns."""
    guidance = "A plan in force, adopted by government. " * 5
    return replace(SCALE, guidance=guidance, references=(), default=default)
