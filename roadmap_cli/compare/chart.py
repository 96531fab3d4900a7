"""The comparison's one chart: each category's score then and now, as paired bars.

Built like the report's charts (``report.charts``): an inline SVG with a ``<title>`` and
a ``<desc>`` that say in words what it shows, every bar labelled with its percentage so
that it reads without colour, and all text escaped.
"""

from __future__ import annotations

from roadmap_cli.compare.view import CompareView, ScoreRow
from roadmap_cli.report.charts import FILL, INK, MUTED, _frame, _n, _text, wrap

OLD_FILL = "#8a8a8a"  # grey for OLD, the report's blue for NEW: both 3:1 against white


def change_chart(chart_id: str, view: CompareView, width: int = 420) -> str:
    """Two bars per category (and overall): OLD above NEW, each with its percentage."""
    font, bar_height, gap = 16, 14, 16
    value_room = 150
    track = width - value_room
    rows: list[ScoreRow] = [*view.categories, view.overall]
    desc = "; ".join(f"{r.title}: {r.old} then, {r.new} now ({r.change})" for r in rows)
    parts = []
    y = 4.0
    for row in rows:
        lines = wrap(row.title, width, font)
        parts.append(_text(0, y + font, lines, font, INK, "start"))
        y += len(lines) * font * 1.2 + 4
        for label, text, colour in (("OLD", row.old, OLD_FILL), ("NEW", row.new, FILL)):
            share = _share(text)
            parts.append(
                f'<rect x="0" y="{_n(y)}" width="{_n(track * share)}" height="{bar_height}" '
                f'fill="{colour}"/>'
            )
            parts.append(
                _text(track + 8, y + bar_height - 1, [f"{label} {text}"], font - 1, MUTED, "start")
            )
            y += bar_height + 6
        y += gap
    title = f"Score by category: {view.old.label} and {view.new.label}"
    return _frame(chart_id, width, max(round(y), 24), title, desc, "".join(parts))


def _share(text: str) -> float:
    """The bar's length from its percentage as shown ("63%" → 0.63; none → 0)."""
    return float(text[:-1]) / 100 if text.endswith("%") else 0.0
