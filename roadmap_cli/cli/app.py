"""The ``roadmap`` Typer application: global options and the command groups.

Command modules import the core lazily, inside each command, so that ``roadmap --help``
and ``roadmap --version`` stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli import __version__
from roadmap_cli.cli import (
    aggregate,
    assess,
    banks,
    compare,
    demo,
    examples,
    merge,
    migrate,
    report,
    rules,
    schema,
    score,
    validate,
)

app = typer.Typer(
    name="roadmap",
    help=(
        "Offline self-assessment of national counter-trafficking laws, plans and programmes.\n\n"
        "Answer a question bank in a guided interview (assess), check answers files "
        "(validate), score them under the rules you choose (score, rules), write a gap report "
        "(report), see what changed between two assessments (compare), see many countries "
        "side by side (aggregate), combine several agencies' answers for one country "
        "(merge), move answers to a newer bank version (migrate), and see the question banks "
        "(banks). Trainers set up a workshop folder with demo (examples lists the samples). "
        "Nothing you enter ever leaves this computer."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"roadmap-cli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Offline self-assessment of national counter-trafficking policy."""


app.command("assess")(assess.assess_command)
app.command("validate")(validate.validate_command)
app.command("score")(score.score_command)
app.command("report")(report.report_command)
app.command("compare")(compare.compare_command)
app.command("aggregate")(aggregate.aggregate_command)
app.command("merge")(merge.merge_command)
app.command("migrate")(migrate.migrate_command)
app.add_typer(rules.app, name="rules")
app.add_typer(banks.app, name="banks")
app.command("examples")(examples.examples_command)
app.command("demo")(demo.demo_command)
app.command("schema")(schema.schema_command)
