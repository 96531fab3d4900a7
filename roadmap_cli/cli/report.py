"""``roadmap report``: a Markdown or single-file HTML gap report from an answers file."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.cli.console import err
from roadmap_cli.cli.options import BankOption, RulesOption, flag, language_option, output_option
from roadmap_cli.terminal import visible


class ReportFormat(str, enum.Enum):
    """The report formats."""

    html = "html"
    md = "md"


class ReportTheme(str, enum.Enum):
    """The looks of the HTML report."""

    standard = "standard"
    high_contrast = "high-contrast"


def report_command(
    answers: Annotated[Path, typer.Argument(help="The answers file to report on.")],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="html (one self-contained file) or md.")
    ] = ReportFormat.html,
    output: Annotated[
        str | None,
        output_option(
            "Where to write (default: NAME.report.html|md next to the answers; - for stdout)."
        ),
    ] = None,
    rules: RulesOption = None,
    bank: BankOption = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir", metavar="DIR", help="Folder of templates that replace built-in parts."
        ),
    ] = None,
    language: Annotated[
        str | None, language_option("Report language (default: the answers').")
    ] = None,
    timestamp: Annotated[
        bool, flag("--timestamp", "Print the generation time on the cover.")
    ] = False,
    theme: Annotated[
        ReportTheme,
        typer.Option(
            "--theme",
            help="HTML look: standard, or high-contrast (projectors, bright rooms).",
        ),
    ] = ReportTheme.standard,
    open_after: Annotated[
        bool, flag("--open", "Open the report in the default program afterwards.")
    ] = False,
) -> None:
    """Write a gap report: where the country stands, and what to do first."""
    from roadmap_cli.answers.model import now
    from roadmap_cli.files import write_atomic
    from roadmap_cli.report.build import build_report, default_output

    text = build_report(
        answers,
        fmt.value,
        rules=rules,
        bank_ref=bank,
        template_dir=template_dir,
        language=language,
        generated=now() if timestamp else None,
        theme=theme.value,
        warn=lambda line: err().print(visible(f"roadmap: {line}"), markup=False),
    )
    if output == "-":
        sys.stdout.write(text)
        return
    target = Path(output) if output else default_output(answers, fmt.value)
    write_atomic(target, text)
    err().print(f"Wrote {target}", style="ok", markup=False)
    if open_after:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())
