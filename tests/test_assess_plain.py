"""``roadmap assess --plain`` run in this process: what a person types and what they see.

The piped and pseudo-terminal tests (test_assess_terminal.py, test_interview_no_loss.py)
run the real program in a subprocess; these feed replies to standard input in this
process, for the prompts, refusals and stops that those leave out.
"""

from __future__ import annotations

import copy
import errno
import io
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_cli.answers.model import load_answers
from roadmap_cli.file_lock import AnswersLock
from roadmap_cli.terminal import shell_word
from tests.conftest import CORPUS, Cli, Result
from tests.scoring_helpers import MINI, write_answers, write_bank

WHO = ["Examplestan", "Ministry", "", ""]  # country, organisation, no name, no role


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini bank (tests/scoring_helpers.py) in the working folder."""
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    return tmp_path


def typed(cli: Cli, monkeypatch: pytest.MonkeyPatch, replies: list[str], *args: object) -> Result:
    """``roadmap assess ARGS --plain`` with ``replies`` typed, one a line."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{r}\n" for r in replies)))
    return cli("assess", *args, "--plain")


def unsaid(text: str, *phrases: str) -> list[str]:
    """The ``phrases`` that ``text`` lacks (none, when all were said), however it was wrapped."""
    said = " ".join(text.split())
    return [phrase for phrase in phrases if phrase not in said]


def saved(path: Path) -> dict[str, object]:
    """The values in an answers file, by question id."""
    return load_answers(path).answers.values()


def two_language_bank(folder: Path) -> Path:
    """The mini bank in English and French, with a description and bounded numbers."""
    data: dict[str, Any] = copy.deepcopy(MINI)
    data["languages"] = ["en", "fr"]
    data["description"] = "A bank for the tests."
    partners = data["categories"][0]["sections"][1]["questions"]
    partners[1]["number"] = {"min": 0, "integer": True, "unit": "years"}
    partners.append({"id": "A2.3", "text": "Share?", "type": "number", "number": {"max": 5}})
    path = folder / "bilingual.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# -- before the file exists ---------------------------------------------------------------


def test_q_at_the_first_prompt_creates_nothing(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = typed(cli, monkeypatch, ["q"], "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    assert result.err == "Quit before anything was saved; w.yaml was not created.\n"
    assert not (here / "w.yaml").exists()


def test_input_that_ends_before_the_file_exists_stops_with_130(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = typed(cli, monkeypatch, ["Examplestan"], "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 130
    assert result.err == "Stopped before anything was saved; w.yaml was not created.\n"
    assert sorted(p.name for p in here.iterdir()) == ["mini-bank.yaml"]


def test_the_cover_details_explain_themselves_and_the_language_is_chosen(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = two_language_bank(here)
    replies = ["?", "", "Examplestan", "\\q", "", "Officer", "de", "fr", "q"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "-b", bank)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["New assessment: Mini bank", "A bank for the tests."]
    assert not unsaid(
        result.out,
        "These details go on the report's cover.",
        "This is needed for the report; please type it.",
        "Language (en, fr) [en]: de Choose one of: en, fr",
    )
    assessment = load_answers(here / "w.yaml").answers.assessment
    assert (assessment.country, assessment.organisation) == ("Examplestan", "q")
    assert (assessment.assessor, assessment.role, assessment.language) == (None, "Officer", "fr")


# -- at a question ------------------------------------------------------------------------


def test_refused_replies_say_why_and_ask_again(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replies = [*WHO, "1 2", "\\s", "", "6", "2", "", "q"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    refusals = [
        "Answer (1-5; ? help, g guidance, q quit): 1 2",
        "Choose one number.",
        "Answer (1-5; ? help, g guidance, q quit): \\s",
        "A backslash makes a command letter a text answer.",
        "Answer (1-5; ? help, g guidance, q quit): ",
        "Type an answer, or s to skip for now (? for help).",
        "Answer (1-5; ? help, g guidance, q quit): 6",
        "'6' is not one of the numbers 1-5.",
    ]
    lines = result.out.splitlines()
    start = lines.index(refusals[0])
    assert lines[start : start + len(refusals)] == refusals
    assert saved(here / "w.yaml") == {"A1.1": "partly"}


def test_jump_overview_back_and_skip(cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replies = [*WHO, "j", "", "j", "9", "J b", "o", "b", "s", "dk", "", "q"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    out = result.out
    assert "   1  Planning (A)\n   2  Practice (B)\n" in out
    assert "No category '9'; categories: A, B." in out
    asked = re.findall(r"^Question \d+ of 7, (\S+)\. ", out, re.MULTILINE)
    # Enter at "which category" and an unknown one stay at A1.1; "J b" goes to B1.1; the
    # overview asks B1.1 again; back returns to A1.1, which is skipped for A2.1.
    assert asked == ["A1.1", "B1.1", "B1.1", "A1.1", "A2.1", "A2.2"]
    assert "Progress: 0 of 7 done: 0 answered, 7 unanswered." in out
    assert "Practice: 0 answered, 0 don't know, 0 not applicable, 0 flagged, 4 unanswered." in out
    assert saved(here / "w.yaml") == {"A2.1": "dont-know"}


def test_number_prompts_name_their_bounds_and_unit(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = two_language_bank(here)
    replies = [*WHO, "en", "s", "s", "x", "4", "", "6", "5", "", "q"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "-b", bank)
    assert result.code == 0, result.err
    assert not unsaid(
        result.out,
        "Answer (a whole number, at least 0 years, dk / na; ? help",
        "'x' is not a number (a whole number, at least 0 years).",
        "Answer (a number, at most 5, dk / na; ? help",
        "Not accepted: 6 is above the maximum 5",
    )
    assert saved(here / "w.yaml") == {"A2.2": 4, "A2.3": 5}


# -- after an answer ----------------------------------------------------------------------


def test_the_note_and_flag_prompt_explains_refuses_and_records(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replies = [*WHO, "3", "x", "?", "f", "Dates?", "n", "A note", "Paper 1; ; Paper 2", ""]
    replies += ["2", "n", "q"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    assert not unsaid(
        result.out,
        "q: quit: x Press Enter, or type n, f or q.",
        "Enter goes to the next question. n adds or changes a note and evidence",
        "Flagged for review. Reason for the flag (optional, Enter skips): Dates?",
        "f: remove the review flag, q: quit:",
    )
    answers = load_answers(here / "w.yaml").answers.answers
    first = answers["A1.1"]
    assert (first.value, first.note, first.evidence) == ("yes", "A note", ["Paper 1", "Paper 2"])
    assert (first.flagged, first.flag_reason) == (True, "Dates?")
    # q at the note prompt quits, and keeps the answer it follows.
    assert answers["A1.2"].value == "partly"
    assert result.err.startswith("Saved 2 of 8 answers to w.yaml. Resume with:\n")


def test_the_flagged_walk_removes_a_flag_and_the_review_keeps_answers(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(here / "w.yaml", {"A1.1": "yes", "A2.1": ["x"]})
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 'yes'", "value: 'yes'\n    flagged: true"), "utf-8")
    flagged = typed(cli, monkeypatch, ["", "f", ""], "w.yaml", "-b", "mini-bank.yaml", "--flagged")
    assert flagged.code == 0, flagged.err
    assert "Review flag removed." in flagged.out
    assert load_answers(path).answers.answers["A1.1"].flagged is False
    review = typed(
        cli, monkeypatch, ["", "", "", "", "q"], "w.yaml", "--review", "-b", "mini-bank.yaml"
    )
    assert review.code == 0, review.err
    assert "Enter keeps the current answer; ? help" in review.out
    assert saved(path) == {"A1.1": "yes", "A2.1": ["x"]}


def test_the_review_shows_what_is_kept_and_the_hidden_answer(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(here / "w.yaml", {"A1.1": "no", "A1.2": "yes", "A2.1": ["x"]})
    notes = "value: 'no'\n    note: Draft only\n    evidence: [Memo 4, Memo 5]"
    path.write_text(path.read_text("utf-8").replace("value: 'no'", notes), "utf-8")
    replies = ["o", "", "", "?", "q"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "--review", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    start = lines.index("Current answer: No")
    assert lines[start : start + 3] == [
        "Current answer: No",
        "Note: Draft only",
        "Evidence: Memo 4; Memo 5",
    ]
    # A1.2 stays in the file, hidden while A1.1 is "no": the overview says it does not count.
    assert not unsaid(
        result.out,
        "Progress: 2 of 7 done: 2 answered, 5 unanswered.",
        "1 answer to a follow-up question that is now hidden stays in the file but does not count.",
        "Help for A2.1 Type the numbers of every option that applies, e.g. 1 3 4.",
    )
    assert saved(path) == {"A1.1": "no", "A1.2": "yes", "A2.1": ["x"]}


def test_a_finished_walk_says_what_is_left_and_what_comes_next(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replies = [*WHO, "3", "f", "", "", "s", "1", "", "2", "", "1", "", "3", "", "2", "", "s"]
    result = typed(cli, monkeypatch, replies, "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "Saved 6 of 8 answers to w.yaml.",
        "2 still unanswered; answer them with:",
        "  roadmap assess w.yaml --bank mini-bank.yaml",
        "1 flagged for review; walk them with:",
        "  roadmap assess w.yaml --bank mini-bank.yaml --flagged",
        "Next, check the file, then make the report:",
        "  roadmap validate w.yaml",
        "  roadmap report w.yaml",
    ]


# -- refused before the first question -----------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [("--guidance", "loud", "choose full, short or off"), ("--theme", "dark", "choose normal")],
)
def test_a_bad_guidance_or_theme_is_a_usage_error(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch, option: str, value: str, said: str
) -> None:
    result = typed(cli, monkeypatch, [], "w.yaml", option, value)
    assert result.code == 2
    assert said in result.err
    assert not (here / "w.yaml").exists()


def test_a_folder_a_missing_folder_or_a_closed_input_is_refused(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (here / "sub").mkdir()
    folder = typed(cli, monkeypatch, [], "sub")
    assert folder.err.splitlines()[0] == "roadmap: sub is a folder"
    nowhere = Path("nowhere")
    missing = typed(cli, monkeypatch, [], nowhere / "w.yaml")
    # The lock file beside it is made first, so that is what cannot be created.
    assert missing.err.startswith(
        f"roadmap: {nowhere / 'w.yaml'}: cannot create the lock file {nowhere / '.w.yaml.lock'}: "
    )
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    shut = cli("assess", "w.yaml", "--plain")
    assert shut.err.splitlines()[0] == (
        "roadmap: standard input is closed, so the interview cannot run"
    )
    assert (folder.code, missing.code, shut.code) == (1, 1, 1)
    assert not (here / "w.yaml").exists()


def test_a_file_open_in_another_session_is_refused(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(here / "w.yaml", {"A1.1": "yes"})
    before = path.read_bytes()
    with AnswersLock(path):
        result = typed(cli, monkeypatch, ["1", "q"], "w.yaml", "-b", "mini-bank.yaml")
    assert result.code == 1
    assert result.err.startswith("roadmap: w.yaml is open in another roadmap session (process ")
    assert path.read_bytes() == before


def test_the_resume_command_quotes_a_name_with_a_space(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = typed(cli, monkeypatch, [*WHO, "q"], "my country.yaml", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    # Quoted the way this system's shell reads it ('…' here, "…" in cmd on Windows).
    assert f"  roadmap assess {shell_word('my country.yaml')} --bank mini-bank.yaml\n" in (
        result.err
    )
    assert shell_word("my country.yaml") != "my country.yaml"


def test_a_stopped_walk_of_one_category_resumes_that_category(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = typed(
        cli, monkeypatch, [*WHO, "q"], "w.yaml", "-b", "mini-bank.yaml", "-c", "B", "-c", "A"
    )
    assert result.code == 0, result.err
    last = result.err.splitlines()[-1]
    assert last == "  roadmap assess w.yaml --bank mini-bank.yaml --category B --category A"


def test_a_stopped_flagged_walk_resumes_the_flagged_answers_while_some_are_left(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(here / "w.yaml", {"A1.1": "yes", "A1.2": "no"})
    text = path.read_text(encoding="utf-8")
    for value in ("value: 'yes'", "value: 'no'"):
        text = text.replace(value, f"{value}\n    flagged: true")
    path.write_text(text, "utf-8")
    # Unflag the first, then quit at the second: one flag is left.
    result = typed(
        cli, monkeypatch, ["", "f", "", "q"], "w.yaml", "-b", "mini-bank.yaml", "--flagged"
    )
    assert result.code == 0, result.err
    assert [a.flagged for a in load_answers(path).answers.answers.values()] == [False, True]
    assert result.err.splitlines()[-1] == "  roadmap assess w.yaml --bank mini-bank.yaml --flagged"
    # Unflag the second too: nothing flagged is left, so the usual walk is what remains.
    result = typed(cli, monkeypatch, ["", "f", "q"], "w.yaml", "-b", "mini-bank.yaml", "--flagged")
    assert not any(a.flagged for a in load_answers(path).answers.answers.values())
    assert "--flagged" not in result.err.splitlines()[-1]


# -- --migrate ----------------------------------------------------------------------------


def test_migrate_needs_an_existing_file(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = typed(cli, monkeypatch, [], "w.yaml", "-b", "mini-bank.yaml", "--migrate")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "roadmap: w.yaml does not exist, so there is nothing to migrate"
    )
    assert not (here / "w.yaml").exists()


def test_migrate_with_nothing_to_move_says_so_and_walks_on(
    cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(here / "w.yaml", {"A1.1": "yes"})
    result = typed(cli, monkeypatch, ["2", "q"], "w.yaml", "-b", "mini-bank.yaml", "--migrate")
    assert result.code == 0, result.err
    assert result.out.startswith("w.yaml is already at version 1.0.0 of its bank.\n")
    assert saved(path) == {"A1.1": "yes", "A1.2": "partly"}
    assert sorted(p.name for p in here.iterdir()) == ["mini-bank.yaml", "w.yaml"]


def test_migrate_with_only_asks_just_that_question(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = CORPUS / "migration-bank"
    monkeypatch.chdir(tmp_path)
    shutil.copy(bank / "answers" / "full-1.0.0.yaml", tmp_path / "full.yaml")
    args = ("full.yaml", "-b", bank, "--migrate", "--only", "PO1.1", "--no-notes")
    result = typed(cli, monkeypatch, ["1"], *args)
    assert result.code == 0, result.err
    assert not unsaid(
        result.out,
        "Moved full.yaml from version 1.0.0 to 2.0.0 of its bank",
        "(the old file is kept as full.yaml.1.0.0.bak)",
        "Questions that need a new answer: 5.",
    )
    assert re.findall(r"^Question \d+ of \d+, (\S+)\. ", result.out, re.MULTILINE) == ["PO1.1"]
    data = load_answers(tmp_path / "full.yaml").answers
    assert data.bank.version == "2.0.0"
    assert data.answers["PO1.1"].value == "none"  # option 1, "Not covered"
    assert (tmp_path / "full.yaml.1.0.0.bak").is_file()


# -- the terminal goes away -----------------------------------------------------------------


class VanishingInput:
    """Standard input that gives ``lines``, then fails as a lost terminal does."""

    closed = False

    def __init__(self, lines: list[str], error: Exception) -> None:
        self.lines = lines
        self.error = error

    def isatty(self) -> bool:
        """Not a terminal: the plain asker is chosen."""
        return False

    def readline(self) -> str:
        """The next line, or ``error`` once the lines are used up."""
        if not self.lines:
            raise self.error
        return self.lines.pop(0)


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (
            OSError(errno.EIO, "Input/output error"),
            130,
            [
                "Saved 1 of 7 answers to w.yaml. Resume with:",
                "  roadmap assess w.yaml --bank mini-bank.yaml",
            ],
        ),
        (
            ValueError("I/O operation on closed file."),
            1,
            [
                "roadmap: standard input or output was closed during the interview",
                "hint: 1 of 7 answers are saved in w.yaml. "
                "Resume with: roadmap assess w.yaml --bank mini-bank.yaml",
            ],
        ),
    ],
    ids=["closed-window", "closed-stream"],
)
def test_a_lost_terminal_keeps_what_was_saved(
    cli: Cli,
    here: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    code: int,
    said: list[str],
) -> None:
    path = write_answers(here / "w.yaml", {})
    monkeypatch.setattr(sys, "stdin", VanishingInput(["1\n", "\n"], error))
    result = cli("assess", "w.yaml", "--plain", "-b", "mini-bank.yaml")
    assert result.code == code
    assert result.err.splitlines() == said
    assert saved(path) == {"A1.1": "no"}
