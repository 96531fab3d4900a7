"""Build an offline install bundle of roadmap-cli for one platform and Python version.

The bundle is a folder to copy to a USB stick: ``wheels/`` (roadmap-cli and every wheel
it needs, for that platform and Python), ``install.sh`` and ``install.bat`` (each makes
a virtual environment and installs with ``--no-index``, so pip never looks for a
network), ``README.txt`` and ``SHA256SUMS`` (``sha256sum -c SHA256SUMS`` checks it).

It runs on a connected machine of any system; pip fetches the other platform's wheels
from the package index (``--only-binary=:all: --platform … --python-version …``).

Usage:
    python tools/offline_bundle.py --platform win_amd64 --python 3.12
    python tools/offline_bundle.py --platform linux_x86_64 --python 3.11 --out dist/offline
    python tools/offline_bundle.py --all            # every platform, Python 3.10-3.13
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Our platform names → the wheel platform tags pip may take for them. pip widens an old
# macOS or manylinux2014 tag to the older ones, but not a manylinux_2_28 tag, so Linux
# names both. macOS 11 (2020) is the oldest release the bundle is built for.
PLATFORMS: dict[str, list[str]] = {
    "win_amd64": ["win_amd64"],
    "macos_arm64": ["macosx_11_0_arm64"],
    "macos_x86_64": ["macosx_11_0_x86_64"],
    "linux_x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
}
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]

INSTALL_SH = """#!/bin/sh
# Install roadmap-cli from this folder, without internet: a virtual environment, then pip
# with --no-index (it only looks in wheels/ next to this script).
# Usage: sh install.sh [WHERE]   (default: $HOME/roadmap-cli; PYTHON=python3.x to choose)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${{1:-$HOME/roadmap-cli}}
python=${{PYTHON:-python{python}}}
command -v "$python" >/dev/null 2>&1 || python=python3
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != ({major}, {minor}))'; then
  echo "This bundle is for Python {python}; set PYTHON to a Python {python} program." >&2
  exit 1
fi
"$python" -m venv "$target"
PIP_NO_INDEX=1 "$target/bin/python" -m pip install --no-index --find-links "$here/wheels" \\
  roadmap-cli
echo "Installed. Run: $target/bin/roadmap --help"
"""

# cmd.exe wants CRLF line ends; the text is written with them below.
INSTALL_BAT = """@echo off
rem Install roadmap-cli from this folder, without internet: a virtual environment, then
rem pip with --no-index (it only looks in wheels\\ next to this script).
rem Usage: install.bat [WHERE]   (default: %USERPROFILE%\\roadmap-cli)
setlocal
set "HERE=%~dp0"
set "TARGET=%~1"
if "%TARGET%"=="" set "TARGET=%USERPROFILE%\\roadmap-cli"
set "PY=python"
where py >nul 2>nul && set "PY=py -{python}"
%PY% -c "import sys; sys.exit(sys.version_info[:2] != ({major}, {minor}))"
if errorlevel 1 (
  echo This bundle is for Python {python}; install Python {python} first.
  exit /b 1
)
%PY% -m venv "%TARGET%" || exit /b 1
set PIP_NO_INDEX=1
"%TARGET%\\Scripts\\python.exe" -m pip install --no-index ^
  --find-links "%HERE%wheels" roadmap-cli || exit /b 1
echo Installed. Run: "%TARGET%\\Scripts\\roadmap.exe" --help
"""

README = """roadmap-cli {version}, offline bundle for {platform}, Python {python}

1. Check the copy.   Linux: sha256sum -c SHA256SUMS     macOS: shasum -a 256 -c SHA256SUMS
   Windows PowerShell (prints nothing when every file is intact):
   Get-Content SHA256SUMS | ForEach-Object {{ $h, $f = $_ -split '  ', 2;
     if ((Get-FileHash $f -Algorithm SHA256).Hash -ne $h) {{ "BAD: $f" }} }}
2. Install:          sh install.sh [WHERE]       (Linux, macOS)
                     install.bat [WHERE]         (Windows)
   WHERE is the folder of the new virtual environment (default: roadmap-cli in your home).
3. Start:            WHERE/bin/roadmap demo workshop
                     (Windows: WHERE\\Scripts\\roadmap.exe demo workshop)

Nothing is downloaded: pip installs only from wheels/ (--no-index).
"""


class BundleError(Exception):
    """A bundle could not be built; the message says why in one line."""


def _version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "roadmap_cli" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def _pip(args: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise BundleError(f"pip {args[0]} failed: {last}")


# Left out of the copy the wheel is built from (see build_wheel).
NOT_SOURCE = ("build", "dist", ".git", "*.egg-info", "__pycache__", ".*cache", ".hypothesis")


def build_wheel(into: Path) -> Path:
    """Build the roadmap-cli wheel from this checkout into ``into``; its path."""
    # From a clean copy: setuptools reuses an old build/ folder in the checkout, and a
    # module deleted or moved since would end up in the wheel beside its replacement.
    source = into / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE, "venv", ".venv"))
    _pip(["wheel", "--quiet", "--no-deps", "--wheel-dir", str(into), str(source)])
    found = sorted(into.glob("roadmap_cli-*.whl"))
    if not found:
        raise BundleError("pip wheel made no roadmap_cli wheel")
    return found[-1]


def build_bundle(platform: str, python: str, out: Path, wheel: Path | None = None) -> Path:
    """Build the bundle for ``platform`` and ``python`` under ``out``; the bundle folder.

    ``wheel`` is a roadmap-cli wheel already built (one is built from the checkout if not).
    """
    if platform not in PLATFORMS:
        raise BundleError(f"unknown platform {platform!r}; choose from {', '.join(PLATFORMS)}")
    major, _, minor = python.partition(".")
    if not (major.isdigit() and minor.isdigit()):
        raise BundleError(f"--python wants a version like 3.12, not {python!r}")
    version = _version()
    folder = out / f"roadmap-cli-{version}-{platform}-py{python}"
    if folder.exists():
        shutil.rmtree(folder)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        own = wheel or build_wheel(Path(scratch))
        shutil.copy2(own, wheels / own.name)
        platform_args = [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]
        _pip(
            [
                "download",
                "--quiet",
                "--only-binary=:all:",
                *platform_args,
                "--python-version",
                python,
                "--implementation",
                "cp",
                "--dest",
                str(wheels),
                str(wheels / own.name),
            ]
        )
    fill = {"python": python, "major": major, "minor": minor}
    _write(folder / "install.sh", INSTALL_SH.format(**fill), "\n")
    (folder / "install.sh").chmod(0o755)
    _write(folder / "install.bat", INSTALL_BAT.format(**fill), "\r\n")
    _write(
        folder / "README.txt",
        README.format(version=version, platform=platform, python=python),
        "\r\n" if platform.startswith("win") else "\n",
    )
    _write(folder / "SHA256SUMS", _checksums(folder), "\n")
    return folder


def _write(path: Path, text: str, newline: str) -> None:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))


def _checksums(folder: Path) -> str:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, build the bundles asked for, print where they are."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", choices=sorted(PLATFORMS), action="append")
    parser.add_argument("--python", action="append", help="e.g. 3.12 (repeatable)")
    parser.add_argument("--all", action="store_true", help="every platform and Python 3.10-3.13")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "offline")
    args = parser.parse_args(argv)
    platforms = sorted(PLATFORMS) if args.all else args.platform
    pythons = PYTHONS if args.all else args.python
    if not platforms or not pythons:
        parser.error("give --platform and --python (or --all)")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            wheel = build_wheel(Path(scratch))
            for platform in platforms:
                for python in pythons:
                    folder = build_bundle(platform, python, args.out, wheel)
                    count = len(list((folder / "wheels").glob("*.whl")))
                    print(f"bundle: {folder} ({count} wheels)")
    except BundleError as error:
        print(f"offline_bundle: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
