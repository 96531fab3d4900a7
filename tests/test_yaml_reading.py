"""The YAML reader: YAML 1.2 core types, duplicate keys, limits and line marks."""

from __future__ import annotations

import math

import pytest

from roadmap_cli import yamlio
from roadmap_cli.errors import FileProblems
from roadmap_cli.yamlio import parse_yaml

SCALARS = b"""\
answer: yes
started: 2026-11-28
version: 1.10
octal: 0o17
hex: 0x1F
big: .inf
small: -.Inf
nothing: ~
empty:
truth: true
quoted: '12'
1.10: key that looks like a number
2025: year as a key
list: [no, 3, "4"]
"""


def test_scalars_resolve_as_yaml_1_2_core() -> None:
    data = parse_yaml(SCALARS, "a.yaml").data
    assert data == {
        "answer": "yes",
        "started": "2026-11-28",
        "version": 1.1,
        "octal": 15,
        "hex": 31,
        "big": math.inf,
        "small": -math.inf,
        "nothing": None,
        "empty": None,
        "truth": True,
        "quoted": "12",
        "1.10": "key that looks like a number",
        "2025": "year as a key",
        "list": ["no", 3, "4"],
    }


def test_duplicate_keys_name_both_lines_and_keep_the_first() -> None:
    text = b"a: 1\nb:\n  1.10: first\n  x: y\n  1.10: second\nb: again\n"
    document = parse_yaml(text, "d.yaml")
    assert document.data == {"a": 1, "b": {"1.10": "first", "x": "y"}}
    assert [p.format() for p in document.problems] == [
        "d.yaml:5:3: error: duplicate key '1.10' (first given on line 3)",
        "d.yaml:6:1: error: duplicate key 'b' (first given on line 2)",
    ]


def test_too_many_values_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_NODES", 50)
    text = ("items:\n" + "".join(f"- {n}\n" for n in range(60))).encode()
    with pytest.raises(FileProblems) as caught:
        parse_yaml(text, "big.yaml")
    assert [p.format() for p in caught.value.problems] == [
        "big.yaml:2:1: error: too many values (more than 50)"
    ]
    assert parse_yaml(text[: text.index(b"- 45")], "fine.yaml").data["items"][-1] == 44


def test_marks_point_at_the_value_or_its_nearest_parent() -> None:
    document = parse_yaml(b"answers:\n  PL1.1:\n    value: [a, b]\n", "m.yaml")
    assert document.mark(("answers", "PL1.1", "value", 1)) == (3, 16)
    assert document.mark(("answers", "PL1.1", "note")) == (3, 5)
    assert document.mark(("answers", "PX9.9")) == (2, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"a: !!int two\n", "'two' is not a valid !!int"),
        (b"a: !!float x\n", "'x' is not a valid !!float"),
        (b"a: !!bool maybe\n", "'maybe' is not a valid !!bool"),
    ],
)
def test_an_explicit_tag_that_does_not_fit_is_one_error(text: bytes, message: str) -> None:
    with pytest.raises(FileProblems) as caught:
        parse_yaml(text, "t.yaml")
    assert [p.format() for p in caught.value.problems] == [f"t.yaml:1:4: error: {message}"]
