"""Score many answers files: expand FILE|DIR|GLOB arguments, score each file, in order.

Results come back one by one, in sorted file order whatever ``jobs`` is, so a caller can
stream them to JSON or CSV (memory does not grow with the number of files) and the same
inputs always give the same bytes.  A bad file becomes a failed result and the rest are
still scored; a broken rules plugin stops the run with one error.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from roadmap_cli import inputs
from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.assessment import open_assessment
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import BankStore
from roadmap_cli.errors import FileProblems, RoadmapError, display_path
from roadmap_cli.inputs import shown
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.registry import Selected, select_rule
from roadmap_cli.terminal import visible

R = TypeVar("R")


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: a Scorecard, or the one line that says why not."""

    file: str
    card: Scorecard | None = None
    warnings: tuple[str, ...] = ()  # the file's problems that are not errors
    error: str | None = None
    fatal_hint: str | None = None  # set when the error must stop the whole run
    fatal: bool = False
    # What the per-question CSV reads beyond the Scorecard (question texts, notes); never
    # sent back from a worker process.
    bank: Bank | None = None
    answers: AnswersFile | None = None
    notes: tuple[str, ...] = ()  # what the rule itself warned about, said once per run

    @property
    def ok(self) -> bool:
        """True when the file was scored."""
        return self.error is None


def expand_inputs(args: Sequence[str]) -> tuple[list[Path], list[FileResult]]:
    """The files FILE|DIR|GLOB arguments name (see ``inputs``), and the failed ones."""
    paths, skipped = inputs.expand_inputs(args)
    return paths, [FileResult(item.name, error=item.reason) for item in skipped]


class Scorer:
    """Scores files one at a time under one rule, loading each bank once."""

    def __init__(self, selected: Selected, bank_ref: str | None = None) -> None:
        self.selected = selected
        self.bank_ref = bank_ref
        self.store = BankStore()

    def score_path(self, path: Path) -> FileResult:
        """Score one file; a problem with the file becomes a failed result."""
        name = shown(path)
        try:
            assessment = open_assessment(path, self.bank_ref, self.store)
        except FileProblems as error:
            return FileResult(name, error=error.message)
        except RoadmapError as error:
            message = error.message
            return FileResult(name, error=message.removeprefix(f"{display_path(path)}: "))
        try:
            card = self.selected.score(assessment.bank, assessment.answers)
        except RoadmapError as error:
            return FileResult(name, error=error.message, fatal_hint=error.hint, fatal=True)
        answers = assessment.answers
        warnings = (*card.notes, *(p.format(with_column=False) for p in assessment.warnings))
        # Open merge conflicts are said on the terminal too: they make the scores partial.
        conflicts = assessment.open_conflicts
        notes = (*card.notes, *([conflicts.format(with_column=False)] if conflicts else []))
        card = replace(card, assessment=answers.assessment)
        return FileResult(name, card, warnings, bank=assessment.bank, answers=answers, notes=notes)


@contextlib.contextmanager
def batch_gc() -> Iterator[None]:
    """Make the garbage collector cheap for a long batch of files, then put it back.

    Scoring a file allocates tens of thousands of short-lived objects and no reference
    cycles, so refcounting frees them and the collector only gets in the way: a full
    collection every twenty files walked the whole bank (a quarter of a run), and young
    collections every 700 allocations cost another tenth.  The objects alive now
    (modules, rules) are frozen out of collection, and young collections wait for 10,000
    allocations.  Opt-in (the CLI uses it): a library must not retune its host process.
    No collection first: in a host with a large heap (a test session, a notebook) a full
    collection on every call cost more than the batch, and garbage frozen here is only
    held until the batch ends.
    """
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


_WORKER: Scorer | None = None


@dataclass(frozen=True)
class How:
    """How a batch scores: under which rules, against which bank (``--bank``, or None for
    each file's own), in how many processes."""

    rules: Selected
    bank_ref: str | None = None
    jobs: int = 1


def _start_worker(spec: str | None, bank_ref: str | None) -> None:
    global _WORKER
    _WORKER = Scorer(select_rule(spec), bank_ref)
    # A worker process is ours alone and lives for the batch: tune it for good.
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


def _score_in_worker(path: Path, render: Callable[[FileResult], Any]) -> tuple[FileResult, Any]:
    # Only the rendered form travels back: a whole Scorecard costs more to pickle and
    # unpickle than to compute, which would make two processes slower than one.
    assert _WORKER is not None
    result = _WORKER.score_path(path)
    rendered = render(result) if result.ok else None
    return replace(result, card=None, bank=None, answers=None), rendered


def iter_rendered(
    paths: Sequence[Path], render: Callable[[FileResult], R], how: How
) -> Iterator[tuple[FileResult, R | None]]:
    """Score ``paths`` in the order given, and ``render`` each scored file where it was scored.

    Yields (result, rendered) pairs; rendered is None for a failed file.  With ``jobs`` > 1
    the files are spread over processes, ``render`` runs in them (it must be a picklable,
    module-level function) and ``result.card`` is left empty; workers choose the rule again
    from ``how.rules.spec`` (rule objects need not be picklable).  Raises RoadmapError if
    the rules cannot be loaded, or a plugin fails while scoring.
    """
    if how.jobs <= 1 or len(paths) < 2:
        scorer = Scorer(how.rules, how.bank_ref)
        for path in paths:
            result = _checked(scorer.score_path(path))
            yield result, (render(result) if result.ok else None)
        return
    # Chunks big enough to amortise the trip between processes, small enough to stream.
    chunk = max(1, min(16, len(paths) // (how.jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=how.jobs, initializer=_start_worker, initargs=(how.rules.spec, how.bank_ref)
    ) as pool:
        tasks = pool.map(_score_in_worker, paths, [render] * len(paths), chunksize=chunk)
        for result, rendered in tasks:
            yield _checked(result), rendered


@dataclass
class Batch:
    """A batch run in progress: the results as they come, and the inputs that failed.

    ``failed`` holds one line per file that could not be read or scored (and per argument
    that named nothing); it is complete once ``results`` has been read to the end.
    """

    results: Iterator[tuple[FileResult, Any]]
    total: int  # files found, plus arguments that named none
    failed: list[str]
    jobs: int  # processes used: at most the number of CPUs


def run(inputs: Sequence[str], render: Callable[[FileResult], R], how: How) -> Batch:
    """Score the files that FILE, DIR and GLOB ``inputs`` name, ``render``-ing each one.

    The one entry point for batches (``roadmap score`` and the commands built on it):
    see ``expand_inputs`` for what the arguments name and ``iter_rendered`` for how
    files are scored.
    """
    paths, missing = expand_inputs(inputs)
    failed = [f"{m.file}: {m.error}" for m in missing]
    # More processes than CPUs only costs memory (each holds the banks and rules).
    how = replace(how, jobs=max(1, min(how.jobs, os.cpu_count() or 1)))

    def noted() -> Iterator[tuple[FileResult, Any]]:
        for result, rendered in iter_rendered(paths, render, how):
            if not result.ok:
                # The error names the file as it is shown (escaped), not as it is stored.
                name, error = visible(result.file), result.error or "failed"
                failed.append(error if error.startswith(name) else f"{name}: {error}")
            yield result, rendered

    return Batch(noted(), len(paths) + len(missing), failed, how.jobs)


def _checked(result: FileResult) -> FileResult:
    if result.fatal:
        raise RoadmapError(result.error or "scoring failed", result.fatal_hint)
    return result
