"""``roadmap aggregate``: many countries' answers files side by side (the regional view)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err, say_failures, say_processes
from roadmap_cli.cli.options import (
    AnswersFiles,
    BankOption,
    BomOption,
    JobsOption,
    RulesOption,
    output_option,
)


class Format(str, enum.Enum):
    """Output formats."""

    table = "table"
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"


_SUFFIXES = {".json": Format.json, ".csv": Format.csv, ".md": Format.md, ".html": Format.html}


def aggregate_command(
    inputs: AnswersFiles,
    rules: RulesOption = None,
    bank: BankOption = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all/--latest",
            help="--latest (default): the latest assessment of each country; --all: every "
            "assessment too, as each country's trend over time.",
        ),
    ] = False,
    format_: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default), md, html, csv or json; --output FILE.EXT picks by extension.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option("Write to this file (html needs it); - for the screen."),
    ] = None,
    jobs: JobsOption = 1,
    bom: BomOption = False,
) -> None:
    """The regional view: countries × categories (scores and bands), countries per band,
    the most frequent unmet minimum standards and red flags, and with --all each
    country's trend. By default the latest assessment of each country is used (by
    assessment.updated, then started, then file name); the others are listed as set aside.
    """
    from roadmap_cli.errors import UsageError
    from roadmap_cli.files import write_atomic
    from roadmap_cli.regional import outputs
    from roadmap_cli.regional.view import aggregate
    from roadmap_cli.scoring.batch import batch_gc
    from roadmap_cli.terminal import visible

    to_screen = output is not None and str(output) == "-"
    if to_screen:
        if format_ is None or format_ is Format.table:
            raise UsageError("--output - needs --format md, html, csv or json")
        output = None
    fmt = format_ or (
        _SUFFIXES.get(output.suffix.lower(), Format.table) if output else Format.table
    )
    if output is not None and fmt is Format.table:
        raise UsageError("--output needs --format md, html, csv or json")
    if fmt is Format.html and output is None and not to_screen:
        raise UsageError(
            "--format html needs --output FILE: a web page is written to a file, not the terminal"
        )
    if output is not None and output.is_dir():
        raise UsageError(f"--output {output} is a folder: give a file name, e.g. region.html")
    with batch_gc():
        regional = aggregate(inputs, rules, bank, jobs, everything)
    say_processes(regional.jobs, jobs)
    data = regional.data
    if data["countries"]:
        if fmt is Format.table:
            from roadmap_cli.cli.aggregate_view import print_regional

            print_regional(data)
        else:
            line_end = "\r\n" if output is not None else "\n"
            if fmt is Format.json:
                text = outputs.to_json(data)
            elif fmt is Format.csv:
                text = outputs.to_csv(data, line_end, bom)
            else:
                text = outputs.to_page(data, fmt.value)
            if output is not None:
                write_atomic(output, text)
            else:
                sys.stdout.write(text)
    if fmt is Format.csv:  # a CSV has no place for them: the notes go to standard error
        for note in data["notes"]:
            err().print(visible(f"roadmap: note: {note}"), markup=False, highlight=False)
    nothing = "roadmap: nothing to aggregate: no answers file could be scored"
    say_failures(regional.failed, regional.total, "" if data["countries"] else nothing)
