"""The workshop handout in a real browser: it fetches nothing and prints on one A4 page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_FLAGS, needs_chromium
from tests.conftest import Cli

pytestmark = needs_chromium


def test_handout_loads_nothing_and_prints_on_one_page(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    sync_api = pytest.importorskip("playwright.sync_api")
    from pypdf import PdfReader

    # A long folder name makes the longest command lines the handout can reasonably get.
    monkeypatch.chdir(tmp_path)
    room = Path("Regional workshop on trafficking in persons, November 2026")
    assert cli("demo", room).code == 0
    handout = (room / "handout.html").resolve()
    requested: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_context(offline=True).new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(handout.as_uri(), wait_until="load")
        assert page.locator("h1").inner_text() == "roadmap-cli — workshop handout"
        page.emulate_media(media="print")
        pdf = tmp_path / "handout.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        browser.close()
    assert requested == [handout.as_uri()]
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    assert "Practices" in reader.pages[0].extract_text()
