"""The interview engine: walks a bank over an ``Asker``, records answers, saves after each.

Pure logic: it never prints and never reads the keyboard; everything the person sees or
types goes through the asker.  The answers file is written the moment the metadata is
known and again after every answer (and after every change to a note, evidence or flag),
so stopping at any moment loses at most the reply being typed.

Which questions are asked depends on the mode:

- normal: shown questions without an answer, from the first one (so a restart resumes);
- review: shown questions that have an answer, with that answer as the default;
- flagged: shown questions whose answer is flagged for review;
- only: exactly the questions named (answered or not);
- conflicts: shown questions that merged files answered differently (see
  ``interview.conflicts``: in every mode, such a question first shows each version);

``categories`` narrows any mode to some categories.  A question hidden by ``show_if`` is
never asked; its answer, if it has one, stays in the file but does not count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from roadmap_cli.answers.check import value_problem
from roadmap_cli.answers.model import (
    ANSWERS_FORMAT,
    AnswersFile,
    Assessment,
    BankRef,
    Settings,
    save_answers,
)
from roadmap_cli.answers.model import Answer as Saved
from roadmap_cli.bank.model import Bank, Located
from roadmap_cli.errors import UsageError, display_path
from roadmap_cli.interview.model import (
    Asker,
    Details,
    Give,
    Go,
    GuidanceMode,
    MetadataRequest,
    Options,
    Outcome,
    Progress,
    QuestionView,
    Tally,
    Value,
)
from roadmap_cli.interview.stop import Saver
from roadmap_cli.interview.views import progress, question_view, refusal, tally, tidy, with_problem
from roadmap_cli.terminal import shell_word
from roadmap_cli.text import localize


class Interview:
    """One walk through a bank for one answers file."""

    def __init__(
        self,
        bank: Bank,
        path: Path,
        answers: AnswersFile | None,
        asker: Asker,
        options: Options | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        saver: Saver | None = None,
    ) -> None:
        from roadmap_cli.answers.model import now

        self.bank, self.path, self.asker = bank, path, asker
        self.options = options or Options()
        self.clock = clock or now
        self.saver: Saver = saver or save_answers
        self.answers = answers
        self.scope = self._scope()
        self._shown: dict[str, bool] = {}
        remembered = answers.settings.guidance if answers and answers.settings else None
        self.guidance: GuidanceMode = self.options.guidance or remembered or "full"

    # -- set-up ---------------------------------------------------------------

    def _scope(self) -> list[Located]:
        """The questions this walk may visit, in bank order."""
        known = {c.id for c in self.bank.categories}
        unknown = [c for c in self.options.categories if c not in known]
        if unknown:
            raise UsageError(
                f"unknown category '{unknown[0]}' in bank {self.bank.id}",
                f"Categories: {', '.join(sorted(known))}.",
            )
        missing = [q for q in self.options.only if q not in self.bank.by_id]
        if missing:
            raise UsageError(
                f"unknown question id '{missing[0]}' in bank {self.bank.id}",
                f"See the ids with: roadmap banks show {self.bank.id}",
            )
        # The country profile comes first: later questions may be shown or hidden by it.
        items = list(self.bank.asked)
        if self.options.categories:
            items = [i for i in items if i.category.id in self.options.categories]
        if self.options.only:
            items = [i for i in items if i.question.id in self.options.only]
        return items

    @property
    def language(self) -> str:
        """The language questions are shown in."""
        chosen = self.answers.assessment.language if self.answers else None
        return chosen or self.bank.default_language

    def progress(self) -> Progress:
        """Progress under the current answers."""
        assert self.answers is not None
        return progress(self.bank, self.answers, self._shown, self.language)

    def _start(self) -> bool | None:
        """Ask the metadata of a new file and write it; say where a resumed walk stands.

        True when this walk created the file, False when it resumes one, None when the
        person quit before the file was created.
        """
        if self.answers is not None:
            self._shown = self.answers.shown(self.bank)
            self._check_version()
            self._remember_guidance()
            total = self.progress().total
            if total.saved and self.options.mode == "normal":
                self.asker.notice(f"Resuming — {total.saved} of {total.shown} done")
            return False
        bank = self.bank
        request = MetadataRequest(
            localize(bank.title, bank.default_language),
            tuple(bank.languages),
            bank.default_language,
            localize(bank.description, bank.default_language),
        )
        meta = self.asker.metadata(request)
        if isinstance(meta, Go):
            return None
        moment = self.clock()
        assessment = Assessment(
            country=meta.country,
            organisation=meta.organisation or None,
            assessor=meta.assessor or None,
            role=meta.role or None,
            language=meta.language or bank.default_language,
            started=moment,
            updated=moment,
        )
        self.answers = AnswersFile(
            format=ANSWERS_FORMAT,
            bank=BankRef(id=bank.id, version=bank.version),
            assessment=assessment,
            settings=Settings(guidance=self.options.guidance) if self.options.guidance else None,
        )
        self._save()
        self._shown = self.answers.shown(bank)
        return True

    def _check_version(self) -> None:
        """Say so before the first question when the file was made with another bank version."""
        assert self.answers is not None
        made_with, installed = self.answers.bank.version, self.bank.version
        if made_with != installed:
            shown = display_path(self.path)
            self.asker.notice(
                f"{shown} was answered with version {made_with} of the bank "
                f"{self.bank.id}; the installed version is {installed}. Questions or options "
                f"may have changed: check the file with: roadmap validate {shell_word(shown)} "
                f"(then walk your answers again with: roadmap assess {shell_word(shown)} --review)."
            )

    def _remember_guidance(self) -> None:
        """Keep a --guidance choice in the file's settings, so the next session uses it."""
        assert self.answers is not None
        chosen = self.options.guidance
        current = self.answers.settings.guidance if self.answers.settings else None
        if chosen is None or chosen == current:
            return
        self.answers = self.answers.model_copy(update={"settings": Settings(guidance=chosen)})
        self._save()

    def _view(self, item: Located) -> QuestionView:
        assert self.answers is not None
        view = question_view(self.bank, item, self.answers, self._shown, self.language)
        return replace(view, guidance_mode=self.guidance)

    # -- walking --------------------------------------------------------------

    def run(self) -> Outcome:
        """Walk the questions in scope until the end or until the person quits."""
        started = self._start()
        if started is None:
            return Outcome("quit", None, False)
        history: list[int] = []
        position = self._next_due(0)
        if position is None:
            self.asker.notice(self._nothing_to_ask())
        while position is not None:
            item = self.scope[position]
            chosen, reply = self._resolve(item)
            if isinstance(reply, Go):
                if reply.action == "quit":
                    return Outcome("quit", self.progress(), started)
                if reply.action == "overview":
                    self.asker.overview(self.progress())
                    continue
                if reply.action == "back":
                    previous = self._back(history, position)
                    if previous is None:
                        self.asker.notice("This is the first question.")
                    else:
                        position = previous
                    continue
                if reply.action == "jump":
                    history.append(position)
                    position = self._jump(reply.target or "", position)
                    continue
            elif self._answer(item, reply.value, chosen) == "quit":
                return Outcome("quit", self.progress(), started)
            history.append(position)
            following = self._next_due(position + 1)
            if self.options.mode != "only" and (
                following is None or self.scope[following].category.id != item.category.id
            ):
                self.asker.category_done(self._tally(item))
            position = following
        done = self.progress()
        self.asker.finished(done)
        return Outcome("finished", done, started)

    def _resolve(self, item: Located) -> tuple[Saved | None, Give | Go]:
        """Ask ``item``; for a merge conflict, first offer each file's version.

        Returns the version chosen (with its note, evidence and flag), if one was.
        """
        from roadmap_cli.interview.conflicts import ConflictAsker, told, version_views

        assert self.answers is not None
        qid = item.question.id
        entries = self.answers.conflicts.get(qid)
        if not entries:
            return None, self._ask(item)
        versions = version_views(self.bank, qid, entries, self.language)
        if not isinstance(self.asker, ConflictAsker):
            self.asker.notice(told(self._view(item), versions))
            return None, self._ask(item)
        choice = self.asker.choose_version(self._view(item), versions)
        if isinstance(choice, Go):
            return None, choice
        if choice is not None:
            entry = entries[choice]
            problem = value_problem(self.bank, item.question, entry.value)
            if problem is None:
                return entry.answer(), Give(entry.value)
            self.asker.notice(f"That version cannot be used ({problem}); give the answer.")
        return None, self._ask(item)

    def _ask(self, item: Located) -> Give | Go:
        """Ask until the reply is a navigation command or a valid answer."""
        view = self._view(item)
        while True:
            reply = self.asker.question(view)
            if isinstance(reply, Go):
                return reply
            value = tidy(reply.value, view)
            problem = refusal(value) or value_problem(self.bank, item.question, value)
            if problem is None:
                return Give(value)
            view = with_problem(view, problem)

    def _due(self, item: Located) -> bool:
        assert self.answers is not None
        qid = item.question.id
        if not self._shown.get(qid):
            return False
        answer = self.answers.answers.get(qid)
        mode = self.options.mode
        if mode == "normal":
            return answer is None
        if mode == "review":
            return answer is not None
        if mode == "flagged":
            return answer is not None and answer.flagged
        if mode == "conflicts":
            return qid in self.answers.conflicts
        return True

    def _next_due(self, start: int) -> int | None:
        return next((i for i in range(start, len(self.scope)) if self._due(self.scope[i])), None)

    def _back(self, history: list[int], position: int) -> int | None:
        """The question to go back to: the last one visited, else the previous shown one."""
        while history:
            candidate = history.pop()
            if self._shown.get(self.scope[candidate].question.id):
                return candidate
        return next(
            (i for i in range(position - 1, -1, -1) if self._shown.get(self.scope[i].question.id)),
            None,
        )

    def _jump(self, category_id: str, position: int) -> int:
        """The first question due in a category, else its first shown question."""
        indexes = [i for i, item in enumerate(self.scope) if item.category.id == category_id]
        shown = [i for i in indexes if self._shown.get(self.scope[i].question.id)]
        due = [i for i in shown if self._due(self.scope[i])]
        if due or shown:
            return (due or shown)[0]
        self.asker.notice(f"No questions to ask in category '{category_id}'.")
        return position

    def _nothing_to_ask(self) -> str:
        mode = self.options.mode
        if mode == "flagged":
            return "No answers are flagged for review."
        if mode == "review":
            return "No answers to review yet."
        if mode == "only":
            return "None of those questions is shown under the current answers."
        if mode == "conflicts":
            return "No answers from merged files are in conflict."
        return "Every question is answered."

    def _tally(self, item: Located) -> Tally:
        assert self.answers is not None
        return tally(self.bank, item.category, self.answers.answers, self._shown, self.language)

    # -- recording ------------------------------------------------------------

    def _answer(self, item: Located, value: Value, version: Saved | None = None) -> str:
        """Record an answer, save, then offer note, evidence and flag (saving each change).

        ``version`` is a merge conflict's version the officer picked: it is saved whole.
        Returns "quit" when the person quit at the note and flag prompt, else "next".
        """
        assert self.answers is not None
        qid = item.question.id
        old = version or self.answers.answers.get(qid)
        moment = self.clock()
        if old is not None and old.value == value:
            saved = old  # confirmed unchanged: keep when it was first given
        else:
            stamp = {"value": value, "answered_at": moment}
            saved = old.model_copy(update=stamp) if old else Saved(value=value, answered_at=moment)
        before = self._shown
        self._store(qid, saved, moment)
        hidden = [
            q
            for q, was in before.items()
            if was and not self._shown.get(q) and q in self.answers.answers
        ]
        if hidden:
            one = len(hidden) == 1
            self.asker.notice(
                f"This answer hides {', '.join(hidden)}: "
                + ("its answer stays" if one else "their answers stay")
                + " in the file but no longer "
                + ("counts." if one else "count.")
            )
        if not self.options.notes:
            return "next"

        def record(chosen: Details) -> None:
            # Saved the moment it is made: a stop at the next prompt keeps it.
            nonlocal saved
            update = {
                "note": chosen.note or None,
                "evidence": [e for e in chosen.evidence if e.strip()],
                "flagged": chosen.flagged,
                "flag_reason": (chosen.reason or None) if chosen.flagged else None,
            }
            changed = saved.model_copy(update=update)
            if changed != saved:
                saved = changed
                self._store(qid, changed, self.clock())

        view = self._view(item)
        current = Details(saved.note, tuple(saved.evidence), saved.flagged, saved.flag_reason)
        chosen = self.asker.details(view, current, record)
        if isinstance(chosen, Go):
            return "quit" if chosen.action == "quit" else "next"
        record(chosen)
        return "next"

    def _store(self, qid: str, answer: Saved, moment: datetime) -> None:
        assert self.answers is not None
        answers = {**self.answers.answers, qid: answer}
        assessment = self.answers.assessment.model_copy(update={"updated": moment})
        # An answer given to a merge conflict resolves it, in this same save.
        conflicts = {k: v for k, v in self.answers.conflicts.items() if k != qid}
        self.answers = self.answers.model_copy(
            update={"answers": answers, "assessment": assessment, "conflicts": conflicts}
        )
        self._save()
        self._shown = self.answers.shown(self.bank)

    def _save(self) -> None:
        assert self.answers is not None
        merged = self.saver(self.path, self.answers, self.bank)
        if merged is not None:
            # Another program changed the file meanwhile and the saver merged it in.
            self.answers = merged
            self._shown = merged.shown(self.bank)


def walk(
    bank: Bank,
    path: Path,
    answers: AnswersFile | None,
    asker: Asker,
    options: Options | None = None,
) -> Outcome:
    """Run one interview (see ``Interview``) and return how it ended."""
    return Interview(bank, path, answers, asker, options).run()


__all__ = ["Interview", "Options", "Outcome", "walk"]
