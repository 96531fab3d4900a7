"""A Comparison as Markdown, single-file HTML or ``roadmap-compare/1`` JSON text."""

from __future__ import annotations

from markupsafe import Markup

from roadmap_cli.compare.chart import change_chart
from roadmap_cli.compare.model import Comparison
from roadmap_cli.compare.view import build_view
from roadmap_cli.scoring.export import pretty_json

TEMPLATES = {"html": "html/compare.html.j2", "md": "md/compare.md.j2"}


def render_comparison(comparison: Comparison, fmt: str) -> str:
    """The comparison in ``fmt``: 'md', 'html' or 'json'."""
    if fmt == "json":
        return pretty_json(comparison.to_data())
    from roadmap_cli.report.render import render_template

    view = build_view(comparison)
    variables = view.variables()
    if fmt == "html":
        variables["chart"] = Markup(change_chart("chart-change", view))
    return render_template(TEMPLATES[fmt], variables)
