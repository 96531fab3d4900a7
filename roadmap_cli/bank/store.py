"""Finding and loading question banks: a built-in id, a bank folder, or a one-file bank.

``BankStore`` is the one bank cache: a command that goes through many files (validate,
score, report, and every command to come) asks it for each bank and gets each one loaded
once.  ``load_bank`` loads afresh, for commands about one bank (lint, show, list).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roadmap_cli.bank.lint import lint_bank
from roadmap_cli.bank.model import Bank
from roadmap_cli.errors import FileProblems, Problem, RoadmapError, display_path
from roadmap_cli.problems import Sources, validate
from roadmap_cli.resources import builtin_banks
from roadmap_cli.yamlio import read_yaml


@dataclass
class LoadedBank:
    """A valid bank and where it came from."""

    bank: Bank
    sources: Sources
    path: Path
    origin: str  # "built-in" or the path as given


def resolve_bank(ref: str | Path) -> tuple[Path, str]:
    """The bank file or folder that ``ref`` (a built-in id or a path) names, and its origin."""
    candidate = Path(ref)
    text = str(ref)
    looks_like_path = (
        isinstance(ref, Path) or "/" in text or "\\" in text or text.endswith((".yaml", ".yml"))
    )
    # A bare name is a bank folder here, or else a built-in id: a stray file that happens
    # to share a bank's id must not stand in for the bank an answers file names.
    if candidate.is_dir() or (looks_like_path and candidate.exists()):
        return candidate, display_path(candidate)
    known = builtin_banks()
    if text in known and not looks_like_path:
        return known[text], "built-in"
    if looks_like_path:
        raise RoadmapError(f"{text}: no such bank file or folder", "Check the path.")
    raise RoadmapError(
        f"unknown bank '{text}'",
        f"Known banks: {', '.join(known)}. Or give the path to a bank folder or bank.yaml.",
    )


def read_bank(path: Path) -> tuple[Bank | None, Sources | None, list[Problem]]:
    """Read and check the bank at ``path``: the bank if it is valid, and every problem found."""
    main = path / "bank.yaml" if path.is_dir() else path
    if path.is_dir() and not main.is_file():
        shown = display_path(path)
        return None, None, [Problem(shown, 1, 1, "error", "no bank.yaml in this folder")]
    try:
        document = read_yaml(main, what="bank file")
    except FileProblems as err:
        return None, None, err.problems
    sources = Sources(document)
    problems: list[Problem] = []
    data: Any = document.data
    if isinstance(data, dict) and isinstance(data.get("categories"), list):
        data = dict(data)
        data["categories"] = list(data["categories"])
        for index, entry in enumerate(data["categories"]):
            if isinstance(entry, str):
                problems.extend(_include(data["categories"], index, main.parent, sources))
    problems.extend(sources.parse_problems())
    if any(p.is_error for p in problems):
        return None, sources, sorted(problems)
    bank, invalid = validate(Bank, data, sources)
    problems.extend(invalid)
    if bank is not None:
        problems.extend(lint_bank(bank, sources))
    return bank, sources, sorted(problems)


def _include(categories: list[Any], index: int, folder: Path, sources: Sources) -> list[Problem]:
    """Replace a category file name by that file's content, remembering where it came from."""
    name = categories[index]
    target = folder / name
    if not target.is_file():
        return [sources.problem(("categories", index), f"category file '{name}' not found")]
    try:
        document = read_yaml(target, what="category file")
    except FileProblems as err:
        return err.problems
    categories[index] = document.data
    sources.add(("categories", index), document)
    return []


def load_bank(ref: str | Path) -> LoadedBank:
    """Load a bank for use; raise FileProblems naming the first error if it is not valid."""
    path, origin = resolve_bank(ref)
    bank, sources, problems = read_bank(path)
    if bank is None or sources is None or any(p.is_error for p in problems):
        raise FileProblems(problems, f"Run 'roadmap banks lint {ref}' to see every problem.")
    return LoadedBank(bank, sources, path, origin)


class BankStore:
    """Banks by the reference they were asked for, each loaded once."""

    def __init__(self) -> None:
        self._loaded: dict[str, LoadedBank] = {}

    def get(self, ref: str) -> LoadedBank:
        """The bank ``ref`` (a built-in id or a path) names, loaded on first use."""
        loaded = self._loaded.get(ref)
        if loaded is None:
            loaded = self._loaded[ref] = load_bank(ref)
        return loaded

    def bank(self, ref: str) -> Bank:
        """The Bank that ``ref`` names (see ``get``)."""
        return self.get(ref).bank
