"""The terminal tables of ``roadmap aggregate``: the matrix, the bands, the shortfalls,
the trend and the notes.

They read the ``roadmap-aggregate/1`` data (percentages already worked out as the score
table shows them).  Names and texts come from files: each is escaped for rich and has its
control characters made visible.
"""

from __future__ import annotations

from typing import Any

from roadmap_cli.cli.console import out
from roadmap_cli.regional.outputs import TOP
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
    rules = _safe(data["rules"]["profile"] or data["rules"]["name"])
    table = Table(
        title=f"Regional view — rules {rules} — {len(data['countries'])} countries",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("country / file", overflow="fold", min_width=16)
    for category in categories:
        table.add_column(_safe(category["id"]), justify="right", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    for row in data["countries"]:
        where = f"{row['file']} · {row['bank']['id']} {row['bank']['version']}"
        if row["provisional"]:
            done = row["completeness"]
            where += f" · provisional ({done['answered']} of {done['visible']} answered)"
        cells = [row["categories"].get(c["id"]) for c in categories] + [row["overall"]]
        # Text pieces, not markup: nothing from a file is parsed, and 1,000 rows print fast.
        table.add_row(
            Text.assemble((visible(row["country"]), "bold"), "\n", (visible(where), "muted")),
            *[
                Text.assemble(cell["percent"], "\n", (_band_words(cell), "accent")) if cell else "—"
                for cell in cells
            ],
        )
    console.print(table)
    legend = " · ".join(f"{_safe(c['id'])} {_safe(c['title'])}" for c in categories)
    console.print(Text.from_markup(legend, style="muted"))
    _bands(data)
    _frequent(data["minimum_standards_unmet"], "Minimum standards most often unmet")
    _frequent(data["red_flags"], "Red flags most often raised")
    if data["trend"]:
        _trend(data)
    console.print(Text.from_markup(_safe(data["selection_rule"]), style="muted"))
    for note in data["notes"]:
        console.print(f"note: {note}", markup=False, highlight=False)


def _band_words(cell: dict[str, Any]) -> str:
    return visible(cell["band"] or "not rated") + (" (capped)" if cell["capped"] else "")


def _bands(data: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    table = Table(title="Countries per band", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("category")
    for band in data["bands"]:
        table.add_column(_safe(band["name"]), justify="right")
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
    table.add_column("question", no_wrap=True)
    table.add_column("text", ratio=1)
    table.add_column("countries", justify="right")
    table.add_column("which", ratio=1)
    for item in items[:TOP]:
        table.add_row(
            _safe(item["question"]),
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
            when = (item["updated"] or item["started"] or "undated")[:10]
            label = f"{item['bank']['id']} {item['bank']['version']}"
            name = f"[bold]{_safe(trend['country'])}[/bold]\n" if index == 0 else ""
            cells = [item["categories"].get(c["id"]) for c in categories] + [item["overall"]]
            table.add_row(
                f"{name}{when} [muted]{_safe(label)}[/muted]",
                *[cell["percent"] if cell else "—" for cell in cells],
                end_section=index == len(trend["assessments"]) - 1,
            )
    out().print(table)
