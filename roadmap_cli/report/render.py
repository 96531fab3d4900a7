"""Render a report context with the Jinja templates in ``report_templates/``.

Templates are found through a chain: the user's ``--template-dir`` first (any one part,
such as ``html/summary.html.j2``, can be replaced on its own), then the packaged
templates, which stay reachable as ``builtin/...`` for ``{% extends %}``.  A user's
templates render in Jinja's sandbox.  Undefined names are errors, HTML is autoescaped,
and every template error becomes one line naming the template and line.
"""

from __future__ import annotations

import contextlib
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.report.view import ReportContext
from roadmap_cli.resources import templates_dir
from roadmap_cli.terminal import visible

FORMATS = {"html": "html/report.html.j2", "md": "md/report.md.j2"}

# Characters Markdown may act on anywhere in a line; parentheses only matter after "]",
# which is escaped, so they stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(value: Any) -> str:
    """Text safe to put in Markdown: every character Markdown could act on is escaped."""
    text = "" if value is None else str(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # At the start of a line, "#", "-", "+" and "1." would begin a heading or a list.
    text = re.sub(r"(?m)^(\s*)([#+-])", r"\1\\\2", text)
    return re.sub(r"(?m)^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", text)


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: escaped, on one line."""
    return " ".join(md_escape(value).split())


def make_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment for reports (sandboxed when user templates are involved)."""
    packaged = jinja2.FileSystemLoader(str(templates_dir()), encoding="utf-8")
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.exists():
            raise RoadmapError(f"{display_path(template_dir)}: no such template folder")
        if not template_dir.is_dir():
            raise RoadmapError(
                f"{display_path(template_dir)}: is a file; --template-dir takes a folder"
            )
        loaders.append(_TextLoader(str(template_dir), encoding="utf-8"))
    loaders += [packaged, jinja2.PrefixLoader({"builtin": packaged})]
    environment_class = _LimitedSandbox if template_dir is not None else jinja2.Environment
    env = environment_class(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name) and str(name).endswith(".html.j2"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_visible,
    )
    env.filters["md"] = md_escape
    env.filters["cell"] = md_cell
    return env


def _visible(value: Any) -> Any:
    # Every value a template prints: control characters from files made visible (markup
    # the program built itself, such as the SVG charts, is left as it is).
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


# What a user's template may do: build at most this much text, loop at most this often.
MAX_TEXT = 20_000_000
MAX_LOOP_STEPS = 1_000_000


class _LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with bounds on loops and on text built by repetition.

    A template from another team must not hang the program (nested ranges) or fill the
    memory (a string multiplied a billion times); past a bound it is one clear error.
    """

    intercepted_binops = frozenset({"*"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps = 0
        self.globals["range"] = self._range

    def _range(self, *args: int) -> range:
        steps = range(*args)
        self.steps += len(steps)
        if self.steps > MAX_LOOP_STEPS:
            raise SecurityError(f"the template loops more than {MAX_LOOP_STEPS:,} times")
        return steps

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``left operator right``, refusing repetition that would build too much text."""
        counts = [x for x in (left, right) if isinstance(x, int)]
        sized = [x for x in (left, right) if isinstance(x, (str, list, tuple))]
        if counts and sized and counts[0] * len(sized[0]) > MAX_TEXT:
            raise SecurityError("the template repeats text beyond the size a report may have")
        return super().call_binop(context, operator, left, right)


class _TextLoader(jinja2.FileSystemLoader):
    """Loads a user's templates; one that is not UTF-8 text is an error naming that file."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            path = Path(self.searchpath[0]) / template
            raise RoadmapError(
                f"template {display_path(path)}: is not UTF-8 text",
                "Save the template as UTF-8 in your editor.",
            ) from None


def render(context: ReportContext, fmt: str, template_dir: Path | None = None) -> str:
    """The report text in ``fmt`` ('html' or 'md')."""
    return render_template(FORMATS[fmt], context.variables(), template_dir)


def render_template(
    name: str, variables: Mapping[str, Any], template_dir: Path | None = None
) -> str:
    """The text of template ``name`` (e.g. ``html/compare.html.j2``) given ``variables``.

    Every page the tool renders (the report, compare, aggregate) comes through here, so
    they share the template chain, the sandbox for a user's templates and the one-line
    errors.
    """
    env = make_environment(template_dir)
    try:
        with _memory_bound(template_dir is not None):
            text = env.get_template(name).render(variables)
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or error.name or name
        raise RoadmapError(
            f"template {_shown(where)}, line {error.lineno}: {error.message}",
            "Fix the template (see docs/reports.md for the names it may use).",
        ) from None
    except jinja2.TemplateNotFound as error:
        raise RoadmapError(f"template not found: {error.name}") from None
    except RoadmapError:
        raise
    except RecursionError:
        raise RoadmapError(
            f"template {name}: a template includes or extends itself, directly or through another",
            "Fix the template (see docs/reports.md).",
        ) from None
    except MemoryError:
        raise RoadmapError(
            f"template {name}: rendering it needs more memory than a report may use",
            "Fix the template (see docs/reports.md).",
        ) from None
    except (
        jinja2.TemplateError,
        TypeError,
        ValueError,
        AttributeError,
        ArithmeticError,
        LookupError,
    ) as error:
        template, line = _template_frame(error)
        message = getattr(error, "message", None) or str(error)
        raise RoadmapError(
            f"template {template}, line {line}: {message}",
            "Fix the template (see docs/reports.md for the names it may use).",
        ) from None
    return text.rstrip("\n") + "\n"


# How much more memory a user's template may take while it renders (Linux only).
TEMPLATE_MEMORY = 2 * 1024**3


@contextlib.contextmanager
def _memory_bound(active: bool) -> Iterator[None]:
    """Bound the memory a user's template can claim, where the system lets us (Linux).

    Text doubled in a loop (``ns.s ~ ns.s``) grows past any size check before one can
    run; with the process's address space capped, it ends in a MemoryError instead.
    """
    if not active or not sys.platform.startswith("linux"):
        yield
        return
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # noqa: PTH123
            in_use = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = in_use + TEMPLATE_MEMORY
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _shown(filename: str) -> str:
    return display_path(Path(filename)) if Path(filename).exists() else filename


def _template_frame(error: BaseException) -> tuple[str, int | str]:
    # Jinja rewrites tracebacks so that template frames carry the template file and line.
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return _shown(frame.filename), frame.lineno or "?"
    return "?", "?"
