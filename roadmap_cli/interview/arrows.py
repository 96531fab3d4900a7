"""The arrow-key asker: questionary prompts under a rich question screen.

Lists for scales and single choice (arrow keys, or the number / letter shown before each
entry, then Enter), check boxes for multi-select, validated text for numbers.  The
navigation commands are entries at the foot of every list (``b`` back, ``s`` skip, ``j``
jump, ``o`` overview, ``q`` save and quit); for check boxes and typed answers, confirming
an empty answer opens the same menu, with *Don't know* and *Not applicable*.

Prompts use ``unsafe_ask`` so that Ctrl-C raises ``KeyboardInterrupt`` and reaches the
session, which reports what is saved.  This module imports questionary at the top: import
it only on the ``assess`` path.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.styles import Style
from questionary import Choice, Separator

from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.interview import render
from roadmap_cli.interview.model import (
    NAVIGATION,
    Action,
    Details,
    Give,
    Go,
    Metadata,
    MetadataRequest,
    Progress,
    QuestionView,
    Reply,
    Tally,
    is_special,
    parse_number,
)

if TYPE_CHECKING:
    from rich.console import Console

KEYS_HINT = "b back · s skip · j jump · o overview · q save and quit"


def style() -> Style | None:
    """The prompt colours, matching the rich theme; none at all under NO_COLOR."""
    if os.environ.get("NO_COLOR"):
        return None
    return Style(
        [
            ("qmark", "fg:ansicyan bold"),
            ("question", "bold"),
            ("pointer", "fg:ansicyan bold"),
            ("highlighted", "fg:ansicyan bold"),
            ("selected", "fg:ansicyan"),
            ("answer", "fg:ansicyan bold"),
            ("instruction", "italic"),
            ("separator", ""),
        ]
    )


class ArrowAsker:
    """Ask with questionary; show with rich.  ``io`` passes input/output for tests."""

    def __init__(self, console: Console, **io: Any) -> None:
        self.console = console
        self.io = io
        self.style = style()

    def _run(self, question: questionary.Question) -> Any:
        return question.unsafe_ask()

    def _text(self, message: str, **options: Any) -> str:
        prompt = questionary.text(message, style=self.style, **options, **self.io)
        return str(self._run(prompt) or "").strip()

    def _select(
        self, message: str, choices: list[Any], navigation: bool = False, **options: Any
    ) -> Any:
        prompt = questionary.select(
            message,
            choices,
            style=self.style,
            # Number keys for short lists; long ones would need letters, which navigate.
            use_shortcuts=len(choices) <= 10,
            use_jk_keys=False,  # j jumps
            **options,
            **self.io,
        )
        if navigation:
            _bind_navigation(prompt)
        _wrap_lines(prompt)
        return self._run(prompt)

    # -- metadata -------------------------------------------------------------

    def metadata(self, request: MetadataRequest) -> Metadata:
        """Ask country, organisation, optional name and role, and language if several."""
        self.console.print(f"New assessment: {request.bank_title}", style="title", markup=False)
        needed = "needed for the report"

        def required(text: str) -> bool | str:
            return bool(text.strip()) or needed

        country = self._text("Country:", validate=required)
        organisation = self._text("Organisation (ministry or agency):", validate=required)
        assessor = self._text("Your name (optional):")
        role = self._text("Your role (optional):")
        language = request.default_language
        if len(request.languages) > 1:
            language = self._select(
                "Language:", list(request.languages), default=request.default_language
            )
        return Metadata(country, organisation, assessor or None, role or None, language)

    # -- questions ------------------------------------------------------------

    def question(self, view: QuestionView) -> Reply:
        """Show the question screen, then the prompt that fits its type."""
        self.console.print()
        self.console.print(render.question_screen(view, self.console))
        while True:
            if view.kind in ("scale", "single"):
                reply = self._choose(view)
            elif view.kind == "multi":
                reply = self._tick(view)
            else:
                reply = self._type(view)
            if isinstance(reply, Go) and reply.action == "jump" and reply.target is None:
                reply = self._jump(view)
            if reply is not None:
                return reply

    def _choose(self, view: QuestionView) -> Reply | None:
        choices: list[Any] = [
            Choice(c.label, Give(c.key), description=c.description or None) for c in view.choices
        ]
        choices += self._specials(view)
        default = next((c for c in choices if _gives(c, view.default)), None)
        picked = self._select(
            "Answer",
            choices,
            navigation=True,
            default=default,
            instruction=f"({KEYS_HINT})",
        )
        return _reply(picked)

    def _tick(self, view: QuestionView) -> Reply | None:
        ticked = view.default if isinstance(view.default, list) else []
        choices = [
            Choice(c.label, c.key, checked=c.key in ticked, description=c.description or None)
            for c in view.choices
        ]
        prompt = questionary.checkbox(
            "Answer",
            choices,
            style=self.style,
            use_jk_keys=False,  # j jumps
            instruction="(Space ticks, Enter confirms; Enter with none ticked: don't know…)",
            **self.io,
        )
        _bind_navigation(prompt)
        _wrap_lines(prompt)
        picked = self._run(prompt)
        if isinstance(picked, Go):
            return picked
        if picked:
            return Give(list(picked))
        return self._menu(view)

    def _type(self, view: QuestionView) -> Reply | None:
        number = view.kind == "number"
        current = "" if view.default is None or is_special(view.default) else view.default
        hint = "a number" if number else "your answer"

        def check(text: str) -> bool | str:
            if not number or not text.strip() or parse_number(text) is not None:
                return True
            return "Type a number, or leave it empty and press Enter for more choices."

        typed = self._text(
            "Answer:",
            default=str(current),
            validate=check,
            instruction=f"(type {hint}; empty + Enter for more choices)",
        )
        if not typed:
            return self._menu(view)
        if not number:
            return Give(typed)
        number_given = parse_number(typed)
        assert number_given is not None  # the prompt's validator let only numbers through
        return Give(number_given)

    def _menu(self, view: QuestionView) -> Reply | None:
        """Don't know, not applicable and navigation, for prompts without a list."""
        again = "Tick an answer" if view.kind == "multi" else "Type an answer"
        choices = [*self._specials(view), Choice(again, "again"), Separator(), *self._navigation()]
        return _reply(self._select("What now?", choices))

    def _specials(self, view: QuestionView) -> list[Choice]:
        specials = []
        if view.offers_dont_know:
            specials.append(Choice("Don't know", Give(DONT_KNOW)))
        if view.offers_na:
            specials.append(Choice("Not applicable", Give(NOT_APPLICABLE)))
        return specials

    def _navigation(self) -> list[Choice]:
        return [Choice(title, Go(action), shortcut_key=key) for key, action, title in NAVIGATION]

    def _jump(self, view: QuestionView) -> Reply | None:
        choices = [Choice(f"{title} ({cid})", Go("jump", cid)) for cid, title in view.categories]
        choices.append(Choice("Stay on this question", "stay"))
        return _reply(self._select("Jump to which category?", choices))

    # -- after an answer ------------------------------------------------------

    def details(self, view: QuestionView, current: Details) -> Details:
        """Enter moves on; a note and evidence, or the review flag, are one choice away."""
        note, evidence, flagged = current.note, current.evidence, current.flagged
        while True:
            flag = "Remove the review flag" if flagged else "Flag for review"
            picked = self._select(
                "Next?",
                [
                    Choice("Next question", "next"),
                    Choice("Add a note or evidence", "note", shortcut_key="n"),
                    Choice(flag, "flag", shortcut_key="f"),
                ],
                default="next",
            )
            if picked == "next":
                return Details(note, evidence, flagged)
            if picked == "flag":
                flagged = not flagged
                continue
            note = self._text("Note (Enter leaves it empty):", default=note or "") or None
            typed = self._text("Evidence, separated by ;", default="; ".join(evidence))
            evidence = tuple(e.strip() for e in typed.split(";") if e.strip())

    # -- summaries ------------------------------------------------------------

    def overview(self, progress: Progress) -> None:
        """Print progress in every category, and hold it until a key is pressed."""
        self.console.print()
        self.console.print(render.overview(progress))
        self._pause()

    def category_done(self, tally: Tally) -> None:
        """Print the end-of-category table."""
        self.console.print()
        self.console.print(render.category_summary(tally))
        self._pause()

    def _pause(self) -> None:
        # Hold a table on screen: the next question would scroll it away at once.
        self._run(questionary.press_any_key_to_continue("Press any key to go on…", **self.io))

    def finished(self, progress: Progress) -> None:
        """Print the end-of-walk table."""
        self.console.print()
        self.console.print(render.overview(progress, "Summary of the assessment"))

    def notice(self, text: str) -> None:
        """Print a passing message."""
        self.console.print(text, style="accent", markup=False)


def _gives(choice: object, value: object) -> bool:
    return (
        isinstance(choice, Choice)
        and isinstance(choice.value, Give)
        and (choice.value.value == value)
    )


def _reply(picked: object) -> Reply | None:
    """A Give or Go picked from a list; None for "type again" / "stay here"."""
    return picked if isinstance(picked, (Give, Go)) else None


def _bind_navigation(prompt: questionary.Question) -> None:
    """Let b, s, j, o and q answer a list or check-box prompt with a navigation command."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    extra = KeyBindings()
    for key, action, _ in NAVIGATION:

        def chosen(event: Any, action: Action = action) -> None:
            event.app.exit(result=Go(action))

        extra.add(key, eager=True)(chosen)
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])


def _wrap_lines(prompt: questionary.Question) -> None:
    """Wrap long option descriptions to the terminal width instead of cutting them off."""
    from prompt_toolkit.filters import to_filter
    from questionary.prompts.common import InquirerControl

    for window in prompt.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            window.wrap_lines = to_filter(True)
