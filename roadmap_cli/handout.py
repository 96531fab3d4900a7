"""The one-page workshop handout, in Markdown and as one self-contained HTML page.

It says what the tool does, names the four categories (taken from the ``workshop-demo``
bank, so it never disagrees with what the room is shown), lists the steps and the
commands to type. Text that comes from a bank file is escaped for each format; the HTML
carries the same Content-Security-Policy as the gap report, so it fetches nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from roadmap_cli import __version__
from roadmap_cli.report.render import md_cell, md_escape


@dataclass(frozen=True)
class HandoutCategory:
    """One category as the handout shows it."""

    id: str
    title: str
    summary: str


# The steps of an assessment, each with the command that does it ({answers} is filled in).
STEPS = [
    (
        "Answer",
        "roadmap assess {answers} --bank workshop-demo",
        "a guided interview; every answer is saved at once",
    ),
    ("Check", "roadmap validate {answers}", "finds mistakes in a hand-edited file, with the line"),
    ("Score", "roadmap score {answers}", "scores and maturity bands per category"),
    ("Report", "roadmap report {answers}", "the gap report: where you stand, what to do first"),
]

# What the demo folder holds, for the trainer who opens it later.
IN_THIS_FOLDER = [
    ("examples/", "the sample assessments, each with its HTML gap report beside it"),
    ("docs/", "the guides: scoring rules, reports, writing a question bank"),
    ("handout.md, handout.html", "this page"),
]

WHAT_IT_DOES = (
    "roadmap-cli lets a government assess its own counter-trafficking laws, plans and "
    "programmes against international and regional standards, and produces a gap report "
    "that says where it stands and what to do first. It runs offline: nothing you enter "
    "ever leaves the computer."
)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

STYLE = """
body { margin: 0; color: #111; background: #fff; font-family: "Segoe UI", "Noto Sans",
  "Helvetica Neue", Arial, sans-serif; font-size: 11pt; line-height: 1.4; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.15rem; margin: 1rem 0 0.3rem; border-bottom: 1px solid #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.4rem;
  border-bottom: 1px solid #bbb; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 0.95em; }
ol, ul { margin: 0.2rem 0; padding-left: 1.4rem; }
footer { margin-top: 1rem; font-size: 0.9rem; }
@media print {
  @page { size: A4; margin: 12mm 14mm; }
  body { font-size: 10pt; }
  main { padding: 0; max-width: none; }
  h2 { margin-top: 0.7rem; }
  h2, table, ol, ul { break-inside: avoid; }
}
"""


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def handout_markdown(categories: list[HandoutCategory], commands: list[str], answers: str) -> str:
    """The handout as GitHub-flavoured Markdown."""
    lines = ["# roadmap-cli — workshop handout", "", WHAT_IT_DOES, "", "## The four categories", ""]
    lines += ["| | category | what it asks |", "|---|---|---|"]
    for category in categories:
        lines.append(
            f"| {md_cell(category.id)} | **{md_cell(category.title)}** "
            f"| {md_cell(category.summary)} |"
        )
    lines += ["", "## The steps", ""]
    for number, (name, command, what) in enumerate(STEPS, start=1):
        lines.append(f"{number}. **{name}**: {_code(command.format(answers=answers))} — {what}")
    lines += ["", "## In this folder", ""]
    lines += [f"- {_code(name)}: {what}" for name, what in IN_THIS_FOLDER]
    lines += ["", "## Try it now", ""]
    lines += [f"    {command}" for command in commands]
    lines += [
        "",
        "Add `--plain` to `roadmap assess` for numbered prompts (screen readers, piped input). "
        "`roadmap --help` lists every command.",
        "",
        f"*roadmap-cli {md_escape(__version__)} — Apache License 2.0*",
        "",
    ]
    return "\n".join(lines)


def handout_html(categories: list[HandoutCategory], commands: list[str], answers: str) -> str:
    """The handout as one self-contained HTML page that prints on one A4 sheet."""
    esc = html.escape
    rows = "\n".join(
        f'<tr><td>{esc(c.id)}</td><th scope="row">{esc(c.title)}</th><td>{esc(c.summary)}</td></tr>'
        for c in categories
    )
    steps = "\n".join(
        f"<li><strong>{esc(name)}</strong>: <code>{esc(command.format(answers=answers))}</code>"
        f" — {esc(what)}</li>"
        for name, command, what in STEPS
    )
    folder = "\n".join(
        f"<li><code>{esc(name)}</code>: {esc(what)}</li>" for name, what in IN_THIS_FOLDER
    )
    tries = "\n".join(f"<li><code>{esc(command)}</code></li>" for command in commands)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="roadmap-cli {esc(__version__)}">
<title>roadmap-cli — workshop handout</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>roadmap-cli — workshop handout</h1>
<p>{esc(WHAT_IT_DOES)}</p>
<h2>The four categories</h2>
<table>
<thead><tr><th scope="col"></th><th scope="col">category</th>\
<th scope="col">what it asks</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h2>The steps</h2>
<ol>
{steps}
</ol>
<h2>In this folder</h2>
<ul>
{folder}
</ul>
<h2>Try it now</h2>
<ol>
{tries}
</ol>
<p>Add <code>--plain</code> to <code>roadmap assess</code> for numbered prompts (screen \
readers, piped input). <code>roadmap --help</code> lists every command.</p>
<footer>roadmap-cli {esc(__version__)} — Apache License 2.0</footer>
</main>
</body>
</html>
"""
