"""The one place that reads and writes YAML.

Reading is safe (PyYAML's safe constructors, the C parser where present), bounded (file
size, nesting depth, alias expansion) and keeps the line and column of every value so
that validation errors can point at ``FILE:LINE:COL``.  Scalars resolve as in YAML 1.2's
core schema: only ``true``/``false`` are booleans and dates stay strings, so a human who
types ``answer: yes`` or ``started: 2026-11-28`` gets what they typed.

Writing quotes every string that any common YAML reader (1.1 or 1.2) would turn into
another type, and replaces files atomically so that a crash never leaves half a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from roadmap_cli.errors import FileProblems, Problem, RoadmapError, display_path, file_error

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 1_000_000
MAX_ALIAS_EXPANSION = 100_000
# Text that aliases repeat: one long string named a thousand times would be a thousand
# copies in a report. Counted only for long strings, so short ones cost nothing.
LONG_TEXT = 1_000
MAX_ALIASED_TEXT = 2_000_000

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_KEY_TAGS = frozenset({_INT, _FLOAT, _BOOL, _NULL})
_TEXT_KEY_TAGS = _PLAIN_KEY_TAGS | {_STR}  # keys with these tags are kept as written
_ScalarNode = yaml.ScalarNode  # looked up for every value: a module global is quicker

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_CORE_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_CORE_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_CORE_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_CORE_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class _CoreLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader whose implicit types are YAML 1.2 core only.

    Tag resolution runs in Python for every scalar even with the C parser, and answers
    files repeat the same short scalars (keys, option keys) thousands of times, so the
    tag of a short plain scalar is remembered.  We use no path resolvers.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR  # a quoted scalar is text
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= _CACHE_LENGTH and len(_RESOLVED) < _CACHE_SIZE:
                    _RESOLVED[value] = tag
            return tag
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """No path resolvers: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track."""


_CACHE_LENGTH = 40
_CACHE_SIZE = 20_000
_RESOLVED: dict[str, str] = {}


_CoreLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    (_BOOL, _CORE_BOOL, "tTfF"),
    (_NULL, _CORE_NULL, ["~", "n", "N", ""]),
    (_INT, _CORE_INT, "-+0123456789"),
    (_FLOAT, _CORE_FLOAT, "-+0123456789."),
):
    _CoreLoader.add_implicit_resolver(_tag, _regexp, list(_first))


@dataclass
class Document:
    """A parsed YAML file: its data, where each value came from, and soft problems.

    Line marks are looked up in the node tree only when a message needs one, so that
    reading a valid file (the common case, a thousand times over in a batch) costs no
    more than building its data.
    """

    file: str
    data: Any
    node: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    # Each mapping's keys indexed on first lookup: a file with thousands of problems in
    # one mapping must not scan it once per message.
    _keys: dict[int, dict[str, yaml.Node]] = field(default_factory=dict, repr=False)

    def mark(self, path: Path_) -> Mark:
        """Line and column of the value at ``path``, or of its nearest known parent."""
        node = self.node_at(path)
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def node_at(self, path: Path_) -> yaml.Node | None:
        """The node of the value at ``path``, or of its nearest parent present in the file."""
        node = self.node
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            node = child
        return node

    def _child(self, node: yaml.Node | None, part: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key, value in node.value:
                    # The first of duplicate keys, as in the data.
                    if isinstance(key, yaml.ScalarNode):
                        keys.setdefault(key.value, value)
            return keys.get(str(part))
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            return node.value[part] if 0 <= part < len(node.value) else None
        return None

    def sub(self, path: Path_, data: Any) -> Document:
        """A document for ``data``, found at ``path`` here: its marks are re-rooted there."""
        return Document(self.file, data, self.node_at(path))

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        """A Problem located at the value at ``path`` in this document."""
        line, column = self.mark(path)
        return Problem(self.file, line, column, severity, message)


def _fail(file: str, line: int, column: int, message: str, hint: str | None = None) -> FileProblems:
    return FileProblems([Problem(file, line, column, "error", message)], hint)


def read_yaml(path: Path, *, what: str = "file") -> Document:
    """Read one YAML document from ``path`` with line marks; raise FileProblems if unusable."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(
                shown,
                1,
                1,
                f"{what} is too large ({size / 1_048_576:.1f} MB; the limit is "
                f"{MAX_FILE_BYTES / 1_048_576:.0f} MB)",
                "Check that this is the right file.",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RoadmapError(f"{shown}: no such file", "Check the path and try again.") from None
    except IsADirectoryError:
        raise RoadmapError(f"{shown}: is a folder; give the path of a file") from None
    except OSError as err:
        raise file_error(shown, err, "read", "Check that you may read this file.") from None
    return parse_yaml(raw, shown, what=what)


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of ``offset`` in ``text`` (characters, or bytes)."""
    newline: Any = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, offset) + 1, offset - (text.rfind(newline, 0, offset) + 1) + 1


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _line_column(raw, err.start)
        raise _fail(
            shown,
            line,
            column,
            f"not UTF-8 text (byte 0x{raw[err.start]:02x})",
            "Save the file as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8).",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise _fail(shown, _line_column(text, nul)[0], 1, "this is a binary file, not YAML text")
    return text


def parse_yaml(raw: bytes, shown: str, *, what: str = "file") -> Document:
    """Parse YAML bytes (already read) into a Document; ``shown`` names it in messages."""
    text = _decode(raw, shown)
    loader = _CoreLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise _yaml_error(err, text, shown) from None
    except yaml.YAMLError as err:
        raise _reader_error(err, text, shown) from None
    except RecursionError:
        raise _fail(shown, 1, 1, f"nesting is too deep (more than {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    if node is None:
        raise _fail(shown, 1, 1, f"{what} is empty", "Expected a YAML mapping of keys to values.")
    # Without an anchor ("&") there can be no alias, so alias checks can be skipped.
    builder = _Builder(shown, loader, aliases="&" in text)
    data = builder.build(node, 0)
    return Document(shown, data, node, builder.problems)


def _yaml_error(err: yaml.MarkedYAMLError, text: str, shown: str) -> FileProblems:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (err.problem or "invalid YAML").strip()
    context = (err.context or "").strip()
    hint = None
    lines = text.splitlines()
    here = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if here == "\t" or "'\\t'" in problem:
        problem = "a tab character is used for indentation"
        hint = "YAML indents with spaces only: replace the tabs with spaces."
    elif "another document" in problem:
        problem = "more than one YAML document in the file"
        hint = (
            "A file holds one document: remove the '---' line and what follows, or split the file."
        )
    elif context and context not in problem:
        problem = f"{problem} ({context})"
    return _fail(shown, line, column, f"YAML syntax error: {problem}", hint)


def _reader_error(err: yaml.YAMLError, text: str, shown: str) -> FileProblems:
    position = getattr(err, "position", None)
    line = column = 1
    what = "a character"
    if isinstance(position, int):
        line, column = _line_column(text, position)
        if position < len(text):
            what = f"the control character U+{ord(text[position]):04X}"
    return _fail(shown, line, column, f"contains {what}, which YAML text does not allow")


class _Builder:
    """Turns a composed node tree into plain Python data, within the limits.

    Runs for every value of every file in a batch, so the common case (a plain text
    value under a text key) takes the shortest path.
    """

    def __init__(self, shown: str, loader: yaml.SafeLoader, aliases: bool = True) -> None:
        self.shown = shown
        self.aliases = aliases
        self.loader = loader
        self.problems: list[Problem] = []
        self.values = 0
        self.seen: set[int] = set()
        self.expanded = 0
        self.active: set[int] = set()
        self.long_seen: set[int] = set()
        self.aliased_text = 0

    def _error(self, node: yaml.Node, message: str, hint: str | None = None) -> FileProblems:
        return _fail(
            self.shown, node.start_mark.line + 1, node.start_mark.column + 1, message, hint
        )

    def build(self, node: yaml.Node, depth: int) -> Any:
        if type(node) is _ScalarNode:
            if len(node.value) > LONG_TEXT:
                self._long_text(node)
            return self._scalar(node)
        # Values are counted a collection at a time, not one by one.
        self.values += 1 + len(node.value)
        if self.values > MAX_NODES:
            raise self._error(node, f"too many values (more than {MAX_NODES:,})")
        if depth > MAX_DEPTH:
            raise self._error(node, f"nesting is too deep (more than {MAX_DEPTH} levels)")
        if node.tag not in (_SEQ, _MAP):
            raise self._error(
                node,
                f"unsupported YAML tag {_short(node.tag)}",
                "Remove the tag: plain values only.",
            )
        if not self.aliases:
            return self._children(node, depth)
        key = id(node)
        if key in self.active:
            raise self._error(node, "a YAML alias refers to itself")
        if key in self.seen:
            self.expanded += 1 + len(node.value)
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise self._error(
                    node,
                    "YAML aliases expand to too many values (an alias bomb?)",
                    "Write the values out instead of using anchors and aliases.",
                )
        self.seen.add(key)
        self.active.add(key)
        try:
            return self._children(node, depth)
        finally:
            self.active.discard(key)

    def _children(self, node: yaml.Node, depth: int) -> Any:
        if type(node) is yaml.SequenceNode:
            return [self.build(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _mapping(self, node: yaml.Node, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode:
                raise self._error(key_node, "a key must be plain text, not a list or mapping")
            # As _key, written out: this runs for every key of every file.
            key = key_node.value if key_node.tag in _TEXT_KEY_TAGS else self._scalar(key_node)
            if key in result:
                self._duplicate(node, key_node, key)
            elif type(value_node) is _ScalarNode and value_node.tag == _STR:
                if len(value_node.value) > LONG_TEXT:
                    self._long_text(value_node)
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth + 1)
        return result

    def _long_text(self, node: yaml.ScalarNode) -> None:
        """Count a long string each time an alias repeats it."""
        key = id(node)
        if key not in self.long_seen:
            self.long_seen.add(key)
            return
        self.aliased_text += len(node.value)
        if self.aliased_text > MAX_ALIASED_TEXT:
            raise self._error(
                node,
                "YAML aliases repeat too much text (an alias bomb?)",
                "Write the values out instead of using anchors and aliases.",
            )

    def _duplicate(self, node: yaml.Node, key_node: yaml.ScalarNode, key: Any) -> None:
        first = next(k for k, _ in node.value if self._key(k) == key)
        self.problems.append(
            Problem(
                self.shown,
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
                "error",
                f"duplicate key '{key}' (first given on line {first.start_mark.line + 1})",
            )
        )

    def _key(self, key_node: yaml.ScalarNode) -> Any:
        # Ids such as 2025 or 1.10 are names, not numbers: such keys stay as written.
        return key_node.value if key_node.tag in _TEXT_KEY_TAGS else self._scalar(key_node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        # Plain scalars only get these tags when they match; an explicit tag (!!int x) may not.
        try:
            if tag == _INT:
                if value.startswith("0o"):
                    return int(value[2:], 8)
                return int(value, 16) if value.startswith("0x") else int(value)
            if tag == _FLOAT:
                lowered = value.lower()
                if lowered.endswith(".inf"):
                    return float("-inf") if value.startswith("-") else float("inf")
                return float("nan") if lowered == ".nan" else float(value)
        except ValueError:
            raise self._error(
                node, f"'{_clip(value)}' is not a valid {_short(tag)}", "Remove the tag."
            ) from None
        if tag == _BOOL:
            if _CORE_BOOL.match(value) is None:
                raise self._error(
                    node, f"'{_clip(value)}' is not a valid {_short(tag)}", "Remove the tag."
                )
            return value.lower() == "true"
        if tag == _NULL:
            return None
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise self._error(
                node, f"unsupported YAML tag {_short(tag)}", "Remove the tag: plain values only."
            ) from err


def _clip(text: str, limit: int = 40) -> str:
    """Text from a file as quoted in a message: never more than ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(tag: str) -> str:
    """A tag as written in YAML: !!int, not tag:yaml.org,2002:int."""
    return tag.replace("tag:yaml.org,2002:", "!!")


# --- writing -------------------------------------------------------------------------


class QuotingDumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Safe dumper that also quotes strings a YAML 1.2 reader would take for numbers."""


for _tag, _regexp, _first in (
    (_INT, _CORE_INT, "-+0123456789"),
    (_FLOAT, _CORE_FLOAT, "-+0123456789."),
):
    QuotingDumper.add_implicit_resolver(_tag, _regexp, list(_first))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar(_STR, value, style="|")
    return dumper.represent_scalar(_STR, value)


QuotingDumper.add_representer(str, _represent_str)


# Where written lines fold; answers.emit folds at the same column so its text stays
# dump_yaml's, byte for byte.
WIDTH = 88


def dump_yaml(data: Any) -> str:
    """YAML text for ``data``: keys in the given order, unicode kept, ambiguous strings quoted."""
    text: str = yaml.dump(
        data,
        Dumper=QuotingDumper,
        sort_keys=False,
        allow_unicode=True,
        width=WIDTH,
        default_flow_style=False,
    )
    return text
