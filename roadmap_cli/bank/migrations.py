"""Migration maps: how answers move from one released version of a bank to the next.

A bank folder may hold ``migrations.yaml`` (format ``roadmap-migrations/1``): a list of
steps, each from one version to the next, saying declaratively what happened to each
question id — renamed, merged, split, retired, option keys renamed, scale changed, or
asked again.  Ids a step does not name are kept as they are.  No code: a map is data that
``roadmap banks lint`` checks against the two versions it connects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from roadmap_cli.bank.conditions import RESERVED_VALUES
from roadmap_cli.bank.model import Bank, Name
from roadmap_cli.errors import FileProblems, Problem
from roadmap_cli.problems import Sources, read_model

MIGRATIONS_FILE = "migrations.yaml"
ASK = "ask"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Merge(_Model):
    """Several old questions become one new question."""

    from_: list[str] = Field(alias="from", min_length=2, description="The old question ids.")
    into: str = Field(description="The new question id.")
    keep: str = Field(
        description="The old id whose answer carries over, or 'ask' to ask the merged "
        "question again (every old answer is archived)."
    )


class Split(_Model):
    """One old question becomes several new questions."""

    from_: str = Field(alias="from", description="The old question id.")
    into: list[str] = Field(min_length=2, description="The new question ids.")
    answer: Literal["copy", "ask"] = Field(
        description="'copy': the old answer goes to each new question; 'ask': they are "
        "asked (the old answer is archived)."
    )


class Step(_Model):
    """What changed from one version to the next."""

    from_: Name = Field(alias="from", description="The version the answers are at.")
    to: Name = Field(description="The version they move to.")
    renamed: dict[str, str] = Field(default_factory=dict, description="Old id: new id.")
    merged: list[Merge] = Field(default_factory=list)
    split: list[Split] = Field(default_factory=list)
    retired: list[str] = Field(
        default_factory=list, description="Old ids whose answers are archived."
    )
    options: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="By new question id: old option key -> new option key.",
    )
    rescaled: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="By new question id: old value -> new value; a value not listed is "
        "asked again.",
    )
    ask: list[str] = Field(
        default_factory=list, description="New ids asked again (the old answer is archived)."
    )

    def old_ids(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        """Every old id the step names, with where it is written in the step."""
        for old in self.renamed:
            yield old, ("renamed", old)
        for m, merge in enumerate(self.merged):
            for f, old in enumerate(merge.from_):
                yield old, ("merged", m, "from", f)
        for s, split in enumerate(self.split):
            yield split.from_, ("split", s, "from")
        for r, old in enumerate(self.retired):
            yield old, ("retired", r)

    def targets(self) -> Iterator[tuple[str, tuple[str | int, ...]]]:
        """Every new id the step names, with where it is written in the step."""
        for old, new in self.renamed.items():
            yield new, ("renamed", old)
        for m, merge in enumerate(self.merged):
            yield merge.into, ("merged", m, "into")
        for s, split in enumerate(self.split):
            for i, new in enumerate(split.into):
                yield new, ("split", s, "into", i)
        for qid in self.options:
            yield qid, ("options", qid)
        for qid in self.rescaled:
            yield qid, ("rescaled", qid)
        for a, qid in enumerate(self.ask):
            yield qid, ("ask", a)


class MigrationsFile(_Model):
    """A bank's migration map."""

    format: Literal["roadmap-migrations/1"] = Field(description="Always roadmap-migrations/1.")
    steps: list[Step] = Field(min_length=1)


def read_migrations(folder: Path) -> tuple[MigrationsFile, Sources] | None:
    """The migration map of the bank in ``folder``, or None if it has none.

    Raises FileProblems if the file is not a well-formed map.
    """
    path = folder / MIGRATIONS_FILE
    if not folder.is_dir() or not path.is_file():
        return None
    return read_model(
        path,
        MigrationsFile,
        what="migration map",
        hint="See 'Migration maps' in docs/question-bank-guide.md.",
    )


def chain(steps: list[Step], start: str, end: str) -> list[Step] | None:
    """The steps that lead from version ``start`` to ``end``, in order (None if none do)."""
    by_from = {step.from_: step for step in steps}
    found: list[Step] = []
    version = start
    while version != end:
        step = by_from.get(version)
        if step is None or len(found) > len(steps):  # no way on, or a cycle
            return None
        found.append(step)
        version = step.to
    return found


def lint_migrations(
    migrations: MigrationsFile, sources: Sources, bank_at: Callable[[str], Bank | None]
) -> list[Problem]:
    """Every problem with a migration map, located in its file.

    ``bank_at`` gives the bank at a version (None if the folder does not keep it): each
    step is checked against the two versions it connects.
    """
    problems: list[Problem] = []
    seen_from: dict[str, int] = {}
    for index, step in enumerate(migrations.steps):
        where: tuple[str | int, ...] = ("steps", index)
        if step.from_ in seen_from:
            problems.append(
                sources.problem(
                    (*where, "from"), f"a second step from {step.from_} (step {index + 1})"
                )
            )
        seen_from.setdefault(step.from_, index)
        old, new = bank_at(step.from_), bank_at(step.to)
        for version, bank, key in ((step.from_, old, "from"), (step.to, new, "to")):
            if bank is None:
                problems.append(
                    sources.problem(
                        (*where, key),
                        f"version {version} is not kept by this bank (versions/{version}/)",
                    )
                )
        if old is not None and new is not None:
            problems.extend(_check_step(step, old, new, sources, where))
    for index, step in enumerate(migrations.steps):
        if _loops(migrations.steps, step):
            problems.append(
                sources.problem(
                    ("steps", index, "to"),
                    f"the steps from {step.from_} lead back to a version already passed",
                )
            )
            break
    return problems


def _loops(steps: list[Step], first: Step) -> bool:
    """Whether following the steps from ``first`` comes back to a version already passed."""
    by_from = {step.from_: step for step in steps}
    seen = {first.from_}
    step: Step | None = first
    while step is not None:
        if step.to in seen:
            return True
        seen.add(step.to)
        step = by_from.get(step.to)
    return False


def _check_step(
    step: Step, old: Bank, new: Bank, sources: Sources, where: tuple[str | int, ...]
) -> list[Problem]:
    problems: list[Problem] = []

    def say(path: tuple[str | int, ...], message: str) -> None:
        problems.append(sources.problem((*where, *path), message))

    named: dict[str, tuple[str | int, ...]] = {}
    for qid, path in step.old_ids():
        if qid not in old.by_id:
            say(path, f"{qid} is not a question of version {step.from_}")
        elif qid in named:
            say(path, f"{qid} is named twice in this step")
        named.setdefault(qid, path)
    for qid, path in step.targets():
        if qid not in new.by_id:
            say(path, f"{qid} is not a question of version {step.to}")
    # A new id that also exists, unchanged, as an old id would receive two answers.
    for qid, path in step.targets():
        moving_in = path[0] in ("renamed", "merged", "split")
        if moving_in and qid in old.by_id and qid not in named and not _from_itself(step, qid):
            say(path, f"{qid} already exists in {step.from_} and keeps its own answer")
    for m, merge in enumerate(step.merged):
        if merge.keep != ASK and merge.keep not in merge.from_:
            say(("merged", m, "keep"), f"keep must be one of {', '.join(merge.from_)} or 'ask'")
    for kind, maps in (("options", step.options), ("rescaled", step.rescaled)):
        for qid, values in maps.items():
            offered = new.option_index.get(qid, {})
            for before, after in values.items():
                if after not in offered and after not in RESERVED_VALUES:
                    say(
                        (kind, qid, before),
                        f"'{after}' is not an option of {qid} in {step.to}",
                    )
    return problems


def _from_itself(step: Step, qid: str) -> bool:
    """Whether ``qid`` is a target that its own old answer feeds (PX1.7 merged into PX1.7)."""
    if step.renamed.get(qid) == qid:
        return True
    return any(merge.into == qid and qid in merge.from_ for merge in step.merged) or any(
        split.from_ == qid and qid in split.into for split in step.split
    )


def checked_migrations(
    folder: Path, bank_at: Callable[[str], Bank | None]
) -> MigrationsFile | None:
    """The map in ``folder`` if it has one, checked; FileProblems if it has errors."""
    found = read_migrations(folder)
    if found is None:
        return None
    migrations, sources = found
    problems = lint_migrations(migrations, sources, bank_at)
    if problems:
        raise FileProblems(sorted(problems), "Run 'roadmap banks lint' on the bank to see them.")
    return migrations
