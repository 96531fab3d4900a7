"""Two properties of `roadmap compare`, over the examples, the test corpus and random edits:
a file compared with itself shows no change, and compare(A, B) mirrors compare(B, A)."""

from __future__ import annotations

import copy
import itertools
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_cli.compare.model import compare_files
from tests.conftest import CORPUS, FIXTURE_BANK, ROOT

RULES = ["weighted", "minimum-standards", "walk-free"]
MIGRATION_BANK = CORPUS / "migration-bank"
# Every valid answers file of the examples and the corpus, with the bank it needs.
FILES: list[tuple[Path, str | None]] = [
    *((path, None) for path in sorted((ROOT / "examples").glob("*.yaml"))),
    *((path, None) for path in sorted((CORPUS / "examples-1.0.0").glob("*.yaml"))),
    (CORPUS / "fixture-valid.yaml", str(FIXTURE_BANK)),
    *((path, str(MIGRATION_BANK)) for path in sorted((MIGRATION_BANK / "answers").glob("*.yaml"))),
]
WORKSHOP = [
    path
    for path in sorted((ROOT / "examples").glob("*.yaml"))
    if yaml.safe_load(path.read_text(encoding="utf-8"))["bank"]["id"] == "workshop-demo"
]
# Pairs of files that compare: the workshop examples with each other (1.0.0 and 1.1.0
# among them), Veloria's 1.0.0 corpus file with today's, and the migration bank's two
# files, two steps apart.
PAIRS: list[tuple[Path, Path, str | None]] = [
    *((a, b, None) for a, b in itertools.combinations(WORKSHOP, 2)),
    (
        CORPUS / "examples-1.0.0" / "veloria-workshop.yaml",
        ROOT / "examples" / "veloria-workshop.yaml",
        None,
    ),
    (
        MIGRATION_BANK / "answers" / "full-1.0.0.yaml",
        MIGRATION_BANK / "answers" / "partial-1.1.0.yaml",
        str(MIGRATION_BANK),
    ),
]
# The lists that name a change; the others (persisting, still unmet) may hold items.
CHANGES = [
    "gaps_closed",
    "gaps_opened",
    "red_flags_raised",
    "red_flags_cleared",
    "standards_newly_met",
    "standards_lost",
    "answers_changed",
    "newly_answered",
    "newly_unanswered",
]
SWAPPED = [
    ("gaps_closed", "gaps_opened"),
    ("red_flags_raised", "red_flags_cleared"),
    ("standards_newly_met", "standards_lost"),
    ("newly_answered", "newly_unanswered"),
]
ITEMS = [
    *CHANGES,
    "gaps_persisting",
    "red_flags_persisting",
    "standards_still_unmet",
]


def _assert_no_change(data: dict[str, Any]) -> None:
    assert data["migration"] is None
    for node in [data["overall"], *data["categories"], *data["sections"]]:
        assert node["old"] == node["new"], node["id"]
        assert node["change"] in (0.0, None), node["id"]
    for name in CHANGES:
        assert data[name] == [], name
    for name in ("gaps_persisting", "red_flags_persisting", "standards_still_unmet"):
        for item in data[name]:
            assert item["old"] == item["new"], (name, item["id"])


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize(("path", "bank"), FILES, ids=lambda v: getattr(v, "name", ""))
def test_a_file_compared_with_itself_shows_no_change(
    path: Path, bank: str | None, rule: str
) -> None:
    data = compare_files(path, path, rule, bank).to_data()
    _assert_no_change(data)
    # Not a vacuous check: the file has scores, and questions on both sides.
    assert data["categories"]
    assert data["old"] == data["new"]


def _mirrored(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` told the other way round: what compare(B, A) must say if this is (A, B)."""
    found = copy.deepcopy(data)
    found["old"], found["new"] = found["new"], found["old"]
    moved = found["migration"]
    if moved is not None:
        moved["side"] = {"old": "new", "new": "old"}[moved["side"]]
    for node in [found["overall"], *found["categories"], *found["sections"]]:
        node["old"], node["new"] = node["new"], node["old"]
        node["change"] = None if node["change"] is None else -node["change"]
    for name in ITEMS:
        for item in found[name]:
            item["old"], item["new"] = item["new"], item["old"]
            if "answers" in item:
                answers = item["answers"]
                answers["old"], answers["new"] = answers["new"], answers["old"]
    for first, second in SWAPPED:
        found[first], found[second] = found[second], found[first]
    return found


def _without_wording(data: dict[str, Any]) -> dict[str, Any]:
    """The figures and lists only: warnings and the sentence name OLD and NEW."""
    found = copy.deepcopy(data)
    found.pop("warnings")
    if found["migration"] is not None:
        found["migration"].pop("sentence")
    return found


def _assert_mirror(a: Path, b: Path, rule: str, bank: str | None) -> dict[str, Any]:
    forward = _without_wording(compare_files(a, b, rule, bank).to_data())
    backward = _without_wording(compare_files(b, a, rule, bank).to_data())
    assert _mirrored(forward) == backward
    return forward


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize(
    ("a", "b", "bank"), PAIRS, ids=lambda v: getattr(v, "stem", "") if v else ""
)
def test_compare_a_b_is_the_mirror_of_compare_b_a(
    a: Path, b: Path, bank: str | None, rule: str
) -> None:
    forward = _assert_mirror(a, b, rule, bank)
    # The pairs differ: the mirror is checked on real changes.
    assert any(forward[name] for name in CHANGES) or forward["overall"]["change"]


# Random edits of Veloria's file: each question keeps its answer, loses it, or takes an
# answer some example gives it.
BASE: dict[str, Any] = yaml.safe_load(
    (ROOT / "examples" / "veloria-workshop.yaml").read_text(encoding="utf-8")
)
SEEN: dict[str, list[Any]] = {}
for _example in WORKSHOP:
    _data = yaml.safe_load(_example.read_text(encoding="utf-8"))
    if _data["bank"]["version"] == BASE["bank"]["version"]:
        for _qid, _answer in _data["answers"].items():
            SEEN.setdefault(_qid, []).append(_answer)


@st.composite
def edited(draw: st.DrawFn) -> dict[str, Any]:
    """Veloria's answers file with some answers removed or replaced."""
    data: dict[str, Any] = copy.deepcopy(BASE)
    answers = {}
    for qid in sorted(SEEN):
        choice = draw(st.sampled_from(["keep", "drop", "other"]))
        if choice == "keep" and qid in BASE["answers"]:
            answers[qid] = BASE["answers"][qid]
        elif choice == "other":
            answers[qid] = draw(st.sampled_from(SEEN[qid]))
    data["answers"] = answers
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=edited(), new=edited(), rule=st.sampled_from(RULES))
def test_mirror_and_no_change_hold_for_random_edits(
    old: dict[str, Any], new: dict[str, Any], rule: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a.yaml", Path(folder) / "b.yaml"
        a.write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
        b.write_text(yaml.safe_dump(new, allow_unicode=True), encoding="utf-8")
        _assert_mirror(a, b, rule, None)
        _assert_no_change(compare_files(b, b, rule).to_data())


def test_an_answer_renamed_then_retired_is_counted_as_archived_not_renamed() -> None:
    from roadmap_cli.answers.migrate import migrate_answers
    from roadmap_cli.answers.model import load_answers
    from roadmap_cli.bank.migrations import Step
    from roadmap_cli.compare.pair import _renamed

    answers = load_answers(MIGRATION_BANK / "answers" / "full-1.0.0.yaml").answers
    first, second = sorted(answers.answers)[:2]
    steps = [
        Step.model_validate(
            {"from": "1.0.0", "to": "1.1.0", "renamed": {first: "X1", second: "X2"}}
        ),
        Step.model_validate({"from": "1.1.0", "to": "2.0.0", "retired": ["X2"]}),
    ]
    migration = migrate_answers(answers, steps)
    assert migration.archived == 1
    assert _renamed(answers, steps, migration.answers) == 1
