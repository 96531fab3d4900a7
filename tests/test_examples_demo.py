"""`roadmap examples` and `roadmap demo`: the samples ship in the package, a workshop folder
is one command, and nothing is written outside the folder the trainer names."""

from __future__ import annotations

import re
import shlex
import webbrowser
from pathlib import Path

import pytest

from roadmap_cli import resources
from tests.conftest import ROOT, Cli

SAMPLES = [
    "kestria-full.yaml",
    "northmarch-review.yaml",
    "northmarch-workshop.yaml",
    "tamsin-isles-workshop.yaml",
    "veloria-workshop-2024.yaml",
    "veloria-workshop.yaml",
]
PROFILES = ["rules/classic-bands.yaml", "rules/donor-strict.yaml"]


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_examples_lists_every_sample_with_its_country(cli: Cli) -> None:
    result = cli("examples")
    assert result.code == 0, result.err
    rows = {line.split()[0]: line for line in result.out.splitlines() if ".yaml" in line}
    assert list(rows) == [*SAMPLES, *PROFILES]
    assert "Veloria" in rows["veloria-workshop.yaml"]
    assert "workshop-demo" in rows["veloria-workshop.yaml"]
    assert "regional-strategic-roadmap" in rows["kestria-full.yaml"]
    assert "roadmap examples --copy examples" in result.err


def test_copy_writes_the_packaged_files_unchanged(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = cli("examples", "--copy", target)
    assert result.code == 0, result.err
    assert _files(target) == {*SAMPLES, *PROFILES}
    for name in _files(target):
        assert (target / name).read_bytes() == (resources.examples_dir() / name).read_bytes()
    again = cli("examples", "--copy", target)
    assert again.code == 0
    assert "already holds every example" in again.err


def test_copy_never_overwrites_an_edited_example(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "veloria-workshop.yaml").write_text("my notes\n", encoding="utf-8")
    result = cli("examples", "--copy", tmp_path)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"roadmap: {tmp_path / 'veloria-workshop.yaml'}: already exists with other content; "
        "nothing copied"
    )
    assert (tmp_path / "veloria-workshop.yaml").read_text(encoding="utf-8") == "my notes\n"
    assert _files(tmp_path) == {"veloria-workshop.yaml"}


def _documented_commands() -> list[str]:
    """Every `roadmap …` command in the README and the guides that uses examples/."""
    found: list[str] = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        lines = re.findall(r"(?m)^(roadmap [^\n]*examples/[^\n]*)$", text)
        lines += re.findall(r"`(roadmap [^`]*examples/[^`]*)`", text)
        found += [line.split("  #")[0].strip() for line in lines]
    return sorted(set(found))


def test_the_documentation_names_commands_on_the_examples() -> None:
    # The check below is only worth something if it finds the commands.
    assert "roadmap report examples/veloria-workshop.yaml --open" in _documented_commands()
    assert len(_documented_commands()) >= 6


def test_every_documented_examples_command_works_after_copying(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    opened: list[str] = []

    def open_in_browser(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", open_in_browser)
    assert cli("examples", "--copy", "examples").code == 0
    for command in _documented_commands():
        words = shlex.split(command)[1:]
        if ">" in words:  # the shell's redirection, not an argument
            words = words[: words.index(">")]
        result = cli(*words)
        assert result.code == 0, f"{command}: {result.err}"
    assert opened and opened[0].endswith("veloria-workshop.report.html")


def test_demo_makes_the_workshop_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("demo", "workshop")
    assert result.code == 0, result.err
    made = _files(tmp_path / "workshop")
    for sample in SAMPLES:
        assert f"examples/{sample}" in made
        assert f"examples/{sample.removesuffix('.yaml')}.report.html" in made
    extra = {"handout.md", "handout.html", "docs/scoring.md", "examples/rules/donor-strict.yaml"}
    assert extra <= made
    assert _files(tmp_path) == {f"workshop/{name}" for name in made}  # nothing outside it
    examples = Path("workshop", "examples")  # printed with this system's separator
    assert result.out.splitlines() == [
        "Next, run:",
        f"  roadmap score {examples}",
        f"  roadmap report {examples / 'veloria-workshop.yaml'} --open",
        f"  roadmap assess {Path('workshop', 'my-country.yaml')} --bank workshop-demo",
    ]
    report = (tmp_path / "workshop/examples/veloria-workshop.report.html").read_text("utf-8")
    assert "Veloria" in report


def test_the_handout_names_the_four_categories_and_the_commands(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo", tmp_path / "room").code == 0
    markdown = (tmp_path / "room/handout.md").read_text(encoding="utf-8")
    page = (tmp_path / "room/handout.html").read_text(encoding="utf-8")
    for category in ("Planning", "Principles", "Policy", "Practices"):
        assert f"**{category}**" in markdown
        assert f'<th scope="row">{category}</th>' in page
    assert f"roadmap score {tmp_path / 'room' / 'examples'}" in markdown
    assert f"<code>roadmap score {tmp_path / 'room' / 'examples'}</code>" in page
    # Self-contained: a policy that forbids every fetch, and nothing to fetch.
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<script" not in page


def test_the_handout_escapes_text_from_the_bank() -> None:
    from roadmap_cli.handout import HandoutCategory, handout_html, handout_markdown

    evil = HandoutCategory("PL", "<b>Plan</b> | *x*", "a <script>alert(1)</script>")
    page = handout_html([evil], ["roadmap score `x`"], "a b")
    assert "<script>" not in page and "&lt;b&gt;Plan&lt;/b&gt;" in page
    markdown = handout_markdown([evil], ["roadmap score x"], "we`ird")
    assert r"\<b\>Plan\</b\> \| \*x\*" in markdown
    assert "``roadmap validate we`ird``" in markdown


def test_demo_refuses_a_folder_it_did_not_make(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    result = cli("demo", tmp_path)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"roadmap: {tmp_path}: the folder is not empty and was not made by 'roadmap demo'; "
        "nothing written",
        "hint: Give a new or empty folder, e.g. 'roadmap demo workshop'.",
    ]
    assert _files(tmp_path) == {"notes.txt"}


def test_demo_again_refreshes_its_files_and_keeps_the_trainers(cli: Cli, tmp_path: Path) -> None:
    room = tmp_path / "room"
    assert cli("demo", room).code == 0
    (room / "my-country.yaml").write_text("mine\n", encoding="utf-8")
    (room / "handout.md").write_text("scribbled\n", encoding="utf-8")
    assert cli("demo", room).code == 0
    assert (room / "my-country.yaml").read_text(encoding="utf-8") == "mine\n"
    assert (room / "handout.md").read_text(encoding="utf-8").startswith("# roadmap-cli")


def test_demo_refuses_a_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = cli("demo", tmp_path / "f")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"roadmap: {tmp_path / 'f'}: is a file; give a new or empty folder for the demo"
    )


@pytest.mark.skipif(not hasattr(Path, "symlink_to"), reason="no symbolic links")
def test_demo_never_writes_through_a_link_out_of_the_folder(cli: Cli, tmp_path: Path) -> None:
    room, elsewhere = tmp_path / "room", tmp_path / "elsewhere"
    assert cli("demo", room).code == 0
    elsewhere.mkdir()
    for child in sorted((room / "docs").iterdir()):
        child.unlink()
    (room / "docs").rmdir()
    try:
        (room / "docs").symlink_to(elsewhere, target_is_directory=True)
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    result = cli("demo", room)
    assert result.code == 1
    assert "leads outside" in result.err.splitlines()[0]
    assert list(elsewhere.iterdir()) == []
