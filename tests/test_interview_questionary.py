"""The arrow-key asker, driven in-process through prompt_toolkit pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from roadmap_cli.answers.model import load_answers
from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.store import load_bank
from roadmap_cli.interview.arrows import ArrowAsker
from roadmap_cli.interview.engine import walk
from roadmap_cli.interview.model import (
    ChoiceView,
    Details,
    Give,
    Go,
    Metadata,
    MetadataRequest,
    NumberView,
    QuestionView,
)
from roadmap_cli.interview.render import console
from tests.conftest import FIXTURE_BANK
from tests.interview_views import SCALE

DOWN, UP, ENTER, SPACE, CTRL_C, BACKSPACE = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x7f"

MULTI = QuestionView(
    **{
        **SCALE.__dict__,
        "id": "PO1.1",
        "kind": "multi",
        "choices": (
            ChoiceView("sexual", "Sexual exploitation"),
            ChoiceView("labour", "Forced labour"),
            ChoiceView("none", "None of these", exclusive=True),
        ),
    }
)
NUMBER = QuestionView(
    **{
        **SCALE.__dict__,
        "id": "PO1.2",
        "kind": "number",
        "choices": (),
        "number": NumberView(0, 50),
    }
)
TEXT = QuestionView(
    **{**SCALE.__dict__, "id": "PO1.4", "kind": "text", "choices": (), "offers_na": False}
)


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def make(pipe: PipeInput) -> tuple[ArrowAsker, io.StringIO]:
    screen = io.StringIO()
    return ArrowAsker(console(screen, width=80), input=pipe, output=DummyOutput()), screen


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (ENTER, Give("not-in-place")),
        (DOWN + ENTER, Give("partly")),
        (DOWN + DOWN + UP + ENTER, Give("partly")),
        ("3" + ENTER, Give("in-place")),
        ("4" + ENTER, Give(DONT_KNOW)),
        ("5" + ENTER, Give(NOT_APPLICABLE)),
        ("b", Go("back")),
        ("s", Go("skip")),
        ("o", Go("overview")),
        ("q", Go("quit")),
        ("j" + "2" + ENTER, Go("jump", "PO")),
    ],
)
def test_list_keys(pipe: PipeInput, keys: str, expected: object) -> None:
    asker, _ = make(pipe)
    pipe.send_text(keys)
    assert asker.question(SCALE) == expected


def test_question_screen_shows_everything(pipe: PipeInput) -> None:
    asker, screen = make(pipe)
    pipe.send_text(ENTER)
    asker.question(QuestionView(**{**SCALE.__dict__, "default": "partly", "critical": True}))
    shown = screen.getvalue()
    for part in (
        "Planning › Plan",
        "Question 1 of 5 · Planning 1 of 1 (0 done) · PL1.1  ★ critical",
        "A plan in force, adopted by government.",
        "References: Trafficking in Persons Protocol Art. 9(1)",
        "Is there a national action plan?",
        "Current answer: Partly in place",
    ):
        assert part in shown
    assert all(len(line) <= 80 for line in shown.splitlines())


def test_current_answer_is_the_default(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text(ENTER)
    assert asker.question(QuestionView(**{**SCALE.__dict__, "default": "in-place"})) == Give(
        "in-place"
    )


def test_jump_can_be_cancelled(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text("j" + "3" + ENTER + "q")  # "Stay on this question", then quit
    assert asker.question(SCALE) == Go("quit")


def test_checkboxes(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text(SPACE + DOWN + SPACE + ENTER)
    assert asker.question(MULTI) == Give(["sexual", "labour"])


def test_checkboxes_keep_ticks_and_navigate(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text(ENTER)
    assert asker.question(QuestionView(**{**MULTI.__dict__, "default": ["labour"]})) == Give(
        ["labour"]
    )
    pipe.send_text("b")
    assert asker.question(MULTI) == Go("back")


def test_nothing_ticked_offers_dont_know_and_navigation(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text(ENTER + ENTER)
    assert asker.question(MULTI) == Give(DONT_KNOW)
    pipe.send_text(ENTER + DOWN + DOWN + ENTER + SPACE + ENTER)  # "Tick an answer", then tick
    assert asker.question(MULTI) == Give(["sexual"])
    pipe.send_text(ENTER + "s" + ENTER)
    assert asker.question(MULTI) == Go("skip")


def test_number_is_validated_and_empty_opens_the_menu(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text("abc" + ENTER + BACKSPACE * 3 + "12" + ENTER)
    assert asker.question(NUMBER) == Give(12)
    pipe.send_text("2,5" + ENTER)
    assert asker.question(NUMBER) == Give(2.5)
    pipe.send_text(ENTER + DOWN + ENTER)
    assert asker.question(NUMBER) == Give(NOT_APPLICABLE)
    pipe.send_text(ENTER + "q" + ENTER)
    assert asker.question(NUMBER) == Go("quit")


def test_text_keeps_its_default(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text(ENTER)
    assert asker.question(QuestionView(**{**TEXT.__dict__, "default": "Old gaps."})) == Give(
        "Old gaps."
    )
    pipe.send_text("New gaps." + ENTER)
    assert asker.question(TEXT) == Give("New gaps.")


def test_details_enter_moves_on(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    current = Details("Kept.", ("Doc 1",), False)
    pipe.send_text(ENTER)
    recorded: list[Details] = []
    assert asker.details(SCALE, current, recorded.append) == current
    assert recorded == []


def test_details_note_evidence_and_flag(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    keys = "n" + ENTER + "Draft plan." + ENTER + "Paper 14; Minutes" + ENTER
    keys += "f" + ENTER + "Dates unclear" + ENTER + ENTER
    pipe.send_text(keys)
    recorded: list[Details] = []
    final = Details("Draft plan.", ("Paper 14", "Minutes"), True, "Dates unclear")
    assert asker.details(SCALE, Details(), recorded.append) == final
    # Each change was handed over (to be saved) the moment it was made.
    assert recorded == [
        Details("Draft plan."),
        Details("Draft plan.", ("Paper 14", "Minutes")),
        Details("Draft plan.", ("Paper 14", "Minutes"), True),
        final,
    ]


def test_metadata(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    # An empty country is refused; name skipped; role given; language: the default.
    pipe.send_text(ENTER + "Examplestan" + ENTER + "Ministry" + ENTER + ENTER + "Officer" + ENTER)
    pipe.send_text(DOWN + ENTER)
    meta = asker.metadata(MetadataRequest("Bank", ("en", "fr"), "en"))
    assert meta == Metadata("Examplestan", "Ministry", None, "Officer", "fr")


def test_ctrl_c_reaches_the_caller(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        asker.question(SCALE)


def test_a_whole_walk_through_the_arrow_asker(pipe: PipeInput, tmp_path: Path) -> None:
    bank = load_bank(FIXTURE_BANK).bank
    asker, screen = make(pipe)
    keys = "Examplestan" + ENTER + "Ministry" + ENTER + ENTER + ENTER  # metadata
    keys += ENTER + ENTER  # PL1.1: Not in place; next question
    keys += " "  # end of Planning: press any key
    keys += DOWN + SPACE + ENTER + ENTER  # PO1.1: labour
    keys += "4" + ENTER + "f" + ENTER + ENTER + ENTER  # PO1.2: 4, flagged (no reason)
    keys += "q"  # PO1.3: save and quit
    pipe.send_text(keys)
    outcome = walk(bank, tmp_path / "a.yaml", None, asker)
    assert outcome.status == "quit"
    saved = load_answers(tmp_path / "a.yaml").answers.answers
    assert {qid: a.value for qid, a in saved.items()} == {
        "PL1.1": "not-in-place",
        "PO1.1": ["labour"],
        "PO1.2": 4,
    }
    assert saved["PO1.2"].flagged
    assert "End of Planning: 1 of 1 done" in screen.getvalue()


def test_question_mark_in_a_text_question_shows_help_and_is_never_saved(
    pipe: PipeInput,
) -> None:
    asker, screen = make(pipe)
    # ? then Enter: help (held until a key), then the question again; \? answers "?".
    pipe.send_text("?" + ENTER + " " + "\\?" + ENTER)
    assert asker.question(TEXT) == Give("?")
    shown = " ".join(screen.getvalue().split())
    assert "Help for PO1.4" in shown
    assert "type a backslash before it" in shown
    assert shown.count("Is there a national action plan?") == 2  # asked again after help


def test_question_mark_and_g_in_a_choice_list(pipe: PipeInput) -> None:
    asker, screen = make(pipe)
    pipe.send_text("?" + " " + "g" + " " + ENTER)
    assert asker.question(SCALE) == Give("not-in-place")
    shown = " ".join(screen.getvalue().split())
    assert "Not in place: Nothing exists yet." in shown  # what the option means
    assert "Guidance for PL1.1: Is there a national action plan?" in shown
    assert "References: Trafficking in Persons Protocol Art. 9(1)." in shown


def test_q_at_the_note_prompt_quits_keeping_what_was_recorded(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text("n" + ENTER + "Draft plan." + ENTER + "q" + ENTER)
    recorded: list[Details] = []
    assert asker.details(SCALE, Details(), recorded.append) == Go("quit")
    assert recorded == [Details("Draft plan.")]


def test_conflict_versions_are_chosen_with_arrow_keys(pipe: PipeInput) -> None:
    from roadmap_cli.interview.conflicts import VersionView

    versions = (
        VersionView("justice.yaml", "Ministry of Justice", "Partly in place", "Draft plan."),
        VersionView("labour.yaml", "Ministry of Labour", "In place", None, ("NAP 2026",)),
    )
    asker, screen = make(pipe)
    pipe.send_text(DOWN + ENTER)
    assert asker.choose_version(SCALE, versions) == 1
    shown = screen.getvalue()
    assert "PL1.1 was answered differently by 2 merged files" in shown
    assert "1. justice.yaml (Ministry of Justice): Partly in place" in shown
    assert "Evidence: NAP 2026" in shown
    for keys, expected in ((DOWN * 2 + ENTER, None), (DOWN * 3 + ENTER, Go("skip"))):
        pipe.send_text(keys)
        assert asker.choose_version(SCALE, versions) == expected


def test_help_at_the_conflict_list_explains_that_list_and_shows_the_versions_again(
    pipe: PipeInput,
) -> None:
    from roadmap_cli.interview.conflicts import VersionView

    versions = (
        VersionView("justice.yaml", "Ministry of Justice", "Partly in place", "Draft plan."),
        VersionView("labour.yaml", "Ministry of Labour", "In place", None),
    )
    asker, screen = make(pipe)
    pipe.send_text("?" + " " + ENTER)  # help, any key to go on, then the first version
    assert asker.choose_version(SCALE, versions) == 0
    shown = screen.getvalue()
    after_help = shown.split("Merged files answered this question differently.")[1]
    assert "skip to leave the question in conflict" in " ".join(after_help.split())
    assert "b back" not in after_help  # the question's keys do nothing in this list
    assert "1. justice.yaml (Ministry of Justice): Partly in place" in after_help


def test_metadata_explains_itself_and_q_quits(pipe: PipeInput) -> None:
    asker, screen = make(pipe)
    pipe.send_text("?" + ENTER + "q" + ENTER)
    request = MetadataRequest("Bank", ("en",), "en", bank_description="A bank for the tests.")
    assert asker.metadata(request) == Go("quit")
    shown = " ".join(screen.getvalue().split())
    assert shown.startswith("New assessment: Bank A bank for the tests. ")
    assert "These details go on the report's cover. q quits without creating the file" in shown


def test_details_remove_the_flag_then_save_and_quit(pipe: PipeInput) -> None:
    asker, _ = make(pipe)
    pipe.send_text("f" + ENTER + "q" + ENTER)
    recorded: list[Details] = []
    current = Details("Kept.", ("Doc 1",), True, "Dates unclear")
    assert asker.details(SCALE, current, recorded.append) == Go("quit")
    assert recorded == [Details("Kept.", ("Doc 1",), False, None)]


def test_help_at_the_note_prompt_then_the_note(pipe: PipeInput) -> None:
    asker, screen = make(pipe)
    pipe.send_text("n" + ENTER + "?" + ENTER + "Draft plan." + ENTER + ENTER + ENTER)
    recorded: list[Details] = []
    assert asker.details(SCALE, Details(), recorded.append) == Details("Draft plan.")
    shown = " ".join(screen.getvalue().split())
    assert "Type the text and press Enter; q saves and quits (what you gave so far is saved)" in (
        shown
    )


def test_the_overview_holds_the_progress_table_until_a_key(pipe: PipeInput, tmp_path: Path) -> None:
    bank = load_bank(FIXTURE_BANK).bank
    asker, screen = make(pipe)
    keys = "Examplestan" + ENTER + "Ministry" + ENTER + ENTER + ENTER  # metadata
    keys += "o" + " " + "q"  # PL1.1: the overview, any key, then save and quit
    pipe.send_text(keys)
    outcome = walk(bank, tmp_path / "a.yaml", None, asker)
    assert outcome.status == "quit"
    shown = screen.getvalue()
    assert "Progress: 0 of 5 done: 0 answered, 5 unanswered" in shown
    rows = [line.split() for line in shown.splitlines()]
    assert ["Planning", "0", "0", "0", "0", "1"] in rows
    assert ["All", "categories", "0", "0", "0", "0", "5"] in rows  # the total, under a rule
    # After the key, the same question is shown again.
    assert shown.count("Is there a national action plan?") == 2
