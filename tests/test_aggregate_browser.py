"""The HTML of ``roadmap aggregate`` in a real browser: accessible (axe-core, WCAG 2.1 AA)
at 1280 and 390 px, no page overflow on a phone (the matrix scrolls in its own box), and
valid HTML (W3C Nu checker).  Skipped, with the reason, when a tool is missing (see
tests/browser.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from roadmap_cli.regional.outputs import to_page
from roadmap_cli.regional.view import aggregate
from tests.aggregate_files import EXAMPLES, country_file
from tests.browser import AA, axe_violations, browser, keep, needs_chromium, needs_java, nu_errors

__all__ = ["browser"]  # the fixture, shared from tests.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples with --latest and --all, and a region of long, hostile and partial names."""
    folder = tmp_path_factory.mktemp("aggregate")
    made = {}
    for name, everything in (("latest", False), ("all", True)):
        target = folder / f"examples-{name}.html"
        data = aggregate([str(EXAMPLES)], everything=everything).data
        target.write_text(to_page(data, "html"), encoding="utf-8")
        made[name] = target
    region = tmp_path_factory.mktemp("region")
    country_file(region, "a.yaml", "<b>Bold</b> & “quoted” [link=x]y[/link]")
    country_file(region, "b.yaml", "The Federated Republic of Averyveryverylongcountrynameland")
    country_file(region, "c.yaml", "Partia", source="veloria-workshop.yaml", drop=("PL1.1",))
    country_file(region, "d.yaml", "Partia", updated="2020-01-01T00:00:00Z")
    target = folder / "region.html"
    data = aggregate([str(region)], everything=True).data
    target.write_text(to_page(data, "html"), encoding="utf-8")
    made["region"] = target
    return made


NAMES = ["latest", "all", "region"]


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", NAMES)
def test_no_accessibility_violations(
    browser: Any, pages: dict[str, Path], name: str, width: int
) -> None:
    assert axe_violations(browser, pages[name], AA, {"width": width, "height": 800}) == []


@needs_chromium
@pytest.mark.parametrize("name", NAMES)
def test_phone_page_does_not_overflow_but_the_matrix_may_scroll(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(pages[name].as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.evaluate(
        "() => { const b = document.querySelector('.scroll');"
        " return [b.clientWidth, getComputedStyle(b).overflowX]; }"
    )
    assert box[0] <= 390 and box[1] == "auto"
    shot = pages[name].with_name(f"aggregate-{name}-390.png")
    page.screenshot(path=str(shot), full_page=True)
    keep(shot)
    page.close()


@needs_chromium
def test_every_matrix_cell_writes_its_band(browser: Any, pages: dict[str, Path]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(pages["latest"].as_uri())
    cells = page.locator("table.matrix td").all_inner_texts()
    assert len(cells) == 4 * 5
    bands = ("Minimal", "Initial", "Developing", "Established", "Advanced")
    assert all(any(band in cell for band in bands) and "%" in cell for cell in cells), cells
    assert page.locator("table.matrix tbody th").first.inner_text().startswith("Kestria")
    page.close()


@needs_chromium
def test_trend_sparklines_have_a_text_alternative(browser: Any, pages: dict[str, Path]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(pages["all"].as_uri())
    charts = page.locator("table.trend svg[role=img]")
    assert charts.count() == 4 * 5
    title = page.evaluate(
        "[...document.querySelectorAll('table.trend svg title')].map(t => t.textContent)"
    )
    assert "Veloria, Planning: score over time" in title
    assert "19% → 51%" in page.locator("table.trend").inner_text()
    page.close()


@needs_java
def test_html_is_valid(pages: dict[str, Path]) -> None:
    assert nu_errors(pages["all"].parent) == ""
