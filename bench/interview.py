"""Benchmark: time from an answer being given to the next question being ready.

A scripted asker walks the full default bank in review mode over a file in which every
question already has an answer, a note and evidence (the bank has 136 questions, so this
is the largest valid answers file: every later save writes all of it).  Each interval runs
from the moment the asker returns an answer to the moment the engine asks the next
question: recording, the atomic save (fsync included), visibility and the next view.

    python bench/interview.py [--passes 3] [--dir PATH] [--comments 50]

Saves go through the interview's own saver (``AnswersWriter``: the text is patched, so
comments survive, and checked for outside changes first).  ``--comments N`` adds N
hand-written comment lines to the file first (top, between answers, inline).

Prints median and 95th percentile in milliseconds, the save's share of the time, and the
ratio to the targets in issue 4 (median <= 40 ms, p95 <= 80 ms).  Not run by the tests.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from roadmap_cli.answers.model import AnswersFile, load_answers, save_answers
from roadmap_cli.answers.writer import AnswersWriter
from roadmap_cli.bank.conditions import DONT_KNOW
from roadmap_cli.bank.model import Bank
from roadmap_cli.bank.store import load_bank
from roadmap_cli.interview.engine import Interview, Options
from roadmap_cli.interview.model import (
    Details,
    Give,
    Metadata,
    MetadataRequest,
    Progress,
    QuestionView,
    Reply,
    Tally,
)


def answer_for(view: QuestionView) -> Give:
    """A valid answer, different from the current one where possible (so it really saves)."""
    if view.kind in ("scale", "single"):
        keys = [c.key for c in view.choices]
        current = keys.index(view.default) if view.default in keys else -1
        return Give(keys[(current + 1) % len(keys)])
    if view.kind == "multi":
        plain = [c.key for c in view.choices if not c.exclusive]
        return Give(plain[:2] if view.default != plain[:2] else plain[:1])
    if view.kind == "number":
        spec = view.number
        low = int(spec.min) if spec and spec.min is not None else 0
        return Give(low if view.default != low else low + 1)
    return Give(f"Benchmark text answer {time.perf_counter_ns()}")


class TimingAsker:
    """Answers every question at once and records the interval to the next question."""

    def __init__(self) -> None:
        self.intervals: list[float] = []
        self.given_at: float | None = None

    def metadata(self, request: MetadataRequest) -> Metadata:
        return Metadata("Examplestan", "Ministry of Justice")

    def question(self, view: QuestionView) -> Reply:
        if self.given_at is not None:
            self.intervals.append(time.perf_counter() - self.given_at)
        reply = answer_for(view)
        self.given_at = time.perf_counter()
        return reply

    def details(self, view: QuestionView, current: Details, record: object) -> Details:
        return current

    def overview(self, progress: Progress) -> None:
        pass

    def category_done(self, tally: Tally) -> None:
        pass

    def finished(self, progress: Progress) -> None:
        pass

    def notice(self, text: str) -> None:
        pass


def full_file(bank: Bank, path: Path) -> AnswersFile:
    """An answers file with every question answered, noted and evidenced."""
    answers = {
        q.id: {
            "value": "Existing answer." if q.type == "text" else DONT_KNOW,
            "note": f"Note on {q.id}: discussed with the national coordinator in March.",
            "evidence": [f"Document {q.id}/1", f"Document {q.id}/2"],
            "flagged": False,
            "answered_at": "2026-11-28T09:00:00Z",
        }
        for q in bank.questions()
    }
    data = AnswersFile.model_validate(
        {
            "format": "roadmap-answers/1",
            "bank": {"id": bank.id, "version": bank.version},
            "assessment": {"country": "Examplestan", "organisation": "Ministry of Justice"},
            "answers": answers,
        }
    )
    save_answers(path, data, bank)
    return load_answers(path).answers


def add_comments(path: Path, count: int) -> None:
    """Add ``count`` comment lines, as a person would: at the top, between answers, inline."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out, added = ["# Hand-written note at the top of the file."], 1
    for line in lines:
        if added < count and line.startswith("  ") and not line.startswith("   "):
            out.append(f"  # Comment {added} above an answer.")
            added += 1
        if added < count and line.startswith("    value:"):
            line += f"  # inline comment {added}"
            added += 1
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default: temp)")
    parser.add_argument("--comments", type=int, default=0, help="comment lines to add first")
    args = parser.parse_args()
    bank = load_bank("regional-strategic-roadmap").bank
    save_time: list[float] = []

    writer: AnswersWriter | None = None

    def timed_save(path: Path, answers: AnswersFile, bank: Bank) -> AnswersFile | None:
        assert writer is not None
        start = time.perf_counter()
        merged = writer(path, answers, bank)
        save_time.append(time.perf_counter() - start)
        return merged

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "bench.yaml"
        current = full_file(bank, path)
        if args.comments:
            add_comments(path, args.comments)
            current = load_answers(path).answers
        writer = AnswersWriter(path, current)
        intervals: list[float] = []
        for _ in range(args.passes):
            asker = TimingAsker()
            Interview(bank, path, current, asker, Options(review=True), saver=timed_save).run()
            intervals += asker.intervals
            current = load_answers(path).answers
        size = path.stat().st_size
        kept = path.read_text(encoding="utf-8").count("# ")
    ms = sorted(i * 1000 for i in intervals)
    median = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    share = sum(save_time) / sum(intervals)
    print(
        f"bank: {bank.id} ({len(bank.located)} questions); file: {size} bytes, "
        f"{len(current.answers)} answers, {kept} comments; "
        f"{len(ms)} intervals over {args.passes} passes"
    )
    print(
        f"answer -> next question ready: median {median:.1f} ms, p95 {p95:.1f} ms, "
        f"max {ms[-1]:.1f} ms"
    )
    print(
        f"save (check, patch, atomic write + fsync): "
        f"median {statistics.median(save_time) * 1000:.1f} ms, "
        f"{share:.0%} of the interval"
    )
    print(
        f"vs target: median {median / 40:.2f}x of 40 ms, p95 {p95 / 80:.2f}x of 80 ms "
        "(below 1 meets the target)"
    )


if __name__ == "__main__":
    main()
