"""The terminal tables of ``roadmap score``: one file in detail, or one row per file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_cli.cli.console import out
from roadmap_cli.cli.short_names import shorten
from roadmap_cli.scoring.model import NodeScore, Scorecard
from roadmap_cli.scoring.numbers import fixed, percent, short

if TYPE_CHECKING:
    from rich.table import Table


def _pct(value: float | None) -> str:
    return percent(value)


def print_scores(cards: list[Scorecard], rules: str) -> None:
    """One file: its categories and details; many: one row per file, then a legend."""
    from rich.text import Text

    if len(cards) == 1:
        _one(cards[0], rules)
        return
    if not cards:
        return
    console = out()
    ids = list(dict.fromkeys(c.id for card in cards for c in card.categories))
    titles = {c.id: c.title for card in cards for c in card.categories}
    # Every column but the first keeps its natural width; file names get what is left,
    # shortened in the middle rather than broken mid-word over several lines.
    room = console.width
    wide = console.options.update_width(10_000)  # measure natural widths, not squeezed ones
    while True:
        folder, names = shorten([card.file for card in cards], max(12, room))
        table = _many(cards, names, ids, rules, folder)
        over = console.measure(table, options=wide).maximum - console.width
        if over <= 0 or room <= 12:
            break
        room -= over
    console.print(table)
    legend = [f"{cid} {titles[cid]}" for cid in ids]
    legend += ["flags: red flags raised", "unmet: minimum standards (critical questions) unmet"]
    console.print(Text(" · ".join(legend), style="dim"))


def _many(
    cards: list[Scorecard], names: list[str], ids: list[str], rules: str, folder: str
) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    where = f" — files in {folder}" if folder else ""
    table = Table(title=f"Scores — rules {rules}{where}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("file / country", no_wrap=True, overflow="ellipsis")
    table.add_column("overall", justify="right", no_wrap=True)
    for cid in ids:
        table.add_column(cid, justify="right", no_wrap=True)
    table.add_column("flags", justify="right", no_wrap=True)
    table.add_column("unmet", justify="right", no_wrap=True)
    for card, name in zip(cards, names, strict=True):
        scores = {c.id: c for c in card.categories}
        table.add_row(
            Text.assemble((name, "bold"), "\n", (card.country, "dim")),
            Text.assemble(_pct(card.overall.score), "\n", (_band(card.overall), "cyan")),
            *[_pct(scores[c].score) if c in scores else "" for c in ids],
            str(len(card.red_flags)),
            str(len(card.unmet)),
        )
    return table


def _band(node: NodeScore) -> str:
    return (node.band or "—") + (" (capped)" if node.capped else "")


def _one(card: Scorecard, rules: str) -> None:
    from rich import box
    from rich.table import Table

    out().print(f"{card.file} — {card.country} — rules {rules}", style="title", markup=False)
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("", no_wrap=True)
    table.add_column("category", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("band", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    for node in (*card.categories, card.overall):
        counts = node.counts
        band = (node.band or "—") + (" (capped)" if node.capped else "")
        table.add_row(
            "" if node.level == "overall" else node.id,
            "Overall" if node.level == "overall" else node.title,
            _pct(node.score),
            band,
            f"{counts.answered}/{counts.answered + counts.unanswered}",
            end_section=node.level == "category" and node is card.categories[-1],
        )
    out().print(table)
    _details(card)


def _details(card: Scorecard) -> None:
    console = out()
    for item in card.unmet:
        console.print(f"minimum standard unmet: {item.question} — {item.reason}", markup=False)
    for flag in card.red_flags:
        console.print(f"red flag: {flag.question} — answered '{flag.answer}'", markup=False)
    if card.gaps:
        console.print("top gaps (question: score → target, priority):", style="title")
        for gap in card.gaps[:5]:
            console.print(
                f"  {gap.question}: {fixed(gap.score, 2)} → {short(gap.target)}, "
                f"priority {fixed(gap.priority, 2)}",
                markup=False,
            )
