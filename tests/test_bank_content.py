"""What the shipped question banks promise a ministry, checked over every version shipped.

An answer that only says records or knowledge are missing ("no records", "not to our
knowledge", "none arose") is a gap in the evidence, never compliance; the migration map
from one version of the bank to the next accounts for every old question.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_cli.bank.conditions import RESERVED_VALUES
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import load_bank
from roadmap_cli.text import localize
from tests.conftest import ROOT

BANKS = ROOT / "question_banks"
ROADMAP = BANKS / "regional-strategic-roadmap"

# Wording that says the answerer cannot show what happened: no records, no knowledge.
ABSENCE = re.compile(
    r"no records?\b|not recorded|none (?:was|were) recorded|"
    r"records? (?:cannot|can't|do not|don't) show|cannot (?:tell|say|show)|"
    r"not to (?:our|my) knowledge|not aware|none arose|no \w+ (?:\w+ )?arose|"
    r"came to light|not tracked|keeps? track|no agency records|no data|unknown",
    re.IGNORECASE,
)
ABSENCE_KEYS = {"none-arose", "no-records", "not-tracked", "none-recorded", "unknown", "no-data"}

# Released before this rule existed; a released version is never edited again.
RELEASED_BEFORE_THE_RULE = {
    ("regional-strategic-roadmap", "1.0.0", "PL5.6", "none-arose"),
    ("regional-strategic-roadmap", "1.0.0", "PX1.7", "none-arose"),
    ("regional-strategic-roadmap", "1.0.0", "PX2.7", "no"),
    ("workshop-demo", "1.0.0", "PX1.1", "no"),
}


def _shipped_banks() -> list[Path]:
    """Every bank folder or single-file bank under question_banks/, all versions."""
    return sorted(path.parent for path in BANKS.rglob("bank.yaml"))


def _absence_options(bank: Bank) -> list[tuple[str, str, str, str, float]]:
    found = []
    for question in bank.questions():
        for option in bank.options_for(question):
            label = localize(option.label, bank.default_language)
            if option.score is not None and (ABSENCE.search(label) or option.key in ABSENCE_KEYS):
                found.append((bank.id, bank.version, question.id, option.key, option.score))
    return found


def test_the_absence_pattern_recognises_the_wordings_the_review_named() -> None:
    for label in (
        "No, not to our knowledge",
        "No records are kept that would show this",
        "No credible allegations arose in this period",
        "No credible information of this kind came to light",
        "The records cannot show this",
        "None were recorded in this period",
        "No agency keeps track of such allegations",
    ):
        assert ABSENCE.search(label), label
    assert not ABSENCE.search("Records were checked and show no such case")


@pytest.mark.parametrize("folder", _shipped_banks(), ids=lambda p: str(p.relative_to(BANKS)))
def test_an_absence_of_records_or_knowledge_never_scores_above_a_quarter(folder: Path) -> None:
    bank = load_bank(folder).bank
    too_high = [
        found
        for found in _absence_options(bank)
        if found[4] > 0.25 and found[:4] not in RELEASED_BEFORE_THE_RULE
    ]
    assert too_high == []


def test_the_current_roadmap_bank_offers_absence_options_and_scores_them_low() -> None:
    found = _absence_options(load_bank(ROADMAP).bank)
    assert {(qid, key) for _, _, qid, key, _ in found} >= {
        ("PL5.6", "none-recorded"),
        ("PR3.6", "no-records"),
        ("PR4.5", "no-records"),
    }
    assert max(score for *_, score in found) <= 0.25


@pytest.fixture(scope="module")
def versions() -> tuple[Bank, Bank]:
    return load_bank(ROADMAP / "versions" / "1.0.0").bank, load_bank(ROADMAP).bank


@pytest.fixture(scope="module")
def step() -> dict[str, Any]:
    data = yaml.safe_load((ROADMAP / "migrations.yaml").read_text(encoding="utf-8"))
    assert data["format"] == "roadmap-migrations/1"
    steps = data["steps"]
    assert [(s["from"], s["to"]) for s in steps] == [("1.0.0", "2.0.0")]
    first: dict[str, Any] = steps[0]
    return first


def _named(step: dict[str, Any]) -> list[str]:
    named = list(step.get("renamed", {}))
    named += [old for group in step.get("merged", []) for old in group["from"]]
    named += [group["from"] for group in step.get("split", [])]
    named += list(step.get("retired", []))
    named += list(step.get("options", {})) + list(step.get("rescaled", {}))
    named += list(step.get("ask", []))
    return named


def test_the_migration_accounts_for_every_old_question_once(
    versions: tuple[Bank, Bank], step: dict[str, Any]
) -> None:
    old, new = versions
    assert (old.version, new.version) == ("1.0.0", "2.0.0")
    old_ids = {q.id for q in old.questions()}
    named = _named(step)
    assert sorted(q for q in set(named) if named.count(q) > 1) == []
    assert sorted(set(named) - old_ids) == []
    unaccounted = old_ids - set(new.by_id) - set(named)
    assert sorted(unaccounted) == []


def test_the_migration_targets_only_questions_and_options_of_the_new_version(
    versions: tuple[Bank, Bank], step: dict[str, Any]
) -> None:
    old, new = versions
    targets = list(step.get("renamed", {}).values())
    for group in step.get("merged", []):
        targets.append(group["into"])
        assert group["keep"] == "ask" or group["keep"] in group["from"], group
    for group in step.get("split", []):
        targets += group["into"]
        assert group["answer"] in ("copy", "ask"), group
    for key in ("options", "rescaled", "ask"):
        # These keep the id: the question must still exist in the new version.
        targets += list(step.get(key, {}))
    assert sorted(set(targets) - set(new.by_id)) == []
    for qid, mapping in step.get("rescaled", {}).items():
        old_keys = {o.key for o in old.options_for(old.by_id[qid].question)} | RESERVED_VALUES
        new_keys = {o.key for o in new.options_for(new.by_id[qid].question)} | RESERVED_VALUES
        assert set(mapping) <= old_keys, qid
        assert set(mapping.values()) <= new_keys, qid


def test_removed_questions_are_recorded_in_the_bank_changes(
    versions: tuple[Bank, Bank],
) -> None:
    old, new = versions
    change = next(c for c in new.changes if c.version == "2.0.0")
    old_ids = {q.id for q in old.questions()}
    assert sorted(change.removed) == sorted(old_ids - set(new.by_id))
    assert sorted(change.added) == sorted(set(new.by_id) - old_ids)


def test_every_scored_question_cites_an_article_and_every_critical_one_says_why() -> None:
    bank = load_bank(ROADMAP).bank
    scored = [q for q in bank.questions() if bank.is_scored(q) and q.weight > 0]
    assert [q.id for q in scored if not any(r.article for r in q.references)] == []
    assert [q.id for q in scored if q.critical and not q.rationale] == []
    assert [q.id for q in scored if q.critical and q.allow_na is not False] == []
