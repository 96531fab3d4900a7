"""Benchmark ``roadmap score`` on 1,000 generated answers files for the full default bank.

Prints, in one process: the rate of merely parsing the files with ``yaml.CSafeLoader``,
the rate of scoring them (load, validate, check against the bank, score), and the ratio;
then ``--jobs 2`` against one process; then peak Python memory while scoring 200 files
and 1,000 files (it should not grow with the number of files, as results stream).

    python bench/score.py [--files 1000] [--keep DIR]

Each ratio comes from timing its two sides back to back in each round and taking the
median over the rounds: a slow spell on a shared machine slows both sides of a round.

Targets (issue 5): scoring ≥ 0.85 × the parse-only rate; --jobs 2 ≥ 1.6 × one process;
peak memory flat from 200 to 1,000 files.  Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from roadmap_cli.answers.check import check_answers
from roadmap_cli.answers.model import (
    Answer,
    AnswersFile,
    Assessment,
    BankRef,
    load_answers,
    save_answers,
)
from roadmap_cli.bank.conditions import visibility
from roadmap_cli.bank.store import load_bank
from roadmap_cli.scoring.batch import FileResult, How, batch_gc, iter_rendered
from roadmap_cli.scoring.export import json_fragment
from roadmap_cli.scoring.registry import select_rule

BANK = "regional-strategic-roadmap"


def generate(folder: Path, count: int, bank_ref: str = BANK) -> list[Path]:
    """``count`` answers files with random but valid answers to every visible question."""
    bank = load_bank(bank_ref).bank
    rng = random.Random(5)
    paths = []
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    for n in range(count):
        values: dict[str, object] = {}
        answers: dict[str, Answer] = {}
        for item in bank.located:
            q = item.question
            shown = visibility(((x.id, x.show_if) for x in bank.questions()), values)
            if not shown[q.id] or rng.random() < 0.05:
                continue
            options = bank.options_for(q)
            value: object
            if q.type == "text":
                value = "A short note about the situation in this country."
            elif q.offers_dont_know and rng.random() < 0.05:
                value = "dont-know"
            elif q.type == "multi":
                plain = [o.key for o in options if not o.exclusive]
                value = [k for k in plain if rng.random() < 0.5] or plain[:1]
            elif q.type == "number":
                spec = q.number
                low = int(spec.min or 0) if spec else 0
                high = int(spec.max or 10) if spec and spec.max is not None else 10
                value = rng.randint(low, min(high, low + 30))
            else:
                value = rng.choice(options).key
            values[q.id] = value
            note = "Evidence held by the ministry." if rng.random() < 0.2 else None
            answers[q.id] = Answer(value=value, note=note, answered_at=start)
        data = AnswersFile(
            format="roadmap-answers/1",
            bank=BankRef(id=bank.id, version=bank.version),
            assessment=Assessment(country=f"Country {n:04d}", started=start),
            answers=answers,
        )
        path = folder / f"answers-{n:04d}.yaml"
        save_answers(path, data, bank)
        paths.append(path)
        start += timedelta(minutes=1)
    return paths


REPEAT = 5


def timed(action: Callable[[], int]) -> tuple[float, int]:
    """Best seconds of REPEAT runs, and the count ``action`` returns.

    The best run is the one least disturbed by whatever else the machine was doing.
    """
    best = float("inf")
    count = 0
    for _ in range(REPEAT):
        began = time.perf_counter()
        count = action()
        best = min(best, time.perf_counter() - began)
    return best, count


def paired(first: Callable[[], object], second: Callable[[], object]) -> tuple[float, float, float]:
    """Best seconds of each of two actions, and the median of their per-round ratios.

    The two run back to back in each of REPEAT rounds (taking turns at going first), so
    a slow spell on a shared machine slows both sides of a round alike; the median
    ratio is steadier than a ratio of two separately taken bests.
    """
    times: list[tuple[float, float]] = []
    for round_ in range(REPEAT):
        pair = {}
        for name, action in ((0, first), (1, second))[:: 1 if round_ % 2 == 0 else -1]:
            began = time.perf_counter()
            action()
            pair[name] = time.perf_counter() - began
        times.append((pair[0], pair[1]))
    ratios = sorted(a / b for a, b in times)
    return min(a for a, _ in times), min(b for _, b in times), ratios[len(ratios) // 2]


def parse_only(paths: list[Path]) -> int:
    """Parse each file with yaml.CSafeLoader and nothing else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            yaml.load(handle, Loader=loader)
    return len(paths)


def overall(result: FileResult) -> float | None:
    """The least a caller can want from a Scorecard: the overall score."""
    assert result.card is not None
    return result.card.overall.score


def score_all(
    paths: list[Path], jobs: int, render: Callable[[FileResult], object] = overall
) -> int:
    """Score every file with the default rule, as ``roadmap score`` does; the number scored.

    The CLI runs its batches under ``batch_gc`` (the library leaves the garbage collector
    alone unless asked), so the bench does too.
    """
    with batch_gc():
        return sum(
            result.ok
            for result, _ in iter_rendered(paths, render, How(select_rule(None), jobs=jobs))
        )


def load_only(paths: list[Path]) -> int:
    """Read, validate and check each file against the bank as scoring does, but not score."""
    bank = load_bank(BANK).bank
    for path in paths:
        check_answers(load_answers(path), bank)
    return len(paths)


def peak_memory(paths: list[Path]) -> float:
    """Peak traced Python memory (MB) while scoring ``paths`` in this process."""
    score_all(paths[:2], 1)  # load the bank and modules first: they are not per-file
    tracemalloc.start()
    score_all(paths, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1_048_576


def main() -> None:
    """Generate the files, run the measurements, print the figures."""
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per figure (best)")
    args = parser.parse_args()
    REPEAT = max(1, args.repeat)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        paths = sorted(folder.glob("answers-*.yaml"))
        if len(paths) < args.files:
            print(f"generating {args.files} answers files in {folder} ...")
            paths = generate(folder, args.files)
        paths = paths[: args.files]
        score_all(paths[:1], 1)  # warm up: bank loaded and cached in this process

        parse_s, one_s, one_ratio = paired(lambda: parse_only(paths), lambda: score_all(paths, 1))
        load_s, _ = timed(lambda: load_only(paths))
        scored = score_all(paths, 1)
        _, two_s, two_ratio = paired(lambda: score_all(paths, 1), lambda: score_all(paths, 2))
        json_one_s, json_two_s, json_ratio = paired(
            lambda: score_all(paths, 1, json_fragment), lambda: score_all(paths, 2, json_fragment)
        )
        n = len(paths)
        print(f"files: {n} ({scored} scored), bank {BANK}")
        print(f"parse only (yaml.CSafeLoader):      {n / parse_s:8.1f} files/s")
        print(f"load + check only (roadmap reader): {n / load_s:8.1f} files/s")
        print(f"score, one process:                 {n / one_s:8.1f} files/s")
        print(f"score, --jobs 2:                    {n / two_s:8.1f} files/s")
        print(f"score to JSON, one process:         {n / json_one_s:8.1f} files/s")
        print(f"score to JSON, --jobs 2:            {n / json_two_s:8.1f} files/s")
        print(
            f"ratio one process / parse only: {one_ratio:.2f}  (target ≥ 0.85; median of "
            f"{REPEAT} back-to-back rounds; {parse_s / one_s:.2f} from the best of each)"
        )
        print(f"ratio load + check / parse only: {parse_s / load_s:.2f}  (the bound on the above)")
        print(f"ratio --jobs 2 / one process:   {two_ratio:.2f}  (target ≥ 1.6; median of rounds)")
        print(f"ratio --jobs 2 / one, JSON:     {json_ratio:.2f}")
        small = peak_memory(paths[: min(200, n)])
        large = peak_memory(paths)
        print(f"peak memory scoring {min(200, n)} files: {small:.1f} MB")
        print(f"peak memory scoring {n} files: {large:.1f} MB  (ratio {large / small:.2f})")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
