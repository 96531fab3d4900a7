"""The one module that knows where packaged banks, templates, examples and docs live.

They sit at the top of the repository and ship inside the wheel as the packages
``roadmap_cli.question_banks``, ``roadmap_cli.report_templates``, ``roadmap_cli.examples``
and ``roadmap_cli.docs``; ``importlib.resources`` finds them in a wheel, an editable
install or a source checkout alike.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULT_BANK = "regional-strategic-roadmap"


def _package_dir(package: str, folder: str) -> Path:
    # Both packages are plain folders on disk in every supported install (we do not
    # support running from a zip file), so a Traversable is a real path here.
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError:
        # Run from a source checkout that is not installed (`python -m roadmap_cli` in
        # the repository): the folder sits next to the package.
        return Path(__file__).resolve().parent.parent / folder


def banks_dir() -> Path:
    """The folder holding the built-in question banks."""
    return _package_dir("roadmap_cli.question_banks", "question_banks")


def templates_dir() -> Path:
    """The folder holding the built-in report templates."""
    return _package_dir("roadmap_cli.report_templates", "report_templates")


def examples_dir() -> Path:
    """The folder holding the sample assessments and their rules profiles."""
    return _package_dir("roadmap_cli.examples", "examples")


def docs_dir() -> Path:
    """The folder holding the guides (``scoring.md``, ``reports.md`` …)."""
    return _package_dir("roadmap_cli.docs", "docs")


def builtin_banks() -> dict[str, Path]:
    """Built-in bank ids mapped to their bank folders, sorted by id."""
    root = banks_dir()
    found = {
        child.name: child
        for child in root.iterdir()
        if child.is_dir() and (child / "bank.yaml").is_file()
    }
    return dict(sorted(found.items()))
