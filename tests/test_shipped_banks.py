"""The shipped banks: lint-clean under --strict, and the shape the product promises."""

from __future__ import annotations

import re

import pytest

from roadmap_cli.bank.lint import TAGS
from roadmap_cli.bank.model import Bank, Located
from roadmap_cli.bank.store import load_bank
from roadmap_cli.resources import builtin_banks
from roadmap_cli.text import localize
from tests.conftest import ROOT, Cli

P_TAGS = {"prevention", "protection", "prosecution", "partnership"}


@pytest.mark.parametrize("bank_id", sorted(builtin_banks()))
def test_every_shipped_bank_passes_strict_lint(cli: Cli, bank_id: str) -> None:
    result = cli("banks", "lint", "--strict", bank_id)
    assert result.code == 0, result.out
    assert result.out == ""


@pytest.fixture(scope="module")
def roadmap() -> Bank:
    return load_bank("regional-strategic-roadmap").bank


def _scored(bank: Bank) -> list[Located]:
    """The questions of ``bank`` that count towards a score (scored, weight above 0)."""
    return [
        item for item in bank.located if bank.is_scored(item.question) and item.question.weight > 0
    ]


def test_four_categories_in_order(roadmap: Bank) -> None:
    assert [(c.id, localize(c.title, "en")) for c in roadmap.categories] == [
        ("PL", "Planning"),
        ("PR", "Principles"),
        ("PO", "Policy"),
        ("PX", "Practices"),
    ]
    for category in roadmap.categories:
        assert category.summary, category.id
        assert 5 <= len(category.sections) <= 6, category.id


def test_question_counts(roadmap: Bank) -> None:
    scored = _scored(roadmap)
    assert 100 <= len(scored) <= 150
    for category in roadmap.categories:
        assert sum(item.category.id == category.id for item in scored) >= 20, category.id
    narrative = [q for q in roadmap.questions() if q.type == "text"]
    assert narrative, "a few unscored narrative questions give context"


def test_every_scored_question_is_complete(roadmap: Bank) -> None:
    for item in _scored(roadmap):
        question = item.question
        assert localize(question.guidance, "en").strip(), question.id
        assert localize(question.recommendation, "en").strip(), question.id
        assert question.references, question.id
        assert all(r.instrument in roadmap.instruments for r in question.references), question.id
        assert set(question.tags) & P_TAGS, f"{question.id} serves no 'P'"


def test_tags_are_from_the_documented_vocabulary(roadmap: Bank) -> None:
    for question in roadmap.questions():
        assert set(question.tags) <= set(TAGS), question.id
    guide = (ROOT / "docs" / "question-bank-guide.md").read_text(encoding="utf-8")
    for tag in TAGS:
        assert f"`{tag}`" in guide, f"tag {tag} is not documented in the guide"


def test_ids_follow_the_documented_scheme(roadmap: Bank) -> None:
    for category in roadmap.categories:
        for s_number, section in enumerate(category.sections, start=1):
            assert section.id == f"{category.id}{s_number}"
            numbers = [int(q.id.split(".")[1]) for q in section.questions]
            assert all(q.id.startswith(f"{section.id}.") for q in section.questions)
            # New questions take the next free number at the end of their section;
            # numbers of retired questions are never reused, so gaps are allowed.
            assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"P[LROX]\d\.\d+", q.id) for q in roadmap.questions())
    assert all(re.fullmatch(r"CP\d+", q.id) for q in roadmap.profile)


def test_the_bank_uses_every_answer_type_and_feature(roadmap: Bank) -> None:
    questions = list(roadmap.questions())
    types = {q.type for q in questions}
    assert types == {"scale", "single", "multi", "number", "text"}
    assert sum(q.critical for q in questions) >= 8
    assert sum("red-flag" in q.tags for q in questions) >= 4
    assert sum(q.show_if is not None for q in questions) >= 4
    for tag in (
        "victim-centred",
        "trauma-informed",
        "gender-sensitive",
        "child-sensitive",
        "tech-facilitated",
        "forced-labour",
        "forced-marriage",
        "online-scams",
    ):
        categories = {item.category.id for item in roadmap.located if tag in item.question.tags}
        assert len(categories) >= 2, f"{tag} runs through only {categories}"


def test_workshop_bank_is_short_and_shows_every_feature() -> None:
    bank = load_bank("workshop-demo").bank
    questions = list(bank.questions())
    assert 12 <= len(questions) <= 16
    assert [c.id for c in bank.categories] == ["PL", "PR", "PO", "PX"]
    assert {q.type for q in questions} == {"scale", "single", "multi", "number", "text"}
    assert sum(q.show_if is not None for q in questions) == 1
    assert any("red-flag" in q.tags for q in questions)
    assert any(q.critical for q in questions)


@pytest.mark.parametrize("bank_id", sorted(builtin_banks()))
def test_instruments_and_resources_are_described(bank_id: str) -> None:
    bank = load_bank(bank_id).bank
    for code, instrument in bank.instruments.items():
        assert localize(instrument.title, "en") and instrument.body, code
    for key, resource in bank.resources.items():
        assert localize(resource.title, "en") and resource.body, key
