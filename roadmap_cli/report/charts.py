"""Inline SVG charts for the HTML report: a radar of the categories, section bars, coverage.

Each chart is a self-contained ``<svg>`` string with a ``<title>`` and ``<desc>`` that say
in words what the picture shows (for screen readers and for print without colour).  All
text is escaped here; the templates insert the result as markup.  Output is
deterministic: coordinates are rounded to one decimal.

The charts are drawn narrow (at most 440 units wide) with large type, so that on a phone
(a column of about 350 CSS px) the browser scales them down by at most a fifth and no
label falls below 11 px.  Labels are wrapped onto several lines, never cut.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from roadmap_cli.scoring.numbers import percent

# Colours chosen for WCAG AA contrast against white (text) and for telling bands apart.
INK = "#1b1b1b"
MUTED = "#4a4a4a"
GRID = "#8a8a8a"
FILL = "#1d5f8a"
FILL_LIGHT = "#d6e6f2"
COVERAGE_COLOURS = {
    "answered": "#1d5f8a",
    "don't know": "#b35900",
    "not applicable": "#6b6b6b",
    "unanswered": "#e3e3e3",
}
# Average glyph width as a share of the font size, a little generous so that wrapped
# lines fit in every common sans-serif font.
GLYPH = 0.58


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


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines that fit ``width`` units at font ``size`` (never cut)."""
    chars = max(int(width / (size * GLYPH)), 8)
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def _text(x: float, y: float, lines: Sequence[str], size: int, colour: str, anchor: str) -> str:
    """One ``<text>`` with a ``<tspan>`` per line, the first line's baseline at ``y``."""
    spans = "".join(
        f'<tspan x="{_n(x)}" dy="{0 if i == 0 else _n(size * 1.2)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{colour}">{spans}</text>'
    )


def _frame(chart_id: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def radar(chart_id: str, title: str, bars: Sequence[Bar], size: int = 300) -> str:
    """A radar (spider) chart of a few scores, such as the four categories."""
    count = len(bars)
    if count < 3:
        return bar_chart(chart_id, title, bars)
    font, side = 17, 70  # labels left and right of the circle get ``side`` units each
    width = size + 2 * side
    radius = size / 2 - 58
    cx, centre = width / 2, size / 2
    desc = "; ".join(f"{b.label}: {pct(b.value)}" for b in bars) or "No categories."

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
        lx, ly = point(index, 1.12)
        middle = abs(lx - cx) < 1
        anchor = "middle" if middle else ("start" if lx > cx else "end")
        room = width - 8 if middle else (width - lx - 4 if lx > cx else lx - 4)
        lines = [*wrap(bar.label, room, font), pct(bar.value)]
        # Labels above the chart grow upwards; the others downwards from their point.
        top = ly - (len(lines) - 1) * font * 1.2 if ly < centre - 1 else ly + font * 0.4
        if abs(ly - centre) <= 1:
            top = ly - (len(lines) - 2) * font * 0.6
        parts.append(_text(lx, top, lines, font, INK, anchor))
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


@dataclass(frozen=True)
class _Rows:
    """How a chart of labelled rows is laid out: type size, bar height, room for values."""

    font: int
    bar: int
    gap: int
    value_room: int  # right of the track, for the value written beside each bar


def _label(parts: list[str], y: float, label: str, width: int, font: int) -> float:
    # A row's label, wrapped above its bars; returns where the bars start.
    lines = wrap(label, width, font)
    parts.append(_text(0, y + font, lines, font, INK, "start"))
    return y + len(lines) * font * 1.2


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], width: int = 420) -> str:
    """Horizontal bars, one per item: the label (wrapped) above, the bar and value below."""
    rows = _Rows(font=16, bar=16, gap=14, value_room=170)  # room for "100% · Established"
    track, font = width - rows.value_room, rows.font
    desc = (
        "; ".join(f"{b.label}: {pct(b.value)}{f' ({b.note})' if b.note else ''}" for b in bars)
        or "Nothing to show."
    )
    parts: list[str] = []
    y = 4.0
    for bar in bars:
        y = _label(parts, y, bar.label, width, font) + 6
        parts.append(
            f'<rect x="0" y="{_n(y)}" width="{track}" height="{rows.bar}" fill="{FILL_LIGHT}"/>'
        )
        if bar.value is not None:
            parts.append(
                f'<rect x="0" y="{_n(y)}" width="{_n(track * bar.value)}" '
                f'height="{rows.bar}" fill="{FILL}"/>'
            )
        text = pct(bar.value) + (f" · {bar.note}" if bar.note else "")
        value_lines = wrap(text, rows.value_room - 8, font - 1)
        parts.append(_text(track + 8, y + rows.bar - 2, value_lines, font - 1, INK, "start"))
        y += max(rows.bar, len(value_lines) * (font - 1) * 1.2) + rows.gap
    height = max(round(y), 24)
    return _frame(chart_id, width, height, title, desc, "".join(parts))


OLD_FILL = "#8a8a8a"  # grey for then, the report's blue for now: both 3:1 against white


@dataclass(frozen=True)
class Pair:
    """One label with a value then and now, as shown (e.g. "19%" and "51%"; "—": none)."""

    label: str
    old: str
    new: str


def paired_bar_chart(
    chart_id: str, title: str, desc: str, pairs: Sequence[Pair], width: int = 420
) -> str:
    """Two bars per item, OLD (grey) above NEW (blue), each with its percentage written."""
    rows = _Rows(font=16, bar=14, gap=16, value_room=150)
    track, font = width - rows.value_room, rows.font
    parts: list[str] = []
    y = 4.0
    for pair in pairs:
        y = _label(parts, y, pair.label, width, font) + 4
        for name, text, colour in (("OLD", pair.old, OLD_FILL), ("NEW", pair.new, FILL)):
            parts.append(
                f'<rect x="0" y="{_n(y)}" width="{_n(track * _share(text))}" '
                f'height="{rows.bar}" fill="{colour}"/>'
            )
            parts.append(
                _text(track + 8, y + rows.bar - 1, [f"{name} {text}"], font - 1, MUTED, "start")
            )
            y += rows.bar + 6
        y += rows.gap
    return _frame(chart_id, width, max(round(y), 24), title, desc, "".join(parts))


def _share(text: str) -> float:
    # A bar's length from its percentage as shown ("63%" → 0.63; anything else → 0).
    return float(text[:-1]) / 100 if text.endswith("%") else 0.0


def sparkline(
    chart_id: str, title: str, points: Sequence[Bar], width: int = 110, height: int = 32
) -> str:
    """A small line of scores over time (oldest first), for a table cell: one dot per
    assessment, the latest one larger; the ``<desc>`` lists every point in words."""
    pad = 5.0
    desc = "; ".join(f"{p.label}: {pct(p.value)}" for p in points) or "No assessments."
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    where = [
        (pad + i * step, height - pad - (height - 2 * pad) * p.value)
        for i, p in enumerate(points)
        if p.value is not None
    ]
    parts = [
        f'<line x1="0" y1="{_n(height - pad)}" x2="{width}" y2="{_n(height - pad)}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    if len(where) > 1:
        line = " ".join(f"{_n(x)},{_n(y)}" for x, y in where)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{FILL}" stroke-width="2"/>')
    for index, (x, y) in enumerate(where):
        radius = 4 if index == len(where) - 1 else 2.5
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{radius}" fill="{FILL}"/>')
    return _frame(chart_id, width, height, title, desc, "".join(parts))


def coverage_bar(
    chart_id: str, title: str, parts_by_name: Sequence[tuple[str, int]], width: int = 420
) -> str:
    """One stacked bar of how the questions were answered, with a legend in two columns."""
    total = sum(count for _, count in parts_by_name) or 1
    desc = "; ".join(f"{name}: {count}" for name, count in parts_by_name)
    font, bar_height, row = 16, 24, 26
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
    column = width / 2
    for index, (name, count) in enumerate(parts_by_name):
        colour = COVERAGE_COLOURS.get(name, FILL)
        lx = (index % 2) * column
        ly = bar_height + 12 + (index // 2) * row
        parts.append(
            f'<rect x="{_n(lx)}" y="{ly + 2}" width="14" height="14" fill="{colour}" '
            f'stroke="{GRID}"/>'
            + _text(lx + 20, ly + 15, [f"{name} ({count})"], font, INK, "start")
        )
    rows = (len(parts_by_name) + 1) // 2
    height = bar_height + 12 + rows * row
    return _frame(chart_id, width, height, title, desc, "".join(parts))
