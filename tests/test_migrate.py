"""``roadmap migrate``: answers move to a later bank version and nothing a person wrote is lost.

The expected results are the ones written out by hand in
tests/corpus/migration-bank/README.md, change by change.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CORPUS, Cli, Result

BANK = CORPUS / "migration-bank"
# The shipped examples as they were on 1.0.0 of their banks (examples/ moves on).
EXAMPLES = CORPUS / "examples-1.0.0"


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(BANK / "answers" / name, target)
    return target


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_full_file_to_1_1_0_matches_the_worked_example(cli: Cli, tmp_path: Path) -> None:
    source = _copy(tmp_path, "full-1.0.0.yaml")
    result: Result = cli("migrate", source, "--bank", BANK, "--to", "1.1.0")
    assert result.code == 0, result.err
    data = _read(tmp_path / "full-1.0.0-1.1.0.yaml")
    assert data["bank"] == {"id": "migration-fixture", "version": "1.1.0"}
    answers, archived = data["answers"], data["archived"]
    assert sorted(answers) == ["PL1.1", "PL1.4", "PL1.5", "PL2.3", "PO1.1", "PO1.3", "PO1.4",
                               "PO1.5", "PO2.1"]  # fmt: skip
    assert sorted(archived) == ["PL1.3", "PL2.2"]
    # A split with copy: the same answer, note, evidence and time on both new questions.
    for qid in ("PL1.4", "PL1.5"):
        assert answers[qid]["value"] == "partly"
        assert answers[qid]["note"] == "Funded for police actions only; no monitoring yet."
        assert answers[qid]["answered_at"] == "2026-03-02T09:10:00Z"
    # A rename with an option rename: the value changes, nothing else does.
    assert answers["PO2.1"]["value"] == "regularly"
    assert answers["PO2.1"]["note"] == "Fines for irregular stay are still routine."
    assert answers["PO2.1"]["flagged"] is True
    # A merge that keeps PL2.1: its answer at PL2.3; PL2.2's archived whole.
    assert answers["PL2.3"]["note"] == "National case database since 2024."
    assert archived["PL2.2"]["flagged"] is True
    assert archived["PL2.2"]["bank_version"] == "1.0.0"
    assert archived["PL1.3"]["value"] == 2
    assert archived["PL1.3"]["reason"] == "retired in 1.1.0"
    assert "0 questions need a new answer" in result.out
    checked = cli("validate", "--bank", f"{BANK}@1.1.0", tmp_path / "full-1.0.0-1.1.0.yaml")
    assert checked.code == 0 and checked.err == "", checked.out + checked.err
    assert "ok — 9 of 9 questions answered" in checked.out


def test_full_file_to_latest_lists_exactly_the_questions_to_ask_again(
    cli: Cli, tmp_path: Path
) -> None:
    source = _copy(tmp_path, "full-1.0.0.yaml")
    result = cli("migrate", source, "--bank", BANK)
    assert result.code == 0, result.err
    data = _read(tmp_path / "full-1.0.0-2.0.0.yaml")
    assert sorted(data["answers"]) == ["PL1.4", "PL2.3", "PO1.5", "PO2.1"]
    assert sorted(data["archived"]) == ["PL1.1", "PL1.3", "PL1.5", "PL2.2", "PO1.1", "PO1.3",
                                        "PO1.4"]  # fmt: skip
    assert data["archived"]["PL1.1"]["bank_version"] == "1.1.0"
    assert (
        "4 answers carried over, 7 archived, 5 questions need a new answer: "
        "PL1.6, PL1.7, PL1.5, PO1.1, PO1.6" in result.out
    )
    assert (
        "Answer them with: roadmap assess "
        f"{tmp_path / 'full-1.0.0-2.0.0.yaml'} --only PL1.6 --only PL1.7" in result.err
    )
    checked = cli("validate", "--bank", BANK, tmp_path / "full-1.0.0-2.0.0.yaml")
    assert checked.code == 0 and "ok — 4 of 9 questions answered" in checked.out


def test_partial_file_rescales_what_it_can(cli: Cli, tmp_path: Path) -> None:
    source = _copy(tmp_path, "partial-1.1.0.yaml")
    result = cli("migrate", source, "--bank", BANK)
    assert result.code == 0, result.err
    data = _read(tmp_path / "partial-1.1.0-2.0.0.yaml")
    assert data["answers"]["PO1.1"]["value"] == "none"
    assert data["answers"]["PO1.1"]["note"] == "No provision in law or policy."
    assert sorted(data["archived"]) == ["PL1.1", "PL1.5", "PO1.3", "PO1.4"]
    # PL2.3 was unanswered before: it is not a question that *needs a new* answer.
    assert "need a new answer: PL1.6, PL1.7, PL1.5, PO1.6\n" in result.out


def _counts(data: dict[str, Any]) -> tuple[int, int, int, int, set[str]]:
    entries = [*data.get("answers", {}).values(), *data.get("archived", {}).values()]
    notes = {e["note"] for e in entries if e.get("note")}
    return (
        len(entries),
        sum(1 for e in entries if e.get("note")),
        sum(1 for e in entries if e.get("evidence")),
        sum(1 for e in entries if e.get("flagged")),
        notes,
    )


def test_nothing_is_lost_from_the_full_fixture(cli: Cli, tmp_path: Path) -> None:
    source = _copy(tmp_path, "full-1.0.0.yaml")
    before = _counts(_read(source))
    assert cli("migrate", source, "--bank", BANK).code == 0
    after = _counts(_read(tmp_path / "full-1.0.0-2.0.0.yaml"))
    # README: 10 values, notes, 9 evidence lists, 4 flags become 11, 11, 10, 4 (PL1.2's
    # answer was copied to two questions, one of which is archived later).
    assert before[:4] == (10, 10, 9, 4)
    assert after[:4] == (11, 11, 10, 4)
    assert before[4] <= after[4]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_migrates_to_the_latest_version_losing_nothing(
    cli: Cli,
    tmp_path: Path,
    example: Path,
) -> None:
    source = tmp_path / example.name
    shutil.copy(example, source)
    original = _read(source)
    result = cli("migrate", source, "--output", tmp_path / "out.yaml")
    assert result.code == 0, result.err
    migrated = _read(tmp_path / "out.yaml")
    kept = {**migrated.get("answers", {}), **migrated.get("archived", {})}
    # Every note, piece of evidence and flag is found again, active or archived.
    for field in ("note", "evidence"):
        wanted = sorted(str(a[field]) for a in original["answers"].values() if a.get(field))
        found = {str(a[field]) for a in kept.values() if a.get(field)}
        assert set(wanted) <= found, field
    flagged = sum(bool(a.get("flagged")) for a in original["answers"].values())
    assert sum(bool(a.get("flagged")) for a in kept.values()) >= flagged
    assert len(kept) >= len(original["answers"])
    checked = cli("validate", tmp_path / "out.yaml")
    assert checked.code == 0, checked.out + checked.err
    assert checked.err == ""  # no error and no warning against the new version


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_dry_run_writes_nothing_and_a_second_run_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    source = _copy(tmp_path, "full-1.0.0.yaml")
    before = _digest(tmp_path)
    dry = cli("migrate", source, "--bank", BANK, "--dry-run")
    assert dry.code == 0 and "Dry run: nothing was written." in dry.err
    assert "1.0.0 → 1.1.0  PL1.3: retired; archived" in dry.out
    assert _digest(tmp_path) == before
    assert cli("migrate", source, "--bank", BANK, "--in-place").code == 0
    assert (tmp_path / "full-1.0.0.yaml.1.0.0.bak").read_bytes() == (
        BANK / "answers" / "full-1.0.0.yaml"
    ).read_bytes()
    once = _digest(tmp_path)
    again = cli("migrate", source, "--bank", BANK, "--in-place")
    assert again.code == 0
    assert "already at version 2.0.0; nothing to change" in again.out
    assert _digest(tmp_path) == once


def test_in_place_keeps_the_old_file_byte_for_byte_with_windows_line_ends(
    cli: Cli, tmp_path: Path
) -> None:
    source = tmp_path / "crlf.yaml"
    original = (BANK / "answers" / "full-1.0.0.yaml").read_bytes().replace(b"\n", b"\r\n")
    source.write_bytes(original)
    assert cli("migrate", source, "--bank", BANK, "--in-place").code == 0
    assert (tmp_path / "crlf.yaml.1.0.0.bak").read_bytes() == original


def test_asking_for_a_missing_or_earlier_version_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    source = _copy(tmp_path, "full-1.0.0.yaml")
    result = cli("migrate", source, "--bank", BANK, "--to", "3.0.0")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"roadmap: {source}: bank 'migration-fixture' has no version 3.0.0 "
        "(versions: 1.0.0, 1.1.0, 2.0.0)"
    )
    partial = _copy(tmp_path, "partial-1.1.0.yaml")
    backwards = cli("migrate", partial, "--bank", BANK, "--to", "1.0.0")
    assert backwards.code == 1
    assert "is at version 1.1.0, later than 1.0.0" in backwards.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full-1.0.0.yaml", "partial-1.1.0.yaml"]


HOSTILE = {
    "cycle": (
        "  - {from: 1.0.0, to: 1.1.0}\n  - {from: 1.1.0, to: 1.0.0}\n",
        3,
        "lead back to a version already passed",
    ),
    "rename-onto-existing": (
        "  - from: 1.0.0\n    to: 1.1.0\n    renamed: {PL1.3: PL1.1}\n",
        5,
        "PL1.1 already exists in 1.0.0 and keeps its own answer",
    ),
    "merge-of-unknown-ids": (
        "  - from: 1.0.0\n    to: 1.1.0\n    merged:\n"
        "      - {from: [PL9.1, PL2.2], into: PL2.3, keep: ask}\n",
        6,
        "PL9.1 is not a question of version 1.0.0",
    ),
    "value-map-to-missing-option": (
        "  - from: 1.1.0\n    to: 2.0.0\n    rescaled: {PO1.1: {\"yes\": complete}}\n",
        5,
        "'complete' is not an option of PO1.1 in 2.0.0",
    ),
    "unknown-version": ("  - {from: 1.0.0, to: 9.0.0}\n", 3, "version 9.0.0 is not kept"),
    "keep-not-merged": (
        "  - from: 1.0.0\n    to: 1.1.0\n    merged:\n"
        "      - {from: [PL2.1, PL2.2], into: PL2.3, keep: PL1.1}\n",
        6,
        "keep must be one of PL2.1, PL2.2 or 'ask'",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_map_is_a_located_lint_error(cli: Cli, tmp_path: Path, case: str) -> None:
    steps, line, message = HOSTILE[case]
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank)
    (bank / "migrations.yaml").write_text(
        "format: roadmap-migrations/1\nsteps:\n" + steps, encoding="utf-8"
    )
    result = cli("banks", "lint", bank)
    assert result.code == 1
    located = [row for row in result.out.splitlines() if message in row]
    assert located, result.out
    assert located[0].startswith(f"{bank / 'migrations.yaml'}:{line}:"), located[0]
    assert ": error: " in located[0]


# The band names of 0.1 for the two rules whose default names changed since (a rules
# change, made in the same release as the new bank versions, with a profile to undo it).
CLASSIC = {
    "weighted": "examples/rules/classic-bands.yaml",
    "minimum-standards": "tests/corpus/rules/classic-bands-minimum-standards.yaml",
    "walk-free": "walk-free",
}


def _as_before(old: Any, new: Any) -> Any:
    """``new`` cut to what ``old`` holds, with this release's two documented changes to
    ``roadmap-scores/1`` undone: a weight that has no effect is null (it was written out),
    and a rule that subtracts nothing gives a red flag's penalty as null (it gave 0)."""
    if isinstance(old, dict) and isinstance(new, dict):
        cut = {key: _as_before(old[key], new.get(key)) for key in old}
        if "weight" in old and new.get("weight") is None:
            cut["weight"] = old["weight"]
        if "penalty" in old and new.get("penalty") is None and old["penalty"] == 0:
            cut["penalty"] = old["penalty"]
        return cut
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [_as_before(a, b) for a, b in zip(old, new, strict=True)]
    return new


@pytest.mark.parametrize("rules", sorted(CLASSIC))
def test_a_1_0_0_file_scores_exactly_as_before_the_new_version_shipped(
    cli: Cli,
    rules: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The golden JSON was written by roadmap-cli 0.1, before 2.0.0 and 1.1.0 existed.

    Every file's scores, bands, gaps, flags and unmet standards must be the same, number
    for number; the exports gained fields since (dates, completeness), which are left out.
    """
    import json

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)  # the JSON names files as given on the command line
    golden = json.loads(
        (root / "tests" / "golden" / f"scores-1.0.0-{rules}.json").read_text(encoding="utf-8")
    )
    result = cli("score", "tests/corpus/examples-1.0.0/", "--rules", CLASSIC[rules], "-f", "json")
    assert result.code == 0, result.err
    files = json.loads(result.out)["files"]
    assert len(files) == len(golden["files"]) == 4
    for old, new in zip(golden["files"], files, strict=True):
        assert _as_before(old, new) == old, old["file"]


@pytest.mark.parametrize("rules", sorted(CLASSIC))
def test_a_1_0_0_file_scores_byte_identically_before_and_after_the_new_version_ships(
    cli: Cli, rules: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Before" is each bank as it was released at 1.0.0, with no later version beside it;
    "after" is the shipped bank (2.0.0 and 1.1.0 current, 1.0.0 kept).  Same program,
    same file, same rule: the JSON must be the same, byte for byte."""
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)  # the JSON names files (and rules) as given on the command line
    monkeypatch.setenv("ROADMAP_NO_CACHE", "1")
    for answers in sorted(EXAMPLES.relative_to(root).glob("*.yaml")):
        bank_id = _read(answers)["bank"]["id"]
        released = tmp_path / "released" / bank_id
        if not released.exists():
            shutil.copytree(root / "question_banks" / bank_id / "versions" / "1.0.0", released)
        before = cli(
            "score",
            answers,
            "--bank",
            released,
            "--rules",
            CLASSIC[rules],
            "-f",
            "json",
            "-o",
            tmp_path / "before.json",
        )
        after = cli(
            "score",
            answers,
            "--rules",
            CLASSIC[rules],
            "-f",
            "json",
            "-o",
            tmp_path / "after.json",
        )
        assert before.code == after.code == 0, before.err + after.err
        assert (tmp_path / "before.json").read_bytes() == (tmp_path / "after.json").read_bytes()


def test_the_migration_map_schema_accepts_the_shipped_maps(cli: Cli) -> None:
    import json

    import jsonschema

    result = cli("banks", "schema", "migrations")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["title"] == "roadmap-cli migration map (roadmap-migrations/1)"
    root = Path(__file__).resolve().parent.parent
    maps = [*root.glob("question_banks/*/migrations.yaml"), BANK / "migrations.yaml"]
    assert len(maps) == 3
    for path in maps:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "roadmap-migrations/1", "steps": [{"from": "1"}]}, schema)


def test_banks_show_changes_prints_the_changelog(cli: Cli) -> None:
    shipped = cli("banks", "show", "workshop-demo", "--changes")
    assert shipped.code == 0
    assert "## 1.1.0" in shipped.out
    assert "| PO2.2 → PO3.1 | **Renamed.**" in shipped.out
    recorded = cli("banks", "show", CORPUS / "fixture-bank", "--changes")
    assert recorded.out == "# fixture: changes\n\n## 1.1.0\n- added: PO1.3\n- removed: PO1.9\n"


def test_assess_offers_to_migrate_and_then_asks_exactly_what_needs_an_answer(
    tmp_path: Path,
) -> None:
    from tests.conftest import run_process

    source = _copy(tmp_path, "full-1.0.0.yaml")
    offered = run_process("assess", source.name, "--bank", str(BANK), "--plain", cwd=tmp_path,
                          stdin="q\n")  # fmt: skip
    said = " ".join(offered.out.split())  # the notice is wrapped to the terminal
    assert "uses version 1.0.0 of the bank migration-fixture; version 2.0.0 is available" in said
    assert "  roadmap assess full-1.0.0.yaml --migrate" in offered.out
    assert _read(source)["bank"]["version"] == "1.0.0"  # nothing changed without asking
    # PL1.6, PL1.7, PL1.5, PO1.1, PO1.6 in bank order; answer each with option 1, no notes.
    result = run_process("assess", source.name, "--bank", str(BANK), "--plain", "--migrate",
                         "--no-notes", cwd=tmp_path, stdin="1\n" * 5)  # fmt: skip
    assert result.code == 0, result.out + result.err
    asked = [line.split(", ")[1].split(".")[0] + "." + line.split(", ")[1].split(".")[1]
             for line in result.out.splitlines() if line.startswith("Question ")]  # fmt: skip
    assert asked == ["PL1.6", "PL1.7", "PL1.5", "PO1.1", "PO1.6"]
    data = _read(source)
    assert data["bank"]["version"] == "2.0.0"
    assert set(data["answers"]) >= {"PL1.6", "PL1.7", "PL1.5", "PO1.1", "PO1.6"}
    assert "PL1.3" in data["archived"]
    assert (tmp_path / "full-1.0.0.yaml.1.0.0.bak").exists()
