"""What both askers show with rich: the question screen, progress tables and next steps.

Guidance is shown with every question, not on demand: it says what counts as "in place"
for that question, which is what an officer most needs and least remembers, and asking
for it would cost a key press on every one of a hundred questions.  It comes *above* the
question text, so that on a small screen it is the guidance that scrolls away, never the
question next to the prompt.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from roadmap_cli.interview.model import Progress, QuestionView, Tally, describe_default

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table


def console(file: object = None, width: int | None = None) -> Console:
    """A console for the interview: wraps to the terminal width, honours NO_COLOR."""
    from rich.console import Console
    from rich.theme import Theme

    from roadmap_cli.terminal import STYLES

    return Console(
        file=file,  # type: ignore[arg-type]
        theme=Theme(STYLES),
        highlight=False,
        width=width,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
    )


def symbols(console: Console) -> dict[str, str]:
    """Symbols for this console, ASCII where it cannot show Unicode (old Windows pages)."""
    fancy = (console.encoding or "").lower().replace("-", "").startswith("utf")
    if fancy:
        return {"sep": " › ", "critical": "★", "follow": "↳", "dot": " · ", "dash": "—"}
    return {"sep": " > ", "critical": "*", "follow": "->", "dot": " - ", "dash": "-"}


def question_screen(view: QuestionView, console: Console) -> RenderableType:
    """Guidance and references, then breadcrumb, position and the question text itself."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    sym = symbols(console)
    parts: list[RenderableType] = [Rule(style="muted")]
    # Guidance first: on a short screen it is what scrolls away, not the question.
    if view.guidance:
        parts.append(Padding(Text(view.guidance, style="muted"), (0, 0, 0, 2), expand=False))
    if view.references:
        refs = Text("References: ", style="muted")
        refs.append("; ".join(view.references))
        parts.append(Padding(refs, (0, 0, 0, 2), expand=False))
    parts.append(
        Padding(
            Text(f"{view.category_title}{sym['sep']}{view.section_title}", style="accent"),
            (1 if len(parts) > 1 else 0, 0, 0, 0),
            expand=False,
        )
    )
    where = Text(f"Question {view.position} of {view.total}", style="title")
    where.append(
        f"{sym['dot']}{view.category_title} {view.category_position} of {view.category_total}"
        f" ({view.category_answered} answered){sym['dot']}{view.id}",
        style="muted",
    )
    if view.critical:
        where.append(f"  {sym['critical']} critical", style="warn")
    if view.follow_up:
        where.append(f"  {sym['follow']} follow-up", style="muted")
    parts.append(where)
    parts.append(Text(view.text, style="title"))
    if view.default is not None:
        parts.append(Text(f"Current answer: {describe_default(view)}", style="accent"))
    if view.problem:
        parts.append(Text(f"Not accepted: {view.problem}", style="bad"))
    return Group(*parts)


def tally_table(rows: Sequence[Tally], total: Tally | None = None, title: str = "") -> Table:
    """Answered / don't know / not applicable / flagged / unanswered, one row per category."""
    from rich import box
    from rich.table import Table

    table = Table(title=title or None, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    table.add_column("Category")
    for heading in ("Answered", "Don't know", "N/A", "Flagged", "Unanswered"):
        table.add_column(heading, justify="right")
    for row in rows:
        table.add_row(*_cells(row))
    if total is not None and len(rows) > 1:
        table.add_section()
        table.add_row(*_cells(total), style="title")
    return table


def _cells(row: Tally) -> list[str]:
    return [
        row.title,
        str(row.answered),
        str(row.dont_know),
        str(row.not_applicable),
        str(row.flagged),
        str(row.unanswered),
    ]


def category_summary(tally: Tally) -> RenderableType:
    """The table shown at the end of a category."""
    from rich.console import Group
    from rich.text import Text

    done = tally.unanswered == 0
    head = f"End of {tally.title}: {tally.saved} of {tally.shown} answered"
    parts: list[RenderableType] = [Text(head, style="ok" if done else "title")]
    parts.append(tally_table([tally]))
    if tally.hidden_kept:
        parts.append(Text(hidden_note(tally.hidden_kept), style="muted"))
    return Group(*parts)


def hidden_note(count: int) -> str:
    """Why some answers in the file do not count."""
    if count == 1:
        return (
            "1 answer to a follow-up question that is now hidden stays in the file "
            "but does not count."
        )
    return (
        f"{count} answers to follow-up questions that are now hidden stay in the file "
        "but do not count."
    )


def overview(progress: Progress, heading: str = "Progress") -> RenderableType:
    """Progress across every category, under ``heading``."""
    from rich.console import Group
    from rich.text import Text

    total = progress.total
    head = Text(f"{heading}: {total.saved} of {total.shown} answered", style="title")
    parts: list[RenderableType] = [head, tally_table(progress.categories, total)]
    if total.hidden_kept:
        parts.append(Text(hidden_note(total.hidden_kept), style="muted"))
    return Group(*parts)
