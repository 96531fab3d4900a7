"""The shipped migration maps agree with the bank versions they connect.

`banks lint` does not read `migrations.yaml` yet, so these checks keep the workshop demo
map and the three-version test bank honest until it does: every id a step names exists
on the right side, every question is either kept or accounted for, option keys exist in
the versions they come from and go to, and the bank's `changes:` list says the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import load_bank
from tests.conftest import CORPUS, ROOT, Cli

WORKSHOP = ROOT / "question_banks" / "workshop-demo"
MIGRATION_BANK = CORPUS / "migration-bank"


def _versions(folder: Path) -> dict[str, Bank]:
    """Every version of the bank in ``folder``: the released copies and the current one."""
    banks = {p.name: load_bank(p).bank for p in sorted((folder / "versions").iterdir())}
    current = load_bank(folder).bank
    banks[current.version] = current
    return banks


def _steps(folder: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / "migrations.yaml").read_text(encoding="utf-8"))
    assert data["format"] == "roadmap-migrations/1"
    steps: list[dict[str, Any]] = data["steps"]
    return steps


def _keys(bank: Bank, qid: str) -> set[str]:
    return set(bank.option_index.get(qid, {}))


def _step_problems(step: dict[str, Any], old: Bank, new: Bank) -> list[str]:
    """Everything in one step of a map that does not fit the two versions."""
    problems: list[str] = []
    before, after = set(old.by_id), set(new.by_id)
    renamed: dict[str, str] = step.get("renamed", {})
    merged: list[dict[str, Any]] = step.get("merged", [])
    split: list[dict[str, Any]] = step.get("split", [])
    retired: list[str] = step.get("retired", [])
    gone = set(renamed) | set(retired)
    gone |= {qid for m in merged for qid in m["from"]} | {s["from"] for s in split}
    arrived = set(renamed.values()) | {m["into"] for m in merged}
    arrived |= {qid for s in split for qid in s["into"]}
    # A merge may land on one of its own sources; anything else must really go or arrive.
    for qid in sorted(gone):
        if qid not in before or (qid in after and qid not in arrived):
            problems.append(f"{qid} must exist in {old.version} and not in {new.version}")
    for qid in sorted(arrived):
        if qid not in after:
            problems.append(f"{qid} is not a question of {new.version}")
        elif qid in before and qid not in gone:
            problems.append(f"{qid} already exists in {old.version}")
    for m in merged:
        if m["keep"] != "ask" and m["keep"] not in m["from"]:
            problems.append(f"merge into {m['into']} keeps {m['keep']}, which it does not merge")
    for s in split:
        if s["answer"] == "copy":
            for target in s["into"]:
                if not _keys(old, s["from"]) <= _keys(new, target):
                    problems.append(f"{s['from']}'s answers cannot be copied to {target}")
        elif s["answer"] != "ask":
            problems.append(f"split of {s['from']}: answer must be copy or ask")
    back = {v: k for k, v in renamed.items()}
    for field in ("options", "rescaled"):
        for qid, mapping in step.get(field, {}).items():
            source = back.get(qid, qid)
            for old_key, new_key in mapping.items():
                if old_key not in _keys(old, source):
                    problems.append(f"{field}: '{old_key}' is not an option of {source}")
                if new_key not in _keys(new, qid):
                    problems.append(f"{field}: '{new_key}' is not an option of {qid}")
    for qid in step.get("ask", []):
        if qid not in before or qid not in after:
            problems.append(f"ask: {qid} must exist in both versions")
    remapped = set(step.get("options", {})) | set(step.get("rescaled", {}))
    remapped |= set(step.get("ask", []))
    for qid in sorted((before & after) - remapped):
        if not _keys(old, qid) <= _keys(new, qid):
            problems.append(f"{qid} lost option keys without a map")
    change = next((c for c in new.changes if c.version == new.version), None)
    if change is None:
        problems.append(f"{new.version} has no entry under changes:")
    else:
        if set(change.removed) != gone - set(renamed):
            problems.append(f"changes: removed {sorted(change.removed)} does not match the map")
        if change.renamed != renamed:
            problems.append(f"changes: renamed {change.renamed} does not match the map")
        if set(change.added) != after - before - set(renamed.values()):
            problems.append(f"changes: added {sorted(change.added)} does not match the bank")
    unaccounted = (before - after) - gone
    if unaccounted:
        problems.append(f"{sorted(unaccounted)} disappear without being named in the map")
    return problems


@pytest.mark.parametrize("folder", [WORKSHOP, MIGRATION_BANK], ids=["workshop-demo", "fixture"])
def test_each_step_fits_the_versions_it_connects(folder: Path) -> None:
    banks = _versions(folder)
    steps = _steps(folder)
    assert [s["from"] for s in steps] == sorted(banks)[:-1]
    for step in steps:
        assert _step_problems(step, banks[step["from"]], banks[step["to"]]) == []


def test_a_step_that_does_not_fit_is_caught() -> None:
    banks = _versions(MIGRATION_BANK)
    step = dict(_steps(MIGRATION_BANK)[0])
    step["renamed"] = {"PO1.2": "PL1.1"}  # onto an id that already exists
    step["options"] = {"PO2.1": {"yes": "often"}}  # to a key the new version lacks
    problems = _step_problems(step, banks["1.0.0"], banks["1.1.0"])
    assert "PL1.1 already exists in 1.0.0" in problems
    assert "options: 'often' is not an option of PO2.1" in problems
    assert any(p.startswith("changes: renamed") for p in problems)


def test_the_migration_to_workshop_1_1_0_demonstrates_the_common_changes() -> None:
    step = _steps(WORKSHOP)[0]
    assert (step["from"], step["to"]) == ("1.0.0", "1.1.0")
    assert step["renamed"] and step["retired"] and step["rescaled"]


def test_workshop_px1_1_no_longer_scores_not_knowing_as_compliance() -> None:
    old, new = (_versions(WORKSHOP)[v] for v in ("1.0.0", "1.1.0"))
    assert old.option_index["PX1.1"]["no"].score == 1  # "No, not to our knowledge"
    options = new.option_index["PX1.1"]
    assert options["not-checked"].score == 0
    assert "records were checked" in str(options["no"].label)
    # The old "no" cannot tell the two apart, so migrating asks it again.
    assert "no" not in _steps(WORKSHOP)[0]["rescaled"]["PX1.1"]


@pytest.mark.parametrize(
    ("version", "name", "summary"),
    [
        ("1.0.0", "full-1.0.0.yaml", "ok — 10 of 10 questions answered"),
        ("1.1.0", "partial-1.1.0.yaml", "ok — 8 of 9 questions answered"),
    ],
)
def test_fixture_answers_validate_against_their_own_version(
    cli: Cli, version: str, name: str, summary: str
) -> None:
    result = cli(
        "validate", "--bank", MIGRATION_BANK / "versions" / version,
        MIGRATION_BANK / "answers" / name,
    )  # fmt: skip
    assert result.code == 0, result.out + result.err
    assert summary in result.out
    assert "warning" not in result.out + result.err
