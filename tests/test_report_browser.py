"""The HTML report in a real browser: offline, readable at 1280 px, on a phone and on paper,
and accessible (axe-core, WCAG 2.1 AA).

Needs Debian's chromium and the playwright package, which drives the system chromium (no
browser download).  The accessibility checks need axe-core from npm: ``.ci/run``
installs it and names its ``axe.min.js`` in ROADMAP_AXE.  Outside CI these tests are
skipped, with the reason, when a tool is missing; in CI (``CI=true``) a missing tool is a
failure.  Set ROADMAP_ARTEFACTS=DIR to keep the screenshots and PDFs for a person to
look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from roadmap_cli.report.build import build_report
from tests.browser import AA, axe_violations, browser, keep, needs_chromium
from tests.conftest import CORPUS, FIXTURE_BANK, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
pytestmark = needs_chromium
__all__ = ["browser"]  # the fixture, shared from tests.browser


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The HTML report of every example (and of the test fixture), by file stem."""
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for answers in EXAMPLES:
        target = folder / f"{answers.stem}.html"
        target.write_text(build_report(answers, "html"), encoding="utf-8")
        made[answers.stem] = target
    target = folder / "fixture.html"
    target.write_text(
        build_report(CORPUS / "fixture-valid.yaml", "html", bank_ref=str(FIXTURE_BANK)),
        encoding="utf-8",
    )
    made["fixture"] = target
    return made


NAMES = [*(path.stem for path in EXAMPLES), "fixture"]


def _note_console(problems: list[str], message: Any) -> None:
    if message.type in ("error", "warning"):
        problems.append(f"{message.type}: {message.text}")


def test_html_report_loads_nothing(browser: Any, reports: dict[str, Path]) -> None:
    report = reports["fixture"]
    requested: list[str] = []
    blocked: list[str] = []
    problems: list[str] = []

    def guard(route: Any, request: Any) -> None:
        requested.append(request.url)
        if request.url == report.as_uri():
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    page.route("**/*", guard)
    page.on("console", lambda msg: _note_console(problems, msg))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(report.as_uri(), wait_until="load")
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img] title").count() >= 3
    context.close()
    assert requested == [report.as_uri()], requested
    assert blocked == []
    assert problems == []


# Every element inside <main> whose box ends right of main's text column.
_TOO_WIDE = """() => {
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  return [...main.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > right + 1)
    .map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').slice(0, 40));
}"""


@pytest.mark.parametrize("name", NAMES)
def test_first_screen_at_1280_holds_the_top_priorities(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(reports[name].as_uri())
    items = page.locator("ol.priorities > li")
    assert 1 <= items.count() <= 5
    bottoms = [
        items.nth(i).bounding_box()["y"] + items.nth(i).bounding_box()["height"]
        for i in range(items.count())
    ]
    assert max(bottoms) <= 800, f"{name}: priorities end at {max(bottoms):.0f} px"
    assert page.get_by_text("Provisional —").count() <= 1
    assert page.evaluate(_TOO_WIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    shot = reports[name].with_name(f"{name}-1280.png")
    page.screenshot(path=str(shot))
    keep(shot)
    page.close()


# Each SVG text: its size as rendered (CSS px) and whether it lies inside its chart.
_SVG_TEXT = """() => [...document.querySelectorAll('svg text')].map(t => {
  const svg = t.ownerSVGElement;
  const scale = t.getScreenCTM().a;
  const box = t.getBBox();
  const view = svg.viewBox.baseVal;
  const inside = box.x >= view.x - 0.5 && box.y >= view.y - 0.5
    && box.x + box.width <= view.x + view.width + 0.5
    && box.y + box.height <= view.y + view.height + 0.5;
  return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, inside};
})"""


@pytest.mark.parametrize("name", NAMES)
def test_phone_layout_fits_and_chart_labels_stay_readable(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(reports[name].as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    labels = page.evaluate(_SVG_TEXT)
    assert labels, "the report has charts"
    small = [(label["text"], round(label["px"], 1)) for label in labels if label["px"] < 11]
    assert small == [], small
    cut = [label["text"] for label in labels if not label["inside"]]
    assert cut == [], cut
    shot = reports[name].with_name(f"{name}-390.png")
    page.screenshot(path=str(shot), full_page=True)
    keep(shot)
    page.close()


@pytest.mark.parametrize("name", NAMES)
def test_printed_report_has_no_nearly_empty_page(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(reports[name].as_uri())
    page.emulate_media(media="print")
    pdf = reports[name].with_suffix(".pdf")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.close()
    texts = [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]
    sparse = [(number, len(text)) for number, text in enumerate(texts[:-1], 1) if len(text) < 300]
    assert sparse == [], f"{name}: pages with under 300 characters: {sparse}"
    keep(pdf)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_wcag_21_aa_violation(
    browser: Any, reports: dict[str, Path], name: str, width: int
) -> None:
    assert axe_violations(browser, reports[name], AA, {"width": width, "height": 800}) == []


def test_high_contrast_theme_is_large_and_has_no_low_contrast_text(
    browser: Any, tmp_path: Path
) -> None:
    report = tmp_path / "kestria-high-contrast.html"
    text = build_report(ROOT / "examples" / "kestria-full.yaml", "html", theme="high-contrast")
    report.write_text(text, encoding="utf-8")
    # AAA contrast (7:1) for all text, on a 1024×768 projector.
    viewport = {"width": 1024, "height": 768}
    assert axe_violations(browser, report, [*AA, "wcag2aaa"], viewport) == []
    page = browser.new_page(viewport=viewport)
    page.goto(report.as_uri())
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 20
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    shot = tmp_path / "kestria-high-contrast-1024.png"
    page.screenshot(path=str(shot))
    keep(shot)
    page.close()
