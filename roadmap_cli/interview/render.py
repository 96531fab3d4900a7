"""What both askers show with rich: the question screen, help, progress tables and next steps.

Guidance comes *above* the question text, so the question and its prompt are never the
part that scrolls away.  On a terminal too short for all of it (arrow-key mode), the
guidance is cut to its first sentence and ``g`` shows it whole; ``--guidance short|off``
shortens or hides it for good.  Nothing the person needs to read is drawn dim (dim text
disappears on a projector); ``--theme high-contrast`` also drops colours that wash out.

Plain mode (screen readers, dumb terminals) draws no rules or symbols: every line is a
sentence that makes sense read aloud.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from roadmap_cli import terminal
from roadmap_cli.interview.model import (
    Progress,
    QuestionView,
    Tally,
    describe_default,
    first_sentence,
)
from roadmap_cli.terminal import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

# Styles of the interview: the program's, except that "muted" is not dim, for secondary
# text that must still be readable on a washed-out projector.
STYLES = {**terminal.STYLES, "muted": "none"}
# High contrast: no colour at all (light colours vanish on a projector), emphasis by
# weight and underline only.
HIGH_CONTRAST = {
    "title": "bold",
    "muted": "none",
    "ok": "bold",
    "warn": "bold underline",
    "bad": "bold reverse",
    "accent": "bold",
}
THEMES = {"normal": STYLES, "high-contrast": HIGH_CONTRAST}


def console(file: object = None, width: int | None = None, theme: str = "normal") -> Console:
    """A console for the interview: wraps to the terminal width, honours NO_COLOR."""
    from rich.console import Console
    from rich.theme import Theme

    return Console(
        file=file,  # type: ignore[arg-type]
        theme=Theme(THEMES.get(theme, STYLES)),
        highlight=False,
        width=width,
        no_color=bool(os.environ.get("NO_COLOR")) or theme == "high-contrast" or None,
    )


def symbols(console: Console) -> dict[str, str]:
    """Symbols for this console, ASCII where it cannot show Unicode (old Windows pages)."""
    fancy = (console.encoding or "").lower().replace("-", "").startswith("utf")
    if fancy:
        return {
            "sep": " › ",
            "critical": "★",
            "flag": "⚑",
            "follow": "↳",
            "dot": " · ",
            "dash": "—",
        }
    return {"sep": " > ", "critical": "*", "flag": "!", "follow": "->", "dot": " - ", "dash": "-"}


def shown_guidance(view: QuestionView) -> str:
    """The guidance as ``--guidance`` asks: whole, its first sentence, or none."""
    if view.guidance_mode == "off" or not view.guidance:
        return ""
    if view.guidance_mode == "short":
        return first_sentence(view.guidance)
    return view.guidance


def _prompt_lines(view: QuestionView) -> int:
    """Lines the prompt under the question takes (list entries, hints, a description)."""
    if view.kind in ("scale", "single", "multi"):
        return len(view.choices) + view.offers_na + view.offers_dont_know + 4
    return 3


def question_screen(
    view: QuestionView, console: Console, *, guidance: bool = True, fit: bool = False
) -> RenderableType:
    """Guidance and references, then breadcrumb, position and the question text itself.

    ``guidance`` False leaves guidance and references out (plain mode, asked again);
    ``fit`` cuts the guidance so the whole screen fits the terminal's height.
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    sym = symbols(console)
    head: list[RenderableType] = [
        Text(f"{view.category_title}{sym['sep']}{view.section_title}", style="accent")
    ]
    where = Text(f"Question {view.position} of {view.total}", style="title")
    where.append(
        f"{sym['dot']}{view.category_title} {view.category_position} of {view.category_total}"
        f" ({view.category_answered} done){sym['dot']}{view.id}"
    )
    if view.critical:
        where.append(f"  {sym['critical']} critical", style="warn")
    if view.red_flag:
        where.append(f"  {sym['flag']} red flag", style="warn")
    if view.follow_up:
        where.append(f"  {sym['follow']} follow-up")
    head += [where, Text(view.text, style="title")]
    head += [Text(line, style=style) for line, style in _answer_lines(view)]
    about: list[RenderableType] = []
    text = shown_guidance(view) if guidance else ""
    if text:
        about.append(Padding(Text(text), (0, 0, 0, 2), expand=False))
    if guidance and view.references and view.guidance_mode != "off":
        about.append(Padding(Text("References: " + "; ".join(view.references)), (0, 0, 0, 2)))
    if fit and about:
        used = _height(console, Group(Rule(), *head)) + _prompt_lines(view) + 1
        room = console.height - used
        if _height(console, Group(*about)) > room:
            short = first_sentence(view.guidance) if text else ""
            hint = "(press g for the full guidance and references)"
            about = [Padding(Text(f"{short} {hint}".strip()), (0, 0, 0, 2), expand=False)]
            if _height(console, Group(*about)) > room:
                about = [Padding(Text(hint), (0, 0, 0, 2), expand=False)]
    gap = [Text("")] if about else []
    return Group(Rule(style="accent"), *about, *gap, *head)


def _height(console: Console, renderable: RenderableType) -> int:
    return len(console.render_lines(renderable, console.options, pad=False))


def _answer_lines(view: QuestionView) -> list[tuple[str, str]]:
    """The current answer, its note, evidence and flag, and why a reply was refused.

    These come from the answers file, which may have come from anywhere: control
    characters in them are shown, never sent to the terminal.
    """
    return [(visible(text), style) for text, style in _answer_parts(view)]


def _answer_parts(view: QuestionView) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    if view.default is not None:
        lines.append((f"Current answer: {describe_default(view)}", "accent"))
    if view.note:
        lines.append((f"Note: {view.note}", ""))
    if view.evidence:
        lines.append((f"Evidence: {'; '.join(view.evidence)}", ""))
    if view.flagged:
        reason = f": {view.flag_reason}" if view.flag_reason else ""
        lines.append((f"Flagged for review{reason}", "warn"))
    if view.problem:
        lines.append((f"Not accepted: {view.problem}", "bad"))
    return lines


def plain_question(view: QuestionView, *, guidance: bool = True) -> list[tuple[str, str]]:
    """The question screen as sentences for plain mode: no rules, no symbols."""
    marks = [
        word
        for word, on in (
            ("Critical question.", view.critical),
            ("Red flag question.", view.red_flag),
            ("Follow-up question.", view.follow_up),
        )
        if on
    ]
    lines: list[tuple[str, str]] = [
        (
            f"Question {view.position} of {view.total}, {view.id}. {view.category_title}: "
            f"{view.section_title}, question {view.category_position} of "
            f"{view.category_total}, {view.category_answered} done. {' '.join(marks)}".rstrip(),
            "title",
        )
    ]
    text = shown_guidance(view) if guidance else ""
    if text:
        lines.append((f"Guidance: {text}", ""))
    if guidance and view.references and view.guidance_mode != "off":
        lines.append((f"References: {'; '.join(view.references)}.", ""))
    lines.append((view.text, "title"))
    return lines + _answer_lines(view)


def guidance_screen(view: QuestionView) -> list[tuple[str, str]]:
    """What ``g`` shows: the question, its whole guidance and every reference."""
    lines = [(f"Guidance for {view.id}: {view.text}", "title")]
    lines.append((view.guidance or "This question has no guidance.", ""))
    if view.references:
        lines.append(("References: " + "; ".join(view.references) + ".", ""))
    return lines


def help_lines(view: QuestionView | None, *, plain: bool) -> list[tuple[str, str]]:
    """What ``?`` shows: what the options mean, the keys, and how to type a key as text."""
    lines: list[tuple[str, str]] = []
    if view is not None:
        lines.append((f"Help for {view.id}", "title"))
        for choice in view.choices:
            if choice.description:
                lines.append((f"{choice.label}: {choice.description}", ""))
        if view.kind == "multi":
            how = (
                "Type the numbers of every option that applies, e.g. 1 3 4."
                if plain
                else ("Space ticks an option, Enter confirms.")
            )
            lines.append((how, ""))
    how = "Type" if plain else "Press"
    lines += [
        (
            f"{how} b to go back to the previous question, s to skip for now, j to jump to "
            "a category, o for an overview of progress, q to save and quit, g to read the "
            "guidance again, ? for this help.",
            "",
        ),
        (
            "Every answer, note, evidence entry and flag is saved the moment you give it; "
            "run the same command again to resume.",
            "",
        ),
        (
            "To give one of these letters (or ?) as a text answer, type a backslash "
            "before it, e.g. \\? saves the answer ?.",
            "",
        ),
    ]
    return lines


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
    head = f"End of {tally.title}: {counted(tally)}"
    parts: list[RenderableType] = [Text(head, style="ok" if done else "title")]
    parts.append(tally_table([tally]))
    if tally.hidden_kept:
        parts.append(Text(hidden_note(tally.hidden_kept), style="muted"))
    return Group(*parts)


def counted(tally: Tally) -> str:
    """Progress in the table's own words, e.g. ``4 of 4 done: 3 answered, 1 don't know``."""
    parts = [f"{tally.answered} answered"]
    parts += [
        f"{count} {words}"
        for count, words in (
            (tally.dont_know, "don't know"),
            (tally.not_applicable, "not applicable"),
            (tally.unanswered, "unanswered"),
        )
        if count
    ]
    return f"{tally.saved} of {tally.shown} done: {', '.join(parts)}"


def plain_tally(tally: Tally) -> str:
    """One tally as a sentence (plain mode reads no tables)."""
    return (
        f"{tally.title}: {tally.answered} answered, {tally.dont_know} don't know, "
        f"{tally.not_applicable} not applicable, {tally.flagged} flagged, "
        f"{tally.unanswered} unanswered."
    )


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
    head = Text(f"{heading}: {counted(total)}", style="title")
    parts: list[RenderableType] = [head, tally_table(progress.categories, total)]
    if total.hidden_kept:
        parts.append(Text(hidden_note(total.hidden_kept), style="muted"))
    return Group(*parts)
