"""Hostile input that is not one broken file: a file that names a device as its bank, a
batch with such a file in it, thousands of problems in one file."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from roadmap_cli.files import write_atomic
from roadmap_cli.yamlio import parse_yaml
from tests.conftest import CORPUS, Cli

GOOD = CORPUS / "examples-1.0.0" / "veloria-workshop.yaml"


def _named_bank(tmp_path: Path, bank_id: str) -> Path:
    path = tmp_path / "hostile.yaml"
    text = GOOD.read_text(encoding="utf-8")
    path.write_text(text.replace("id: workshop-demo", f"id: {bank_id}", 1), encoding="utf-8")
    return path


def test_a_bank_id_that_is_a_path_is_never_read(cli: Cli, tmp_path: Path) -> None:
    for bank_id in ("/dev/zero", "/dev/stdin", "../../etc/passwd", "x" * 300):
        result = cli("validate", _named_bank(tmp_path, bank_id))
        assert result.code == 1
        assert "is not a bank id (lowercase letters, digits and hyphens)" in result.err, result.err
        assert "internal error" not in result.err


def test_one_hostile_file_does_not_stop_a_batch(cli: Cli, tmp_path: Path) -> None:
    _named_bank(tmp_path, "/dev/zero")
    shutil.copy(GOOD, tmp_path / "good.yaml")
    result = cli("score", tmp_path, "--format", "csv")
    assert result.code == 1
    assert "good.yaml" in result.out  # scored
    assert "hostile.yaml" in result.err and "is not a bank id" in result.err
    assert "1 of 2 files failed" in result.err


def test_problems_in_one_mapping_are_located_without_rescanning_it() -> None:
    """Each message looks up its line; the mapping is indexed once, not scanned each time."""

    class Counting(list[tuple[yaml.Node, yaml.Node]]):
        scans = 0

        def __iter__(self) -> Iterator[tuple[yaml.Node, yaml.Node]]:
            Counting.scans += 1
            return super().__iter__()

    ids = [f"PX{n}.1" for n in range(2000)]
    text = "answers:\n" + "".join(f"  {qid}: {{value: partly}}\n" for qid in ids)
    document = parse_yaml(text.encode(), "many.yaml")
    answers = document.node_at(("answers",))
    assert isinstance(answers, yaml.MappingNode)
    answers.value = Counting(answers.value)
    lines = [document.problem(("answers", qid), "unknown").line for qid in ids]
    assert lines == list(range(2, 2002))
    assert Counting.scans <= 1


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks")


@posix_only
def test_odd_entries_in_a_folder_are_reported_never_opened(cli: Cli, tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "good.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it would wait forever
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "folder.yaml").mkdir()
    result = cli("score", tmp_path, "--format", "csv")
    assert result.code == 1
    assert "good.yaml" in result.out
    err = result.err
    assert "pipe.yaml: skipped: not a regular file (a pipe or device)" in err
    assert "dangling.yaml: skipped: a link to nothing" in err
    assert "loop.yaml: skipped: a link to nothing" in err
    assert "folder.yaml: skipped: a folder, not an answers file" in err
    assert "4 of 5 files failed" in err


def test_more_jobs_than_cpus_are_capped_with_a_message(cli: Cli, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(GOOD, tmp_path / name)
    result = cli("score", tmp_path, "--jobs", "1000", "--format", "csv")
    assert result.code == 0, result.err
    cpus = os.cpu_count() or 1
    assert f"roadmap: using {cpus} processes, one per CPU (not 1000)" in result.err


def test_an_empty_or_folder_output_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    for output in ("", str(tmp_path)):
        result = cli("score", GOOD, "--format", "json", "-o", output)
        assert result.code == 2
        assert "is a folder: give a file name, e.g. scores.json" in result.err


def test_a_category_file_outside_the_bank_folder_is_never_read(cli: Cli, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(CORPUS / "fixture-bank", bank)
    text = (bank / "bank.yaml").read_text(encoding="utf-8")
    secret = tmp_path / "secret.yaml"
    secret.write_text("top-secret: do not print\n", encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("categories:"))
    lines.insert(at + 1, "  - ../secret.yaml")
    (bank / "bank.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("banks", "lint", bank)
    assert result.code == 1
    assert "category file '../secret.yaml' must be in the bank's folder" in result.out
    assert "top-secret" not in result.out + result.err


def test_a_killed_writers_leftover_is_cleaned_up_by_the_next_save(tmp_path: Path) -> None:
    stale = tmp_path / ".a.yaml.k3j2.tmp"
    fresh = tmp_path / ".a.yaml.x9q1.tmp"  # perhaps another writer's, right now
    for leftover in (stale, fresh):
        leftover.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    write_atomic(tmp_path / "a.yaml", "whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.yaml.x9q1.tmp", "a.yaml"]


def _hostile_bank(tmp_path: Path) -> Path:
    """The fixture bank with escape sequences and rich markup in its titles and labels."""
    folder = tmp_path / "hostile-bank"
    shutil.copytree(CORPUS / "fixture-bank", folder)
    text = (folder / "bank.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: Fixture bank",
        'title: "Fixture \\e]0;PWNED\\a bank [link=http://x.example]x[/link]"',
    )
    text = text.replace("    title: Planning\n", '    title: "Planning [/] \\e[2J"\n')
    text = text.replace("label: Partly in place,", 'label: "Partly \\e[31m[bold]red[/bold]",')
    (folder / "bank.yaml").write_text(text, encoding="utf-8")
    return folder


HOSTILE_ANSWERS = """\
format: roadmap-answers/1
bank: {id: fixture, version: 1.1.0}
assessment:
  country: "Examplestan \\e]0;T\\a [/]"
answers:
  PL1.1: {value: partly, note: "A note \\e[2J that clears the screen"}
  PO1.4: {value: "[bold]text[/bold] \\e[8m"}
"""


def test_text_from_files_never_reaches_the_terminal_raw(cli: Cli, tmp_path: Path) -> None:
    bank = _hostile_bank(tmp_path)
    answers = tmp_path / "a.yaml"
    answers.write_text(HOSTILE_ANSWERS, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(HOSTILE_ANSWERS.replace("value: partly", 'value: "\\e[2Jx"'), encoding="utf-8")
    runs = {
        "show": cli("banks", "show", bank),
        "list": cli("banks", "list", bank),
        "validate": cli("validate", "--bank", bank, bad),
        "score": cli("score", "--bank", bank, answers),
        "explain": cli("score", "--bank", bank, answers, "--explain", "PL"),
        "report": cli("report", "--bank", bank, answers, "--format", "md", "--output", "-"),
    }
    for name, result in runs.items():
        shown = result.out + result.err
        assert "\x1b" not in shown and "\x07" not in shown, name
        assert "internal error" not in shown, (name, shown)
    assert "Fixture \\x1b]0;PWNED\\x07 bank" in runs["show"].out
    assert "\\x1b[2Jx" in runs["validate"].err


def test_a_bank_link_must_be_a_web_address(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    shutil.copytree(CORPUS / "fixture-bank", folder)
    text = (folder / "bank.yaml").read_text(encoding="utf-8")
    text = text.replace("year: 2000}", "year: 2000, url: 'javascript:alert(1)'}")
    text = text.replace(
        "guide: {title: A guide}", "guide: {title: A guide, url: '> ![i](http://x.example/i.png)'}"
    )
    (folder / "bank.yaml").write_text(text, encoding="utf-8")
    result = cli("banks", "lint", folder)
    assert result.code == 1
    assert result.out.count("must be a web address starting with https://") == 2


TEMPLATES = {
    "nested-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "the template loops more than 1,000,000 times",
    ),
    "repeated-text": ('{{ "x" * 1000000000 }}', "repeats text beyond the size a report may have"),
    "extends-itself": ('{% extends "html/report.html.j2" %}', "includes or extends itself"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATES))
def test_a_users_template_has_limits(cli: Cli, tmp_path: Path, case: str) -> None:
    source, message = TEMPLATES[case]
    (tmp_path / "mine" / "html").mkdir(parents=True)
    (tmp_path / "mine" / "html" / "report.html.j2").write_text(source, encoding="utf-8")
    out = tmp_path / "r.html"
    result = cli("report", GOOD, "--template-dir", tmp_path / "mine", "--output", out)
    assert result.code == 1
    assert message in result.err.splitlines()[0]
    assert not out.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address space capped on Linux")
def test_a_template_that_doubles_text_runs_out_of_its_memory(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "mine" / "html").mkdir(parents=True)
    (tmp_path / "mine" / "html" / "report.html.j2").write_text(
        '{% set ns = namespace(s="x") %}{% for i in range(40) %}'
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
        encoding="utf-8",
    )
    result = cli("report", GOOD, "--template-dir", tmp_path / "mine", "--output", "-")
    assert result.code == 1
    assert "needs more memory than a report may use" in result.err


def test_the_interview_shows_a_hostile_note_without_obeying_it(tmp_path: Path) -> None:
    from tests.conftest import run_process

    bank = _hostile_bank(tmp_path)
    (tmp_path / "a.yaml").write_text(HOSTILE_ANSWERS, encoding="utf-8")
    result = run_process("assess", "a.yaml", "--bank", str(bank), "--plain", "--review",
                         cwd=tmp_path, stdin="q\n")  # fmt: skip
    shown = result.out + result.err
    assert "Note: A note \\x1b[2J that clears the screen" in shown
    assert "\x1b" not in shown and "internal error" not in shown


def test_no_csv_cell_from_a_file_can_start_a_formula(cli: Cli, tmp_path: Path) -> None:
    import csv
    import io

    answers = tmp_path / "a.yaml"
    answers.write_text(
        "format: roadmap-answers/1\nbank: {id: fixture, version: 1.1.0}\nassessment:\n"
        "  country: '=HYPERLINK(\"http://x.example\")'\n  organisation: '@SUM(1+1)'\n"
        "answers:\n  PL1.1: {value: partly, note: '+cmd|'' /C notepad''!A1'}\n"
        "  PO1.4: {value: '=cmd|'' /C notepad''!A1'}\n",
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "format: roadmap-rules/1\nname: '-evil'\nmethod: weighted\noptions:\n"
        "  bands: [{name: '=low', min: 0}, {name: '@high', min: 0.5}]\n",
        encoding="utf-8",
    )
    for layout in ([], ["--per-question"]):
        result = cli("score", answers, "--bank", CORPUS / "fixture-bank", "--rules", profile,
                     "--format", "csv", *layout)  # fmt: skip
        assert result.code == 0, result.err
        cells = [cell for row in csv.reader(io.StringIO(result.out)) for cell in row]
        risky = [c for c in cells if c[:1] in ("=", "+", "-", "@") and not _number(c)]
        assert risky == [], risky
        assert '\'=HYPERLINK("http://x.example")' in cells


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold ESC")
@pytest.mark.parametrize("command", ["score", "aggregate"])
def test_a_failed_file_with_a_hostile_name_is_named_escaped_and_once(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    bad = tmp_path / "bad\x1b[31m.yaml"
    bad.write_text("schema: 1\n", encoding="utf-8")
    result = cli(command, bad)
    assert result.code == 1
    assert "\x1b" not in result.out + result.err
    failed = [line for line in result.err.splitlines() if "bad\\x1b[31m.yaml" in line]
    assert len(failed) == 1, result.err
    line = failed[0]
    assert line.startswith("roadmap: ")
    assert line.count("bad\\x1b[31m.yaml") == 1, line


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold ESC")
def test_validate_names_hostile_files_escaped(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "good\x1b[2J.yaml"
    shutil.copy(GOOD, good)
    (tmp_path / "bad\x1b[31m.yaml").write_text("schema: 1\n", encoding="utf-8")
    result = cli("validate", ".")
    assert result.code == 1
    assert "\x1b" not in result.out + result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("bad\\x1b[31m.yaml: failed — "), lines
    assert lines[1].startswith("good\\x1b[2J.yaml: ok — "), lines
