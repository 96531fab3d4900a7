"""The text of an answers file, written without PyYAML's representer where it is not needed.

``roadmap migrate`` writes a thousand answers files in a batch, and PyYAML's representer
spent as long on each (7 ms for the full default bank on a quiet machine, 25 ms on a
busy one) as reading, checking and migrating it.  The answers format is fixed and
simple: block mappings of block mappings, lists of short strings, and scalars that are
mostly ids, option keys, times and one-line notes.  ``emit`` writes those directly and
asks PyYAML only for the entries it cannot write by rule (a colon, a line break, a long
line to fold, a float...), so its text is exactly ``dump_yaml``'s, byte for byte
(tests/test_answers_emit.py checks that with hostile strings), and every reader sees
what it saw before.
"""

from __future__ import annotations

import re
from typing import Any

from roadmap_cli.yamlio import WIDTH, QuotingDumper, dump_yaml

# PyYAML writes a key longer than this in the '? key' form.
_SIMPLE_KEY = 128
# Text PyYAML writes as it is (plain) unless a resolver would read it as another type:
# starts with a letter or digit; no indicator that matters in block style (a colon
# before a space or at the end, '#' after a space); no line break or control character;
# no space at the end; nothing beyond U+FFFF (libyaml writes those as escapes).
_PLAIN = re.compile(
    r"(?!.*[\U00010000-\U0010ffff])"
    r"[^\W_](?:[\w .,;()/'\"?!&*%+=@\[\]{}<>~^$|\\-]|:(?! )|(?<! )#)*(?<![ :])\Z"
)
# The implicit resolvers, by first character, that the writer quotes against.
_RESOLVERS: dict[Any, list[tuple[str, re.Pattern[str]]]] = QuotingDumper.yaml_implicit_resolvers


def emit(data: dict[str, Any]) -> str:
    """YAML text for ``data``, identical to ``yamlio.dump_yaml(data)``.

    One difference, on purpose: a list that appears twice in ``data`` (an answer copied
    to two questions) is written out twice, where PyYAML would write an anchor and an
    alias; a person reads both in full, and every reader gets the same data.
    """
    if not data:
        return dump_yaml(data)
    writer = _Writer()
    writer.mapping(data, ())
    # After a text kept with its final blank lines ('|+'), PyYAML ends the document.
    return "".join(writer.lines) + ("...\n" if writer.open_ended else "")


class _Writer:
    """The lines written so far, and whether the last block scalar left the text open."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.open_ended = False

    def mapping(self, data: dict[Any, Any], path: tuple[str, ...]) -> None:
        """Write the entries of ``data``, a mapping at ``path``."""
        lines = self.lines
        indent = "  " * len(path)
        for key, value in data.items():
            name = _text(key) if isinstance(key, str) and len(key) < _SIMPLE_KEY else None
            if name is None:
                self.by_pyyaml(path, key, value)
            elif isinstance(value, dict) and value:
                lines.append(f"{indent}{name}:\n")
                self.mapping(value, (*path, key))
            elif isinstance(value, list) and value:
                lines.append(f"{indent}{name}:\n")
                for item in value:
                    text = _scalar(item, len(indent) + 2)
                    if text is None:
                        self.by_pyyaml(path, key, [item], drop=1)
                    else:
                        lines.append(f"{indent}- {text}\n")
            else:
                text = _scalar(value, len(indent) + len(name) + 2)
                if text is None:
                    self.by_pyyaml(path, key, value)
                else:
                    lines.append(f"{indent}{name}: {text}\n")

    def by_pyyaml(self, path: tuple[str, ...], key: Any, value: Any, drop: int = 0) -> None:
        """Write ``key: value`` at ``path`` as dump_yaml writes it there.

        The entry is dumped inside as many one-letter mappings as it is deep, so that
        its indentation and the column its value starts at (which decide where a long
        line is folded) are the ones it has in the file; if the text is open-ended, a
        kept-blank-lines text goes first so that PyYAML is in the same state.  Those
        wrapper lines, and ``drop`` more (the key line, for one item of a list), are
        then dropped, and the end-of-document mark says whether the text is left open.
        """
        entry: dict[Any, Any] = {key: value}
        if self.open_ended:
            before = "p" if key != "p" else "q"
            entry = {before: "-\n\n", **entry}  # three lines: 'p: |+', '  -', ''
            drop += 3
        for _ in path:
            entry = {"a": entry}
        text = dump_yaml(entry)
        skip = 0
        for _ in range(len(path) + drop):
            skip = text.index("\n", skip) + 1
        self.open_ended = text.endswith("\n...\n")
        self.lines.append(text[skip : len(text) - 4] if self.open_ended else text[skip:])


def _scalar(value: Any, column: int) -> str | None:
    """``value`` as PyYAML writes it starting at ``column``, or None if not by rule."""
    if isinstance(value, str):
        text = _text(value)
        # A line that fits is never folded.
        return text if text is not None and column + len(text) <= WIDTH else None
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if value == []:
        return "[]"
    if value == {}:
        return "{}"
    return None


def _text(value: str) -> str | None:
    """``value`` as one line of YAML (plain, or quoted if a reader would misread it)."""
    if value in _KNOWN:
        return _KNOWN[value]
    text: str | None = None
    if _PLAIN.match(value):
        text = value
        resolvers = (*_RESOLVERS.get(value[0], ()), *_RESOLVERS.get(None, ()))
        if any(pattern.match(value) for _tag, pattern in resolvers):
            # _PLAIN lets through no character single quotes must escape but "'" itself.
            text = None if "'" in value else f"'{value}'"
    # Keys, option keys and times repeat thousands of times in a batch; long notes don't.
    if len(value) <= _CACHE_LENGTH and len(_KNOWN) < _CACHE_SIZE:
        _KNOWN[value] = text
    return text


_CACHE_LENGTH = 40
_CACHE_SIZE = 20_000
_KNOWN: dict[str, str | None] = {}
