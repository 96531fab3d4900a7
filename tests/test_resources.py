"""Packaged banks and templates are found installed, editable, or in a bare checkout."""

from __future__ import annotations

import importlib.resources

import pytest

from roadmap_cli import resources
from tests.conftest import ROOT


def test_builtin_banks_are_found() -> None:
    assert list(resources.builtin_banks()) == ["regional-strategic-roadmap", "workshop-demo"]
    assert (resources.templates_dir() / "html" / "report.html.j2").is_file()


def test_a_bare_checkout_falls_back_to_the_folders_beside_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def not_installed(package: str) -> None:
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(importlib.resources, "files", not_installed)
    assert resources.banks_dir() == ROOT / "question_banks"
    assert resources.templates_dir() == ROOT / "report_templates"
    assert "workshop-demo" in resources.builtin_banks()
