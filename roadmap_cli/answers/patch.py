"""Saving an answers file by patching its text, so that a person's hand edits survive.

The interview saves after every change.  Rewriting the whole file each time (as
``to_yaml`` does) would drop every comment and blank line a person added, and reorder
their keys.  Instead, the text as read is kept, and each save changes only the values that
changed: a new answer is inserted after the answer before it in bank order, a changed
field has just its value replaced (an inline comment after it stays), a cleared field is
removed.  Everything else — comments at the top, between answers, inline, at the end,
inside ``assessment:`` — stays byte for byte.

Why patch the text rather than use a round-trip YAML library: measured on the largest
answers file (the full default bank, every question answered with a note and evidence,
31 KB), a ruamel.yaml load-and-dump takes about 200 ms, five times the interview's whole
budget of 40 ms from one answer to the next question; parsing the patched text once with
the C parser (which we need anyway, to check the result) takes about 5 ms.

After patching, the new text is parsed and compared with the answers it must hold; if they
differ (a file shape this module does not handle), the file is written whole by
``to_yaml`` instead, so the data is always right even when a comment cannot be kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from roadmap_cli.answers.model import AnswersFile, Assessment, Settings, file_data, to_yaml
from roadmap_cli.bank.model import Bank
from roadmap_cli.yamlio import Document, QuotingDumper, dump_yaml, parse_yaml

# Top-level keys in the order the tool writes them: a missing one goes after its
# predecessor, so that a comment above the next key stays with that key.
_TOP = ("format", "bank", "assessment", "settings", "answers", "conflicts")
_FIELDS = ("value", "note", "evidence", "flagged", "flag_reason", "answered_at")
_SUB_ORDER: dict[str, Sequence[str]] = {
    "bank": ("id", "version"),
    "assessment": tuple(Assessment.model_fields),
    "settings": tuple(Settings.model_fields),
}


@dataclass
class _Edit:
    start: int
    end: int
    text: str
    order: int


class AnswersText:
    """The text of one answers file, the answers it holds, and its parse."""

    def __init__(self, text: str, base: AnswersFile, document: Document | None = None) -> None:
        self.text = text
        self.base = base
        self._document = document
        self._pending: tuple[str, Document, dict[str, Any]] | None = None
        self._base_data: dict[str, Any] | None = None  # file_data(base), kept from last save

    @property
    def document(self) -> Document:
        """The parse of the current text (parsed on first use)."""
        if self._document is None:
            self._document = parse_yaml(self.text.encode("utf-8"), "answers file")
        return self._document

    def patched(self, new: AnswersFile, bank: Bank | None) -> str:
        """The text holding ``new``, with every line not about a changed value kept."""
        root = self.document.node
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            return to_yaml(new, bank)
        order = [q.id for q in bank.questions()] if bank else list(new.answers)
        target = file_data(new, order)
        newline = "\r\n" if "\r\n" in self.text else "\n"
        edits = _Patcher(self.text, newline)
        old = self._base_data if self._base_data is not None else file_data(self.base, order)
        edits.mapping(root, old, target, _TOP, 0, order)
        text = edits.apply()
        try:
            check = parse_yaml(text.encode("utf-8"), "answers file")
            same = file_data(AnswersFile.model_validate(check.data), order) == target
        except Exception:  # any failure to re-read means: do not trust the patch
            same = False
        if not same:
            return to_yaml(new, bank)
        self._pending = (text, check, target)
        return text

    def saved(self, text: str, answers: AnswersFile) -> None:
        """Record that the file now holds ``text``, which holds ``answers``."""
        pending = self._pending
        mine = pending is not None and pending[0] == text
        self._document = pending[1] if pending is not None and mine else None
        self._base_data = pending[2] if pending is not None and mine else None
        self._pending = None
        self.text, self.base = text, answers


class _Patcher:
    """Collects text edits for the difference between two data trees, then applies them."""

    def __init__(self, text: str, newline: str) -> None:
        self.text = text
        self.newline = newline
        self.edits: list[_Edit] = []

    def add(self, start: int, end: int, text: str) -> None:
        self.edits.append(_Edit(start, end, text, len(self.edits)))

    def apply(self) -> str:
        """The text with every edit made (from the end, so offsets stay valid)."""
        text = self.text
        for edit in sorted(self.edits, key=lambda e: (e.start, e.order), reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end :]
        return text

    # -- positions ------------------------------------------------------------

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def after(self, node: yaml.Node) -> int:
        """Where the line holding the end of ``node`` ends (its newline included)."""
        end = _end(node)
        if end > 0 and self.text[end - 1] == "\n":
            return end
        newline = self.text.find("\n", end)
        return len(self.text) if newline < 0 else newline + 1

    # -- rendering ------------------------------------------------------------

    def field(self, key: str, value: Any, indent: int, at: int) -> str:
        """``key: value`` as block YAML lines indented by ``indent``."""
        lines = dump_yaml({key: value}).splitlines()
        body = self.newline.join(" " * indent + line for line in lines) + self.newline
        if at >= len(self.text) and self.text and not self.text.endswith("\n"):
            body = self.newline + body
        return body

    # -- diffing --------------------------------------------------------------

    def mapping(
        self,
        node: yaml.MappingNode,
        old: dict[str, Any],
        new: dict[str, Any],
        order: Sequence[str],
        depth: int,
        answer_order: Sequence[str] = (),
    ) -> None:
        """Edits that turn block mapping ``node`` (holding ``old``) into ``new``."""
        pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {
            k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)
        }
        indent = node.value[0][0].start_mark.column if node.value else 0
        for key, value in new.items():
            if key in old and old[key] == value:
                continue
            if key in pairs:
                key_node, value_node = pairs[key]
                if (
                    isinstance(value, dict)
                    and isinstance(old.get(key), dict)
                    and isinstance(value_node, yaml.MappingNode)
                    and not value_node.flow_style
                    and value_node.value
                ):
                    sub_order = _SUB_ORDER.get(key, answer_order) if depth == 0 else _FIELDS
                    self.mapping(value_node, old[key], value, sub_order, depth + 1)
                    continue
                self.replace(key_node, value_node, key, value)
            else:
                self.insert(node, pairs, key, value, order, indent)
        for key in old:
            if key not in new and key in pairs:
                key_node, value_node = pairs[key]
                self.add(self.line_start(key_node.start_mark.index), self.after(value_node), "")

    def replace(self, key_node: yaml.Node, value_node: yaml.Node, key: str, value: Any) -> None:
        """Replace one value: in place where it fits on its line (keeping a comment after it)."""
        inline = _inline(value)
        one_line = value_node.start_mark.line == value_node.end_mark.line
        if (
            inline is not None
            and one_line
            and (
                (isinstance(value_node, yaml.ScalarNode) and value_node.style not in ("|", ">"))
                or (isinstance(value_node, yaml.SequenceNode) and value_node.flow_style)
            )
        ):
            self.add(value_node.start_mark.index, value_node.end_mark.index, inline)
            return
        start = self.line_start(key_node.start_mark.index)
        end = self.after(value_node)
        self.add(start, end, self.field(key, value, key_node.start_mark.column, end))

    def insert(
        self,
        node: yaml.MappingNode,
        pairs: dict[str, tuple[yaml.Node, yaml.Node]],
        key: str,
        value: Any,
        order: Sequence[str],
        indent: int,
    ) -> None:
        """Insert a new key after the one before it in ``order`` (else first, else last)."""
        rank = {k: i for i, k in enumerate(order)}
        mine = rank.get(key, len(rank))
        before = [k for k in pairs if rank.get(k, len(rank)) < mine]
        if before:
            anchor = max(before, key=lambda k: rank.get(k, len(rank)))
            at = self.after(pairs[anchor][1])
        elif pairs and key in rank:
            at = self.line_start(node.value[0][0].start_mark.index)
        elif pairs:
            at = self.after(node.value[-1][1])
        else:
            at = len(self.text)
        self.add(at, at, self.field(key, value, indent, at))


def _end(node: yaml.Node) -> int:
    """Where ``node`` really ends: a block collection ends with its last value."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    index: int = node.end_mark.index
    return index


def _inline(value: Any) -> str | None:
    """``value`` as YAML on one line (quoted where a reader would misread it), or None."""
    if isinstance(value, dict) or (isinstance(value, str) and ("\n" in value or "\r" in value)):
        return None
    if isinstance(value, list) and not value:
        return "[]"
    text: str = yaml.dump(
        [value],
        Dumper=QuotingDumper,
        default_flow_style=True,
        allow_unicode=True,
        width=2**30,
    )
    return text.strip()[1:-1]
