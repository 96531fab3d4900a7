"""What the two askers share: which details a new file asks for, and what happens after
an answer (note, evidence, review flag), recorded step by step.  How each step is put
to a person (arrow-key lists or typed lines) stays in ``arrows.py`` and ``plain.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from roadmap_cli.interview.model import (
    Details,
    Go,
    Metadata,
    MetadataRequest,
    QuestionView,
    Quit,
    Record,
    or_quit,
)

# What a person can do once a question is answered; None: nothing yet (help was shown, or
# the reply was not understood), ask again.
Step = Literal["next", "note", "flag", "quit"] | None


def evidence_list(typed: str) -> tuple[str, ...]:
    """Evidence references typed on one line, separated by ``;``."""
    return tuple(part.strip() for part in typed.split(";") if part.strip())


class BaseAsker:
    """The part of ``model.Asker`` that does not depend on how a person is asked."""

    def metadata(self, request: MetadataRequest) -> Metadata | Go:
        """Ask country, organisation, optional name and role, and language if several."""
        return or_quit(lambda: self._metadata(request))

    def _metadata(self, request: MetadataRequest) -> Metadata:
        self._heading(f"New assessment: {request.bank_title}", request.bank_description)
        country = self._required("Country")
        organisation = self._required("Organisation (ministry or agency)")
        assessor = self._optional("Your name")
        role = self._optional("Your role")
        language = request.default_language
        if len(request.languages) > 1:
            language = self._language(request.languages, request.default_language)
        return Metadata(country, organisation, assessor or None, role or None, language)

    def details(self, view: QuestionView, current: Details, record: Record) -> Details | Go:
        """Move on, add a note and evidence, flag the answer for review, or quit.

        Every change is recorded (saved) the moment it is made, so quitting part-way
        keeps what was given.
        """
        details = current
        while True:
            step = self._next_step(view, details.flagged)
            if step == "next":
                return details
            if step == "quit":
                return Go("quit")
            try:
                if step == "flag":
                    details = self._flag(details, record)
                elif step == "note":
                    details = self._note(details, record)
            except Quit:
                return Go("quit")

    def _note(self, details: Details, record: Record) -> Details:
        details = replace(details, note=self._ask_note(details.note))
        record(details)
        details = replace(details, evidence=self._ask_evidence(details.evidence))
        record(details)
        return details

    def _flag(self, details: Details, record: Record) -> Details:
        """Remove the review flag, or set it and ask why; each change is recorded at once,
        so quitting at the reason keeps the flag."""
        if details.flagged:
            details = replace(details, flagged=False, reason=None)
            record(details)
            self._flagged(False)
            return details
        details = replace(details, flagged=True)
        record(details)
        self._flagged(True)
        reason = self._reason(details.reason)
        if reason != details.reason:
            details = replace(details, reason=reason)
            record(details)
        return details

    # What each asker says or asks its own way.

    def _heading(self, title: str, description: str) -> None:
        raise NotImplementedError

    def _required(self, label: str) -> str:
        """A detail the report needs: asked until given."""
        raise NotImplementedError

    def _optional(self, label: str) -> str:
        """A detail that may be left empty."""
        raise NotImplementedError

    def _language(self, languages: tuple[str, ...], default: str) -> str:
        """One of ``languages`` (there are several)."""
        raise NotImplementedError

    def _next_step(self, view: QuestionView, flagged: bool) -> Step:
        """What to do after answering ``view`` (``flagged``: is it flagged now); help is
        shown here."""
        raise NotImplementedError

    def _ask_note(self, current: str | None) -> str | None:
        """The note: a new one, ``current`` to keep it, or None for none."""
        raise NotImplementedError

    def _ask_evidence(self, current: tuple[str, ...]) -> tuple[str, ...]:
        """The evidence references: new ones, ``current`` to keep them, or none."""
        raise NotImplementedError

    def _flagged(self, flagged: bool) -> None:
        """Tell the person the flag is now set (or removed), if the screen does not show it."""
        raise NotImplementedError

    def _reason(self, current: str | None) -> str | None:
        """Why the answer is flagged: the new reason, ``current`` to keep it, or None."""
        raise NotImplementedError
