"""``--explain``: how a question's, section's, category's or the overall score was reached,
as plain lines of text a policy analyst can follow and check by hand."""

from __future__ import annotations

from roadmap_cli.errors import RoadmapError
from roadmap_cli.scoring.batch import FileResult
from roadmap_cli.scoring.model import Gap, NodeScore, QuestionScore, Scorecard, Trace
from roadmap_cli.scoring.numbers import short
from roadmap_cli.scoring.working import gap_working, mean_working, weight_text


def _num(value: float | None) -> str:
    return short(value)


def working(trace: Trace) -> str | None:
    """The weighted mean written out with its numbers, e.g. ``(2 × 0.5 + 1 × 1) / 3 = 0.6667``;
    inputs carry the decimals needed for the result to follow from them."""
    used = [i for i in trace.inputs if i.score is not None and i.weight is not None]
    if not used or not trace.formula.startswith("weighted mean") or trace.result is None:
        return None
    return mean_working([(i.weight or 0.0, i.score or 0.0) for i in used], trace.result)


def _gap_lines(gap: Gap) -> list[str]:
    """The shortfall and the priority of a gap, written out."""
    factors = [(factor.id, factor.score or 0.0) for factor in gap.trace.inputs]
    shortfall, priority = gap_working(
        gap.target, gap.score, gap.shortfall, gap.weight, factors, gap.priority
    )
    return [f"  gap: {shortfall}", f"  priority: {priority}"]


def explain(card: Scorecard, node_id: str, file: str) -> list[str]:
    """Lines explaining the score of ``node_id`` in ``card`` (scored from ``file``).

    Raises RoadmapError if the card has no such id.
    """
    node = card.find(node_id)
    if node is None:
        raise RoadmapError(
            f"{file}: no question, section or category '{node_id}' in bank {card.bank_id}",
            "Give a question id (PL1.1), a section id (PL1), a category id (PL) or 'overall'.",
        )
    kind = "question" if isinstance(node, QuestionScore) else node.level
    title = f" “{node.title}”" if isinstance(node, NodeScore) and node.title else ""
    name = f"{kind} {node.id}" if node.id != kind else kind
    lines = [f"{file}: {name}{title} — rule {card.rule}"]
    band = f" ({node.band})" if node.band else ""
    lines.append(f"  score: {_num(node.score)}{band}")
    if isinstance(node, QuestionScore):
        lines.append(f"  answer: {node.answer or '—'} ({node.status})")
        lines.append(f"  how: {node.trace.formula}")
        lines.append(
            f"  weight: {weight_text(node.weight)}" + ("  ★ critical" if node.critical else "")
        )
        if node.red_flag:
            lines.append("  red flag raised by this answer")
        gap = next((g for g in card.gaps if g.question == node.id), None)
        if gap is not None:
            lines.extend(_gap_lines(gap))
    else:
        lines.append(f"  how: {node.trace.formula}")
        lines.append("  inputs:")
        width = max((len(i.id) for i in node.trace.inputs), default=0)
        for item in node.trace.inputs:
            weight = "" if item.weight is None else f"  weight {weight_text(item.weight)}"
            detail = f"  ({item.detail})" if item.detail and item.detail != "answered" else ""
            lines.append(f"    {item.id:<{width}}  score {_num(item.score):>6}{weight}{detail}")
        worked = working(node.trace)
        if worked:
            lines.append(f"  working: {worked}")
        counts = node.counts
        lines.append(
            f"  answered {counts.answered} of {counts.answered + counts.unanswered} visible "
            f"questions ({counts.not_applicable} not applicable, {counts.dont_know} don't know, "
            f"{counts.hidden} hidden)"
        )
    for note in node.trace.notes:
        lines.append(f"  note: {note}")
    if node.band is not None:
        lines.append(
            "  bands: " + ", ".join(f"{b.name} ≥ {weight_text(b.min)}" for b in card.bands)
        )
    return lines


def explain_fragment(node_id: str, result: FileResult) -> list[str]:
    """``explain`` for a batch result (rendered where the file was scored)."""
    assert result.card is not None
    return explain(result.card, node_id, result.file)
