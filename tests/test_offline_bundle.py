"""tools/offline_bundle.py: the Windows bundle holds a wheel of everything pip resolves.

The network tests reach the package index (PyPI) and nothing else; deselect them on a
machine without it with ``pytest -m "not network"``. `.ci/run` also installs the Linux
bundle with the index switched off and uses it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "offline_bundle", ROOT / "tools/offline_bundle.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _name(text: str) -> str:
    """A distribution name in its normal form (PEP 503), as wheel file names and pip vary."""
    return re.sub(r"[-_.]+", "-", text).lower()


@pytest.fixture(scope="module")
def windows_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline")
    return Path(_tool().build_bundle("win_amd64", "3.12", out))


def _resolved_by_pip(wheel: Path, scratch: Path) -> dict[str, str]:
    """What pip's resolver would install for Windows x64, Python 3.12: name → version."""
    report = scratch / "report.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--dry-run",
            "--ignore-installed",
            "--report",
            str(report),
            "--only-binary=:all:",
            "--platform",
            "win_amd64",
            "--python-version",
            "3.12",
            "--implementation",
            "cp",
            "--target",
            str(scratch / "target"),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    return {
        _name(item["metadata"]["name"]): item["metadata"]["version"] for item in data["install"]
    }


@pytest.mark.network
def test_windows_bundle_has_a_wheel_of_every_dependency(
    windows_bundle: Path, tmp_path: Path
) -> None:
    wheels = sorted((windows_bundle / "wheels").glob("*.whl"))
    held = {_name(w.name.split("-")[0]): w.name.split("-")[1] for w in wheels}
    ours = next(w for w in wheels if w.name.startswith("roadmap_cli-"))
    wanted = _resolved_by_pip(ours, tmp_path)
    assert {"roadmap-cli", "typer", "pydantic-core", "pyyaml", "questionary"} <= set(wanted)
    assert held == wanted
    # Every compiled wheel is the Windows x64 one; the rest are pure Python.
    for wheel in wheels:
        tag = wheel.name.removesuffix(".whl").split("-")[-1]
        assert tag in ("any", "win_amd64"), wheel.name


@pytest.mark.network
def test_windows_bundle_installs_without_an_index(windows_bundle: Path) -> None:
    script = (windows_bundle / "install.bat").read_bytes()
    assert script.count(b"\r\n") == script.count(b"\n")  # cmd.exe wants CRLF throughout
    text = script.decode("utf-8")
    assert "-m venv" in text
    assert "--no-index" in text and 'find-links "%HERE%wheels"' in text
    assert "sys.version_info[:2] != (3, 12)" in text
    sums = (windows_bundle / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {name: digest for digest, name in (line.split("  ", 1) for line in sums)}
    files = {
        p.relative_to(windows_bundle).as_posix()
        for p in windows_bundle.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((windows_bundle / name).read_bytes()).hexdigest() == digest


def test_an_unknown_platform_is_one_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools/offline_bundle.py"), "--platform", "amiga"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "invalid choice: 'amiga'" in proc.stderr
    tool = _tool()
    with pytest.raises(tool.BundleError, match=r"--python wants a version like 3.12, not 'x'"):
        tool.build_bundle("win_amd64", "x", tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.network  # building the wheel fetches setuptools for pip's isolated build
def test_a_stale_build_folder_does_not_reach_the_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _tool()
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(*tool.NOT_SOURCE))
    # What an older build leaves behind, such as a module moved since.
    stale = checkout / "build" / "lib" / "roadmap_cli" / "bank_loader_old.py"
    stale.parent.mkdir(parents=True)
    stale.write_text("raise SystemExit('stale')\n", encoding="utf-8")
    monkeypatch.setattr(tool, "ROOT", checkout)
    wheel = tool.build_wheel(tmp_path / "out")
    names = zipfile.ZipFile(wheel).namelist()
    assert "roadmap_cli/demo.py" in names
    assert not [n for n in names if "bank_loader_old" in n]
