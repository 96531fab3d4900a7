"""The compare HTML in a real browser, at 1280 and 390 px: no horizontal overflow on a
phone, no WCAG 2.1 AA violation (axe-core), and no error from the W3C Nu HTML checker.

Uses what every browser test shares (tests/browser.py); a missing tool skips a test outside CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from roadmap_cli.compare.model import compare_files
from roadmap_cli.compare.render import render_comparison
from tests.browser import (
    AA,
    axe_violations,
    browser,
    keep,
    needs_chromium,
    needs_java,
    nu_errors,
    overflow,
)
from tests.conftest import ROOT

pytestmark = needs_chromium
__all__ = ["browser"]  # the fixture, shared from tests.browser

EXAMPLES = ROOT / "examples"
PAIRS = {
    "veloria-2024-2026": ("veloria-workshop-2024.yaml", "veloria-workshop.yaml"),
    "northmarch-review": ("northmarch-workshop.yaml", "northmarch-review.yaml"),
    "countries": ("veloria-workshop.yaml", "northmarch-workshop.yaml"),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The compare HTML of each pair, by name."""
    folder = tmp_path_factory.mktemp("compare")
    made = {}
    for name, (old, new) in PAIRS.items():
        comparison = compare_files(EXAMPLES / old, EXAMPLES / new)
        target = folder / f"{name}.html"
        target.write_text(render_comparison(comparison, "html"), encoding="utf-8")
        made[name] = target
    return made


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_wcag_21_aa_violation(
    browser: Any, pages: dict[str, Path], name: str, width: int
) -> None:
    assert axe_violations(browser, pages[name], AA, {"width": width, "height": 800}) == []


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("width", [1280, 390])
def test_nothing_is_wider_than_the_window(
    browser: Any, pages: dict[str, Path], name: str, width: int
) -> None:
    assert overflow(browser, pages[name], width) == 0
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(pages[name].as_uri())
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img] title").count() == 1
    shot = pages[name].with_name(f"{name}-{width}.png")
    page.screenshot(path=str(shot), full_page=True)
    keep(shot)
    page.close()


@needs_java
def test_html_passes_the_nu_html_checker(pages: dict[str, Path]) -> None:
    assert nu_errors(next(iter(pages.values())).parent) == ""
