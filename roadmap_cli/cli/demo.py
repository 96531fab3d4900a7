"""``roadmap demo``: set up a workshop folder and say what to run next."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err, out

DEFAULT_FOLDER = Path("roadmap-workshop")


def demo_command(
    folder: Annotated[
        Path,
        typer.Argument(help="A new or empty folder (or one made by an earlier demo)."),
    ] = DEFAULT_FOLDER,
) -> None:
    """Set up a workshop folder: sample assessments, their reports, a printable handout."""
    from roadmap_cli.demo import build_demo
    from roadmap_cli.errors import display_path

    made = build_demo(folder)
    shown = display_path(made.folder)
    err().print(
        f"Wrote {len(made.written)} files to {shown}: examples/ (samples and their "
        "reports), docs/, handout.md, handout.html",
        style="ok",
        markup=False,
    )
    out().print("Next, run:", style="title")
    for command in made.commands:
        out().print(f"  {command}", markup=False, soft_wrap=True)
