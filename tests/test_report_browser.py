"""The HTML report in a real browser: offline, no requests, no console errors, prints well.

Needs Debian's chromium (``.ci/run`` installs it) and the playwright package, which drives
the system chromium (no browser download).  Set ROADMAP_ARTEFACTS=DIR to keep the
screenshot and the PDF for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURE_BANK

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed"
)


def _note_console(problems: list[str], message) -> None:  # type: ignore[no-untyped-def]
    if message.type in ("error", "warning"):
        problems.append(f"{message.type}: {message.text}")


def test_html_report_loads_nothing_and_prints_cleanly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    sync_api = pytest.importorskip("playwright.sync_api")
    from pypdf import PdfReader

    report = tmp_path / "report.html"
    result = cli("report", CORPUS / "fixture-valid.yaml", "--bank", FIXTURE_BANK, "-o", report)
    assert result.code == 0, result.err
    requested: list[str] = []
    blocked: list[str] = []
    problems: list[str] = []

    def guard(route, request) -> None:  # type: ignore[no-untyped-def]
        requested.append(request.url)
        if request.url == report.as_uri():
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
        page = context.new_page()
        page.route("**/*", guard)
        page.on("console", lambda msg: _note_console(problems, msg))
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.goto(report.as_uri(), wait_until="load")
        assert page.locator("h1").count() == 1
        assert page.locator("svg[role=img] title").count() >= 3
        screenshot = tmp_path / "report.png"
        page.screenshot(path=str(screenshot), full_page=True)
        page.emulate_media(media="print")
        pdf = tmp_path / "report.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        browser.close()

    assert requested == [report.as_uri()], requested
    assert blocked == []
    assert problems == []
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pages = len(PdfReader(str(pdf)).pages)
    # Cover, summary and charts; a new page for each of the 2 categories, the to-do list,
    # the method and the appendix (glossary and resources follow it): 6 A4 pages, give or
    # take one for font metrics.
    assert 5 <= pages <= 8, pages
    keep = os.environ.get("ROADMAP_ARTEFACTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, keep)
        shutil.copy(pdf, keep)
