"""The regional view written out: JSON, CSV, Markdown and HTML (the terminal table is in
``cli/aggregate_view.py``).

Every figure comes from the ``roadmap-aggregate/1`` data that ``view.aggregate`` builds,
so all formats say the same numbers.  Text from files (country names, organisations, file
names, titles, question texts) is escaped for each format: the CSV guard of the score
export, the ``md``/``cell`` filters in Markdown, autoescape in HTML.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from markupsafe import Markup

from roadmap_cli.report.charts import Bar, sparkline
from roadmap_cli.scoring.export import assessed_on, cell_text, pretty_json, rules_label
from roadmap_cli.scoring.numbers import fixed
from roadmap_cli.terminal import visible

CSV_COLUMNS = (
    "country", "file", "organisation", "started", "updated", "bank", "bank_version", "rules",
    "latest", "provisional", "category", "title", "score", "percent", "band", "capped",
    "answered", "visible",
)  # fmt: skip
TOP = 10  # shortfalls listed in the table, Markdown and HTML (JSON lists every one)
HEAT_LEVELS = 5  # heat-map shades, from the lowest band to the highest


def to_json(data: dict[str, Any]) -> str:
    """The ``roadmap-aggregate/1`` document, laid out as every JSON export is."""
    return pretty_json(data)


def cells(item: dict[str, Any], categories: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """An assessment's cells in column order: each category's (None where it has none),
    then the overall."""
    return [item["categories"].get(c["id"]) for c in categories] + [item["overall"]]


def to_csv(data: dict[str, Any], line_end: str = "\r\n", bom: bool = False) -> str:
    """One row per country and category (and overall); with ``--all`` one per assessment,
    ``latest`` saying which one the matrix uses."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator=line_end)
    writer.writeheader()
    rules = rules_label(data["rules"])
    titles = {c["id"]: c["title"] for c in data["categories"]}
    for country, assessment, latest in assessments(data):
        first = {
            "country": cell_text(country),
            "file": cell_text(assessment["file"]),
            "organisation": cell_text(assessment.get("organisation")),
            "started": assessment["started"] or "",
            "updated": assessment["updated"] or "",
            "bank": cell_text(assessment["bank"]["id"]),
            "bank_version": cell_text(assessment["bank"]["version"]),
            "rules": cell_text(rules),
            "latest": "yes" if latest else "no",
            "provisional": "yes" if assessment["provisional"] else "no",
        }
        nodes = [*assessment["categories"].items(), ("overall", assessment["overall"])]
        for cid, cell in nodes:
            writer.writerow(
                {
                    **first,
                    "category": cell_text(cid),
                    "title": cell_text(titles.get(cid, "Overall" if cid == "overall" else "")),
                    "score": fixed(cell["score"]),
                    "percent": cell["percent"],
                    "band": cell_text(cell["band"]),
                    "capped": cell_text(cell["capped"]),
                    "answered": cell["answered"],
                    "visible": cell["visible"],
                }
            )
    return buffer.getvalue()


def assessments(data: dict[str, Any]) -> list[tuple[str, dict[str, Any], bool]]:
    """(country, assessment, is the latest) for each assessment the output covers."""
    if not data["trend"]:
        return [(row["country"], row, True) for row in data["countries"]]
    latest = {row["file"] for row in data["countries"]}
    return [(t["country"], a, a["file"] in latest) for t in data["trend"] for a in t["assessments"]]


def page_variables(data: dict[str, Any]) -> dict[str, Any]:
    """What the Markdown and HTML templates read: the data, plus each matrix row's cells in
    column order with their heat-map shade, and (with ``--all``) the trend's sparklines."""
    order = {band["name"]: index for index, band in enumerate(data["bands"])}
    top = max(len(order) - 1, 1)

    def shade(cell: dict[str, Any] | None) -> str:
        if cell is None or cell["band"] not in order:
            return "none"
        return str(round(order[cell["band"]] * (HEAT_LEVELS - 1) / top))

    columns = data["categories"]
    rows = []
    for row in data["countries"]:
        shaded = [{"cell": c, "shade": shade(c)} for c in cells(row, columns)]
        rows.append({**row, "cells": shaded})
    trends = []
    for index, trend in enumerate(data["trend"]):
        dates = [{**item, "date": assessed_on(item) or "undated"} for item in trend["assessments"]]
        by_column = list(zip(*(cells(item, columns) for item in dates), strict=True))
        charts = []
        for column, category in enumerate([*columns, {"id": "overall", "title": "Overall"}]):
            points = [
                Bar(item["date"], cell["score"] if cell else None)
                for item, cell in zip(dates, by_column[column], strict=True)
            ]
            # The chart is markup the template does not touch: make control characters
            # visible here (charts.py escapes the rest).
            title = visible(f"{trend['country']}, {category['title']}: score over time")
            chart = sparkline(f"trend-{index}-{column}", title, points)
            words = " → ".join(cell["percent"] if cell else "—" for cell in by_column[column])
            charts.append({"svg": Markup(chart), "text": words})
        trends.append({**trend, "assessments": dates, "charts": charts})
    return {
        **data,
        "rows": rows,
        "trends": trends,
        "top": TOP,
        "rules_label": rules_label(data["rules"]),
    }


def to_page(data: dict[str, Any], fmt: str) -> str:
    """The regional view as Markdown (``md``) or one self-contained HTML page (``html``)."""
    from roadmap_cli.report.render import render_template

    name = "html/aggregate.html.j2" if fmt == "html" else "md/aggregate.md.j2"
    return render_template(name, page_variables(data))
