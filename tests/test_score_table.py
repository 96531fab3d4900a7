"""The many-files score table in an 80-column terminal: names shortened, not broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_cli.cli.short_names import common_folder, middle_ellipsis
from tests.conftest import Cli
from tests.scoring_helpers import TYPICAL, write_answers, write_bank

LONG = "veloria-workshop-second-round-after-the-cabinet-review.yaml"


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    folder = tmp_path / "assessments" / "2026" / "ministry-of-justice"
    folder.mkdir(parents=True)
    write_answers(folder / LONG, TYPICAL, country="Veloria")
    write_answers(folder / "alpha.yaml", {**TYPICAL, "A1.1": "yes"}, country="Alphaland")
    return tmp_path


def test_names_are_shortened_in_the_middle_and_fit_80_columns(nested: Path, cli: Cli) -> None:
    result = cli("score", "assessments/2026/ministry-of-justice", "-b", "mini-bank.yaml")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert lines[0].startswith(
        "Scores — rules weighted — files in assessments/2026/ministry-of-justice/"
    )
    rows = [line.split() for line in lines]
    names = [row[0] for row in rows if row and row[0].endswith(".yaml")]
    assert names[0] == "alpha.yaml"  # short names whole; the shared folder said once above
    shortened = names[1]
    assert (
        "…" in shortened
        and shortened.startswith("veloria-")
        and LONG.endswith(shortened.split("…")[1])
    )
    assert not any("ministry-of" in line for line in lines[1:])  # never broken over lines


def test_a_legend_explains_the_abbreviated_columns(nested: Path, cli: Cli) -> None:
    result = cli("score", "assessments/2026/ministry-of-justice", "-b", "mini-bank.yaml")
    lines = result.out.splitlines()
    last_blank = max(i for i, line in enumerate(lines) if not line.strip())
    legend = " ".join(" ".join(lines[last_blank + 1 :]).split())
    assert legend == (
        "A Planning · B Practice · flags: red flags raised · "
        "unmet: minimum standards (critical questions) unmet"
    )


def test_middle_ellipsis() -> None:
    assert middle_ellipsis("abcdefghij", 10) == "abcdefghij"
    assert middle_ellipsis("abcdefghij", 7) == "abc…hij"
    assert middle_ellipsis("abcdefghij", 6) == "ab…hij"


def test_common_folder() -> None:
    assert common_folder(["a/b/x.yaml", "a/b/y.yaml"]) == "a/b/"
    assert common_folder(["a/b/x.yaml", "a/c/y.yaml"]) == "a/"
    assert common_folder(["x.yaml", "a/y.yaml"]) == ""
    assert common_folder(["a/x.yaml"]) == ""
