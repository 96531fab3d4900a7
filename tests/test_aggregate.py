"""``roadmap aggregate``: the regional view of many answers files.

Golden JSON on the shipped examples (two Veloria assessments on two bank versions, so
versions mix and ``--all`` has a trend), figures equal to ``roadmap score``'s, CSV cells
guarded, and the errors a coordinator may meet.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from roadmap_cli import __version__
from tests.aggregate_files import EXAMPLES, country_file
from tests.conftest import ROOT, Cli

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository, so file names read ``examples/...`` as in the docs."""
    monkeypatch.chdir(ROOT)


def _json(cli: Cli, *args: object) -> dict[str, Any]:
    result = cli("aggregate", *args, "--format", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


@pytest.mark.parametrize("selection", ["--latest", "--all"])
def test_json_matches_the_golden_file(cli: Cli, at_root: None, selection: str) -> None:
    # How to regenerate: UPDATE_GOLDEN=1 pytest tests/test_aggregate.py (then read the diff).
    data = _json(cli, "examples", selection)
    assert data.pop("generator") == f"roadmap-cli {__version__}"
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    golden = GOLDEN / f"aggregate-examples{selection.replace('--', '-')}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"differs from {golden}"


def test_latest_sets_the_older_veloria_aside_and_says_versions_mix(cli: Cli, at_root: None) -> None:
    data = _json(cli, "examples")
    rows = {row["country"]: row for row in data["countries"]}
    assert sorted(rows) == ["Kestria", "Northmarch", "Tamsin Isles", "Veloria"]
    assert rows["Veloria"]["file"] == "examples/veloria-workshop.yaml"
    assert rows["Veloria"]["bank"] == {"id": "workshop-demo", "version": "1.1.0"}
    assert data["trend"] == []
    assert any(
        "set aside: examples/veloria-workshop-2024.yaml" in note for note in data["notes"]
    ), data["notes"]
    assert any("workshop-demo 1.0.0 (1 file)" in note for note in data["notes"]), data["notes"]


def test_all_gives_veloria_a_trend_oldest_first(cli: Cli, at_root: None) -> None:
    data = _json(cli, "examples", "--all")
    trend = {item["country"]: item["assessments"] for item in data["trend"]}
    files = [a["file"] for a in trend["Veloria"]]
    assert files == ["examples/veloria-workshop-2024.yaml", "examples/veloria-workshop.yaml"]
    assert [a["bank"]["version"] for a in trend["Veloria"]] == ["1.0.0", "1.1.0"]
    assert len(trend["Kestria"]) == 1


def _score_categories(cli: Cli, *paths: object) -> dict[str, dict[str, Any]]:
    result = cli("score", *paths, "--format", "json")
    assert result.code == 0, result.err
    return {
        item["file"]: {**{c["id"]: c for c in item["categories"]}, "overall": item["overall"]}
        for item in json.loads(result.out)["files"]
    }


@pytest.mark.parametrize("rules", ["weighted", "minimum-standards", "walk-free"])
def test_every_figure_equals_the_score_json(cli: Cli, at_root: None, rules: str) -> None:
    scored = _score_categories(cli, "examples", "--rules", rules)
    data = _json(cli, "examples", "--all", "--rules", rules)
    seen = 0
    for assessment in [a for t in data["trend"] for a in t["assessments"]] + data["countries"]:
        expected = scored[assessment["file"]]
        cells = {**assessment["categories"], "overall": assessment["overall"]}
        assert set(cells) == set(expected)
        for cid, cell in cells.items():
            assert (cell["score"], cell["band"], cell["capped"]) == (
                expected[cid]["score"],
                expected[cid]["band"],
                expected[cid]["capped"],
            ), (assessment["file"], cid)
            seen += 1
    # Six assessments (two of Veloria, two of Northmarch) and four countries in the matrix,
    # each with four categories and overall.
    assert seen == (6 + 4) * 5


def test_csv_rows_and_cells(cli: Cli, at_root: None) -> None:
    scored = _score_categories(cli, "examples")
    result = cli("aggregate", "examples", "--all", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == 6 * 5  # six assessments, four categories and overall each
    for row in rows:
        expected = scored[row["file"]][row["category"]]
        assert row["score"] == f"{expected['score']:.4f}"
        assert row["band"] == expected["band"]
    veloria = [r for r in rows if r["country"] == "Veloria" and r["category"] == "PL"]
    assert [(r["file"], r["bank_version"], r["latest"]) for r in veloria] == [
        ("examples/veloria-workshop-2024.yaml", "1.0.0", "no"),
        ("examples/veloria-workshop.yaml", "1.1.0", "yes"),
    ]
    # Every row names its own file's organisation, the older assessments' too.
    assert {r["organisation"] for r in veloria} == {
        "National Committee against Trafficking in Persons, Secretariat"
    }
    assert all(r["organisation"] for r in rows)
    latest = cli("aggregate", "examples", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(latest.out)))) == 4 * 5
    # The notes have no place in a CSV: they are said on standard error.
    assert "roadmap: note: Veloria: 2 assessments" in latest.err
    assert "set aside: examples/veloria-workshop-2024.yaml" in latest.err


def test_csv_cells_pass_the_formula_guard(cli: Cli, tmp_path: Path) -> None:
    country_file(tmp_path, "a.yaml", '=HYPERLINK("http://x","y")')
    country_file(tmp_path, "b.yaml", "@SUM(1+1)", source="veloria-workshop.yaml")
    out = tmp_path / "region.csv"
    assert cli("aggregate", tmp_path / "*.yaml", "-o", out).code == 0
    assert b"\r\n" in out.read_bytes()  # a file for spreadsheets: CRLF, as roadmap score
    text = out.read_text(encoding="utf-8")
    countries = sorted(row["country"] for row in csv.DictReader(io.StringIO(text)))
    assert countries == ['\'=HYPERLINK("http://x","y")'] * 5 + ["'@SUM(1+1)"] * 5


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="--jobs 2 runs one process on one CPU")
def test_jobs_give_the_same_json(cli: Cli, at_root: None) -> None:
    assert _json(cli, "examples", "--all", "--jobs", "2") == _json(cli, "examples", "--all")


def test_names_are_grouped_by_a_normalised_name(cli: Cli, tmp_path: Path) -> None:
    country_file(tmp_path, "old.yaml", " VELORIA ", updated="2025-01-01T00:00:00Z")
    country_file(tmp_path, "new.yaml", "Veloria", updated="2026-01-01T00:00:00Z")
    data = _json(cli, tmp_path)
    assert [row["country"] for row in data["countries"]] == ["Veloria"]
    assert any("also written “ VELORIA ”" in note for note in data["notes"]), data["notes"]


def test_same_date_falls_back_to_the_file_name(cli: Cli, tmp_path: Path) -> None:
    country_file(tmp_path, "b.yaml", "Veloria", updated="2026-01-01T00:00:00Z")
    country_file(tmp_path, "a.yaml", "Veloria", updated="2026-01-01T00:00:00Z")
    data = _json(cli, tmp_path)
    assert data["countries"][0]["file"].endswith("b.yaml")


def test_provisional_assessment_says_so(cli: Cli, tmp_path: Path) -> None:
    country_file(tmp_path, "part.yaml", "Partia", drop=("PL1.1", "PL1.2"))
    data = _json(cli, tmp_path)
    row = data["countries"][0]
    assert row["provisional"] is True
    done = row["completeness"]
    assert done["answered"] < done["visible"]
    said = f"{done['answered']} of {done['visible']} answered"
    md = cli("aggregate", tmp_path, "--format", "md")
    assert f"**Partia** (provisional: {said})" in md.out
    table = " ".join(cli("aggregate", tmp_path).out.split())
    assert "Partia *" in table
    assert f"{done['answered']} of {done['visible']} *" in table
    assert "* provisional" in table


def test_markdown_on_the_examples(cli: Cli, at_root: None) -> None:
    result = cli("aggregate", "examples", "--all", "--format", "md")
    assert result.code == 0, result.err
    assert "| **Veloria** — examples/veloria-workshop.yaml, workshop-demo 1.1.0 |" in result.out
    assert "51% Developing | 63% Established |" in result.out
    assert "Planning 19% → 51%" in result.out


# --- errors --------------------------------------------------------------------------


def test_nothing_found(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "region.json"
    result = cli("aggregate", tmp_path / "nowhere", "-o", out)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].endswith("nowhere: no such file or folder")
    assert lines[-1] == "roadmap: nothing to aggregate: no answers file could be scored"
    assert not out.exists()


def test_empty_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("aggregate", tmp_path)
    assert result.code == 1
    assert "no .yaml answers files in folder" in result.err
    assert result.out == ""


def test_a_bad_file_among_good_ones(cli: Cli, tmp_path: Path) -> None:
    for name in ("northmarch-workshop.yaml", "veloria-workshop.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("format: roadmap-answers/1\nbank: [\n", encoding="utf-8")
    out = tmp_path / "region.json"
    result = cli("aggregate", tmp_path, "-o", out)
    assert result.code == 1
    assert "broken.yaml" in result.err
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1] == "1 of 3 files failed"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [row["country"] for row in data["countries"]] == ["Northmarch", "Veloria"]
    assert len(data["failed"]) == 1 and "broken.yaml" in data["failed"][0]


def test_html_needs_an_output_file(cli: Cli, at_root: None) -> None:
    result = cli("aggregate", "examples", "--format", "html")
    assert result.code == 2
    assert "--format html needs --output FILE" in result.err


def test_output_suffix_picks_the_format(cli: Cli, at_root: None, tmp_path: Path) -> None:
    out = tmp_path / "region.html"
    assert cli("aggregate", "examples", "-o", out).code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


HOSTILE = "[bold]Evil[/bold] <script>alert(1)</script> | *x* \x1b[31m"


def test_hostile_country_names_are_escaped_everywhere(cli: Cli, tmp_path: Path) -> None:
    country_file(tmp_path, "evil.yaml", HOSTILE)
    table = cli("aggregate", tmp_path)
    assert table.code == 0, table.err
    assert "[bold]Evil[/bold]" in table.out
    assert "\x1b" not in table.out and "\\x1b[31m" in table.out
    md = cli("aggregate", tmp_path, "--format", "md").out
    assert r"\[bold\]Evil\[/bold\] \<script\>alert(1)\</script\> \| \*x\* \x1b\[31m" in md
    html_file = tmp_path / "region.html"
    assert cli("aggregate", tmp_path / "evil.yaml", "--all", "-o", html_file).code == 0
    html = html_file.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html
    assert '<title id="trend-0-0-title">[bold]Evil[/bold] &lt;script&gt;' in html
    data = _json(cli, tmp_path)
    assert data["countries"][0]["country"] == HOSTILE  # JSON keeps the text as written


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_notes_naming_a_hostile_country_reach_the_terminal_escaped(
    cli: Cli, tmp_path: Path, fmt: str
) -> None:
    name = "Veloria\x1b]0;pwned\x07\x1b[2J"
    country_file(tmp_path, "a.yaml", name, updated="2026-01-01T00:00:00Z")
    country_file(tmp_path, "b.yaml", name, updated="2026-02-01T00:00:00Z")
    result = cli("aggregate", tmp_path, "--format", fmt)
    assert result.code == 0, result.err
    shown = result.out + result.err
    assert "2 assessments" in shown  # the note is there...
    assert "\x1b" not in shown and "\x07" not in shown  # ...and it cannot act on the terminal


def test_a_file_with_open_merge_conflicts_is_said_so_as_score_says_it(
    cli: Cli, tmp_path: Path
) -> None:
    from roadmap_cli.answers.model import Answer
    from tests.test_merge import part

    source = EXAMPLES / "veloria-workshop.yaml"
    part(source, tmp_path / "a.yaml", lambda q: True)
    part(source, tmp_path / "b.yaml", lambda q: q == "PL1.1", {"PL1.1": Answer(value="dont-know")})
    merged = tmp_path / "region" / "veloria.yaml"
    merged.parent.mkdir()
    assert cli("merge", tmp_path / "a.yaml", tmp_path / "b.yaml", "-o", merged).code == 0
    scored = cli("score", merged)
    result = cli("aggregate", merged.parent, "--format", "json")
    assert result.code == 0, result.err
    notes = json.loads(result.out)["notes"]
    warning = next(line for line in scored.err.splitlines() if "--conflicts" in line)
    assert any(note in warning for note in notes), (notes, warning)


def test_a_dash_output_means_the_screen_as_in_report_and_compare(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("aggregate", ROOT / "examples", "-f", "json", "-o", "-")
    assert result.code == 0, result.err
    assert json.loads(result.out)["format"] == "roadmap-aggregate/1"
    assert not (tmp_path / "-").exists()
    table = cli("aggregate", ROOT / "examples", "-o", "-")
    assert table.code == 2
    assert "--output - needs --format md, html, csv or json" in table.err
