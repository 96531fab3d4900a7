"""A summary of the banks available: what ``roadmap banks list`` shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.resources import builtin_banks
from roadmap_cli.text import localize


@dataclass(frozen=True)
class BankSummary:
    """One line of the bank list."""

    id: str
    title: str
    version: str
    languages: list[str]
    categories: list[str]
    questions: int
    origin: str


def describe_banks(extra: list[Path]) -> tuple[list[BankSummary], list[str]]:
    """Summaries of the built-in banks and of ``extra`` bank paths, and why any failed."""
    rows: list[BankSummary] = []
    failures: list[str] = []
    refs: list[str | Path] = [*builtin_banks(), *extra]
    for ref in refs:
        try:
            loaded = load_bank(ref)
        except RoadmapError as error:
            name = display_path(ref) if isinstance(ref, Path) else ref
            failures.append(f"{name}: cannot be loaded: {error.message}")
            continue
        bank = loaded.bank
        language = bank.default_language
        rows.append(
            BankSummary(
                id=bank.id,
                title=localize(bank.title, language),
                version=bank.version,
                languages=list(bank.languages),
                categories=[localize(c.title, language) for c in bank.categories],
                questions=len(bank.located),
                origin=loaded.origin,
            )
        )
    return rows, failures
