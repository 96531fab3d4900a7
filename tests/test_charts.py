"""The report's radar chart for a four-category bank, checked by its geometry and words."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from roadmap_cli.report.charts import Bar, radar

SVG = "{http://www.w3.org/2000/svg}"
BARS = [
    Bar("Planning", 1.0),
    Bar("Principles", 0.5),
    Bar("Policy <&> law", 0.25),  # must arrive escaped and whole
    Bar("Practices", None),  # nothing scored: drawn at the centre, with no dot
]


def _points(text: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in text.split())]


def test_radar_of_four_categories_has_four_axes_rings_labels_and_a_shape() -> None:
    svg = ET.fromstring(radar("radar", "Scores by category", BARS))
    assert svg.get("role") == "img"
    assert svg.findtext(f"{SVG}title") == "Scores by category"
    assert svg.findtext(f"{SVG}desc") == (
        "Planning: 100%; Principles: 50%; Policy <&> law: 25%; Practices: not scored"
    )
    polygons = svg.findall(f"{SVG}polygon")
    rings, shape = polygons[:4], polygons[4]
    assert len(polygons) == 5
    assert all(len(_points(ring.get("points", ""))) == 4 for ring in rings)
    assert len(svg.findall(f"{SVG}line")) == 4  # one axis per category
    labels = [span.text for span in svg.iter(f"{SVG}tspan")]
    assert labels == ["Planning", "100%", "Principles", "50%", "Policy <&> law", "25%",
                      "Practices", "not scored"]  # fmt: skip
    # Three dots: the unscored category has none.
    assert len(svg.findall(f"{SVG}circle")) == 3

    outer = _points(rings[3].get("points", ""))
    centre = (sum(x for x, _ in outer) / 4, sum(y for _, y in outer) / 4)
    radius = math.dist(centre, outer[0])
    plotted = _points(shape.get("points", ""))
    # Each vertex sits at its score's share of the radius, on its own axis.
    for (x, y), bar, axis in zip(plotted, BARS, outer, strict=True):
        expected = (bar.value or 0.0) * radius
        assert math.isclose(math.dist(centre, (x, y)), expected, abs_tol=0.15)
        if bar.value:
            # Same direction as the axis: the cross product of the two vectors is ~0.
            cross = (x - centre[0]) * (axis[1] - centre[1]) - (y - centre[1]) * (
                axis[0] - centre[0]
            )
            assert abs(cross) < radius
    # Planning (first) points straight up from the centre.
    assert math.isclose(plotted[0][0], centre[0], abs_tol=0.1) and plotted[0][1] < centre[1]


def test_fewer_than_three_categories_fall_back_to_bars() -> None:
    svg = ET.fromstring(radar("radar", "Scores", BARS[:2]))
    assert svg.findall(f"{SVG}polygon") == []
    assert len(svg.findall(f".//{SVG}rect")) >= 2
