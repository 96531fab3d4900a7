"""The terminal tables of ``roadmap score``: one file in detail, or one row per file."""

from __future__ import annotations

from typing import Any

from roadmap_cli.cli.console import out
from roadmap_cli.scoring.output import percent as _pct
from roadmap_cli.terminal import markup_safe


def print_scores(cards: list[dict[str, Any]], rules: str) -> None:
    """One file: its categories and details; many: one row per file (``summary`` data)."""
    # Names, titles and answers come from files: escaped for rich, which reads markup in
    # table cells, and with control characters made visible.
    cards = [_safe(card) for card in cards]
    rules = markup_safe(rules)
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if len(cards) == 1:
        _one(cards[0], rules)
        return
    if not cards:
        return
    ids = list(dict.fromkeys(c["id"] for card in cards for c in card["categories"]))
    table = Table(title=f"Scores — rules {rules}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("file / country", ratio=1, overflow="fold")
    table.add_column("overall", justify="right", no_wrap=True)
    for cid in ids:
        table.add_column(cid, justify="right", no_wrap=True)
    table.add_column("flags", justify="right", no_wrap=True)
    table.add_column("unmet", justify="right", no_wrap=True)
    for card in cards:
        scores = {c["id"]: c for c in card["categories"]}
        overall = card["overall"]
        band = (overall["band"] or "—") + (" (capped)" if overall["capped"] else "")
        table.add_row(
            Text.assemble((card["file"], "bold"), "\n", (card["country"], "dim")),
            Text.assemble(_pct(overall["score"]), "\n", (band, "cyan")),
            *[_pct(scores[c]["score"]) if c in scores else "" for c in ids],
            str(len(card["red_flags"])),
            str(len(card["minimum_standards_unmet"])),
        )
    out().print(table)


def _safe(data: Any) -> Any:
    if isinstance(data, str):
        return markup_safe(data)
    if isinstance(data, dict):
        return {key: _safe(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_safe(value) for value in data]
    return data


def _one(card: dict[str, Any], rules: str) -> None:
    from rich import box
    from rich.table import Table

    heading = f"{card['file']} — {card['country']} — rules {rules}"
    out().print(heading, style="title")
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("", no_wrap=True)
    table.add_column("category", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("band", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    overall = card["overall"]
    for node in (*card["categories"], overall):
        counts = node["counts"]
        band = (node["band"] or "—") + (" (capped)" if node["capped"] else "")
        table.add_row(
            "" if node is overall else node["id"],
            "Overall" if node is overall else node["title"],
            _pct(node["score"]),
            band,
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
                f"  {gap['question']}: {gap['score']:.2f} → {gap['target']:g}, "
                f"priority {gap['priority']:.2f}",
            )
