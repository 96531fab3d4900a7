"""``roadmap migrate`` in the core: move an answers file to a later version of its bank.

The file is opened and checked against the version it names (which the bank keeps), the
chain of steps to the target version is taken from the bank's migration map, the answers
are moved (``answers.migrate``), each step checking that every answer it places is one the
new version takes, so that what is written is always a valid file for the target version.

A batch is written several files at a time (``write_migrations``): each file is still
replaced atomically and fsynced, but the waits for the disk overlap, which on a thousand
files took most of the time of ``roadmap migrate``.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from roadmap_cli.answers.check import value_problem
from roadmap_cli.answers.migrate import Migration, migrate_answers
from roadmap_cli.answers.model import save_answers
from roadmap_cli.assessment import Assessment, open_assessment
from roadmap_cli.bank.store import BankStore, split_version, version_key
from roadmap_cli.errors import RoadmapError, UsageError, display_path, file_error
from roadmap_cli.files import write_atomic
from roadmap_cli.terminal import shell_word


@dataclass
class Planned:
    """A migration worked out for one file, not yet written."""

    path: Path
    start: str  # the version the file is at
    end: str  # the version it moves to
    migration: Migration
    bank_ref: str  # the bank, as --bank or the file named it

    @property
    def changed(self) -> bool:
        """Whether the file would change at all."""
        return self.start != self.end


def plan_migration(
    path: Path, to: str | None = None, store: BankStore | None = None, bank_ref: str | None = None
) -> Planned:
    """Work out the migration of ``path`` to version ``to`` (default: the bank's latest).

    ``bank_ref`` names the bank when it is not a built-in one (a folder).

    Raises RoadmapError if the file has errors or the bank has no way to ``to``.  An
    answer the new version does not take is archived and asked again, never written.
    """
    store = store or BankStore()
    return plan_opened(open_assessment(path, bank_ref, store), to, store, bank_ref)


def plan_opened(
    assessment: Assessment, to: str | None, store: BankStore, bank_ref: str | None = None
) -> Planned:
    """``plan_migration`` for a file already opened (with ``store``)."""
    path, answers = assessment.path, assessment.answers
    # The bank without a version: each step's version is added to it below.
    ref = split_version(bank_ref)[0] if bank_ref else answers.bank.id
    history = store.history(ref)
    end = to or history.current.version
    shown = display_path(path)
    if end not in history.versions:
        raise RoadmapError(
            f"{shown}: bank '{answers.bank.id}' has no version {end} "
            f"(versions: {', '.join(history.versions)})",
            "Leave out --to to move to the latest version.",
        )
    if version_key(end) < version_key(answers.bank.version):
        raise RoadmapError(
            f"{shown}: is at version {answers.bank.version}, later than {end}",
            "Migrations only go forwards.",
        )
    if answers.conflicts and end != answers.bank.version:
        # A conflict's versions are answers to a question of this version; the map may
        # rename, merge or retire it, and choosing for the officer is not ours to do.
        # Said for migrate and for compare alike: neither may move the file past them.
        count = len(answers.conflicts)
        raise RoadmapError(
            f"{shown}: {count} question{'s' * (count != 1)} answered differently by merged "
            f"files {'is' if count == 1 else 'are'} still open ({', '.join(answers.conflicts)}), "
            f"so the file cannot be moved to bank version {end}",
            f"Choose the answers first: roadmap assess {shell_word(shown)} --conflicts",
        )
    steps = history.steps(answers.bank.version, end)

    def accepts(version: str, qid: str, value: object) -> bool:
        bank = store.bank(f"{ref}@{version}")
        found = bank.by_id.get(qid)
        return found is not None and value_problem(bank, found.question, value) is None

    migration = migrate_answers(answers, steps, accepts)
    target = store.bank(f"{ref}@{end}")
    order = {qid: index for index, qid in enumerate(target.by_id)}
    migration.needs_answer.sort(key=lambda qid: order.get(qid, len(order)))
    return Planned(path, answers.bank.version, end, migration, ref)


def target_path(plan: Planned, output: Path | None, in_place: bool) -> Path:
    """Where the migrated file goes: ``output`` (a file or folder), in place, or beside."""
    if in_place:
        return plan.path
    name = f"{plan.path.stem}-{plan.end}{plan.path.suffix or '.yaml'}"
    if output is None:
        return plan.path.with_name(name)
    return output / name if output.is_dir() else output


def write_migration(
    plan: Planned, target: Path, in_place: bool, store: BankStore | None = None
) -> Path | None:
    """Write the migrated answers to ``target``; in place, keep the old file beside it.

    Returns the backup's path when one was made.  The answers are written in the order
    of the target version's questions.
    """
    store = store or BankStore()
    bank = store.bank(f"{plan.bank_ref}@{plan.end}")
    backup = None
    if in_place:
        # The .bak ending keeps the old file out of `roadmap score FOLDER`.
        backup = plan.path.with_name(f"{plan.path.name}.{plan.start}.bak")
        try:
            # The file as it is now (a batch may reach it long after it was planned), with
            # its own line ends: the writer writes what it is given.
            with plan.path.open(encoding="utf-8", newline="") as stream:
                original = stream.read()
        except (OSError, UnicodeDecodeError) as error:
            reason = error if isinstance(error, OSError) else OSError(0, "not UTF-8 text")
            raise file_error(
                display_path(plan.path), reason, "read", "Check the file's permissions."
            ) from None
        write_atomic(backup, original, private=True)
    save_answers(target, plan.migration.answers, bank)
    return backup


# Files written at once.  The limit is the disk (each write waits for its fsync), not the
# processor: measured on 300 files, one writer took 9-10 ms a file, four about 2 ms.
WRITERS = 4


@dataclass
class Written:
    """The outcome of writing one migrated file."""

    target: Path
    backup: Path | None = None  # the old file kept beside it (in place)
    error: RoadmapError | None = None  # why it could not be written


def refuse_shared_targets(jobs: Sequence[tuple[Planned, Path]]) -> None:
    """A UsageError if two plans would be written to one file: ``a/x.yaml`` and
    ``b/x.yaml`` migrated into one folder both become ``x-VERSION.yaml``, and the second
    would silently replace the first."""
    seen: dict[Path, Path] = {}
    for plan, target in jobs:
        key = target.resolve()
        if key in seen:
            raise UsageError(
                f"{seen[key]} and {plan.path} would both be written to {target}; "
                "nothing was migrated",
                "Migrate them into different --output folders, or rename one of them.",
            )
        seen[key] = plan.path


def write_migrations(
    jobs: Sequence[tuple[Planned, Path]], in_place: bool, store: BankStore | None = None
) -> Generator[Written, None, None]:
    """Write each plan to its target (``write_migration``), yielding outcomes in order.

    Several files are written at once.  A file that cannot be written is reported in its
    ``Written.error`` and the others are still written.  Plans sharing a target are
    refused (``refuse_shared_targets``) before anything is written.
    """
    refuse_shared_targets(jobs)
    return _write_all(jobs, in_place, store or BankStore())


def _write_all(
    jobs: Sequence[tuple[Planned, Path]], in_place: bool, store: BankStore
) -> Generator[Written, None, None]:
    for plan, _ in jobs:
        store.bank(f"{plan.bank_ref}@{plan.end}")  # loaded here, not by the writers at once

    def write(job: tuple[Planned, Path]) -> Written:
        plan, target = job
        try:
            return Written(target, write_migration(plan, target, in_place, store))
        except RoadmapError as error:
            return Written(target, error=error)

    if len(jobs) < 2:
        yield from map(write, jobs)
        return
    pool = ThreadPoolExecutor(WRITERS, thread_name_prefix="roadmap-migrate")
    try:
        yield from pool.map(write, jobs)
    finally:
        # Stopped early (Ctrl-C): files not started are not started; each one begun
        # finishes or leaves its target as it was.
        pool.shutdown(wait=True, cancel_futures=True)
