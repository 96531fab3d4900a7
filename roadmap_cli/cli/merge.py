"""``roadmap merge``: several agencies' answers for one country, combined into one file."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_cli.cli.console import err
from roadmap_cli.cli.options import output_option
from roadmap_cli.terminal import shell_word, visible

if TYPE_CHECKING:
    from roadmap_cli.merging import Merged


class Format(str, enum.Enum):
    """How the merge summary is printed."""

    text = "text"
    json = "json"


def merge_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="The answers files to merge (two or more)."),
    ],
    output: Annotated[
        Path,
        output_option("The merged answers file to write (must not exist)."),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")] = False,
    format_: Annotated[
        Format, typer.Option("--format", "-f", help="The summary as text (default) or json.")
    ] = Format.text,
) -> None:
    """Combine several agencies' answers files for one country into one.

    Answers to different questions are merged; the same answer from several files is kept
    once (notes and evidence combined). A question answered differently is a conflict:
    left unanswered, every version kept under 'conflicts:' in the output, never chosen
    for you. Choose with: roadmap assess OUTPUT --conflicts.
    """
    from roadmap_cli.merging import merge_files, summary, write_merged
    from roadmap_cli.scoring.export import pretty_json

    merged = merge_files(inputs)
    write_merged(merged, output, force=force)
    data = summary(merged, output)
    if format_ is Format.json:
        typer.echo(pretty_json(data), nl=False)
    else:
        typer.echo(visible("\n".join(_lines(data, merged))))
    err().print(visible(f"Wrote {data['output']}"), style="ok", markup=False)
    if data["conflicts"]:
        err().print(
            visible(
                "Choose the answers in conflict with: "
                f"roadmap assess {shell_word(data['output'])} --conflicts"
            ),
            markup=False,
        )


def _lines(data: dict[str, Any], merged: Merged) -> list[str]:
    """The summary as lines: what was merged, then each conflict with every version, told
    as ``roadmap assess --conflicts`` will tell it."""
    from roadmap_cli.interview.conflicts import version_lines, version_views

    files = data["files"]
    conflicts = merged.answers.conflicts
    lines = [
        f"Merged {len(files)} files for {data['country']} ({data['bank']['id']} "
        f"{data['bank']['version']}) into {data['output']}: {data['answers']} answers, "
        f"{len(data['combined'])} given alike by several files, "
        f"{len(conflicts)} conflict{'s' * (len(conflicts) != 1)} left unanswered."
    ]
    for item in files:
        who = ", ".join(x for x in (item["organisation"], item["assessor"]) if x)
        lines.append(f"  {item['file']}: {item['answers']} answers" + (f" ({who})" if who else ""))
    language = merged.answers.assessment.language or merged.bank.default_language
    for qid, versions in conflicts.items():
        lines.append(f"Conflict at {qid}:")
        views = version_views(merged.bank, qid, versions, language)
        lines += [f"  {line}" for n, view in enumerate(views, 1) for line in version_lines(n, view)]
    return lines
