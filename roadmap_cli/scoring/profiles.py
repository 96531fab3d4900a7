"""Rules profiles (format ``roadmap-rules/1``): a scoring method plus its options, in YAML.

```yaml
format: roadmap-rules/1
name: donor-strict
method: minimum-standards
options:
  dont_know: 0
  targets: {PR: 1.0}
```

A profile is checked like a bank: every problem is ``FILE:LINE:COL`` — the profile's own
keys against its model, and the options against the chosen rule's options model (or, for a
plugin without one, against the option names the plugin declares).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from roadmap_cli.errors import FileProblems, Problem
from roadmap_cli.problems import Sources, read_model, validate
from roadmap_cli.yamlio import Document

if TYPE_CHECKING:
    from roadmap_cli.scoring.registry import CheckedRule, Registry

PROFILE_FORMAT = "roadmap-rules/1"


class ProfileModel(BaseModel):
    """A rules profile as written."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["roadmap-rules/1"] = Field(description="Always roadmap-rules/1.")
    name: str = Field(min_length=1, description="Name shown in outputs, e.g. donor-strict.")
    title: str | None = None
    description: str | None = None
    method: str = Field(min_length=1, description="The rule: weighted, minimum-standards, ...")
    options: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """A valid profile: its name, the rule it uses and the options it sets."""

    name: str
    method: str
    options: dict[str, Any]
    path: Path
    title: str | None = None


def load_profile(path: Path, registry: Registry) -> Profile:
    """Read and check the profile at ``path``; raise FileProblems with every problem found."""
    model, sources = read_model(
        path,
        ProfileModel,
        what="rules profile",
        hint="See docs/scoring.md for the rules profile format.",
    )
    found = registry.get(model.method)
    if found is None:
        known = [rule.name for rule, _ in registry.rules()]
        close = difflib.get_close_matches(model.method, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
        raise FileProblems([sources.problem(("method",), f"unknown method '{model.method}'{hint}")])
    rule, _ = found
    problems = _check_options(rule, model.options, sources.root)
    if problems:
        raise FileProblems(problems, f"Run 'roadmap rules show {rule.name}' to see its options.")
    return Profile(model.name, model.method, dict(model.options), path, model.title)


def _check_options(rule: CheckedRule, options: dict[str, Any], document: Document) -> list[Problem]:
    # Re-rooted under "options:" so that option errors point into the options block.
    sub = document.sub(("options",), options)
    sources = Sources(sub)
    if rule.options_model is not None:
        _, problems = validate(rule.options_model, options, sources)
        return [_prefixed(p) for p in problems]
    known = list(rule.options)
    problems = []
    for key in options:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(sources.problem((key,), f"options: unknown option '{key}'{hint}"))
    return problems


def _prefixed(problem: Problem) -> Problem:
    return Problem(
        problem.file, problem.line, problem.column, problem.severity, f"options: {problem.message}"
    )
