"""``roadmap assess FILE --conflicts``: the officer chooses between merged files' answers.

Each test merges two agencies' parts of the Veloria example (PL1.1 answered differently,
and in some tests PO2.1 too), then walks the conflicts with the plain asker and typed
replies, or with a scripted asker that cannot offer the choice.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from roadmap_cli.answers.model import Answer, AnswersFile, load_answers, save_answers
from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import EXIT_CANCELLED
from roadmap_cli.interview.engine import Options
from roadmap_cli.interview.plain import PlainAsker
from roadmap_cli.interview.render import console
from roadmap_cli.interview.session import SessionResult, assess
from roadmap_cli.terminal import shell_word
from tests.conftest import Cli, Result, run_process
from tests.test_interview_engine import Script
from tests.test_merge import VELORIA, category, part


def merged(cli: Cli, folder: Path, *, two: bool = False) -> Path:
    """A merge of two agencies' files with PL1.1 (and with ``two`` also PO2.1) in conflict."""
    extra = {"PL1.1": Answer(value="dont-know", note="The labour plan is still in draft.")}
    if two:
        extra["PO2.1"] = Answer(value="in-place", evidence=["Referral SOPs 2026"])
    part(VELORIA, folder / "committee.yaml", lambda q: category(q) in ("PL", "PR") or q == "PO2.1")
    part(
        VELORIA,
        folder / "labour.yaml",
        lambda q: category(q) not in ("PL", "PR"),
        extra,
        organisation="Ministry of Labour",
        assessor="B. Tanaka",
    )
    target = folder / "merged.yaml"
    result = cli("merge", folder / "committee.yaml", folder / "labour.yaml", "-o", target)
    assert result.code == 0, result.err
    return target


def walk(path: Path, replies: Iterable[str]) -> tuple[SessionResult, str]:
    """Run ``assess PATH --conflicts`` with the plain asker reading ``replies``."""
    screen = io.StringIO()
    feed = iter(replies)

    def read(prompt: str) -> str:
        screen.write(prompt + "\n")
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None  # input ends, as when a pipe closes

    asker = PlainAsker(console(screen, width=80), read)
    result = assess(path, None, Options(conflicts=True), asker=asker)
    return result, screen.getvalue()


def saved(path: Path) -> AnswersFile:
    return load_answers(path).answers


def test_choosing_a_version_saves_it_whole_and_ends_the_conflict(cli: Cli, tmp_path: Path) -> None:
    path = merged(cli, tmp_path)
    result, screen = walk(path, ["2", ""])
    assert result.status == "finished"
    assert "PL1.1 was answered differently by 2 merged files" in screen
    assert "1. committee.yaml (National Committee against Trafficking in Persons" in screen
    assert "2. labour.yaml (Ministry of Labour, B. Tanaka): don't know" in screen
    assert "Note: The labour plan is still in draft." in screen
    after = saved(path)
    assert after.answers["PL1.1"].value == "dont-know"
    assert after.answers["PL1.1"].note == "The labour plan is still in draft."
    assert after.conflicts == {}
    assert cli("validate", path).err == ""  # no warning left


def test_skip_and_quit_leave_the_conflict_and_every_version(cli: Cli, tmp_path: Path) -> None:
    path = merged(cli, tmp_path)
    before = saved(path)
    result, _ = walk(path, ["s"])
    assert result.status == "finished"
    assert saved(path).conflicts == before.conflicts
    assert "PL1.1" not in saved(path).answers
    result, _ = walk(path, ["q"])
    assert result.status == "quit"
    assert saved(path) == before


def test_a_new_answer_goes_through_the_question_prompt(cli: Cli, tmp_path: Path) -> None:
    path = merged(cli, tmp_path)
    result, screen = walk(path, ["n", "3", ""])  # option 3 of PL1.1's scale
    assert result.status == "finished"
    assert "Answer (1-" in screen
    after = saved(path)
    third = list(load_bank("workshop-demo").bank.option_index["PL1.1"])[2]
    assert after.answers["PL1.1"].value == third
    assert after.answers["PL1.1"].note is None  # a new answer carries no file's note
    assert after.conflicts == {}


def test_a_stop_keeps_what_was_resolved_and_the_rest_stays_in_conflict(
    cli: Cli, tmp_path: Path
) -> None:
    path = merged(cli, tmp_path, two=True)
    assert list(saved(path).conflicts) == ["PL1.1", "PO2.1"]
    result, _ = walk(path, ["1", ""])  # input ends at the second conflict
    assert result.status == "stopped"
    after = saved(path)
    assert after.answers["PL1.1"].value == "partly"
    assert list(after.conflicts) == ["PO2.1"]
    assert len(after.conflicts["PO2.1"]) == 2


def test_an_asker_without_the_choice_is_told_every_version(cli: Cli, tmp_path: Path) -> None:
    from roadmap_cli.interview.model import Give

    path = merged(cli, tmp_path)
    script = Script([Give("dont-know")])
    assess(path, None, Options(conflicts=True), asker=script)
    told = next(n for n in script.notices if "answered differently" in n)
    assert "1. committee.yaml (National Committee" in told
    assert "2. labour.yaml (Ministry of Labour, B. Tanaka): don't know" in told
    assert saved(path).answers["PL1.1"].value == "dont-know"
    assert saved(path).conflicts == {}


def test_plain_mode_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    path = merged(cli, tmp_path)
    result = run_process("assess", path.name, "--conflicts", "--plain", cwd=tmp_path, stdin="1\n\n")
    assert result.code == 0, result.err
    assert "Choose (1-2: keep that answer, n: give a new answer, s: skip, q: quit" in result.out
    assert saved(path).answers["PL1.1"].value == "partly"
    assert saved(path).conflicts == {}


def test_conflicts_needs_an_existing_file(tmp_path: Path) -> None:
    result = run_process("assess", "new.yaml", "--conflicts", "--plain", cwd=tmp_path, stdin="")
    assert result.code == 1
    assert "new.yaml does not exist yet" in result.err


@pytest.mark.parametrize("mode", [Options(), Options(only=("PL1.1",))])
def test_any_walk_that_reaches_a_conflict_shows_the_versions(
    cli: Cli, tmp_path: Path, mode: Options
) -> None:
    path = merged(cli, tmp_path)
    screen = io.StringIO()
    replies = iter(["s", "q"])
    asker = PlainAsker(console(screen, width=80), lambda prompt: next(replies))
    assess(path, None, mode, asker=asker)
    assert "PL1.1 was answered differently by 2 merged files" in screen.getvalue()
    assert "PL1.1" in saved(path).conflicts


def test_an_editor_change_meanwhile_keeps_the_conflicts_not_yet_resolved(
    cli: Cli, tmp_path: Path
) -> None:
    path = merged(cli, tmp_path, two=True)
    replies = iter(["1", "", "s"])
    edited = False

    def read(prompt: str) -> str:
        nonlocal edited
        if not edited:  # someone edits another answer while the officer reads
            edited = True
            now = saved(path)
            note = now.answers["PR1.2"].model_copy(update={"note": "Edited meanwhile."})
            save_answers(path, now.model_copy(update={"answers": {**now.answers, "PR1.2": note}}))
        return next(replies)

    result = assess(
        path, None, Options(conflicts=True), asker=PlainAsker(console(io.StringIO()), read)
    )
    assert result.status == "finished"
    after = saved(path)
    assert after.answers["PR1.2"].note == "Edited meanwhile."
    assert after.answers["PL1.1"].value == "partly"
    assert list(after.conflicts) == ["PO2.1"]


def test_resolving_conflicts_keeps_the_comments_a_person_wrote(cli: Cli, tmp_path: Path) -> None:
    path = merged(cli, tmp_path, two=True)
    text = path.read_text(encoding="utf-8")
    text = text.replace("answers:\n", "answers:\n# Checked with the task force on 3 March.\n", 1)
    text = text.replace("conflicts:\n", "conflicts:\n# Labour to confirm by Friday.\n", 1)
    path.write_text(text, encoding="utf-8")
    walk(path, ["2", ""])  # PL1.1: keep labour's answer; PO2.1 waits (input ends)
    after = path.read_text(encoding="utf-8")
    assert "# Checked with the task force on 3 March.\n" in after
    assert "# Labour to confirm by Friday.\n" in after  # PO2.1 is still in conflict
    assert list(saved(path).conflicts) == ["PO2.1"]
    walk(path, ["1", ""])  # PO2.1: the last conflict, so the block goes
    after = path.read_text(encoding="utf-8")
    assert "# Checked with the task force on 3 March.\n" in after
    assert saved(path).conflicts == {}
    assert "\nconflicts:" not in after


def test_validate_warns_of_a_version_that_cannot_be_kept(cli: Cli, tmp_path: Path) -> None:
    path = merged(cli, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "    value: dont-know\n" in text.split("conflicts:")[1]
    head, block = text.split("conflicts:")
    path.write_text(
        head + "conflicts:" + block.replace("value: dont-know", "value: maybe"), "utf-8"
    )
    result = cli("validate", path)
    assert result.code == 0, result.err  # a warning: the conflict is still the officer's
    line = next(x for x in result.err.splitlines() if "cannot be kept" in x)
    assert line.startswith(f"{path}:")
    assert "PL1.1: the version from labour.yaml cannot be kept as it is ('maybe' is not" in line


def resume_line(cli: Cli, monkeypatch: pytest.MonkeyPatch, replies: str, *args: str) -> Result:
    """``roadmap assess ARGS --plain`` in this process with ``replies`` typed."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(replies))
    return cli("assess", *args, "--plain")


@pytest.mark.parametrize(
    ("replies", "code"),
    [("q\n", 0), ("1\n\n", EXIT_CANCELLED)],  # quit; input ends at the second conflict
)
def test_a_conflicts_walk_stopped_early_says_how_to_carry_on_with_the_conflicts(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replies: str, code: int
) -> None:
    (tmp_path / "parts").mkdir()
    merged(cli, tmp_path / "parts", two=True).rename(tmp_path / "merged file.yaml")
    monkeypatch.chdir(tmp_path)
    result = resume_line(cli, monkeypatch, replies, "merged file.yaml", "--conflicts")
    assert result.code == code, result.err
    lines = result.err.splitlines()
    assert lines[-1] == f"  roadmap assess {shell_word('merged file.yaml')} --conflicts"
    assert lines[-2].endswith("answers to merged file.yaml. Resume with:")
    assert saved(tmp_path / "merged file.yaml").conflicts  # what the line promises is there


def test_a_conflicts_walk_stopped_after_the_last_conflict_resumes_as_usual(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merged(cli, tmp_path)
    monkeypatch.chdir(tmp_path)
    # PL1.1: keep the committee's answer, then quit at the note that follows it.
    result = resume_line(cli, monkeypatch, "1\nq\n", "merged.yaml", "--conflicts")
    assert saved(tmp_path / "merged.yaml").conflicts == {}
    assert result.err.splitlines()[-1] == "  roadmap assess merged.yaml"


def test_a_usual_walk_of_a_merged_file_resumes_without_conflicts(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merged(cli, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = resume_line(cli, monkeypatch, "q\n", "merged.yaml")
    assert result.code == 0, result.err
    assert "PL1.1" in saved(tmp_path / "merged.yaml").conflicts
    assert result.err.splitlines()[-1] == "  roadmap assess merged.yaml"
