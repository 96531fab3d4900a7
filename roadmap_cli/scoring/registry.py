"""Where scoring rules come from: one registry for built-ins and plugins alike.

A rule is any object with the attributes of ``Rule``: ``name``, ``summary``, ``options``
(defaults) and ``score(bank, answers, options) -> Scorecard``, and optionally
``description``, ``options_model`` and ``option_help``.  Every rule is checked once, when
it is registered or loaded (``check_rule``), and becomes a ``CheckedRule``: the only form
the rest of the program reads, so no attribute is looked up by chance later.  The
built-ins register through
``Registry.register`` exactly as plugins do.  Third parties add rules through the
entry-point group ``roadmap_cli.rules`` (loaded only when asked for, so a broken plugin
never stops the others), or — on an offline laptop — a Python file or a rules profile
named with ``--rules PATH``.  A plugin that fails to load or to score is one RoadmapError
naming it, never a crash.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from roadmap_cli.answers.model import AnswersFile
from roadmap_cli.bank.model import Bank
from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.scoring.model import Scorecard

GROUP = "roadmap_cli.rules"
DEFAULT_RULE = "weighted"


class Rule(Protocol):
    """What a scoring rule provides (a plugin may leave out the three marked optional)."""

    name: str  # how --rules names it
    summary: str  # one line, for `roadmap rules list`
    options: Mapping[str, Any]  # option defaults
    # Optional: paragraphs for the report's method section (default: the summary), a
    # pydantic model that checks options (default: only their names are checked), and a
    # line of help per option (default: none).
    description: str
    options_model: type[BaseModel] | None
    option_help: Mapping[str, str]

    def score(self, bank: Bank, answers: AnswersFile, options: Mapping[str, Any]) -> Scorecard:
        """Score ``answers`` against ``bank`` with ``options`` (defaults merged in)."""
        ...


ScoreFunction = Callable[[Bank, AnswersFile, Mapping[str, Any]], Scorecard]


@dataclass(frozen=True)
class CheckedRule:
    """A rule whose every attribute has been checked: what the program reads."""

    name: str
    summary: str
    description: str
    options: Mapping[str, Any]
    options_model: type[BaseModel] | None
    option_help: Mapping[str, str]
    score: ScoreFunction


@dataclass(frozen=True)
class Selected:
    """A rule ready to use: the rule, where it came from, and the options to pass it.

    ``spec`` is what chose it (``select_rule``'s argument), so that another process, which
    cannot be handed the rule object, can choose it again.
    """

    rule: CheckedRule
    source: str
    options: Mapping[str, Any] = field(default_factory=dict)
    profile: str | None = None  # the profile's name, when chosen through a profile
    spec: str | None = None

    @property
    def label(self) -> str:
        """How to name this choice to a person: the profile name, else the rule name."""
        return self.profile or self.rule.name

    def score(self, bank: Bank, answers: AnswersFile) -> Scorecard:
        """Score with this rule; a plugin that fails becomes one RoadmapError naming it."""
        try:
            card = self.rule.score(bank, answers, self.options)
        except RoadmapError:
            raise
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # SystemExit from a plugin must not end the program
            if self.source == "built-in":
                raise  # a bug in roadmap-cli itself: let the boundary say so
            raise plugin_error(self.rule.name, self.source, "failed while scoring", error) from None
        if self.source != "built-in":
            wrong = scorecard_problem(card)
            if wrong:
                raise RoadmapError(
                    f"rules plugin '{self.rule.name}' ({self.source}) returned a Scorecard "
                    f"that cannot be used: {wrong}",
                    "Fix the plugin, or choose another rule with --rules.",
                )
        return card


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def scorecard_problem(card: object) -> str | None:
    """What is wrong with a plugin's result, or None: every score a number in [0, 1] or
    none, every count a whole number, every name text."""
    if not isinstance(card, Scorecard):
        return f"it is a {type(card).__name__}, not a Scorecard"
    nodes = [*card.questions, *card.sections, *card.categories, card.overall]
    for node in nodes:
        score = getattr(node, "score", None)
        if score is not None and (
            isinstance(score, bool)
            or not isinstance(score, (int, float))
            or not 0 <= score <= 1  # also false for NaN
        ):
            return f"{getattr(node, 'id', '?')!s:.40}: score {score!r:.40} is not in [0, 1]"
        band = getattr(node, "band", None)
        if band is not None and not isinstance(band, str):
            return f"{getattr(node, 'id', '?')!s:.40}: band {band!r:.40} is not text"
        if not isinstance(getattr(node, "id", None), str):
            return "a node's id is not text"
    for group in (card.gaps, card.red_flags, card.unmet):
        for item in group:
            if not isinstance(getattr(item, "question", None), str):
                return "a gap, red flag or unmet standard names no question"
    for gap in card.gaps:
        numbers = (gap.score, gap.target, gap.shortfall, gap.weight, gap.priority)
        if not all(_finite(value) for value in numbers):
            return f"gap {gap.question:.40}: a number is missing, infinite or not a number"
    if not all(isinstance(b.name, str) and isinstance(b.min, (int, float)) for b in card.bands):
        return "a band is not a name and a number"
    return None


def plugin_error(name: str, source: str, what: str, error: BaseException) -> RoadmapError:
    """The one line said when a plugin fails."""
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    kind = type(error).__name__
    return RoadmapError(
        f"rules plugin '{name}' ({source}) {what}: {kind}{': ' + detail if detail else ''}",
        "Fix or uninstall the plugin, or choose another rule with --rules.",
    )


def check_rule(candidate: Any, name: str, source: str) -> CheckedRule:
    """``candidate`` (a rule, or a class to instantiate) checked against ``Rule``.

    Raises one RoadmapError naming the plugin and what is wrong with it.
    """
    if isinstance(candidate, type):
        try:
            candidate = candidate()
        except Exception as error:
            raise plugin_error(name, source, "failed to start", error) from None
    missing = [
        attr for attr in ("name", "summary", "options", "score") if not hasattr(candidate, attr)
    ]
    if missing:
        raise RoadmapError(
            f"rules plugin '{name}' ({source}) is not a rule: it lacks {', '.join(missing)}",
            "A rule has name, summary, options and score(bank, answers, options).",
        )
    summary = candidate.summary
    model = getattr(candidate, "options_model", None)
    helps = getattr(candidate, "option_help", None) or {}
    wrong = _wrong_attribute(candidate, summary, model, helps)
    if wrong:
        raise RoadmapError(
            f"rules plugin '{name}' ({source}) is not a rule: {wrong}",
            "A rule has name, summary, options and score(bank, answers, options).",
        )
    return CheckedRule(
        name=candidate.name,
        summary=summary,
        description=getattr(candidate, "description", None) or summary,
        options=dict(candidate.options),
        options_model=model,
        option_help=dict(helps),
        score=candidate.score,
    )


def _wrong_attribute(candidate: Any, summary: Any, model: Any, helps: Any) -> str | None:
    """What is wrong with a rule's attributes, or None."""
    if not isinstance(candidate.name, str) or not candidate.name.strip():
        return "'name' must be text"
    if not isinstance(summary, str):
        return "'summary' must be text"
    if not isinstance(candidate.options, Mapping) or not all(
        isinstance(key, str) for key in candidate.options
    ):
        return "'options' must be a mapping of option names to defaults"
    if not callable(candidate.score):
        return "'score' must be a method"
    if not isinstance(getattr(candidate, "description", None) or "", str):
        return "'description' must be text"
    if model is not None and not (isinstance(model, type) and issubclass(model, BaseModel)):
        return "'options_model' must be a pydantic model class"
    if not isinstance(helps, Mapping) or not all(isinstance(v, str) for v in helps.values()):
        return "'option_help' must map option names to text"
    return None


class Registry:
    """Rules by name, each with where it came from."""

    def __init__(self) -> None:
        self._rules: dict[str, tuple[CheckedRule, str]] = {}

    def register(self, rule: Any, source: str) -> CheckedRule:
        """Add ``rule`` (from ``source``); the first rule registered under a name wins."""
        checked = check_rule(rule, getattr(rule, "name", "?"), source)
        self._rules.setdefault(checked.name, (checked, source))
        return checked

    def get(self, name: str) -> tuple[CheckedRule, str] | None:
        """The rule called ``name`` and its source, loading entry points if needed."""
        if name not in self._rules:
            for point in _entry_points():
                if point.name == name:
                    self._load(point)
        return self._rules.get(name)

    def load_all(self) -> list[RoadmapError]:
        """Load every installed plugin; return one error for each that failed."""
        failures = []
        for point in _entry_points():
            if point.name in self._rules:
                continue
            try:
                self._load(point)
            except RoadmapError as error:
                failures.append(error)
        return failures

    def rules(self) -> list[tuple[CheckedRule, str]]:
        """Every registered rule, built-ins first, then by name."""
        return sorted(self._rules.values(), key=lambda item: (item[1] != "built-in", item[0].name))

    def _load(self, point: EntryPoint) -> None:
        source = f"entry point {point.value}"
        if point.dist is not None:
            source = f"{point.dist.name} {point.dist.version}"
        try:
            loaded = point.load()
        except Exception as error:
            raise plugin_error(point.name, source, "failed to load", error) from None
        rule = check_rule(loaded, point.name, source)
        self._rules.setdefault(point.name, (rule, source))


def _entry_points() -> list[EntryPoint]:
    return sorted(entry_points(group=GROUP), key=lambda point: point.name)


def builtin_registry() -> Registry:
    """A registry holding the built-in rules (plugins are loaded on demand)."""
    from roadmap_cli.scoring.rules.minimum_standards import MinimumStandardsRule
    from roadmap_cli.scoring.rules.walk_free import WalkFreeRule
    from roadmap_cli.scoring.rules.weighted import WeightedRule

    registry = Registry()
    for rule in (WeightedRule(), MinimumStandardsRule(), WalkFreeRule()):
        registry.register(rule, "built-in")
    return registry


def load_rule_file(path: Path) -> CheckedRule:
    """The rule a Python file defines: a module-level ``rule`` (an instance or a class)."""
    shown = display_path(path)
    if not path.is_file():
        raise RoadmapError(f"{shown}: no such rules file", "Check the path.")
    module_name = f"_roadmap_rule_{abs(hash(str(path.resolve())))}"
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise RoadmapError(f"{shown}: cannot be loaded as Python")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except RoadmapError:
        raise
    except BaseException as error:  # SystemExit from a plugin must not end the program either
        sys.modules.pop(module_name, None)
        if isinstance(error, KeyboardInterrupt):
            raise
        raise plugin_error(shown, shown, "failed to load", error) from None
    candidate = getattr(module, "rule", None)
    if candidate is None:
        raise RoadmapError(
            f"rules plugin '{shown}' defines no 'rule'",
            "Define `rule = MyRule()` at the top level of the file.",
        )
    return check_rule(candidate, shown, shown)


def select_rule(spec: str | None, registry: Registry | None = None) -> Selected:
    """The rule ``spec`` names: a rule name, a ``.py`` file, or a rules profile YAML."""
    name = spec or DEFAULT_RULE
    registry = registry or builtin_registry()
    path = Path(name)
    if name.endswith(".py"):
        rule = load_rule_file(path)
        return Selected(rule, display_path(path), dict(rule.options), spec=spec)
    if name.endswith((".yaml", ".yml")):
        from roadmap_cli.scoring.profiles import load_profile

        profile = load_profile(path, registry)
        found = registry.get(profile.method)
        assert found is not None  # load_profile checked the method exists
        rule, source = found
        options = {**rule.options, **profile.options}
        return Selected(rule, source, options, profile.name, spec)
    found = registry.get(name)
    if found is None:
        known = ", ".join(rule.name for rule, _ in registry.rules())
        raise RoadmapError(
            f"unknown rules '{name}'",
            f"Known rules: {known}. Or give a rules profile (.yaml) or a rule file (.py).",
        )
    rule, source = found
    return Selected(rule, source, dict(rule.options), spec=spec)
