"""The terminal tables of ``roadmap score``: one file in detail, or one row per file.

They read ``summary`` data (``to_data`` with exact numbers), and round each number once,
half up.  Names, titles and answers come from files: rich reads markup in table cells, so
each one is escaped, with control characters made visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap_cli.cli.console import out
from roadmap_cli.cli.short_names import shorten
from roadmap_cli.scoring.export import band_words
from roadmap_cli.scoring.numbers import fixed, percent, short
from roadmap_cli.terminal import markup_safe

if TYPE_CHECKING:
    from rich.table import Table


def print_scores(cards: list[dict[str, Any]], rules: str) -> None:
    """One file: its categories and details; many: one row per file, then a legend."""
    from rich.text import Text

    cards = [_safe(card) for card in cards]
    rules = markup_safe(rules)
    if len(cards) == 1:
        _one(cards[0], rules)
        return
    if not cards:
        return
    console = out()
    ids = list(dict.fromkeys(c["id"] for card in cards for c in card["categories"]))
    titles = {c["id"]: c["title"] for card in cards for c in card["categories"]}
    # Every column but the first keeps its natural width; file names get what is left,
    # shortened in the middle rather than broken mid-word over several lines.
    room = console.width
    wide = console.options.update_width(10_000)  # measure natural widths, not squeezed ones
    while True:
        folder, names = shorten([card["file"] for card in cards], max(12, room))
        table = _many(cards, names, ids, rules, folder)
        over = console.measure(table, options=wide).maximum - console.width
        if over <= 0 or room <= 12:
            break
        room -= over
    console.print(table)
    legend = [f"{cid} {titles[cid]}" for cid in ids]
    legend += ["flags: red flags raised", "unmet: minimum standards (critical questions) unmet"]
    console.print(Text.from_markup(" · ".join(legend), style="muted"))


def _safe(data: Any) -> Any:
    if isinstance(data, str):
        return markup_safe(data)
    if isinstance(data, dict):
        return {key: _safe(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_safe(value) for value in data]
    return data


def _many(
    cards: list[dict[str, Any]], names: list[str], ids: list[str], rules: str, folder: str
) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    where = f" — files in {markup_safe(folder)}" if folder else ""
    table = Table(title=f"Scores — rules {rules}{where}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("file / country", no_wrap=True, overflow="ellipsis")
    table.add_column("overall", justify="right", no_wrap=True)
    for cid in ids:
        table.add_column(cid, justify="right", no_wrap=True)
    table.add_column("flags", justify="right", no_wrap=True)
    table.add_column("unmet", justify="right", no_wrap=True)
    for card, name in zip(cards, names, strict=True):
        scores = {c["id"]: c for c in card["categories"]}
        overall = card["overall"]
        table.add_row(
            Text.from_markup(f"[bold]{name}[/bold]\n[muted]{card['country']}[/muted]"),
            Text.from_markup(
                f"{percent(overall['score'])}\n[accent]{band_words(overall)}[/accent]"
            ),
            *[percent(scores[c]["score"]) if c in scores else "" for c in ids],
            str(len(card["red_flags"])),
            str(len(card["minimum_standards_unmet"])),
        )
    return table


def _one(card: dict[str, Any], rules: str) -> None:
    from rich import box
    from rich.table import Table

    out().print(f"{card['file']} — {card['country']} — rules {rules}", style="title")
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("", no_wrap=True)
    table.add_column("category", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("band", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    overall = card["overall"]
    for node in (*card["categories"], overall):
        counts = node["counts"]
        table.add_row(
            "" if node is overall else node["id"],
            "Overall" if node is overall else node["title"],
            percent(node["score"]),
            band_words(node),
            f"{counts['answered']}/{counts['answered'] + counts['unanswered']}",
            end_section=node is card["categories"][-1],
        )
    out().print(table)
    _details(card)


def _details(card: dict[str, Any]) -> None:
    console = out()
    for item in card["minimum_standards_unmet"]:
        console.print(f"minimum standard unmet: {item['question']} — {item['reason']}")
    for flag in card["red_flags"]:
        console.print(f"red flag: {flag['question']} — answered '{flag['answer']}'")
    if card["gaps"]:
        console.print("top gaps (question: score → target, priority):", style="title")
        for gap in card["gaps"][:5]:
            console.print(
                f"  {gap['question']}: {fixed(gap['score'], 2)} → {short(gap['target'])}, "
                f"priority {fixed(gap['priority'], 2)}"
            )
