"""Options that several commands share, declared once so they read the same everywhere."""

from __future__ import annotations

from typing import Annotated, Any

import typer

RulesOption = Annotated[
    str | None,
    typer.Option(
        "--rules",
        "-r",
        metavar="RULES",
        help="Rule name, rules profile (.yaml), or rule file (.py: it runs as Python "
        "code, so use only files you trust).",
    ),
]
BankOption = Annotated[
    str | None,
    typer.Option(
        "--bank",
        "-b",
        metavar="BANK",
        help="Bank to use: an id or a folder, with @VERSION for a version "
        "(default: the bank and version the answers file names).",
    ),
]


def flag(name: str, help_text: str) -> Any:
    """An on/off option: ``name`` turns it on (declared ``= False``)."""
    return typer.Option(name, help=help_text)


def files_argument(help_text: str) -> Any:
    """The ``FILE|DIR|GLOB`` argument of the commands that read many answers files."""
    return typer.Argument(metavar="FILE|DIR|GLOB", help=help_text)


def output_option(help_text: str, metavar: str = "FILE") -> Any:
    """``--output`` / ``-o``: where a command writes."""
    return typer.Option("--output", "-o", metavar=metavar, help=help_text)


def language_option(help_text: str) -> Any:
    """``--language`` / ``-l``: the language to show a bank or report in."""
    return typer.Option("--language", "-l", metavar="LANG", help=help_text)


AnswersFiles = Annotated[
    list[str],
    files_argument("Answers files, folders (their *.yaml) or glob patterns."),
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Score in this many processes.")
]
BomOption = Annotated[
    bool, typer.Option("--bom", help="CSV: start with a UTF-8 BOM so Excel reads accents.")
]
