"""Nothing a person types is lost, and every screen reads well (issue 10).

Real terminals (pexpect) for stops at the note and flag prompts, two sessions on one
file, an editor change during an interview and hand-written comments; piped plain mode
for the rest.
"""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from rich.theme import Theme

from roadmap_cli.answers.model import load_answers
from roadmap_cli.interview import render
from roadmap_cli.interview.model import QuestionView, Tally
from tests.conftest import ROOT, run_process
from tests.interview_views import SCALE
from tests.test_answers_saving import COMMENTED, COMMENTS
from tests.test_assess_terminal import (
    EOF,
    WORKSHOP_REPLIES,
    Terminal,
    needs_pty,
    piped,
    spawn,
    start_new,
)


def at_next(child: Terminal, question_id: str, keys: str) -> None:
    """Answer ``question_id`` with ``keys`` and wait at the "Next?" prompt."""
    child.expect(f"· {question_id}")
    child.expect("Answer")
    child.send(keys)
    child.expect("Next\\?")


def ctrl_c_exits(child: Terminal, saved: str) -> None:
    child.send("\x03")
    child.expect(saved)
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 130


# -- 1. every change is saved when it is made ------------------------------------------


@needs_pty
def test_ctrl_c_at_the_flag_prompt_keeps_note_evidence_and_flag(tmp_path: Path) -> None:
    child = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(child)
    at_next(child, "PL1.1", "3\r")
    child.send("n\r")
    child.expect("Note")
    child.send("Draft plan awaiting cabinet.\r")
    child.expect("Evidence")
    child.send("Cabinet paper 14/2025\r")
    child.expect("Next\\?")
    child.send("f\r")
    child.expect("Reason for the flag")
    ctrl_c_exits(child, "Saved 1 of 14 answers to w.yaml")
    saved = load_answers(tmp_path / "w.yaml").answers.answers["PL1.1"]
    assert (saved.value, saved.note, saved.evidence, saved.flagged) == (
        "partly",
        "Draft plan awaiting cabinet.",
        ["Cabinet paper 14/2025"],
        True,
    )


@needs_pty
def test_ctrl_c_at_the_note_prompt_keeps_the_flag_and_its_reason(tmp_path: Path) -> None:
    child = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(child)
    at_next(child, "PL1.1", "3\r")
    child.send("f\r")
    child.expect("Reason for the flag")
    child.send("Adoption date unclear\r")
    child.expect("Next\\?")
    child.send("n\r")
    child.expect("Note")
    ctrl_c_exits(child, "Saved 1 of 14 answers to w.yaml")
    saved = load_answers(tmp_path / "w.yaml").answers.answers["PL1.1"]
    assert (saved.flagged, saved.flag_reason) == (True, "Adoption date unclear")


def test_q_at_the_note_and_flag_prompt_saves_and_quits(tmp_path: Path) -> None:
    stdin = "\n".join(["Examplestan", "Ministry", "", "", "3", "f", "Check", "q"]) + "\n"
    result = run_process("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path, stdin=stdin)
    assert result.code == 0, result.err
    assert "Saved 1 of 14 answers to w.yaml. Resume with:\n  roadmap assess w.yaml" in result.err
    saved = load_answers(tmp_path / "w.yaml").answers.answers["PL1.1"]
    assert (saved.flagged, saved.flag_reason) == (True, "Check")


# -- 2. one writer per file; outside changes merged -----------------------------------


@needs_pty
def test_a_second_session_on_the_same_file_is_refused(tmp_path: Path) -> None:
    first = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(first)
    at_next(first, "PL1.1", "1\r")
    first.send("\r")
    second = run_process("assess", "w.yaml", cwd=tmp_path, stdin="q\n")
    assert second.code == 1
    head = second.err.splitlines()[0]
    assert head.startswith("roadmap: w.yaml is open in another roadmap session (process ")
    assert "hint: Finish that session (q saves and quits)" in second.err
    at_next(first, "PL1.3", " \r")
    first.send("q\r")  # "Save and quit" at the Next? prompt
    first.expect("Saved 2 of 13 answers")
    first.expect(EOF)
    answers = load_answers(tmp_path / "w.yaml").answers.values()
    assert answers == {"PL1.1": "not-in-place", "PL1.3": ["police"]}
    assert not (tmp_path / ".w.yaml.lock").exists(), "the lock file goes with the session"


@needs_pty
def test_an_editor_change_to_another_question_survives_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    child = spawn("assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path)
    start_new(child)
    at_next(child, "PL1.1", "1\r")
    child.send("\r")
    child.expect("· PL1.3")
    child.expect("Answer")
    # Meanwhile, someone adds an answer to PX2.1 in a text editor.
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "  PX2.1:\n    value: Too few labour inspectors.\n", encoding="utf-8")
    child.send(" \r")
    child.expect("changed by another program \\(PX2.1\\)")
    child.expect("Next\\?")
    ctrl_c_exits(child, "Saved 3 of 13 answers")
    saved = load_answers(path).answers.values()
    assert saved == {
        "PL1.1": "not-in-place",
        "PL1.3": ["police"],
        "PX2.1": "Too few labour inspectors.",
    }


# -- 3. hand edits survive -------------------------------------------------------------


@needs_pty
def test_comments_in_five_places_survive_three_answers_in_a_real_session(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    child = spawn("assess", "w.yaml", cwd=tmp_path)
    for question_id, keys in (("PL1.2", "1\r"), ("PL1.3", " \r"), ("PL2.1", "3\r")):
        at_next(child, question_id, keys)
        child.send("\r")
    child.expect("Press any key")  # the end of Planning
    child.send(" ")
    child.expect("· PR1.2")
    ctrl_c_exits(child, "Saved 5 of 14 answers")
    text = path.read_text(encoding="utf-8")
    for line in COMMENTS:
        assert line in text.splitlines(), line
    assert text.startswith(COMMENTED.split("  updated:")[0]), "top and assessment kept"
    assert text.splitlines()[-1] == COMMENTS[-1]
    assert load_answers(path).answers.values()["PL2.1"] == 3


# -- 4. readable screens ---------------------------------------------------------------

LONG = SCALE.guidance + " " + " ".join(["It also counts when the plan is funded."] * 30)


def screen_lines(view: QuestionView, height: int, width: int = 80) -> list[str]:
    out = io.StringIO()
    con = render.console(out, width=width)
    con.height = height
    con.print(render.question_screen(view, con, fit=True))
    return out.getvalue().splitlines()


@pytest.mark.parametrize(("width", "height"), [(80, 24), (60, 20)])
def test_long_guidance_never_pushes_the_question_off_a_small_screen(
    width: int, height: int
) -> None:
    view = replace(SCALE, guidance=LONG)
    lines = screen_lines(view, height, width)
    prompt = len(view.choices) + 2 + 4
    assert len(lines) + prompt <= height
    assert "press g for the full guidance" in " ".join(" ".join(lines).split())
    assert lines[-1] == view.text


def test_guidance_modes_and_the_g_screen() -> None:
    short = screen_lines(replace(SCALE, guidance=LONG, guidance_mode="short"), 60)
    assert "  A plan in force, adopted by government." in short
    assert not any("funded" in line for line in short)
    off = screen_lines(replace(SCALE, guidance=LONG, guidance_mode="off"), 60)
    assert not any("A plan in force" in line or "References" in line for line in off)
    shown = render.guidance_screen(replace(SCALE, guidance=LONG))
    assert shown[1] == (LONG, "") and shown[2][0].startswith("References: ")


def test_no_dim_text_and_high_contrast_has_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for theme, colour_allowed in (("normal", True), ("high-contrast", False)):
        out = io.StringIO()
        # As on a real terminal: escapes for every style.
        con = Console(
            file=out, width=80, force_terminal=True, color_system="standard",
            theme=Theme(render.THEMES[theme]),
        )  # fmt: skip
        view = replace(SCALE, critical=True, red_flag=True, default="partly", problem="x")
        con.print(render.question_screen(view, con))
        con.print(render.category_summary(Tally("PL", "Planning", answered=1)))
        text = out.getvalue()
        assert "\x1b[" in text, "styled output"
        assert "\x1b[2m" not in text and ";2m" not in text, f"dim text in {theme}"
        colours = [f"\x1b[{n}m" for n in range(31, 38)] + [f";{n}m" for n in range(31, 38)]
        assert any(c in text for c in colours) == colour_allowed, theme


def test_high_contrast_theme_honours_no_color(tmp_path: Path) -> None:
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", "--theme", "high-contrast",
        cwd=tmp_path, stdin="Examplestan\nMinistry\n\n\nq\n",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "\x1b[" not in result.out
    assert "★" not in result.out and "─" not in result.out


def test_plain_mode_has_no_rules_reads_guidance_once_and_wraps_with_indent(
    tmp_path: Path,
) -> None:
    replies = [("PL1.1", "?"), ("PL1.1", "9"), *WORKSHOP_REPLIES[:1], ("PL1.2", "q")]
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path, stdin=piped(replies)
    )
    out = result.out
    assert not any(ch in out for ch in "─━›★·"), "no decorative lines or symbols"
    assert out.count("Guidance: A national action plan") == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    first = lines.index(next(line for line in lines if line.startswith("  1. Not in place")))
    assert lines[first + 1].startswith("     ") and lines[first + 1].strip()


def test_guidance_choice_is_remembered_in_the_file(tmp_path: Path) -> None:
    stdin = "Examplestan\nMinistry\n\n\nq\n"
    first = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", "--guidance", "off",
        cwd=tmp_path, stdin=stdin,
    )  # fmt: skip
    assert first.code == 0, first.err
    assert "Guidance:" not in first.out
    saved = load_answers(tmp_path / "w.yaml").answers
    assert saved.settings is not None and saved.settings.guidance == "off"
    again = run_process("assess", "w.yaml", cwd=tmp_path, stdin="q\n")
    assert "Guidance:" not in again.out and "References:" not in again.out
    short = run_process("assess", "w.yaml", "--guidance", "short", cwd=tmp_path, stdin="q\n")
    assert "Guidance: A national action plan sets out what the government" in short.out
    assert "formally extended" not in short.out


def test_the_resume_command_is_never_broken_across_lines(tmp_path: Path) -> None:
    name = "a-rather-long-name-for-the-answers-file-of-my-country.yaml"
    result = run_process("assess", name, "--bank", "workshop-demo", cwd=tmp_path,
                         stdin="Examplestan\nMinistry\n\n\nq\n")  # fmt: skip
    assert f"\n  roadmap assess {name}\n" in result.err


# -- 5. help and markers ---------------------------------------------------------------


def test_help_markers_notes_and_the_flagged_suggestion(tmp_path: Path) -> None:
    notes = {"PX1.1": ["f", "Shelters closed in 2025"]}
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path,
        stdin=piped(WORKSHOP_REPLIES, notes),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "PX1.1. Practices" in result.out
    assert "Red flag question." in result.out
    assert "1 flagged for review; walk them with:\n  roadmap assess w.yaml --flagged" in result.err
    review = run_process("assess", "w.yaml", "--flagged", cwd=tmp_path, stdin="q\n")
    assert "Flagged for review: Shelters closed in 2025" in review.out


def test_a_text_answer_of_a_lone_question_mark_needs_a_backslash(tmp_path: Path) -> None:
    replies = [*WORKSHOP_REPLIES[:-1], ("PX2.1", "?"), ("PX2.1", "\\?")]
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path, stdin=piped(replies)
    )
    assert result.code == 0, result.err
    assert "Help for PX2.1" in result.out
    assert load_answers(tmp_path / "w.yaml").answers.answers["PX2.1"].value == "?"


# -- 6. counts agree -------------------------------------------------------------------


def test_the_end_of_category_line_and_its_table_agree(tmp_path: Path) -> None:
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path,
        stdin=piped(WORKSHOP_REPLIES),
    )  # fmt: skip
    assert "End of Principles: 3 of 3 done: 2 answered, 1 don't know." in result.out
    assert (
        "Principles: 2 answered, 1 don't know, 0 not applicable, 0 flagged, 0 unanswered."
        in result.out
    )
    tally = Tally("PR", "Principles", answered=2, dont_know=1)
    assert render.counted(tally) == "3 of 3 done: 2 answered, 1 don't know"


# -- 7. unicode digits and closed streams ----------------------------------------------


def test_non_ascii_digits_are_refused_with_a_clear_reprompt(tmp_path: Path) -> None:
    replies = [*WORKSHOP_REPLIES[:3], ("PL2.1", "²"), ("PL2.1", "٣"), ("PL2.1", "①")]
    replies += [("PL2.1", "2"), ("PR1.1", "²"), ("PR1.1", "q")]
    result = run_process(
        "assess", "w.yaml", "--bank", "workshop-demo", cwd=tmp_path, stdin=piped(replies)
    )
    assert result.code == 0, result.err
    assert "Traceback" not in result.out + result.err
    said = " ".join(result.out.split())
    assert "'٣' is not a number" in said and "type it with the digits 0-9" in said
    assert "'²' is not one of the numbers 1-4." in result.out
    assert load_answers(tmp_path / "w.yaml").answers.answers["PL2.1"].value == 2


@pytest.mark.skipif(sys.platform == "win32", reason="closes descriptors with a POSIX shell")
@pytest.mark.parametrize(("redirect", "which"), [("<&-", "input"), (">&-", "output")])
def test_a_closed_stdin_or_stdout_is_one_clear_line(
    tmp_path: Path, redirect: str, which: str
) -> None:
    command = f'"{sys.executable}" -m roadmap_cli assess w.yaml {redirect} 2>err.txt'
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    proc = subprocess.run(["sh", "-c", command], cwd=tmp_path, env=env, timeout=60)
    err = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert proc.returncode == 1
    assert err.splitlines()[0] == (
        f"roadmap: standard {which} is closed, so the interview cannot run"
    )
    assert "Traceback" not in err


# -- 8. the bank version ---------------------------------------------------------------


def test_a_file_from_another_bank_version_is_announced_first(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(COMMENTED.replace("version: 1.0.0", "version: 0.9.0"), encoding="utf-8")
    result = run_process("assess", "w.yaml", cwd=tmp_path, stdin="q\n")
    said = " ".join(result.out.split())
    first = said.index("was answered with version 0.9.0 of the bank workshop-demo")
    assert first < said.index("Question ")
    assert "check the file with: roadmap validate w.yaml" in said
