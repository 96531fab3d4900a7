"""Options that several commands share, declared once so they read the same everywhere."""

from __future__ import annotations

from typing import Annotated

import typer

RulesOption = Annotated[
    str | None,
    typer.Option("--rules", "-r", help="Rule name, rules profile (.yaml) or rule file (.py)."),
]
BankOption = Annotated[
    str | None,
    typer.Option("--bank", "-b", help="Bank to use (default: the one the answers file names)."),
]
