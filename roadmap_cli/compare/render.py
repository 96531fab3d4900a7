"""A Comparison as Markdown, single-file HTML or ``roadmap-compare/1`` JSON text."""

from __future__ import annotations

from markupsafe import Markup

from roadmap_cli.compare.model import Comparison
from roadmap_cli.compare.view import CompareView, build_view
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
        variables["chart"] = Markup(_change_chart(view))
    return render_template(TEMPLATES[fmt], variables)


def _change_chart(view: CompareView) -> str:
    """Each category's score (and the overall one) then and now, as paired bars."""
    from roadmap_cli.report.charts import Pair, paired_bar_chart

    rows = [*view.categories, view.overall]
    desc = "; ".join(f"{r.title}: {r.old} then, {r.new} now ({r.change})" for r in rows)
    title = f"Score by category: {view.old.label} and {view.new.label}"
    pairs = [Pair(r.title, r.old, r.new) for r in rows]
    return paired_bar_chart("chart-change", title, desc, pairs)
