"""The terminal tables of ``roadmap aggregate``: the matrix, the bands, the shortfalls,
the trend and the notes.

They read the ``roadmap-aggregate/1`` data (percentages already worked out as the score
table shows them).  Names and texts come from files: each is escaped for rich and has its
control characters made visible.
"""

from __future__ import annotations

from typing import Any

from roadmap_cli.cli.console import out
from roadmap_cli.regional.outputs import TOP, cells
from roadmap_cli.regional.view import version_label
from roadmap_cli.scoring.export import assessed_on, band_words, rules_label
from roadmap_cli.terminal import markup_safe, visible


def _safe(value: Any) -> str:
    return markup_safe("" if value is None else str(value))


def print_regional(data: dict[str, Any]) -> None:
    """Print the regional view as tables, then the notes."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = out()
    categories = data["categories"]
    rules = _safe(rules_label(data["rules"]))
    table = Table(
        title=f"Regional view — rules {rules} — {len(data['countries'])} countries",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        # Four categories and overall, each as wide as "Established", leave the names room
        # on 80 columns only with one space between columns.
        collapse_padding=True,
        pad_edge=False,
    )
    table.add_column("country", overflow="fold", ratio=1)
    # Room for the longest band name, so that a band is never cut; the names fold instead.
    room = max((len(b["name"]) for b in data["bands"]), default=0) + len(" (capped)") * any(
        cell["capped"] for row in data["countries"] for cell in row["categories"].values()
    )
    for category in categories:
        table.add_column(_safe(category["id"]), justify="right", width=room, no_wrap=True)
    table.add_column("overall", justify="right", width=room, no_wrap=True)
    for row in data["countries"]:
        # Text pieces, not markup: nothing from a file is parsed, and 1,000 rows print fast.
        table.add_row(
            Text(visible(row["country"]) + (" *" if row["provisional"] else ""), "bold"),
            *[
                Text.assemble(cell["percent"], "\n", (_band_words(cell), "accent")) if cell else "—"
                for cell in cells(row, categories)
            ],
        )
    console.print(table)
    legend = " · ".join(f"{_safe(c['id'])} {_safe(c['title'])}" for c in categories)
    console.print(Text.from_markup(legend + " · * provisional", style="muted"))
    _used(data)
    _bands(data)
    _frequent(data["minimum_standards_unmet"], "Minimum standards most often unmet")
    _frequent(data["red_flags"], "Red flags most often raised")
    if data["trend"]:
        _trend(data)
    console.print(Text.from_markup(_safe(data["selection_rule"]), style="muted"))
    for note in data["notes"]:
        console.print(visible(f"note: {note}"), markup=False, highlight=False)


def _used(data: dict[str, Any]) -> None:
    """Which file each row comes from, on which bank version, and how complete it is."""
    from rich import box
    from rich.table import Table

    table = Table(title="Assessments used", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("country", overflow="fold", ratio=1)
    table.add_column("file", overflow="fold", ratio=2)
    table.add_column("bank version", overflow="fold", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    for row in data["countries"]:
        done = row["completeness"]
        table.add_row(
            _safe(row["country"]),
            _safe(row["file"]),
            _safe(version_label(row)),
            assessed_on(row) or "—",
            f"{done['answered']} of {done['visible']}" + (" *" if row["provisional"] else ""),
        )
    out().print(table)


def _band_words(cell: dict[str, Any]) -> str:
    return visible(band_words(cell, "not rated"))


def _bands(data: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    table = Table(
        title="Countries per band",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    table.add_column("category", ratio=1, overflow="fold")
    for band in data["bands"]:
        table.add_column(_safe(band["name"]), justify="right", min_width=len(band["name"]))
    table.add_column("not rated", justify="right")
    for item in data["distribution"]:
        table.add_row(
            _safe(item["title"]),
            *[str(count["countries"]) for count in item["bands"]],
            str(item["not_rated"]),
        )
    out().print(table)


def _frequent(items: list[dict[str, Any]], title: str) -> None:
    from rich import box
    from rich.table import Table

    console = out()
    if not items:
        console.print(f"{title}: none.")
        return
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("question / bank", overflow="fold", max_width=18)
    table.add_column("text", ratio=1)
    table.add_column("countries", justify="right")
    table.add_column("which", ratio=1)
    for item in items[:TOP]:
        table.add_row(
            # The same id may name different questions in different banks.
            f"{_safe(item['question'])}\n[muted]{_safe(item['bank'])}[/muted]",
            _safe(item["text"]),
            str(item["countries"]),
            _safe(", ".join(item["which"])),
        )
    console.print(table)
    if len(items) > TOP:
        console.print(f"{len(items) - TOP} more with --format json.", style="muted")


def _trend(data: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    categories = data["categories"]
    table = Table(title="Trend over time", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("country / date", overflow="fold")
    for category in categories:
        table.add_column(_safe(category["id"]), justify="right", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    for trend in data["trend"]:
        for index, item in enumerate(trend["assessments"]):
            when = assessed_on(item) or "undated"
            label = version_label(item)
            name = f"[bold]{_safe(trend['country'])}[/bold]\n" if index == 0 else ""
            table.add_row(
                f"{name}{when} [muted]{_safe(label)}[/muted]",
                *[cell["percent"] if cell else "—" for cell in cells(item, categories)],
                end_section=index == len(trend["assessments"]) - 1,
            )
    out().print(table)
