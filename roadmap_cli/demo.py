"""``roadmap demo``: a workshop folder in one step, offline, and nothing outside it.

The folder gets the sample assessments (``examples/``), their HTML gap reports next to
them (made by the same function as ``roadmap report``), the guides (``docs/``), and a
one-page handout (``handout.md``, ``handout.html``). A marker file says the folder was
made here, so running the command again on it refreshes those files; any other non-empty
folder is refused, because overwriting someone's files is never what a trainer wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roadmap_cli import __version__
from roadmap_cli.bank.store import load_bank
from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.files import write_atomic
from roadmap_cli.handout import HandoutCategory, handout_html, handout_markdown
from roadmap_cli.report.build import build_report, default_output
from roadmap_cli.resources import docs_dir
from roadmap_cli.samples import shipped_files
from roadmap_cli.terminal import shell_word
from roadmap_cli.text import localize

MARKER = ".roadmap-demo"
MARKER_TEXT = (
    "This folder was made by `roadmap demo` (roadmap-cli {version}).\n"
    "Running `roadmap demo` on it again rewrites the examples, reports, guides and handout\n"
    "it made; files you added (such as my-country.yaml) are left alone.\n"
)
# The sample whose report the trainer opens first: part-way there, so it has gaps to show.
SHOWCASE = "veloria-workshop.yaml"
# The answers file the room fills in during the live interview.
LIVE_ANSWERS = "my-country.yaml"


@dataclass(frozen=True)
class DemoFolder:
    """What ``build_demo`` made: the folder, the files written, the commands to run next."""

    folder: Path
    written: list[Path]
    commands: list[str]


def next_commands(folder: Path) -> list[str]:
    """The three commands a trainer runs next, with paths as the user wrote ``folder``."""
    examples = folder / "examples"
    return [
        f"roadmap score {shell_word(str(examples))}",
        f"roadmap report {shell_word(str(examples / SHOWCASE))} --open",
        f"roadmap assess {shell_word(str(folder / LIVE_ANSWERS))} --bank workshop-demo",
    ]


def _check_folder(folder: Path) -> None:
    shown = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise RoadmapError(f"{shown}: is a file; give a new or empty folder for the demo")
    if folder.is_dir() and not (folder / MARKER).is_file():
        try:
            used = any(folder.iterdir())
        except OSError as err:
            raise RoadmapError(f"{shown}: cannot read the folder: {err.strerror or err}") from None
        if used:
            raise RoadmapError(
                f"{shown}: the folder is not empty and was not made by 'roadmap demo'; "
                "nothing written",
                "Give a new or empty folder, e.g. 'roadmap demo workshop'.",
            )


def _inside(folder: Path, targets: list[Path]) -> None:
    # A link inside an earlier demo folder could point anywhere; refuse before writing.
    root = folder.resolve()
    for target in targets:
        if not target.resolve().is_relative_to(root):
            raise RoadmapError(
                f"{display_path(target)}: leads outside {display_path(folder)} "
                "(through a link); nothing written",
                "Give a new or empty folder for the demo.",
            )


def _categories() -> list[HandoutCategory]:
    bank = load_bank("workshop-demo").bank
    language = bank.default_language
    return [
        HandoutCategory(
            category.id,
            localize(category.title, language),
            localize(category.summary, language),
        )
        for category in bank.categories
    ]


def build_demo(folder: Path) -> DemoFolder:
    """Set up the workshop folder ``folder``; raise RoadmapError if it may not be used."""
    _check_folder(folder)
    examples = [(folder / "examples").joinpath(*name.split("/")) for name, _ in shipped_files()]
    samples = [
        folder / "examples" / name for name, _ in shipped_files() if not name.startswith("rules/")
    ]
    reports = [default_output(sample, "html") for sample in samples]
    guides = sorted(docs_dir().glob("*.md"))
    docs = [folder / "docs" / guide.name for guide in guides]
    handouts = [folder / "handout.md", folder / "handout.html"]
    _inside(folder, [folder / MARKER, *examples, *reports, *docs, *handouts])

    written: list[Path] = []

    def write(target: Path, text: str) -> None:
        write_atomic(target, text, make_folder=True)
        written.append(target)

    # The marker first: if anything below fails, running the command again may reuse it.
    write(folder / MARKER, MARKER_TEXT.format(version=__version__))
    for target, (_, source) in zip(examples, shipped_files(), strict=True):
        write(target, source.read_text(encoding="utf-8"))
    for sample, report in zip(samples, reports, strict=True):
        write(report, build_report(sample, "html"))
    for guide, target in zip(guides, docs, strict=True):
        write(target, guide.read_text(encoding="utf-8"))
    commands = next_commands(folder)
    categories = _categories()
    answers = shell_word(str(folder / LIVE_ANSWERS))
    write(handouts[0], handout_markdown(categories, commands, answers))
    write(handouts[1], handout_html(categories, commands, answers))
    return DemoFolder(folder, written, commands)
