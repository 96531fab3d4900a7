"""From an answers file to report text: load, check, score, build the context, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from roadmap_cli.assessment import open_assessment
from roadmap_cli.errors import RoadmapError
from roadmap_cli.report.context import build_context
from roadmap_cli.report.render import render
from roadmap_cli.scoring.registry import select_rule


def default_output(answers_path: Path, fmt: str) -> Path:
    """Where a report goes by default: next to the answers file, ``NAME.report.EXT``."""
    return answers_path.with_name(f"{answers_path.stem}.report.{fmt}")


def build_report(
    answers_path: Path,
    fmt: str,
    *,
    rules: str | None = None,
    bank_ref: str | None = None,
    template_dir: Path | None = None,
    language: str | None = None,
    generated: datetime | None = None,
    theme: str = "standard",
    warn: Callable[[str], None] | None = None,
) -> str:
    """The report for ``answers_path`` in ``fmt`` ('html' or 'md') under ``rules``.

    ``theme`` ('standard' or 'high-contrast', for projectors) styles the HTML report.
    ``warn`` is told what makes the report partial (open merge conflicts).
    """
    if fmt != "html" and theme != "standard":
        raise RoadmapError(
            f"--theme {theme} styles HTML reports only", "Leave --theme out with --format md."
        )
    assessment = open_assessment(answers_path, bank_ref)
    selected = select_rule(rules)
    conflicts = assessment.open_conflicts
    if conflicts and warn is not None:
        warn(conflicts.format(with_column=False))
    card = selected.score(assessment.bank, assessment.answers)
    context = build_context(
        assessment.bank,
        assessment.answers,
        card,
        selected,
        language=language,
        generated=generated,
        theme=theme,
    )
    return render(context, fmt, template_dir)
