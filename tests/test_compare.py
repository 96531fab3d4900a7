"""`roadmap compare OLD NEW`: the JSON on the example files (golden), what each format
shows, and one clear line for each file compare cannot use."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from roadmap_cli import __version__
from tests.conftest import ROOT, Cli

GOLDEN = Path(__file__).resolve().parent / "golden"
VELORIA_2024 = "examples/veloria-workshop-2024.yaml"
VELORIA = "examples/veloria-workshop.yaml"
NORTHMARCH = "examples/northmarch-workshop.yaml"
REVIEW = "examples/northmarch-review.yaml"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """File names in the output are relative to the repository, as in the goldens."""
    monkeypatch.chdir(ROOT)


# To regenerate after a reviewed change (then read the diff by hand):
#   roadmap compare OLD NEW -f json -o tests/golden/NAME.json   (from the repository root)
@pytest.mark.parametrize(
    ("old", "new", "golden"),
    [
        (VELORIA_2024, VELORIA, "compare-veloria-2024-2026.json"),
        (NORTHMARCH, REVIEW, "compare-northmarch-review.json"),
    ],
)
def test_json_matches_the_reviewed_golden_file(cli: Cli, old: str, new: str, golden: str) -> None:
    result = cli("compare", old, new, "--format", "json")
    assert result.code == 0, result.err
    expected = (GOLDEN / golden).read_text(encoding="utf-8")
    # Only the program's version may differ from the day the golden file was made.
    shipped = json.loads(expected)["generator"]["version"]
    assert result.out == expected.replace(
        f'"version": "{shipped}"\n', f'"version": "{__version__}"\n', 1
    )
    assert cli("compare", old, new, "--format", "json").out == result.out  # deterministic


def test_across_versions_the_older_file_is_moved_and_the_output_says_so(cli: Cli) -> None:
    data = json.loads(cli("compare", VELORIA_2024, VELORIA, "-f", "json").out)
    assert data["format"] == "roadmap-compare/1"
    assert data["bank"] == {"id": "workshop-demo", "version": "1.1.0"}
    assert data["old"]["bank"]["version"] == "1.0.0"
    moved = data["migration"]
    assert (moved["file"], moved["side"], moved["from"], moved["to"]) == (
        VELORIA_2024, "old", "1.0.0", "1.1.0",
    )  # fmt: skip
    # PO2.2 became PO3.1; PX1.2 was retired; PX1.1 "some-cases" keeps its meaning.
    assert (moved["renamed"], moved["archived"], moved["needs_answer"]) == (1, 1, [])
    sentence = (
        f"{VELORIA_2024} (OLD) was made with workshop-demo 1.0.0; to compare, it was moved in "
        "memory to 1.1.0 through the bank's migration map (the file is unchanged): 1 answer "
        "renamed, 1 archived, 0 questions needing a new answer."
    )
    assert moved["sentence"] == sentence
    table = cli("compare", VELORIA_2024, VELORIA)
    assert " ".join(sentence.split()) in " ".join(table.out.split())
    assert sentence in cli("compare", VELORIA_2024, VELORIA, "-f", "md").out
    page = cli("compare", VELORIA_2024, VELORIA, "-f", "html", "-o", "-").out
    escaped = sentence.replace("'", "&#39;")  # HTML escapes the apostrophe of "bank's"
    assert f'<p class="callout">{escaped}</p>' in page
    # The 2024 file, on 1.1.0, has not answered PX1.3 (added in 1.1.0): provisional.
    assert "Provisional — 12 of 13 questions answered</strong> (92%)" in page
    # Nothing was written to the file that was moved.
    assert "version: 1.0.0" in (ROOT / VELORIA_2024).read_text(encoding="utf-8")


def test_new_side_figures_equal_roadmap_score_json(cli: Cli) -> None:
    compared = json.loads(cli("compare", NORTHMARCH, REVIEW, "-f", "json").out)
    scored = json.loads(cli("score", REVIEW, "-f", "json").out)["files"][0]
    assert compared["overall"]["new"]["score"] == scored["overall"]["score"]
    assert [c["new"]["score"] for c in compared["categories"]] == [
        c["score"] for c in scored["categories"]
    ]
    old = json.loads(cli("score", NORTHMARCH, "-f", "json").out)["files"][0]
    change = compared["overall"]["change"]
    assert change == round(scored["overall"]["score"] - old["overall"]["score"], 4)


def test_the_table_shows_scores_changes_and_both_notes(cli: Cli) -> None:
    result = cli("compare", NORTHMARCH, REVIEW)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    overall = next(line for line in lines if line.strip().startswith("Overall"))
    # 0.1277 → 0.2927 in the JSON: 13% → 29%, a change of 0.165, shown as +16.5 pp.
    assert overall.split()[1:5] == ["13%", "29%", "+16.5", "pp"]
    assert "Minimal → Initial" in overall
    text = " ".join(result.out.split())
    assert "Gaps closed (1): PO1.2 0% → 100%" in text
    assert "PO3.1 don't know → Partly" in text
    assert "OLD note: The Labour Ministry did not reply to our request before the workshop." in text
    assert "NEW note: Answered by the Labour Ministry" in text
    assert result.err == ""


def test_markdown_escapes_text_from_the_files(cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = (ROOT / NORTHMARCH).read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    hostile = "No | <script>x</script> *bold*"
    new.write_text(
        text.replace(
            "note: No non-punishment provision in law or policy.", f"note: '{hostile}'"
        ).replace("value: 'no'\n    note: '", "value: partly\n    note: '"),
        encoding="utf-8",
    )
    result = cli("compare", old, new, "-f", "md")
    assert result.code == 0, result.err
    assert r"No \| \<script\>x\</script\> \*bold\*" in result.out
    assert "<script>" not in result.out
    html = cli("compare", old, new, "-f", "html", "-o", tmp_path / "c.html")
    assert html.code == 0, html.err
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page


def test_the_table_shows_text_from_the_files_as_text(cli: Cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = (ROOT / NORTHMARCH).read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    note = "note: No non-punishment provision in law or policy."
    hostile = 'note: "[link=https://x.test]click[/link] \\e[2J"'
    new.write_text(
        text.replace(note, hostile).replace(
            "value: 'no'\n    " + hostile, "value: partly\n    " + hostile
        ),
        encoding="utf-8",
    )
    result = cli("compare", old, new)
    assert result.code == 0, result.err
    assert "NEW note: [link=https://x.test]click[/link] \\x1b[2J" in result.out
    assert "\x1b" not in result.out


def test_html_goes_next_to_new_by_default_and_stdout_on_request(cli: Cli, tmp_path: Path) -> None:
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(ROOT / NORTHMARCH, old)
    shutil.copy(ROOT / REVIEW, new)
    result = cli("compare", old, new, "--format", "html")
    assert result.code == 0, result.err
    target = tmp_path / "b.compare.html"
    assert result.err.strip() == f"Wrote {target}"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert "<h1>Northmarch</h1>" in page
    assert cli("compare", old, new, "-f", "html", "-o", "-").out == page


def test_different_countries_are_compared_with_a_warning(cli: Cli) -> None:
    result = cli("compare", VELORIA, NORTHMARCH, "-f", "md")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"warning: {VELORIA} assesses Veloria and {NORTHMARCH} assesses Northmarch: these "
        "are different countries",
    ]
    assert result.out.splitlines()[0] == "# Veloria → Northmarch: what changed"


def test_old_updated_after_new_is_kept_in_order_with_a_warning(cli: Cli) -> None:
    result = cli("compare", REVIEW, NORTHMARCH, "-f", "json")
    assert result.code == 0
    warning = (
        f"OLD ({REVIEW}) was updated after NEW ({NORTHMARCH}); compare takes the files in "
        "the order given, so every change reads from OLD to NEW"
    )
    assert result.err.splitlines() == [f"warning: {warning}"]
    data = json.loads(result.out)
    assert data["warnings"] == [warning]
    assert data["old"]["file"] == REVIEW
    assert [g["id"] for g in data["gaps_opened"]] == ["PO1.2"]


def _error(cli: Cli, *args: object) -> list[str]:
    result = cli("compare", *args)
    assert result.code == 1
    assert result.out == ""
    return result.err.splitlines()


def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    lines = _error(cli, tmp_path / "gone.yaml", VELORIA, "-o", tmp_path / "c.json", "-f", "json")
    assert lines[0] == f"roadmap: {tmp_path / 'gone.yaml'}: no such file"
    assert not (tmp_path / "c.json").exists()


def test_invalid_file(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (ROOT / VELORIA)
        .read_text(encoding="utf-8")
        .replace("value: partly", "value: sometimes", 1),
        encoding="utf-8",
    )
    lines = _error(cli, VELORIA, bad)
    assert lines[0] == (
        f"roadmap: {bad}:18:12: error: PL1.1: 'sometimes' is not an option; expected one of: "
        "not-in-place, planned, partly, in-place, reviewed"
    )


def test_different_banks(cli: Cli) -> None:
    lines = _error(cli, "examples/kestria-full.yaml", VELORIA)
    assert lines[0] == (
        "roadmap: examples/kestria-full.yaml answers bank 'regional-strategic-roadmap' and "
        f"{VELORIA} answers bank 'workshop-demo': compare needs two assessments made with "
        "the same bank"
    )


def test_no_migration_path(cli: Cli, tmp_path: Path) -> None:
    bank = tmp_path / "demo"
    shutil.copytree(ROOT / "question_banks" / "workshop-demo", bank)
    (bank / "migrations.yaml").unlink()
    lines = _error(cli, VELORIA_2024, VELORIA, "--bank", bank)
    assert lines[0] == (
        f"roadmap: cannot compare {VELORIA_2024} (bank 'workshop-demo' 1.0.0) with {VELORIA} "
        "(1.1.0): the bank has no migration map from 1.0.0 to 1.1.0"
    )
    assert lines[1].startswith("hint: Compare files made with the same version")


def test_output_needs_a_file_format(cli: Cli, tmp_path: Path) -> None:
    result = cli("compare", NORTHMARCH, REVIEW, "-o", tmp_path / "c.txt")
    assert result.code == 2
    assert result.err.splitlines()[0] == "roadmap: --output needs --format md, html or json"
    assert not (tmp_path / "c.txt").exists()


def test_open_merge_conflicts_are_said_before_the_changes(cli: Cli, tmp_path: Path) -> None:
    from roadmap_cli.answers.model import Answer
    from tests.test_merge import part

    source = ROOT / VELORIA
    part(source, tmp_path / "a.yaml", lambda q: True)
    part(source, tmp_path / "b.yaml", lambda q: q == "PL1.1", {"PL1.1": Answer(value="dont-know")})
    merged = tmp_path / "merged.yaml"
    assert cli("merge", tmp_path / "a.yaml", tmp_path / "b.yaml", "-o", merged).code == 0
    result = cli("compare", source, merged, "--format", "json")
    assert result.code == 0, result.err
    said = f"{merged}: 1 question answered differently by merged files"
    assert f"warning: {said}" in result.err
    assert any(w.startswith(said) for w in json.loads(result.out)["warnings"])


def test_an_empty_output_name_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("compare", ROOT / NORTHMARCH, ROOT / REVIEW, "-f", "md", "-o", "")
    assert result.code == 2
    assert "--output needs a file name (or - for the screen)" in result.err


def test_old_on_the_newer_version_moves_new_and_says_so(cli: Cli) -> None:
    result = cli("compare", ROOT / VELORIA, ROOT / VELORIA_2024, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["migration"]["side"] == "new"
    assert (data["migration"]["from"], data["migration"]["to"]) == ("1.0.0", "1.1.0")
    assert data["new"]["bank"]["version"] == "1.0.0"


def test_a_changed_country_profile_is_said_since_it_changes_which_questions_apply(
    cli: Cli, tmp_path: Path
) -> None:
    kestria = ROOT / "examples" / "kestria-full.yaml"
    text = kestria.read_text(encoding="utf-8")
    assert "  CP1:\n    value: not-member\n" in text
    new = tmp_path / "kestria-member.yaml"
    new.write_text(text.replace("  CP1:\n    value: not-member\n", "  CP1:\n    value: member\n"))
    result = cli("compare", kestria, new, "-f", "json")
    assert result.code == 0, result.err
    warning = (
        "the country profile differs, so different questions apply: CP1 (Is the country a "
        "Member State of the Association of Southeast Asian Nations (ASEAN)?) No → Yes, an ASEAN "
        "Member State"
    )
    assert json.loads(result.out)["warnings"] == [warning]
    assert result.err.splitlines() == [f"warning: {warning}"]
    same = cli("compare", kestria, kestria, "-f", "json")
    assert json.loads(same.out)["warnings"] == []


def test_a_country_spelt_in_another_unicode_form_is_the_same_country(
    cli: Cli, tmp_path: Path
) -> None:
    # Full-width letters (as some input methods type them) are the same name after NFKC,
    # as merge and aggregate already held.
    text = (ROOT / NORTHMARCH).read_text(encoding="utf-8")
    assert "country: Northmarch\n" in text
    wide = tmp_path / "wide.yaml"
    wide.write_text(text.replace("country: Northmarch\n", "country: Ｎorthmarch\n"), "utf-8")
    result = cli("compare", NORTHMARCH, wide, "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["warnings"] == []
