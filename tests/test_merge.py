"""``roadmap merge``: one country's answers files combined, conflicts kept, never chosen.

Golden file: ``tests/golden/merge-veloria.json`` is what ``roadmap merge --format json``
prints for two agencies' parts of ``examples/veloria-workshop.yaml``.  If the change is
intended, regenerate it with ``UPDATE_GOLDEN=1 pytest tests/test_merge.py`` and read the
difference before committing it.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap_cli.answers.model import Answer, AnswersFile, load_answers, save_answers
from tests.conftest import ROOT, Cli

GOLDEN = Path(__file__).parent / "golden" / "merge-veloria.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
VELORIA = ROOT / "examples" / "veloria-workshop.yaml"


def part(
    source: Path,
    target: Path,
    keep: Callable[[str], bool],
    answers: dict[str, Answer] | None = None,
    **assessment: str,
) -> AnswersFile:
    """Write the answers of ``source`` that ``keep`` selects (plus ``answers``) to ``target``."""
    whole = load_answers(source).answers
    chosen = {qid: a for qid, a in whole.answers.items() if keep(qid)}
    meta = whole.assessment.model_copy(update=assessment)
    piece = whole.model_copy(update={"answers": {**chosen, **(answers or {})}, "assessment": meta})
    save_answers(target, piece)
    return piece


def category(qid: str) -> str:
    found = re.match(r"[A-Za-z]+", qid)
    return found.group(0) if found else qid


def agencies(folder: Path) -> tuple[Path, Path]:
    """Two agencies' parts of the Veloria example: PL1.1 in conflict, PR1.2 given alike."""
    whole = load_answers(VELORIA).answers.answers
    a, b = folder / "committee.yaml", folder / "labour.yaml"
    part(VELORIA, a, lambda q: category(q) in ("PL", "PR"))
    labour_view = Answer(value="dont-know", note="The labour plan is still in draft.")
    alike = whole["PR1.2"].model_copy(
        update={
            "note": "Labour inspectors apply it too.",
            "evidence": [*whole["PR1.2"].evidence, "Labour inspection report 2026"],
            "flagged": True,
            "flag_reason": "Check the inspection figures.",
        }
    )
    part(
        VELORIA,
        b,
        lambda q: category(q) not in ("PL", "PR"),
        {"PL1.1": labour_view, "PR1.2": alike},
        organisation="Ministry of Labour",
        assessor="B. Tanaka",
    )
    return a, b


def test_merge_json_matches_the_golden_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = agencies(tmp_path)
    result = cli("merge", a.name, b.name, "--output", "merged.yaml", "--format", "json")
    assert result.code == 0, result.err
    if UPDATE:
        GOLDEN.write_text(result.out, encoding="utf-8")
    assert result.out == GOLDEN.read_text(encoding="utf-8"), (
        f"merge JSON differs from {GOLDEN}; if intended, rerun with UPDATE_GOLDEN=1"
    )
    data = json.loads(result.out)
    assert [c["question"] for c in data["conflicts"]] == ["PL1.1"]
    assert data["combined"] == ["PR1.2"]


def test_the_same_answer_from_two_files_keeps_both_notes_all_evidence_and_the_flag(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = agencies(tmp_path)
    assert cli("merge", a.name, b.name, "-o", "merged.yaml").code == 0
    original = load_answers(VELORIA).answers.answers["PR1.2"]
    merged = load_answers(tmp_path / "merged.yaml").answers
    combined = merged.answers["PR1.2"]
    assert combined.value == original.value
    assert combined.note == (
        f"[committee.yaml] {original.note}\n\n[labour.yaml] Labour inspectors apply it too."
    )
    assert combined.evidence == [*original.evidence, "Labour inspection report 2026"]
    assert combined.flagged and combined.flag_reason == "Check the inspection figures."
    assert merged.assessment.organisation == (
        f"{load_answers(VELORIA).answers.assessment.organisation}; Ministry of Labour"
    )


def _splits(qids: list[str], how: str) -> list[set[str]]:
    """Three parts: by category (round robin), or at random with some answers in two."""
    parts: list[set[str]] = [set(), set(), set()]
    if how == "category":
        order = list(dict.fromkeys(category(q) for q in qids))
        for qid in qids:
            parts[order.index(category(qid)) % 3].add(qid)
        return parts
    rng = random.Random(17)
    for qid in qids:
        first = rng.randrange(3)
        parts[first].add(qid)
        if rng.random() < 0.2:  # also given, identically, by another agency
            parts[(first + 1) % 3].add(qid)
    return parts


@pytest.mark.parametrize("how", ["category", "random"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_file_split_in_three_and_merged_gives_back_the_original(
    cli: Cli, tmp_path: Path, example: Path, how: str
) -> None:
    original = load_answers(example).answers
    pieces = _splits(list(original.answers), how)
    paths = []
    for number, ids in enumerate(pieces):
        path = tmp_path / f"part{number}.yaml"
        part(example, path, ids.__contains__)
        paths.append(path)
    merged_path = tmp_path / "merged.yaml"
    result = cli("merge", *paths, "--output", merged_path)
    assert result.code == 0, result.err
    merged = load_answers(merged_path).answers
    assert merged.answers == original.answers  # values, notes, evidence, flags, times
    assert merged.archived == original.archived
    assert merged.assessment == original.assessment
    assert merged.conflicts == {}
    assert cli("validate", merged_path).code == 0


def test_a_conflict_is_never_resolved_without_the_officer(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = agencies(tmp_path)
    merged = cli("merge", a.name, b.name, "-o", "merged.yaml")
    assert merged.code == 0, merged.err
    assert "Conflict at PL1.1:" in merged.out
    assert "committee.yaml (National Committee" in merged.out
    assert "  2. labour.yaml (Ministry of Labour, B. Tanaka): don't know\n" in merged.out
    assert "     Note: The labour plan is still in draft.\n" in merged.out
    command = "roadmap assess merged.yaml --conflicts"

    checked = cli("validate", "merged.yaml")
    assert checked.code == 0
    assert "1 question answered differently by merged files" in checked.err
    assert command in checked.err
    scored = cli("score", "merged.yaml", "--format", "json")
    assert scored.code == 0
    assert any(command in w for w in json.loads(scored.out)["files"][0]["warnings"])
    # score and report say it as validate does, at the line that holds the conflicts.
    said = next(line for line in checked.err.splitlines() if command in line)
    assert said.startswith("merged.yaml:") and ": warning: 1 question answered" in said
    table = cli("score", "merged.yaml")
    assert f"roadmap: {said}" in table.err.splitlines()
    report = cli("report", "merged.yaml", "--format", "md", "--output", "-")
    assert report.code == 0
    assert f"roadmap: {said}" in report.err.splitlines()
    assert "Provisional" in report.out

    after = load_answers(tmp_path / "merged.yaml").answers
    assert "PL1.1" not in after.answers
    assert [v.source for v in after.conflicts["PL1.1"]] == ["committee.yaml", "labour.yaml"]
    assert [v.value for v in after.conflicts["PL1.1"]] == ["partly", "dont-know"]


def test_files_for_different_countries_are_refused_and_nothing_is_written(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    part(VELORIA, tmp_path / "a.yaml", lambda q: True)
    part(VELORIA, tmp_path / "b.yaml", lambda q: True, country="Northmarch")
    part(VELORIA, tmp_path / "c.yaml", lambda q: True, country="  VELORIA ")
    result = cli("merge", "a.yaml", "b.yaml", "-o", "m.yaml")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "roadmap: cannot merge a.yaml and b.yaml: countries differ: 'Veloria' and "
        "'Northmarch'; nothing was written"
    )
    assert not (tmp_path / "m.yaml").exists()
    # The same country written another way is the same country.
    assert cli("merge", "a.yaml", "c.yaml", "-o", "m.yaml").code == 0


def test_files_for_different_banks_or_versions_are_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    part(VELORIA, tmp_path / "now.yaml", lambda q: True)
    old = ROOT / "examples" / "veloria-workshop-2024.yaml"
    part(old, tmp_path / "then.yaml", lambda q: True)
    part(
        ROOT / "examples" / "kestria-full.yaml",
        tmp_path / "rsr.yaml",
        lambda q: True,
        country="Veloria",
    )
    result = cli("merge", "now.yaml", "then.yaml", "-o", "m.yaml")
    assert result.code == 1
    assert (
        "cannot merge now.yaml and then.yaml: bank versions differ: workshop-demo 1.1.0 and 1.0.0"
        in result.err
    )
    result = cli("merge", "now.yaml", "rsr.yaml", "-o", "m.yaml")
    assert result.code == 1
    assert (
        "cannot merge now.yaml and rsr.yaml: banks differ: workshop-demo and "
        "regional-strategic-roadmap" in result.err
    )
    assert not (tmp_path / "m.yaml").exists()


def test_an_unreadable_file_is_one_line_naming_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    part(VELORIA, tmp_path / "a.yaml", lambda q: True)
    (tmp_path / "broken.yaml").write_text("answers: [unclosed\n", encoding="utf-8")
    result = cli("merge", "a.yaml", "broken.yaml", "-o", "m.yaml")
    assert result.code == 1
    assert result.err.startswith("roadmap: broken.yaml:")
    assert "Traceback" not in result.err
    result = cli("merge", "a.yaml", "missing.yaml", "-o", "m.yaml")
    assert result.code == 1
    assert "missing.yaml" in result.err.splitlines()[0]
    assert not (tmp_path / "m.yaml").exists()


def test_an_existing_output_is_refused_unless_forced(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = agencies(tmp_path)
    (tmp_path / "m.yaml").write_text("keep me\n", encoding="utf-8")
    result = cli("merge", a.name, b.name, "-o", "m.yaml")
    assert result.code == 1
    assert result.err.splitlines()[0] == "roadmap: m.yaml already exists; nothing was written"
    assert (tmp_path / "m.yaml").read_text(encoding="utf-8") == "keep me\n"
    assert cli("merge", a.name, b.name, "-o", "m.yaml", "--force").code == 0
    assert "PL1.1" in load_answers(tmp_path / "m.yaml").answers.conflicts
    if os.name == "posix":
        assert (tmp_path / "m.yaml").stat().st_mode & 0o077 == 0


def test_open_conflicts_stop_migrate_and_compare_across_versions(cli: Cli, tmp_path: Path) -> None:
    """A conflict on PO2.2 (renamed in workshop-demo 1.1.0) must not be carried or chosen."""
    older = ROOT / "examples" / "veloria-workshop-2024.yaml"
    first, second, merged = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "m.yaml"
    part(older, first, lambda q: True)
    part(older, second, lambda q: q == "PO2.2", {"PO2.2": Answer(value="dont-know")})
    assert cli("merge", first, second, "--output", merged).code == 0
    before = merged.read_bytes()
    result = cli("migrate", merged, "--output", tmp_path / "moved.yaml")
    assert result.code == 1
    assert (
        f"{merged}: 1 question answered differently by merged files is still open "
        "(PO2.2), so the file cannot be moved to bank version 1.1.0"
    ) in result.err
    assert f"roadmap assess {merged} --conflicts" in result.err
    assert merged.read_bytes() == before
    assert not (tmp_path / "moved.yaml").exists()
    compared = cli("compare", merged, ROOT / "examples" / "veloria-workshop.yaml")
    assert compared.code == 1
    assert "still open (PO2.2), so the file cannot be moved" in compared.err
    assert "migrate" not in compared.err  # compare was asked for, not a migration


def test_a_conflict_on_a_question_a_later_version_renamed_warns_as_an_answer_would(
    cli: Cli, tmp_path: Path
) -> None:
    older = ROOT / "examples" / "veloria-workshop-2024.yaml"
    first, second, merged = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "m.yaml"
    part(older, first, lambda q: True)
    part(older, second, lambda q: q == "PO2.2", {"PO2.2": Answer(value="dont-know")})
    assert cli("merge", first, second, "--output", merged).code == 0
    result = cli("validate", "--bank", "workshop-demo@1.1.0", merged)
    # Told as an answer to that question would be: a warning, not an error.
    assert result.code == 0, result.err
    assert any(
        ": warning: question PO2.2 was renamed to PO3.1" in x for x in result.err.split("\n")
    )
    assert "unknown question id 'PO2.2'" not in result.err


def test_merging_a_merged_file_again_with_one_of_its_inputs_lists_each_version_once(
    cli: Cli, tmp_path: Path
) -> None:
    committee, labour = agencies(tmp_path)
    first, again = tmp_path / "first.yaml", tmp_path / "again.yaml"
    assert cli("merge", committee, labour, "-o", first).code == 0
    assert cli("merge", first, labour, "-o", again).code == 0
    versions = load_answers(again).answers.conflicts["PL1.1"]
    assert [v.source for v in versions] == ["committee.yaml", "labour.yaml"]
    assert versions == load_answers(first).answers.conflicts["PL1.1"]
    # Nor the organisations, names and notes it already holds.
    once, twice = load_answers(first).answers, load_answers(again).answers
    assert twice.assessment.organisation == once.assessment.organisation
    assert twice.assessment.assessor == once.assessment.assessor
    notes = {qid: answer.note for qid, answer in once.answers.items()}
    assert any(note and "[labour.yaml]" in note for note in notes.values())
    assert {qid: answer.note for qid, answer in twice.answers.items()} == notes


def test_conflicts_are_listed_in_the_banks_order_with_the_country_profile_first(
    cli: Cli, tmp_path: Path
) -> None:
    kestria = ROOT / "examples" / "kestria-full.yaml"
    other = tmp_path / "other.yaml"
    text = kestria.read_text(encoding="utf-8")
    assert "  CP1:\n    value: not-member\n" in text and "  PL1.1:\n    value: Kestria is" in text
    text = text.replace("  CP1:\n    value: not-member\n", "  CP1:\n    value: member\n")
    other.write_text(text.replace("  PL1.1:\n    value: Kestria is", "  PL1.1:\n    value: It is"))
    merged = tmp_path / "m.yaml"
    assert cli("merge", kestria, other, "-o", merged).code == 0
    assert list(load_answers(merged).answers.conflicts) == ["CP1", "PL1.1"]
