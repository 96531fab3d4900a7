"""Maturity band names: the default ones, and the classic profile that keeps the old ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

CLASSIC = ROOT / "examples" / "rules" / "classic-bands.yaml"
OLD_NAMES = {"Minimal": "Not started"}  # the only name that changed


def _bands(cli: Cli, *args: object) -> list[tuple[str, str | None]]:
    """(country or category id, band name) for every file ``roadmap score ARGS`` scores."""
    result = cli("score", *args, "--format", "json")
    assert result.code == 0, result.err
    found: list[tuple[str, str | None]] = []
    for scored in json.loads(result.out)["files"]:
        found.append((scored["country"], scored["overall"]["band"]))
        found += [(c["id"], c["band"]) for c in scored["categories"]]
    return found


def test_northmarch_is_minimal_not_not_started(cli: Cli) -> None:
    """Northmarch's trafficking law is partly in place: its low band must not say
    'Not started', which the answers contradict."""
    bands = _bands(cli, ROOT / "examples" / "northmarch-workshop.yaml")
    assert ("Northmarch", "Minimal") in bands
    assert all(band != "Not started" for _, band in bands)


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=str)
def test_classic_profile_reproduces_the_old_labels(cli: Cli, example: Path) -> None:
    new = _bands(cli, example)
    old = _bands(cli, example, "--rules", CLASSIC)
    assert old == [(node, OLD_NAMES.get(band or "", band)) for node, band in new]


def test_classic_profile_names_the_five_old_bands(cli: Cli) -> None:
    shown = cli("rules", "show", CLASSIC)
    assert shown.code == 0, shown.err
    for name in ("Not started", "Initial", "Developing", "Established", "Advanced"):
        assert name in shown.out
