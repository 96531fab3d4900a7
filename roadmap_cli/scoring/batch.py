"""Score many answers files: expand FILE|DIR|GLOB arguments, score each file, in order.

Results come back one by one, in sorted file order whatever ``jobs`` is, so a caller can
stream them to JSON or CSV (memory does not grow with the number of files) and the same
inputs always give the same bytes.  A bad file becomes a failed result and the rest are
still scored; a broken rules plugin stops the run with one error.
"""

from __future__ import annotations

import gc
import glob
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any, TypeVar

from roadmap_cli.answers import AnswersFile
from roadmap_cli.answers_check import load_checked
from roadmap_cli.bank import Bank
from roadmap_cli.bank_loader import load_bank
from roadmap_cli.errors import FileProblems, RoadmapError, display_path
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.registry import Selected, select_rule

ANSWER_SUFFIXES = (".yaml", ".yml")
R = TypeVar("R")


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: a Scorecard, or the one line that says why not."""

    file: str
    card: Scorecard | None = None
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


def shown(path: Path) -> str:
    """A path as printed in outputs: relative where possible, always with forward slashes."""
    return PurePath(display_path(path)).as_posix()


def expand_inputs(args: Sequence[str]) -> tuple[list[Path], list[FileResult]]:
    """The files that FILE, DIR (its *.yaml/*.yml, not recursive) and GLOB arguments name.

    Sorted and without repeats; an argument that names nothing is a failed result.
    """
    found: dict[str, Path] = {}
    missing: list[FileResult] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            matches = [p for p in path.iterdir() if p.is_file() and p.suffix in ANSWER_SUFFIXES]
            if not matches:
                missing.append(FileResult(shown(path), error="no .yaml answers files in folder"))
        elif path.is_file():
            matches = [path]
        elif glob.has_magic(arg):
            # glob.glob, not Path.glob: the pattern may be absolute or start with '..'.
            hits = glob.glob(arg, recursive=True)  # noqa: PTH207
            matches = [Path(p) for p in hits if Path(p).is_file()]
            if not matches:
                missing.append(FileResult(arg, error="no file matches this pattern"))
        else:
            missing.append(FileResult(shown(path), error="no such file or folder"))
            matches = []
        for match in matches:
            found.setdefault(shown(match), match)
    return [found[key] for key in sorted(found)], missing


class Scorer:
    """Scores files one at a time under one rule, loading each bank once.

    Meant for batches, and tunes the garbage collector for them once a bank is loaded
    (see ``_tune_gc``).
    """

    def __init__(self, selected: Selected, bank_ref: str | None = None) -> None:
        self.selected = selected
        self.bank_ref = bank_ref
        self._banks: dict[str, Bank] = {}

    def bank(self, ref: str) -> Bank:
        """The bank ``ref`` names, loaded once."""
        if ref not in self._banks:
            self._banks[ref] = load_bank(ref).bank
            _tune_gc()
        return self._banks[ref]

    def score_path(self, path: Path) -> FileResult:
        """Score one file; a problem with the file becomes a failed result."""
        name = shown(path)
        try:
            loaded, bank, problems = load_checked(path, self.bank_ref, self.bank)
        except FileProblems as error:
            return FileResult(name, error=error.message)
        except RoadmapError as error:
            message = error.message
            return FileResult(name, error=message.removeprefix(f"{display_path(path)}: "))
        try:
            card = self.selected.score(bank, loaded.answers)
        except RoadmapError as error:
            return FileResult(name, error=error.message, fatal_hint=error.hint, fatal=True)
        notes = card.warnings
        warnings = (*notes, *(p.format(with_column=False) for p in problems))
        card = replace(card, file=name, warnings=warnings, assessment=loaded.answers.assessment)
        return FileResult(name, card, bank=bank, answers=loaded.answers, notes=notes)


def _tune_gc() -> None:
    """Make the garbage collector cheap for a long batch of files.

    Scoring a file allocates tens of thousands of short-lived objects and no reference
    cycles, so refcounting frees them and the collector only gets in the way: a full
    collection every twenty files walked the whole bank (a quarter of a run), and young
    collections every 700 allocations cost another tenth.  The objects alive now
    (modules, rules, the bank) are frozen out of collection, and young collections wait
    for 10,000 allocations.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(10_000, middle, old)


_WORKER: Scorer | None = None


def _start_worker(rules: str | None, bank_ref: str | None) -> None:
    global _WORKER
    _WORKER = Scorer(select_rule(rules), bank_ref)


def _score_in_worker(path: Path, render: Callable[[FileResult], Any]) -> tuple[FileResult, Any]:
    # Only the rendered form travels back: a whole Scorecard costs more to pickle and
    # unpickle than to compute, which would make two processes slower than one.
    assert _WORKER is not None
    result = _WORKER.score_path(path)
    rendered = render(result) if result.ok else None
    return replace(result, card=None, bank=None, answers=None), rendered


def iter_rendered(
    paths: Sequence[Path],
    render: Callable[[FileResult], R],
    rules: str | None = None,
    bank_ref: str | None = None,
    jobs: int = 1,
    selected: Selected | None = None,
) -> Iterator[tuple[FileResult, R | None]]:
    """Score ``paths`` in the order given, and ``render`` each scored file where it was scored.

    Yields (result, rendered) pairs; rendered is None for a failed file.  With ``jobs`` > 1
    the files are spread over processes, ``render`` runs in them (it must be a picklable,
    module-level function) and ``result.card`` is left empty.  ``selected`` is the rule
    already chosen from ``rules`` (workers choose it again from ``rules``: rule objects
    need not be picklable).  Raises RoadmapError if the rules cannot be loaded, or a plugin
    fails while scoring.
    """
    selected = selected or select_rule(rules)
    if jobs <= 1 or len(paths) < 2:
        scorer = Scorer(selected, bank_ref)
        for path in paths:
            result = _checked(scorer.score_path(path))
            yield result, (render(result) if result.ok else None)
        return
    # Chunks big enough to amortise the trip between processes, small enough to stream.
    chunk = max(1, min(16, len(paths) // (jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(rules, bank_ref)
    ) as pool:
        tasks = pool.map(_score_in_worker, paths, [render] * len(paths), chunksize=chunk)
        for result, rendered in tasks:
            yield _checked(result), rendered


def _checked(result: FileResult) -> FileResult:
    if result.fatal:
        raise RoadmapError(result.error or "scoring failed", result.fatal_hint)
    return result
