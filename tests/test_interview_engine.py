"""The interview engine, driven by a scripted asker over the fixture bank.

The fixture bank: PL (PL1.1 scale; PL1.2 shown only if PL1.1 is partly/in-place) and
PO (PO1.1 multi, PO1.2 number 0..50, PO1.3 scale without N/A, PO1.4 text).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from roadmap_cli.answers.model import AnswersFile, load_answers, save_answers
from roadmap_cli.assessment import examine
from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import RoadmapError, UsageError
from roadmap_cli.interview.engine import Options, walk
from roadmap_cli.interview.model import (
    Details,
    Give,
    Go,
    Metadata,
    MetadataRequest,
    Outcome,
    Progress,
    QuestionView,
    Record,
    Reply,
    Tally,
)
from roadmap_cli.interview.session import assess
from tests.conftest import FIXTURE_BANK


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(FIXTURE_BANK).bank


class Script:
    """An asker that replays replies and records everything the engine showed."""

    def __init__(
        self,
        replies: Iterable[Reply],
        details: dict[str, Details] | None = None,
        path: Path | None = None,
    ) -> None:
        self.replies = list(replies)
        self.detail_replies = details or {}
        self.path = path
        self.views: list[QuestionView] = []
        self.notices: list[str] = []
        self.done: list[Tally] = []
        self.overviews: list[Progress] = []
        self.end: Progress | None = None
        self.meta_asked = 0

    @property
    def asked(self) -> list[str]:
        return [v.id for v in self.views]

    def metadata(self, request: MetadataRequest) -> Metadata:
        self.meta_asked += 1
        return Metadata("Examplestan", "Ministry of Justice", "A. Officer", "", None)

    def question(self, view: QuestionView) -> Reply:
        if self.path is not None:
            assert self.path.exists(), "the file must exist before the first question"
        self.views.append(view)
        if not self.replies:
            raise AssertionError(f"unexpected question {view.id}")
        return self.replies.pop(0)

    def details(self, view: QuestionView, current: Details, record: Record) -> Details | Go:
        return self.detail_replies.get(view.id, current)

    def overview(self, progress: Progress) -> None:
        self.overviews.append(progress)

    def category_done(self, tally: Tally) -> None:
        self.done.append(tally)

    def finished(self, progress: Progress) -> None:
        self.end = progress

    def notice(self, text: str) -> None:
        self.notices.append(text)


def progress_of(outcome: Outcome) -> Progress:
    """The progress a walk reports: there is one once the answers file exists."""
    assert outcome.progress is not None, "the walk ended without creating the answers file"
    return outcome.progress


def values(path: Path) -> dict[str, object]:
    return load_answers(path).answers.values()


def existing(bank: Bank, path: Path, answers: dict[str, object], **flags: bool) -> AnswersFile:
    data = AnswersFile.model_validate(
        {
            "format": "roadmap-answers/1",
            "bank": {"id": bank.id, "version": bank.version},
            "assessment": {"country": "Examplestan"},
            "answers": {
                qid: {"value": v, "flagged": flags.get(qid.replace(".", "_"), False)}
                for qid, v in answers.items()
            },
        }
    )
    save_answers(path, data, bank)
    return load_answers(path).answers


FULL = [Give("not-in-place"), Give(["sexual"]), Give(2), Give("partly"), Give("Gaps.")]


def test_new_file_walks_in_order_and_writes_metadata_first(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    script = Script(FULL, path=path)
    outcome = walk(bank, path, None, script)
    assert script.meta_asked == 1
    # PL1.2 is a follow-up of PL1.1 (partly / in-place): not-in-place hides it.
    assert script.asked == ["PL1.1", "PO1.1", "PO1.2", "PO1.3", "PO1.4"]
    assert values(path) == {
        "PL1.1": "not-in-place",
        "PO1.1": ["sexual"],
        "PO1.2": 2,
        "PO1.3": "partly",
        "PO1.4": "Gaps.",
    }
    meta = load_answers(path).answers.assessment
    assert (meta.country, meta.organisation, meta.assessor, meta.role) == (
        "Examplestan",
        "Ministry of Justice",
        "A. Officer",
        None,
    )
    assert [(t.id, t.answered, t.unanswered) for t in script.done] == [("PL", 1, 0), ("PO", 4, 0)]
    assert outcome.status == "finished" and progress_of(outcome).total.saved == 5
    assert examine(path, str(FIXTURE_BANK)).ok


def test_positions_count_shown_questions(bank: Bank, tmp_path: Path) -> None:
    script = Script([Give("partly"), Go("quit")])
    walk(bank, tmp_path / "a.yaml", None, script)
    first, second = script.views
    assert (first.position, first.total, first.category_position, first.category_total) == (
        1,
        5,
        1,
        1,
    )
    # Answering "partly" shows the follow-up: now 6 questions, 2 in Planning.
    assert (second.id, second.position, second.total, second.category_total) == (
        "PL1.2",
        2,
        6,
        2,
    )
    assert second.follow_up and (second.category_title, second.section_title) == (
        "Planning",
        "Plan",
    )


def test_show_if_follow_up_is_asked_after_a_matching_answer(bank: Bank, tmp_path: Path) -> None:
    script = Script([Give("partly"), Give("in-place"), *FULL[1:]])
    walk(bank, tmp_path / "a.yaml", None, script)
    assert script.asked == ["PL1.1", "PL1.2", "PO1.1", "PO1.2", "PO1.3", "PO1.4"]


def test_back_returns_with_the_answer_as_default(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    script = Script([Give("partly"), Go("back"), Give("not-in-place"), Go("quit")])
    walk(bank, path, None, script)
    assert script.asked == ["PL1.1", "PL1.2", "PL1.1", "PO1.1"]
    assert script.views[2].default == "partly"
    assert values(path) == {"PL1.1": "not-in-place"}


def test_back_at_the_first_question_says_so(bank: Bank, tmp_path: Path) -> None:
    script = Script([Go("back"), Go("quit")])
    walk(bank, tmp_path / "a.yaml", None, script)
    assert script.asked == ["PL1.1", "PL1.1"]
    assert "This is the first question." in script.notices


def test_skip_leaves_unanswered_and_resume_starts_there(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    script = Script([Give("not-in-place"), Go("skip"), Give(3), Give("partly"), Give("x y")])
    outcome = walk(bank, path, None, script)
    assert "PO1.1" not in values(path)
    assert script.done[-1].unanswered == 1
    assert progress_of(outcome).unfinished == ("PO1.1",)
    again = Script([Give(["labour"])])
    walk(bank, path, load_answers(path).answers, again)
    assert again.notices[0] == "Resuming — 4 of 5 done"
    assert again.asked == ["PO1.1"]
    assert values(path)["PO1.1"] == ["labour"]


def test_quit_and_resume_at_first_unanswered(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    outcome = walk(bank, path, None, Script([Give("partly"), Give("planned"), Go("quit")]))
    assert outcome.status == "quit" and progress_of(outcome).total.saved == 1
    assert values(path) == {"PL1.1": "partly"}  # "planned" is not an option: refused
    again = Script([Go("quit")])
    walk(bank, path, load_answers(path).answers, again)
    assert again.asked == ["PL1.2"]
    assert again.notices == ["Resuming — 1 of 6 done"]


def test_refused_value_is_asked_again_with_the_reason(bank: Bank, tmp_path: Path) -> None:
    script = Script([Give("not-in-place"), Give([]), Give(["sexual", "none"]), Go("quit")])
    walk(bank, tmp_path / "a.yaml", None, script)
    assert script.asked == ["PL1.1", "PO1.1", "PO1.1", "PO1.1"]
    assert script.views[2].problem == "tick at least one option, or skip the question for now"
    assert script.views[3].problem == "'none' cannot be combined with other options"


def test_jump_to_category_then_walk_on(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    script = Script([Go("jump", "PO"), Give(["labour"]), Go("back"), Go("quit")])
    walk(bank, path, None, script)
    # back after a jump returns to where the person jumped from
    assert script.asked == ["PL1.1", "PO1.1", "PO1.2", "PO1.1"]
    assert values(path) == {"PO1.1": ["labour"]}


def test_jump_to_a_finished_category_shows_its_first_question(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(bank, path, {"PL1.1": "not-in-place"})
    script = Script([Go("jump", "PL"), Go("quit")])
    walk(bank, path, current, script)
    assert script.asked == ["PO1.1", "PL1.1"]
    assert script.views[1].default == "not-in-place"


def test_overview_then_same_question(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(bank, path, {"PL1.1": DONT_KNOW, "PO1.1": ["none"]}, PO1_1=True)
    script = Script([Go("overview"), Go("quit")])
    walk(bank, path, current, script)
    assert script.asked == ["PO1.2", "PO1.2"]
    (seen,) = script.overviews
    assert [(t.id, t.answered, t.dont_know, t.flagged, t.unanswered) for t in seen.categories] == [
        ("PL", 0, 1, 0, 0),
        ("PO", 1, 0, 1, 3),
    ]


def test_na_and_dont_know_follow_the_bank(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    replies = [
        Give(NOT_APPLICABLE),
        Give(DONT_KNOW),
        Give(NOT_APPLICABLE),
        Give(NOT_APPLICABLE),  # PO1.3 does not offer N/A: refused
        Give(DONT_KNOW),
        Give("Nothing to add."),
    ]
    script = Script(replies)
    outcome = walk(bank, path, None, script)
    pl, po = script.done
    assert (pl.not_applicable, po.dont_know, po.not_applicable, po.answered) == (1, 2, 1, 1)
    refused = script.views[4]
    assert refused.id == "PO1.3" and not refused.offers_na and refused.offers_dont_know
    assert refused.problem == "this question does not offer 'not applicable'"
    assert not script.views[-1].offers_na  # text questions are unscored: no N/A
    assert progress_of(outcome).total.saved == 5
    assert values(path)["PO1.3"] == DONT_KNOW


def test_review_walks_answered_questions_with_defaults(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(bank, path, {"PL1.1": "partly", "PO1.2": 4, "PO1.4": "Gaps."})
    script = Script([Give("partly"), Give(5), Give("Gaps.")])
    walk(bank, path, current, script, Options(review=True))
    assert script.asked == ["PL1.1", "PO1.2", "PO1.4"]
    assert [v.default for v in script.views] == ["partly", 4, "Gaps."]
    after = load_answers(path).answers.answers
    assert after["PO1.2"].value == 5
    # an answer confirmed unchanged keeps the time it was first given (no timestamp churn)
    assert after["PL1.1"].answered_at == current.answers["PL1.1"].answered_at


def test_flagged_walks_only_flagged_and_unflags(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(
        bank, path, {"PL1.1": "partly", "PO1.2": 4, "PO1.3": "partly"}, PO1_2=True, PO1_3=True
    )
    unflag = {"PO1.2": Details(note="Checked with the ministry.", flagged=False)}
    script = Script([Give(6), Give("partly")], details=unflag)
    walk(bank, path, current, script, Options(flagged=True))
    assert script.asked == ["PO1.2", "PO1.3"]
    after = load_answers(path).answers.answers
    assert (after["PO1.2"].flagged, after["PO1.2"].note) == (False, "Checked with the ministry.")
    assert after["PO1.3"].flagged


def test_only_and_categories_narrow_the_walk(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(bank, path, {"PO1.4": "Old."})
    script = Script([Give(1), Give("New.")])
    walk(bank, path, current, script, Options(only=("PO1.4", "PO1.2")))
    assert script.asked == ["PO1.2", "PO1.4"]  # bank order, answered ones too
    assert script.done == []  # no category summaries for a hand-picked list
    script = Script([Give(["labour"]), Go("quit")])
    walk(bank, path, load_answers(path).answers, script, Options(categories=("PO",)))
    assert script.asked == ["PO1.1", "PO1.3"]


def test_unknown_category_or_question_is_a_usage_error(bank: Bank, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown category 'XX'"):
        walk(bank, tmp_path / "a.yaml", None, Script([]), Options(categories=("XX",)))
    with pytest.raises(UsageError, match=r"unknown question id 'PL9\.9'"):
        walk(bank, tmp_path / "a.yaml", None, Script([]), Options(only=("PL9.9",)))


def test_hidden_answer_is_kept_but_inactive(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(bank, path, {"PL1.1": "partly", "PL1.2": "in-place"})
    script = Script([Give("not-in-place")])
    outcome = walk(bank, path, current, script, Options(only=("PL1.1",)))
    assert script.notices == [
        "This answer hides PL1.2: its answer stays in the file but no longer counts."
    ]
    assert values(path) == {"PL1.1": "not-in-place", "PL1.2": "in-place"}
    planning = progress_of(outcome).categories[0]
    assert (planning.saved, planning.shown, planning.hidden_kept) == (1, 1, 1)
    result = examine(path, str(FIXTURE_BANK))
    assert result.ok and result.summary == "1 of 5 questions answered"


def test_notes_evidence_and_flag_are_saved(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    note = {"PL1.1": Details("Draft plan.", ("Cabinet paper 14/2025", " "), True)}
    walk(bank, path, None, Script([Give("partly"), Go("quit")], details=note))
    saved = load_answers(path).answers.answers["PL1.1"]
    assert (saved.note, saved.evidence, saved.flagged) == (
        "Draft plan.",
        ["Cabinet paper 14/2025"],
        True,
    )


def test_no_notes_never_asks_details(bank: Bank, tmp_path: Path) -> None:
    class NoDetails(Script):
        def details(self, view: QuestionView, current: Details, record: Record) -> Details | Go:
            raise AssertionError("details asked with notes off")

    walk(bank, tmp_path / "a.yaml", None, NoDetails(FULL), Options(notes=False))


def test_every_answer_is_saved_before_the_next_question(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"

    class Interrupting(Script):
        def question(self, view: QuestionView) -> Reply:
            if len(self.views) == 3:
                raise KeyboardInterrupt
            return super().question(view)

    with pytest.raises(KeyboardInterrupt):
        walk(bank, path, None, Interrupting(FULL))
    assert values(path) == {"PL1.1": "not-in-place", "PO1.1": ["sexual"], "PO1.2": 2}
    assert examine(path, str(FIXTURE_BANK)).ok


def test_nothing_flagged_says_so(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    current = existing(bank, path, {"PL1.1": "partly"})
    script = Script([])
    walk(bank, path, current, script, Options(flagged=True))
    assert script.notices == ["No answers are flagged for review."]
    assert script.end is not None


def test_a_failed_save_says_what_is_kept_and_how_to_resume(bank: Bank, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "a.yaml"

    class FolderVanishes(Script):
        def question(self, view: QuestionView) -> Reply:
            if len(self.views) == 1:
                shutil.rmtree(folder)  # say, a USB stick pulled out mid-interview
            return super().question(view)

    with pytest.raises(RoadmapError) as caught:
        assess(path, str(FIXTURE_BANK), Options(notes=False), asker=FolderVanishes(FULL))
    assert "does not exist" in caught.value.message
    assert caught.value.hint == (
        f"The last answer was not saved. Fix this, then resume with: roadmap assess {path} "
        f"--bank {FIXTURE_BANK}"
    )


def test_an_unwritable_folder_is_refused_before_any_question(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    script = Script(FULL)
    with pytest.raises(RoadmapError) as caught:
        assess(tmp_path / "a.yaml", str(FIXTURE_BANK), Options(), asker=script)
    assert "cannot save in the folder" in caught.value.message
    assert script.meta_asked == 0 and script.views == []
