"""The sample assessments shipped with the tool (`roadmap examples`): describe and copy them.

They live in the package (see ``roadmap_cli.resources``) so that every command in the
README and the guides that names ``examples/…`` works after a plain wheel install, once
``roadmap examples --copy examples`` has put a copy where the user can see and edit it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.files import write_atomic
from roadmap_cli.resources import examples_dir
from roadmap_cli.yamlio import read_yaml


@dataclass(frozen=True)
class Example:
    """One shipped file: where it goes (relative, POSIX style) and what it is."""

    name: str  # e.g. "veloria-workshop.yaml" or "rules/donor-strict.yaml"
    kind: str  # "assessment" or "rules profile"
    country: str  # the assessment's country ('' for a rules profile)
    bank: str  # the bank id the assessment answers ('' for a rules profile)
    answers: int  # how many answers it holds (0 for a rules profile)


def shipped_files() -> list[tuple[str, Path]]:
    """Every shipped example file as (relative POSIX name, path), assessments first."""
    root = examples_dir()
    assessments = sorted(p for p in root.glob("*.yaml") if p.is_file())
    profiles = sorted(p for p in root.glob("rules/*.yaml") if p.is_file())
    return [(p.relative_to(root).as_posix(), p) for p in [*assessments, *profiles]]


def list_examples() -> list[Example]:
    """The shipped sample assessments and rules profiles, described from their contents."""
    found: list[Example] = []
    for name, path in shipped_files():
        data = read_yaml(path, what="example").data
        if name.startswith("rules/"):
            found.append(Example(name, "rules profile", "", "", 0))
            continue
        data = data if isinstance(data, dict) else {}
        assessment = data.get("assessment") or {}
        bank = data.get("bank") or {}
        answers = data.get("answers") or {}
        found.append(
            Example(
                name,
                "assessment",
                str(assessment.get("country", "")),
                str(bank.get("id", "")),
                len(answers) if isinstance(answers, dict) else 0,
            )
        )
    return found


def copy_examples(dest: Path) -> list[Path]:
    """Copy every shipped example into ``dest`` (created if missing); the files written.

    A file already there with the same content is left alone; one with other content
    stops the copy before anything is written, so a user's edited example is never lost.
    """
    if dest.exists() and not dest.is_dir():
        raise RoadmapError(f"{display_path(dest)}: is a file; give a folder to copy into")
    plan: list[tuple[Path, str]] = []
    for name, source in shipped_files():
        target = dest.joinpath(*name.split("/"))
        text = source.read_text(encoding="utf-8")
        if target.exists():
            if not target.is_file():
                raise RoadmapError(f"{display_path(target)}: is in the way (not a file)")
            if target.read_text(encoding="utf-8", errors="replace") != text:
                raise RoadmapError(
                    f"{display_path(target)}: already exists with other content; nothing copied",
                    "Copy to an empty folder, or move that file away first.",
                )
            continue
        plan.append((target, text))
    written: list[Path] = []
    for target, text in plan:
        write_atomic(target, text, make_folder=True)
        written.append(target)
    return written
