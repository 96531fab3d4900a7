"""Inline SVG charts for the HTML report: a radar of the categories, section bars, coverage.

Each chart is a self-contained ``<svg>`` string with a ``<title>`` and ``<desc>`` that say
in words what the picture shows (for screen readers and for print without colour).  All
text is escaped here; the templates insert the result as markup.  Output is
deterministic: coordinates are rounded to one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from roadmap_cli.scoring.numbers import percent

# Colours chosen for WCAG AA contrast against white (text) and for telling bands apart.
INK = "#1b1b1b"
MUTED = "#4a4a4a"
GRID = "#b8b8b8"
FILL = "#1d5f8a"
FILL_LIGHT = "#d6e6f2"
COVERAGE_COLOURS = {
    "answered": "#1d5f8a",
    "don't know": "#b35900",
    "not applicable": "#6b6b6b",
    "unanswered": "#e3e3e3",
}


@dataclass(frozen=True)
class Bar:
    """One labelled value in [0, 1] (or None when nothing could be scored)."""

    label: str
    value: float | None
    note: str = ""  # e.g. the band name


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def pct(score: float | None) -> str:
    """A score in [0, 1] as a whole percentage, or 'not scored' (charts and tables alike)."""
    # Half up, like every other score shown (scoring/numbers.py): 62.5 % shows as 63 %.
    return "not scored" if score is None else percent(score)


def _frame(chart_id: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def radar(chart_id: str, title: str, bars: Sequence[Bar], size: int = 360) -> str:
    """A radar (spider) chart of a few scores, such as the four categories."""
    count = len(bars)
    # Labels sit left and right of the chart: leave room for them beside the circle.
    width = size + 220
    cx, centre, radius = width / 2, size / 2, size / 2 - 60
    desc = "; ".join(f"{b.label}: {pct(b.value)}" for b in bars) or "No categories."
    if count < 3:
        return bar_chart(chart_id, title, bars)

    def point(index: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = cx + radius * fraction * math.cos(angle)
        return x, centre + radius * fraction * math.sin(angle)

    parts = []
    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = " ".join(
            f"{_n(x)},{_n(y)}" for x, y in (point(i, ring) for i in range(count))
        )
        parts.append(
            f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="1"/>'
        )
    for index, bar in enumerate(bars):
        x, y = point(index, 1.0)
        parts.append(
            f'<line x1="{_n(cx)}" y1="{_n(centre)}" x2="{_n(x)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        lx, ly = point(index, 1.18)
        anchor = "middle" if abs(lx - cx) < 1 else ("start" if lx > cx else "end")
        parts.append(
            f'<text x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}" font-size="14" '
            f'fill="{INK}">{escape(bar.label)}</text>'
            f'<text x="{_n(lx)}" y="{_n(ly + 17)}" text-anchor="{anchor}" font-size="13" '
            f'fill="{MUTED}">{escape(pct(bar.value))}</text>'
        )
    shape = " ".join(
        f"{_n(x)},{_n(y)}" for x, y in (point(i, b.value or 0.0) for i, b in enumerate(bars))
    )
    parts.append(
        f'<polygon points="{shape}" fill="{FILL}" fill-opacity="0.25" stroke="{FILL}" '
        f'stroke-width="2.5"/>'
    )
    for index, bar in enumerate(bars):
        if bar.value is not None:
            x, y = point(index, bar.value)
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{FILL}"/>')
    return _frame(chart_id, width, size, title, desc, "".join(parts))


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], width: int = 640) -> str:
    """Horizontal bars, one per item, labelled with the item and its percentage."""
    row, label_width, top = 30, 250, 8
    height = top * 2 + row * max(len(bars), 1)
    track = width - label_width - 170  # room on the right for "100% · Established"
    desc = (
        "; ".join(f"{b.label}: {pct(b.value)}{f' ({b.note})' if b.note else ''}" for b in bars)
        or "Nothing to show."
    )
    parts = []
    for index, bar in enumerate(bars):
        y = top + index * row
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 19}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 6}" width="{track}" height="16" fill="{FILL_LIGHT}"/>'
        )
        if bar.value is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y + 6}" width="{_n(track * bar.value)}" height="16" '
                f'fill="{FILL}"/>'
            )
        text = pct(bar.value) + (f" · {bar.note}" if bar.note else "")
        parts.append(
            f'<text x="{label_width + track + 8}" y="{y + 19}" font-size="13" fill="{INK}">'
            f"{escape(text)}</text>"
        )
    return _frame(chart_id, width, height, title, desc, "".join(parts))


def coverage_bar(
    chart_id: str, title: str, parts_by_name: Sequence[tuple[str, int]], width: int = 640
) -> str:
    """One stacked bar of how the questions were answered, with a legend."""
    total = sum(count for _, count in parts_by_name) or 1
    desc = "; ".join(f"{name}: {count}" for name, count in parts_by_name)
    height, bar_height = 64, 24
    parts, x = [], 0.0
    for name, count in parts_by_name:
        share = width * count / total
        if count:
            colour = COVERAGE_COLOURS.get(name, FILL)
            parts.append(
                f'<rect x="{_n(x)}" y="0" width="{_n(share)}" height="{bar_height}" '
                f'fill="{colour}"/>'
            )
        x += share
    legend_x = 0
    for name, count in parts_by_name:
        colour = COVERAGE_COLOURS.get(name, FILL)
        parts.append(
            f'<rect x="{legend_x}" y="{bar_height + 16}" width="12" height="12" fill="{colour}" '
            f'stroke="{GRID}"/>'
            f'<text x="{legend_x + 17}" y="{bar_height + 27}" font-size="13" fill="{INK}">'
            f"{escape(f'{name} ({count})')}</text>"
        )
        legend_x += 160
    return _frame(chart_id, width, height, title, desc, "".join(parts))
