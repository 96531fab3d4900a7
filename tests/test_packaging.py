"""The sdist and the wheel built from it carry the banks and templates, and the wheel works."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    sdist = next(out.glob("roadmap_cli-*.tar.gz"))
    # The wheel is built from the sdist, as pip does for a source download.
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(_unpack(sdist, out))],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return sdist, next(out.glob("roadmap_cli-*.whl"))


def _unpack(sdist: Path, into: Path) -> Path:
    with tarfile.open(sdist) as archive:
        archive.extractall(into / "src", filter="data")
    return next((into / "src").iterdir())


def test_sdist_carries_banks_and_templates(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[0]) as archive:
        names = archive.getnames()
    assert any(n.endswith("question_banks/regional-strategic-roadmap/planning.yaml") for n in names)
    assert any(n.endswith("question_banks/workshop-demo/bank.yaml") for n in names)
    for template in ("html/report.html.j2", "html/style.css", "md/report.md.j2"):
        assert any(n.endswith(f"report_templates/{template}") for n in names), template


def test_wheel_from_sdist_carries_banks_and_templates(built: tuple[Path, Path]) -> None:
    names = zipfile.ZipFile(built[1]).namelist()
    for category in ("bank", "planning", "principles", "policy", "practices"):
        assert f"roadmap_cli/question_banks/regional-strategic-roadmap/{category}.yaml" in names
    assert "roadmap_cli/question_banks/workshop-demo/bank.yaml" in names
    assert "roadmap_cli/report_templates/html/report.html.j2" in names
    assert "roadmap_cli/report_templates/md/report.md.j2" in names
    assert "roadmap_cli/report_templates/html/style.css" in names
    # Every subpackage of the source tree is in the wheel (a forgotten one breaks at run time).
    for init in (ROOT / "roadmap_cli").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names


def test_installed_wheel_lists_the_banks(built: tuple[Path, Path], tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The wheel itself goes in with pip; its dependencies come from this test environment
    # through a .pth line, so the test needs no download. (.pth files in that folder are not
    # processed, so an editable install of the checkout cannot leak in.)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(built[1]),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (site / "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(NO_COLOR="1", COLUMNS="100")
    where = subprocess.run(
        [str(python), "-c", "import roadmap_cli; print(roadmap_cli.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    ).stdout
    assert str(env_dir) in where, where
    listing = subprocess.run(
        [str(python), "-m", "roadmap_cli", "banks", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        encoding="utf-8",
    )
    assert listing.returncode == 0, listing.stderr
    assert "regional-strategic-roadmap" in listing.stdout
    assert "workshop-demo" in listing.stdout
    assert "built-in" in listing.stdout


def test_wheel_carries_examples_docs_and_the_licence(built: tuple[Path, Path]) -> None:
    wheel = zipfile.ZipFile(built[1])
    names = wheel.namelist()
    for sample in ("veloria-workshop.yaml", "kestria-full.yaml", "rules/donor-strict.yaml"):
        assert f"roadmap_cli/examples/{sample}" in names
    assert "roadmap_cli/docs/scoring.md" in names
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    metadata = wheel.read(meta).decode("utf-8")
    assert "License-Expression: Apache-2.0" in metadata
    assert "Version: 0.2.0" in metadata
    licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
    assert b"Apache License" in wheel.read(licence)


def test_demo_from_the_wheel_and_every_command_it_prints(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """A venv holding only the wheel: `roadmap demo workshop`, then each command it prints."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    scripts = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", str(built[1])],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The dependencies come from this test environment (no download); roadmap-cli itself
    # comes only from the wheel, as the check on roadmap_cli.__file__ below shows.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # BROWSER: `--open` runs this harmless program instead of a real browser.
    env.update(NO_COLOR="1", COLUMNS="100", BROWSER="true", PYTHONIOENCODING="utf-8")
    room = tmp_path / "room"
    room.mkdir()

    def roadmap(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(scripts / ("roadmap.exe" if os.name == "nt" else "roadmap")), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=room,
            input=stdin,
            timeout=300,
        )

    where = subprocess.run(
        [str(python), "-c", "import roadmap_cli; print(roadmap_cli.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=room,
    ).stdout
    assert str(env_dir) in where, where
    demo = roadmap(["demo", "workshop"])
    assert demo.returncode == 0, demo.stderr
    assert (room / "workshop/handout.html").is_file()
    assert (room / "workshop/examples/veloria-workshop.report.html").is_file()
    commands = [line.strip() for line in demo.stdout.splitlines()[1:]]
    assert len(commands) == 3 and all(c.startswith("roadmap ") for c in commands), demo.stdout
    # The live interview gets its answers piped in: country, organisation, two blanks, quit.
    stdin = {"assess": "Examplestan\nMinistry of Justice\n\n\nq\n"}
    for command in commands:
        words = command.split()[1:]
        result = roadmap(words, stdin.get(words[0]))
        assert result.returncode == 0, f"{command}: {result.stderr}"
    assert "Veloria" in (room / "workshop/examples/veloria-workshop.report.html").read_text("utf-8")
    assert "Examplestan" in (room / "workshop/my-country.yaml").read_text("utf-8")
