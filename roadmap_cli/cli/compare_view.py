"""The terminal table of ``roadmap compare``: scores old → new, then what changed.

It reads the same view as the Markdown and HTML (``compare.view``); every text from a
file is escaped for rich (``terminal.markup_safe``) before it reaches a table or a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_cli.cli.console import out
from roadmap_cli.terminal import markup_safe as safe

if TYPE_CHECKING:
    from collections.abc import Sequence

    from roadmap_cli.compare.model import Comparison
    from roadmap_cli.compare.view import AnswerRow, ScoreRow, SideView


def print_comparison(comparison: Comparison) -> None:
    """Print ``comparison`` as tables and short lists."""
    from roadmap_cli.compare.view import build_view

    view = build_view(comparison)
    console = out()
    console.print(
        f"{safe(view.heading)} — rules {safe(view.rules)} — {safe(view.bank)}", style="title"
    )
    for side in (view.old, view.new):
        console.print(_side(side))
    if view.migration:
        console.print(safe(view.migration))
    _scores("category", [*view.categories, view.overall], [len(view.categories) - 1])
    sections = [row for group in view.sections for row in group.rows]
    ends, total = [], 0
    for group in view.sections:
        total += len(group.rows)
        ends.append(total - 1)
    _scores("section", sections, ends)
    for items in view.lists:
        if not items.rows:
            continue
        console.print(f"{items.title} ({len(items.rows)}):", style="title")
        for row in items.rows:
            console.print(
                f"  {safe(row.id)}  {safe(row.old)} → {safe(row.new)}  [muted]{safe(row.text)}[/]"
            )
    for title, rows in (
        ("Answers changed", view.answers_changed),
        ("Newly answered", view.newly_answered),
        ("Newly unanswered", view.newly_unanswered),
    ):
        _answers(title, rows)


def _side(side: SideView) -> str:
    done = (
        f"[warn]provisional — {side.answered} of {side.visible} questions answered[/]"
        if side.provisional
        else f"all {side.visible} questions answered"
    )
    when = f", answers as of {side.as_of}" if side.as_of else ""
    return (
        f"{side.label}: {safe(side.file)} ({safe(side.country)}{when}, "
        f"bank version {safe(side.bank_version)}; {done})"
    )


def _scores(what: str, rows: Sequence[ScoreRow], ends: Sequence[int]) -> None:
    """A table of scores; a rule under each row whose index is in ``ends``."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD)
    table.add_column(what, ratio=1)
    table.add_column("OLD", justify="right", no_wrap=True)
    table.add_column("NEW", justify="right", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    table.add_column("band", no_wrap=True)
    for index, row in enumerate(rows):
        table.add_row(
            safe(row.title),
            row.old,
            row.new,
            row.change,
            safe(row.band_change),
            end_section=index in ends,
        )
    out().print(table)


def _answers(title: str, rows: Sequence[AnswerRow]) -> None:
    if not rows:
        return
    console = out()
    console.print(f"{title} ({len(rows)}):", style="title")
    for row in rows:
        console.print(f"  {safe(row.id)}  {safe(row.old)} → {safe(row.new)}")
        if row.old_note:
            console.print(f"      [muted]OLD note: {safe(row.old_note)}[/]")
        if row.new_note:
            console.print(f"      [muted]NEW note: {safe(row.new_note)}[/]")
