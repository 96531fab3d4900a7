"""Finding and loading question banks: a built-in id, a bank folder, or a one-file bank.

A bank folder keeps every released version: the current one in ``bank.yaml`` and each
older one, unchanged, in ``versions/VERSION/``, so ``ID@VERSION`` (or ``PATH@VERSION``)
loads exactly the version an old answers file was made with.

``BankStore`` is the one bank cache: a command that goes through many files (validate,
score, report, and every command to come) asks it for each bank and gets each one loaded
once.  ``load_bank`` loads afresh, for commands about one bank (lint, show, list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roadmap_cli.bank.lint import lint_bank
from roadmap_cli.bank.migrations import (
    MigrationsFile,
    Step,
    chain,
    checked_migrations,
    lint_migrations,
    read_migrations,
)
from roadmap_cli.bank.model import Bank
from roadmap_cli.errors import FileProblems, Problem, RoadmapError, display_path
from roadmap_cli.problems import Sources, validate
from roadmap_cli.resources import builtin_banks
from roadmap_cli.text import localize
from roadmap_cli.yamlio import read_yaml


@dataclass
class LoadedBank:
    """A valid bank and where it came from."""

    bank: Bank
    sources: Sources
    path: Path
    origin: str  # "built-in" or the path as given


VERSIONS_FOLDER = "versions"
_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


class VersionUnavailable(RoadmapError):
    """The bank exists, but not in the version asked for."""


def split_version(ref: str) -> tuple[str, str | None]:
    """``ID@VERSION`` (or ``PATH@VERSION``) as (ID, VERSION); (ref, None) without one."""
    name, at, version = ref.rpartition("@")
    if at and name and version[:1].isdigit():
        return name, version
    return ref, None


def released_versions(folder: Path) -> dict[str, Path]:
    """The older versions a bank folder keeps under ``versions/``, by version."""
    root = folder / VERSIONS_FOLDER
    if not folder.is_dir() or not root.is_dir():
        return {}
    found = {
        child.name: child
        for child in root.iterdir()
        if child.is_dir() and (child / "bank.yaml").is_file()
    }
    return dict(sorted(found.items(), key=lambda item: version_key(item[0])))


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, for ordering: 1.10.0 comes after 1.9.0."""
    numbers = []
    for part in version.split("+")[0].split("-")[0].split("."):
        digits = "".join(ch for ch in part if ch.isdigit())[:9]  # a number, not a huge int
        numbers.append(int(digits) if digits else 0)
    return tuple(numbers)


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


CHANGELOG_FILE = "CHANGELOG.md"


def bank_changelog(loaded: LoadedBank) -> str:
    """The bank's CHANGELOG.md, or its ``changes:`` list when it has none.

    Terminal control characters are dropped: the text comes from a file.
    """
    folder = loaded.path if loaded.path.is_dir() else loaded.path.parent
    path = folder / CHANGELOG_FILE
    if path.is_file() and path.stat().st_size <= MAX_CHANGELOG_BYTES:
        text = path.read_text(encoding="utf-8", errors="replace")
    else:
        lines = [f"# {loaded.bank.id}: changes", ""]
        for change in loaded.bank.changes:
            lines.append(f"## {change.version}")
            for label, ids in (("added", change.added), ("removed", change.removed)):
                if ids:
                    lines.append(f"- {label}: {', '.join(ids)}")
            lines += [f"- renamed: {old} → {new}" for old, new in change.renamed.items()]
            if change.note:
                lines.append(f"- {localize(change.note, loaded.bank.default_language)}")
            lines.append("")
        if not loaded.bank.changes:
            lines.append("No changes are recorded for this bank.")
        text = "\n".join(lines)
    printable = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return printable.rstrip("\n") + "\n"


MAX_CHANGELOG_BYTES = 1_000_000


def check_bank_folder(path: Path) -> list[Problem]:
    """Every problem in the bank at ``path`` and, for a folder, in its migration map.

    The map is checked against the versions the folder keeps (``versions/``): each step
    must connect two of them, name only ids they have, and lead forwards.
    """
    bank, _, problems = read_bank(path)
    try:
        found = read_migrations(path)
    except FileProblems as error:
        return sorted([*problems, *error.problems])
    if found is None or bank is None:
        return problems
    kept = released_versions(path)

    def bank_at(version: str) -> Bank | None:
        if version == bank.version:
            return bank
        if version not in kept:
            return None
        return read_bank(kept[version])[0]

    migrations, sources = found
    return sorted([*problems, *lint_migrations(migrations, sources, bank_at)])


def _include(categories: list[Any], index: int, folder: Path, sources: Sources) -> list[Problem]:
    """Replace a category file name by that file's content, remembering where it came from."""
    name = categories[index]
    target = folder / name
    inside = folder.resolve()
    if Path(name).is_absolute() or inside not in target.resolve().parents:
        return [
            sources.problem(
                ("categories", index),
                f"category file '{name[:80]}' must be in the bank's folder",
            )
        ]
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
    """Load a bank for use; raise FileProblems naming the first error if it is not valid.

    ``ref`` may end in ``@VERSION`` to load that released version of the bank; raises
    VersionUnavailable if the bank does not keep it.
    """
    name, version = split_version(ref) if isinstance(ref, str) else (ref, None)
    path, origin = resolve_bank(name)
    kept = released_versions(path) if version is not None else {}
    if version is not None and version in kept:
        loaded = _load(kept[version], origin, ref)
        if loaded.bank.version != version:
            raise RoadmapError(
                f"{display_path(loaded.path)}: holds version {loaded.bank.version}, "
                f"not {version} as its folder says"
            )
        return loaded
    loaded = _load(path, origin, name)
    if version is not None and loaded.bank.version != version:
        available = ", ".join([*kept, loaded.bank.version])
        raise VersionUnavailable(
            f"bank '{loaded.bank.id}' has no version {version} (available: {available})",
            "Move the answers to an available version with: roadmap migrate FILE",
        )
    return loaded


def _load(path: Path, origin: str, ref: str | Path) -> LoadedBank:
    bank, sources, problems = read_bank(path)
    if bank is None or sources is None or any(p.is_error for p in problems):
        raise FileProblems(problems, f"Run 'roadmap banks lint {ref}' to see every problem.")
    return LoadedBank(bank, sources, path, origin)


@dataclass
class BankHistory:
    """A bank's released versions and the map that leads from each to the next."""

    current: Bank
    versions: list[str]  # every version kept, oldest first; the current one last
    migrations: MigrationsFile | None

    def steps(self, start: str, end: str) -> list[Step]:
        """The steps from version ``start`` to ``end``; RoadmapError if there are none."""
        if start == end:
            return []
        found = chain(self.migrations.steps, start, end) if self.migrations else None
        if found is None:
            known = ", ".join(self.versions)
            raise RoadmapError(
                f"bank '{self.current.id}' has no migration from {start} to {end} "
                f"(versions: {known})",
                "Migrations only go forwards, from one released version to a later one.",
            )
        return found


class BankStore:
    """Banks by the reference they were asked for, each loaded once."""

    def __init__(self) -> None:
        self._loaded: dict[str, LoadedBank] = {}
        self._histories: dict[str, BankHistory] = {}

    def get(self, ref: str) -> LoadedBank:
        """The bank ``ref`` (a built-in id or a path) names, loaded on first use."""
        loaded = self._loaded.get(ref)
        if loaded is None:
            loaded = self._loaded[ref] = load_bank(ref)
        return loaded

    def bank(self, ref: str) -> Bank:
        """The Bank that ``ref`` names (see ``get``)."""
        return self.get(ref).bank

    def history(self, ref: str) -> BankHistory:
        """The versions and the checked migration map of the bank ``ref`` names (cached)."""
        if ref not in self._histories:
            self._histories[ref] = self._history(ref)
        return self._histories[ref]

    def _history(self, ref: str) -> BankHistory:
        loaded = self.get(ref)
        name = split_version(ref)[0]
        kept = released_versions(loaded.path)

        def bank_at(version: str) -> Bank | None:
            try:
                return self.bank(f"{name}@{version}")
            except VersionUnavailable:
                return None

        versions = [v for v in kept if v != loaded.bank.version] + [loaded.bank.version]
        migrations = checked_migrations(loaded.path, bank_at)
        return BankHistory(loaded.bank, versions, migrations)

    def for_answers(self, bank_id: str, version: str, bank_ref: str | None = None) -> Bank:
        """The bank for an answers file that names ``bank_id`` at ``version``.

        ``bank_ref`` (from --bank) says which bank instead; with ``@VERSION`` it is used
        as given.  Otherwise the file's own version is used when the bank keeps it, else
        the current version (the answers check then explains the difference).  An id
        from a file must be a bank id, never a path: a file must not make the tool read
        whatever file it names.
        """
        if bank_ref is not None and split_version(bank_ref)[1] is not None:
            return self.bank(bank_ref)
        if bank_ref is None and not _ID.fullmatch(bank_id):
            raise RoadmapError(
                f"'{bank_id[:80]}' is not a bank id (lowercase letters, digits and hyphens)",
                "Name the bank with --bank, or correct 'bank: id:' in the file.",
            )
        base = bank_ref or bank_id
        try:
            return self.bank(f"{base}@{version}")
        except VersionUnavailable:
            return self.bank(base)
