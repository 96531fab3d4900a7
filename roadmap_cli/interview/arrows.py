"""The arrow-key asker: questionary prompts under a rich question screen.

Lists for scales and single choice (arrow keys, or the number / letter shown before each
entry, then Enter), check boxes for multi-select, validated text for numbers.  The
navigation commands are entries at the foot of every list (``b`` back, ``s`` skip, ``j``
jump, ``o`` overview, ``q`` save and quit); for check boxes and typed answers, confirming
an empty answer opens the same menu, with *Don't know* and *Not applicable*.

``?`` shows help and ``g`` the question's whole guidance at every prompt (as keys in
lists, as the whole reply in typed prompts: type ``\\?`` to answer "?"); ``q`` saves and
quits at every prompt, the note and flag prompts included.  Long options and
descriptions are wrapped at word boundaries, with their continuation lines indented.

Prompts use ``unsafe_ask`` so that Ctrl-C raises ``KeyboardInterrupt`` and reaches the
session, which reports what is saved.  This module imports questionary at the top: import
it only on the ``assess`` path.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from typing import TYPE_CHECKING, Any, cast

import questionary
from prompt_toolkit.styles import Style
from questionary import Choice, Separator

from roadmap_cli.bank.conditions import DONT_KNOW, NOT_APPLICABLE
from roadmap_cli.interview import render
from roadmap_cli.interview.asking import BaseAsker, Step, evidence_list
from roadmap_cli.interview.conflicts import Choice as Chosen
from roadmap_cli.interview.conflicts import VersionView, conflict_heading, version_lines
from roadmap_cli.interview.model import (
    NAVIGATION,
    Action,
    Give,
    Go,
    Progress,
    QuestionView,
    Reply,
    Tally,
    free_text,
    is_special,
    parse_number,
    unescape,
)

if TYPE_CHECKING:
    from rich.console import Console

KEYS_HINT = "b back · s skip · j jump · o overview · q quit · g guidance · ? help"
_HELP, _GUIDANCE = "\0help", "\0guidance"  # what the ? and g keys make a list return
CONFLICT_HELP = (
    "Merged files answered this question differently. Keep one file's answer (with its "
    "note and evidence, which you can change next), give a new answer, skip to leave the "
    "question in conflict for now, or save and quit. Arrow keys or the number, then Enter; "
    "g shows the question's guidance."
)


def style(theme: str = "normal") -> Style | None:
    """The prompt colours, matching the rich theme; none at all under NO_COLOR."""
    if os.environ.get("NO_COLOR"):
        return None
    if theme == "high-contrast":
        # No colour: the highlighted entry is shown in reverse video, which any projector shows.
        return Style(
            [
                ("qmark", "bold"),
                ("question", "bold"),
                ("pointer", "bold"),
                ("highlighted", "bold reverse"),
                ("selected", "bold"),
                ("answer", "bold"),
                ("instruction", ""),
                ("separator", ""),
            ]
        )
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


class ArrowAsker(BaseAsker):
    """Ask with questionary; show with rich.  ``io`` passes input/output for tests."""

    def __init__(self, console: Console, theme: str = "normal", **io: Any) -> None:
        self.console = console
        self.io = io
        self.style = style(theme)

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
        _bind_help(prompt)
        _wrap_lines(prompt)
        return self._run(prompt)

    # -- metadata -------------------------------------------------------------

    def _meta(self, message: str, required: bool = False) -> str:
        """A metadata reply; ``q`` quits, ``?`` explains (a backslash types them)."""
        return self._free_text(
            message,
            "These details go on the report's cover. q quits without creating the "
            "file; to type a lone ? or q, put a backslash before it.",
            validate=(lambda text: bool(text.strip()) or "needed for the report")
            if required
            else None,
        )

    def _heading(self, title: str, description: str) -> None:
        self.console.print(title, style="title", markup=False)
        if description:
            self.console.print(description, markup=False)

    def _required(self, label: str) -> str:
        return self._meta(f"{label}:", required=True)

    def _optional(self, label: str) -> str:
        return self._meta(f"{label} (optional):")

    def _language(self, languages: tuple[str, ...], default: str) -> str:
        return str(self._select("Language:", list(languages), default=default))

    # -- questions ------------------------------------------------------------

    def question(self, view: QuestionView) -> Reply:
        """Show the question screen, then the prompt that fits its type."""
        self._screen(view)
        while True:
            if view.kind in ("scale", "single"):
                reply = self._choose(view)
            elif view.kind == "multi":
                reply = self._tick(view)
            else:
                reply = self._type(view)
            if reply in (_HELP, _GUIDANCE):
                self._explain(view, str(reply))
                continue
            if isinstance(reply, Go) and reply.action == "jump" and reply.target is None:
                reply = self._jump(view)
            if reply is not None:
                return reply

    def choose_version(self, view: QuestionView, versions: tuple[VersionView, ...]) -> Chosen:
        """Show each merged file's version; pick one, a new answer, skip or quit."""

        def show() -> None:
            self.console.print(conflict_heading(view, len(versions)), style="warn", markup=False)
            for number, version in enumerate(versions, 1):
                self.console.print("\n".join(version_lines(number, version)), markup=False)

        self._screen(view)
        show()
        choices: list[Any] = [
            Choice(_wrap(f"Keep the answer from {v.source}: {v.text}"), number)
            for number, v in enumerate(versions)
        ]
        choices += [
            Choice("Give a new answer", "new"),
            Choice("Skip for now (stays in conflict)", Go("skip")),
            Choice("Save and quit", Go("quit")),
        ]
        while True:
            picked = self._select("Which answer is right?", choices, instruction="(? help)")
            if picked == _HELP:
                # This list's own keys, not the question's (b, j and o do nothing here).
                self.console.print(CONFLICT_HELP, markup=False)
                self._pause()
                self._screen(view)
                show()
                continue
            if picked == _GUIDANCE:
                self._explain(view, str(picked))
                show()
                continue
            return None if picked == "new" else picked

    def _screen(self, view: QuestionView) -> None:
        self.console.print()
        self.console.print(render.question_screen(view, self.console, fit=True))

    def _explain(self, view: QuestionView, what: str) -> None:
        """The help (?) or guidance (g) screen, held until a key, then the question again."""
        lines = (
            render.help_lines(view, plain=False) if what == _HELP else render.guidance_screen(view)
        )
        self.console.print()
        for text, style_name in lines:
            self.console.print(text, style=style_name or None, markup=False)
        self._pause()
        self._screen(view)

    def _choose(self, view: QuestionView) -> Reply | Any:
        choices: list[Any] = [
            Choice(_wrap(c.label), Give(c.key), description=_wrap(c.description, 15) or None)
            for c in view.choices
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
        return picked if picked in (_HELP, _GUIDANCE) else _reply(picked)

    def _tick(self, view: QuestionView) -> Reply | Any:
        ticked = view.default if isinstance(view.default, list) else []
        choices = [
            Choice(
                _wrap(c.label),
                c.key,
                checked=c.key in ticked,
                description=_wrap(c.description, 15) or None,
            )
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
        _bind_help(prompt)
        _wrap_lines(prompt)
        picked = self._run(prompt)
        if isinstance(picked, Go) or picked in (_HELP, _GUIDANCE):
            return picked
        if picked:
            return Give(list(picked))
        return self._menu(view)

    def _type(self, view: QuestionView) -> Reply | Any:
        number = view.kind == "number"
        current = "" if view.default is None or is_special(view.default) else view.default
        hint = "a number" if number else "your answer"

        def check(text: str) -> bool | str:
            typed = text.strip()
            if not number or not typed or typed in ("?", "g") or parse_number(text) is not None:
                return True
            if not typed.isascii():
                return "Type the number with the digits 0-9."
            return "Type a number, or leave it empty and press Enter for more choices."

        typed = self._text(
            "Answer:",
            default=str(current),
            validate=check,
            instruction=f"(type {hint}; Enter on empty: more; ? help, g guidance)",
        )
        if typed == "?":
            return _HELP
        if typed.lower() == "g":
            return _GUIDANCE
        typed = unescape(typed) or typed
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
        picked = self._select("What now?", choices)
        return picked if picked in (_HELP, _GUIDANCE) else _reply(picked)

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

    def _next_step(self, view: QuestionView, flagged: bool) -> Step:
        """Enter moves on; a note and evidence, the review flag, or quitting are one key away."""
        flag = "Remove the review flag" if flagged else "Flag for review"
        picked = self._select(
            "Next?",
            [
                Choice("Next question", "next"),
                Choice("Add a note or evidence", "note", shortcut_key="n"),
                Choice(flag, "flag", shortcut_key="f"),
                Choice("Save and quit", "quit", shortcut_key="q"),
            ],
            default="next",
        )
        if picked in (_HELP, _GUIDANCE):
            self._explain(view, str(picked))
            return None
        return cast(Step, picked)

    def _flagged(self, flagged: bool) -> None:
        pass  # the menu that follows names the flag's new state

    def _reason(self, current: str | None) -> str | None:
        return self._free("Reason for the flag (optional):", current or "") or None

    def _ask_note(self, current: str | None) -> str | None:
        return self._free("Note (Enter leaves it empty):", current or "") or None

    def _ask_evidence(self, current: tuple[str, ...]) -> tuple[str, ...]:
        return evidence_list(self._free("Evidence, separated by ;", "; ".join(current)))

    def _free_text(self, message: str, help_text: str, **options: Any) -> str:
        """Free text: ``q`` quits, ``?`` says ``help_text`` (a backslash types either)."""
        return free_text(
            lambda: self._text(message, **options),
            lambda: self.console.print(help_text, markup=False),
        )

    def _free(self, message: str, default: str) -> str:
        """Free text (note, evidence, reason): ``q`` quits, ``?`` explains."""
        return self._free_text(
            message,
            "Type the text and press Enter; q saves and quits (what you gave so far "
            "is saved); to type a lone ? or q, put a backslash before it.",
            default=default,
        )

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


def _wrap(text: str | None, indent: int = 7) -> str:
    """``text`` wrapped at word boundaries to the terminal, continuation lines indented.

    ``indent`` is how far in the prompt draws the text (pointer and number before it).
    """
    if not text:
        return ""
    width = max(20, shutil.get_terminal_size().columns - indent - 1)
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * indent).join(lines)


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


def _bind_help(prompt: questionary.Question) -> None:
    """Let ? show help and g the guidance from a list or check-box prompt."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    extra = KeyBindings()

    @extra.add("?", eager=True)
    def _help(event: Any) -> None:
        event.app.exit(result=_HELP)

    @extra.add("g", eager=True)
    def _guidance(event: Any) -> None:
        event.app.exit(result=_GUIDANCE)

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])


def _wrap_lines(prompt: questionary.Question) -> None:
    """Wrap long option descriptions to the terminal width instead of cutting them off."""
    from prompt_toolkit.filters import to_filter
    from questionary.prompts.common import InquirerControl

    for window in prompt.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            window.wrap_lines = to_filter(True)
