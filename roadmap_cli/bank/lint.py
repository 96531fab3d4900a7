"""Checks across a bank's fields that a schema cannot express.

Duplicate ids, references to undefined scales, instruments and resources, ``show_if``
conditions on unknown or later questions, missing guidance, missing translations.
Each finding is a Problem located at the offending value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from roadmap_cli.bank.conditions import RESERVED_VALUES
from roadmap_cli.bank.model import Bank, Located, Option, Question
from roadmap_cli.errors import Problem
from roadmap_cli.problems import Sources
from roadmap_cli.yamlio import Path_

TAGS = {
    "victim-centred": "Puts the rights, safety and wishes of victims first.",
    "trauma-informed": "Recognises the effects of trauma and avoids re-traumatising people.",
    "gender-sensitive": "Takes account of how gender shapes risks, harms and needs.",
    "child-sensitive": "Puts the best interests of the child first.",
    "tech-facilitated": "Concerns trafficking that uses digital technology.",
    "red-flag": "A negative indicator: some answers raise a red flag.",
    "forced-labour": "Concerns trafficking for forced labour.",
    "forced-marriage": "Concerns forced marriage.",
    "online-scams": "Concerns trafficking into online scam operations.",
    "survivor-informed": "Draws on the experience of survivors.",
    "prevention": "Serves prevention.",
    "protection": "Serves the protection of victims.",
    "prosecution": "Serves investigation and prosecution.",
    "partnership": "Serves partnership and cooperation.",
}

TEXT_FIELDS = frozenset(
    {
        "title",
        "short",
        "text",
        "guidance",
        "recommendation",
        "label",
        "description",
        "summary",
        "note",
        "unit",
        "rationale",
    }
)
_BANK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")


def lint_bank(bank: Bank, sources: Sources) -> list[Problem]:
    """Every cross-field problem in a bank that passed schema validation."""
    checker = _Checker(bank, sources)
    checker.run()
    return checker.problems


def _suggest(name: str, known: Iterable[str]) -> str:
    names = list(known)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known: {', '.join(names[:8])}{', …' if len(names) > 8 else ''})" if names else ""


class _Checker:
    def __init__(self, bank: Bank, sources: Sources) -> None:
        self.bank = bank
        self.sources = sources
        self.problems: list[Problem] = []

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(self.sources.problem(path, message, "error"))

    def warn(self, path: Path_, message: str) -> None:
        self.problems.append(self.sources.problem(path, message, "warning"))

    def run(self) -> None:
        bank = self.bank
        if not _BANK_ID.match(bank.id):
            self.error(("id",), f"bank id '{bank.id}' must be lowercase words joined by hyphens")
        if not _SEMVER.match(bank.version):
            self.error(("version",), f"version '{bank.version}' must look like 1.0.0")
        if bank.default_language not in bank.languages:
            self.error(
                ("default_language",),
                f"default language '{bank.default_language}' is not in languages",
            )
        for name, scale in bank.scales.items():
            self.check_options(("scales", name, "options"), scale.options)
        self.check_ids()
        for item in bank.profile_located:
            self.check_profile(item)
        for item in bank.located:
            self.check_question(item)
        self.check_translations(bank, ())

    def check_ids(self) -> None:
        seen: dict[str, str] = {}
        for ci, category in enumerate(self.bank.categories):
            self._unique(seen, "category", category.id, ("categories", ci, "id"))
            for si, section in enumerate(category.sections):
                self._unique(seen, "section", section.id, ("categories", ci, "sections", si, "id"))
        questions: dict[str, str] = {}
        for item in (*self.bank.profile_located, *self.bank.located):
            self._unique(questions, "question", item.question.id, (*item.path, "id"))

    def _unique(self, seen: dict[str, str], kind: str, ident: str, path: Path_) -> None:
        if ident in seen:
            self.error(path, f"duplicate {kind} id '{ident}' (first at {seen[ident]})")
        else:
            problem = self.sources.problem(path, "")
            seen[ident] = f"{problem.file}:{problem.line}"

    def check_options(self, path: Path_, options: list[Option]) -> None:
        keys: set[str] = set()
        for index, option in enumerate(options):
            where = (*path, index, "key")
            if option.key in RESERVED_VALUES:
                self.error(
                    where, f"option key '{option.key}' is reserved; the tool offers it itself"
                )
            if option.key in keys:
                self.error(where, f"duplicate option key '{option.key}'")
            keys.add(option.key)

    def check_question(self, item: Located) -> None:
        question, path = item.question, item.path
        bank = self.bank
        if question.scale is not None and question.scale not in bank.scales:
            self.error(
                (*path, "scale"),
                f"unknown scale '{question.scale}'{_suggest(question.scale, bank.scales)}",
            )
        if question.options is not None:
            self.check_options((*path, "options"), question.options)
            if question.type == "multi" and all(o.exclusive for o in question.options):
                self.error(
                    (*path, "options"), "a multi question needs an option that is not exclusive"
                )
        if question.type == "number":
            self.check_number(question, path)
        for ri, reference in enumerate(question.references):
            if reference.instrument not in bank.instruments:
                self.error(
                    (*path, "references", ri, "instrument"),
                    f"unknown instrument '{reference.instrument}'"
                    f"{_suggest(reference.instrument, bank.instruments)}",
                )
        for ri, resource in enumerate(question.resources):
            if resource not in bank.resources:
                self.error(
                    (*path, "resources", ri),
                    f"unknown resource '{resource}'{_suggest(resource, bank.resources)}",
                )
        for ti, tag in enumerate(question.tags):
            if tag not in TAGS and tag not in bank.tags:
                self.warn(
                    (*path, "tags", ti),
                    f"unknown tag '{tag}'{_suggest(tag, [*TAGS, *bank.tags])}; "
                    "declare it under the bank's 'tags:'",
                )
        self.check_scored(question, path)
        if question.show_if is not None:
            self.check_condition(item)

    def check_profile(self, item: Located) -> None:
        """A profile question describes the country: one or several unscored choices."""
        question, path = item.question, item.path
        if question.type not in ("single", "multi"):
            self.error(
                (*path, "type"),
                f"profile question {question.id} must be 'single' or 'multi', "
                f"not '{question.type}'",
            )
            return
        self.check_options((*path, "options"), question.options or [])
        for oi, option in enumerate(question.options or []):
            if option.score is not None or option.red_flag:
                self.error(
                    (*path, "options", oi),
                    f"profile question {question.id} is never scored: "
                    "its options take no score or red_flag",
                )
        if question.critical:
            self.error((*path, "critical"), f"profile question {question.id} cannot be critical")
        if question.show_if is not None:
            self.check_condition(item)

    def check_number(self, question: Question, path: Path_) -> None:
        spec = question.number
        if spec and spec.min is not None and spec.max is not None and spec.min > spec.max:
            self.error((*path, "number"), "number: min is greater than max")
        thresholds = question.thresholds or []
        for ti, threshold in enumerate(thresholds):
            if (
                threshold.min is not None
                and threshold.max is not None
                and threshold.min > threshold.max
            ):
                self.error((*path, "thresholds", ti), "threshold min is greater than max")
        if thresholds and (thresholds[-1].min is not None or thresholds[-1].max is not None):
            self.warn(
                (*path, "thresholds"),
                "the last threshold has bounds, so some numbers get no score; "
                "end with a catch-all such as {score: 0}",
            )

    def check_scored(self, question: Question, path: Path_) -> None:
        bank = self.bank
        options = bank.options_for(question)
        flagged = any(o.red_flag for o in options) or any(
            t.red_flag for t in question.thresholds or []
        )
        if "red-flag" in question.tags and not flagged:
            self.warn(
                (*path, "tags"), "tagged red-flag but no option or threshold has red_flag: true"
            )
        if flagged and "red-flag" not in question.tags:
            self.warn((*path, "tags"), "has red_flag options but is not tagged red-flag")
        if not bank.is_scored(question) or question.weight == 0:
            return
        if question.critical and question.rationale is None:
            self.warn(
                path,
                f"critical question {question.id} has no rationale naming the binding "
                "obligation it rests on",
            )
        if question.type in ("scale", "single") and any(o.score is None for o in options):
            self.warn((*path, "options"), "some options have no score; they will count as unscored")
        if question.guidance is None:
            self.warn(path, f"scored question {question.id} has no guidance")
        if question.recommendation is None:
            self.warn(path, f"scored question {question.id} has no recommendation")
        if not question.references:
            self.warn(path, f"scored question {question.id} has no references")

    def check_condition(self, item: Located) -> None:
        assert item.question.show_if is not None
        base = (*item.path, "show_if")
        for leaf, target_id in item.question.show_if.tested_questions():
            target = self.bank.by_id.get(target_id)
            if target is None:
                known = self.bank.by_id
                self.error(
                    base,
                    f"show_if names unknown question '{target_id}'{_suggest(target_id, known)}",
                )
                continue
            if target.index >= item.index:
                self.error(
                    base,
                    f"show_if names question '{target_id}', which does not come before "
                    f"{item.question.id}; conditions may only look at earlier questions",
                )
                continue
            keys = leaf.in_ if leaf.in_ is not None else leaf.not_in
            if keys is None:
                continue
            if target.question.type not in ("scale", "single", "multi"):
                self.error(base, f"show_if uses in/not_in on '{target_id}', which has no options")
                continue
            valid = {o.key for o in self.bank.options_for(target.question)} | RESERVED_VALUES
            for key in keys:
                if key not in valid:
                    self.error(
                        base,
                        f"show_if: question '{target_id}' has no option '{key}'"
                        f"{_suggest(key, sorted(valid))}",
                    )

    def check_translations(self, model: BaseModel, path: Path_) -> None:
        wanted = set(self.bank.languages)
        for name, value, where in _text_values(model, path):
            if name not in TEXT_FIELDS:
                continue
            given = set(value) if isinstance(value, dict) else {self.bank.default_language}
            for code in sorted(wanted - given):
                self.warn(where, f"missing '{code}' translation of {name}")
            for code in sorted(given - wanted):
                self.warn(where, f"'{code}' is not one of the bank's languages")


def _text_values(model: BaseModel, path: Path_) -> Iterator[tuple[str, object, Path_]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if isinstance(value, BaseModel):
            yield from _text_values(value, (*path, key))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from _text_values(element, (*path, key, index))
        elif (
            isinstance(value, dict) and value and isinstance(next(iter(value.values())), BaseModel)
        ):
            for item_key, element in value.items():
                yield from _text_values(element, (*path, key, item_key))
        elif isinstance(value, (str, dict)):
            yield name, value, (*path, key)
