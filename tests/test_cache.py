"""The bank-summary cache behind ``roadmap banks list``: never stale, never trusted blindly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from roadmap_cli import cache
from roadmap_cli.bank import catalogue
from roadmap_cli.resources import builtin_banks


@pytest.fixture
def one_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of workshop-demo standing in for the built-in banks."""
    folder = tmp_path / "banks" / "workshop-demo"
    shutil.copytree(builtin_banks()["workshop-demo"], folder)
    monkeypatch.setattr(catalogue, "builtin_banks", lambda: {"workshop-demo": folder})
    return folder


def _cache_folder() -> Path:
    """The cache folder ``banks list`` fills (the tests' own: see conftest)."""
    folder = cache.cache_dir()
    assert folder is not None, "caching is on unless ROADMAP_NO_CACHE is set"
    return folder


def _titles() -> list[str]:
    rows, failures = catalogue.describe_banks([])
    assert failures == []
    return [row.title for row in rows]


def test_a_changed_bank_is_never_served_from_the_cache(one_bank: Path) -> None:
    assert _titles() == ["Workshop demo — counter-trafficking self-assessment"]
    assert len(list(_cache_folder().glob("*.json"))) == 1
    bank = one_bank / "bank.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "title: Workshop demo — counter-trafficking self-assessment",
            "title: Renamed workshop bank",
        ),
        encoding="utf-8",
    )
    assert _titles() == ["Renamed workshop bank"]


def test_a_second_listing_reads_the_cache_not_the_bank(
    one_bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = catalogue.describe_banks([])

    def no_loading(ref: object) -> object:
        raise AssertionError("the bank was loaded again")

    monkeypatch.setattr(catalogue, "_summarise", no_loading)
    assert catalogue.describe_banks([]) == first


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"id": 1}), json.dumps({"id": "x", "title": "\x1b[2J"})],
)
def test_a_corrupt_or_foreign_entry_is_ignored(one_bank: Path, content: str) -> None:
    expected = _titles()
    for entry in _cache_folder().glob("*.json"):
        entry.write_text(content, encoding="utf-8")
    assert _titles() == expected


def test_roadmap_no_cache_writes_nothing(one_bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROADMAP_NO_CACHE", "1")
    assert _titles() == ["Workshop demo — counter-trafficking self-assessment"]
    monkeypatch.delenv("ROADMAP_NO_CACHE")
    assert not _cache_folder().exists()
