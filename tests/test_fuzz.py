"""Structure-aware fuzzing: mutated banks and answers files end in a result or one
RoadmapError — never another exception.

Each test starts from a valid file and mutates it (bytes for the YAML reader; values in
the parsed structure for the answers check and the bank loader), so most examples get
past the first line of defence and reach the checks behind it.  The budget is fixed and
the examples derandomized, so CI runs the same cases every time; run with
``ROADMAP_FUZZ_EXAMPLES=5000`` to search longer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_cli.answers.check import check_answers
from roadmap_cli.answers.model import load_answers
from roadmap_cli.bank.store import load_bank, read_bank
from roadmap_cli.errors import RoadmapError
from roadmap_cli.yamlio import parse_yaml
from tests.conftest import CORPUS, FIXTURE_BANK

BUDGET = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

VALID_ANSWERS = (CORPUS / "fixture-valid.yaml").read_bytes()
VALID_BANK = (FIXTURE_BANK / "bank.yaml").read_bytes()

# Fragments that make YAML interesting: anchors, aliases, tags, flow, tabs, controls.
SPICE = [
    *(b"&a ", b"*a", b"!!int ", b"!!python/object ", b"{", b"}", b"[", b"]", b": ", b"- "),
    *(b"\t", b"\x00", b"\x1b[2J", b"'", b'"', b"|", b">", b"#", b"---\n", b"...\n"),
    *(b"\xff\xfe", b"\xe2\x80\xa8", b"9" * 400, b".nan", b".inf", b"~", b"\n  ", b"%YAML 1.1\n"),
]

byte_edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(["insert", "delete", "replace"]),
        st.one_of(st.sampled_from(SPICE), st.binary(min_size=1, max_size=8)),
    ),
    min_size=1,
    max_size=6,
)


def mutate_bytes(text: bytes, edits: list[tuple[int, str, bytes]]) -> bytes:
    """``text`` with each edit applied at its position (modulo the length)."""
    for position, kind, piece in edits:
        at = position % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + len(piece) :]
        else:
            text = text[:at] + piece + text[at + len(piece) :]
    return text


@FUZZ
@given(edits=byte_edits)
def test_the_yaml_reader_returns_data_or_one_located_error(edits: list[Any]) -> None:
    raw = mutate_bytes(VALID_ANSWERS, edits)
    try:
        document = parse_yaml(raw, "fuzz.yaml", what="answers file")
    except RoadmapError as error:
        assert error.message
        return
    assert document.file == "fuzz.yaml"


# Values a hand edit or a hostile sender might put anywhere in a file.
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "dont-know",
            "not-applicable",
            "\x1b]0;pwned\x07",
            "[/]",
            "=cmd|' /C x'!A1",
            "9999-12-31T23:00:00-01:00",
            "1.10",
            "yes",
            "/dev/zero",
            "",
        ]
    ),
    st.lists(st.text(max_size=8), max_size=4),
    st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``data`` (mappings and lists)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replace(copy[head], rest, value)
    return copy


def mutate_structure(text: bytes, picks: list[tuple[int, Any]]) -> str:
    """The YAML of ``text`` with values at chosen paths replaced."""
    data = yaml.safe_load(text)
    for choice, value in picks:
        paths = _paths(data)
        data = _replace(data, paths[choice % len(paths)], value)
    return yaml.safe_dump(data, allow_unicode=True)


structure_edits = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10_000), odd_values), min_size=1, max_size=4
)


@FUZZ
@given(picks=structure_edits)
def test_the_answers_check_returns_problems_or_one_error(tmp_path: Path, picks: list[Any]) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(mutate_structure(VALID_ANSWERS, picks), encoding="utf-8")
    bank = load_bank(FIXTURE_BANK).bank
    try:
        loaded = load_answers(path)
    except RoadmapError as error:
        assert error.message
        return
    for problem in check_answers(loaded, bank):
        assert problem.file == str(path) or problem.file.endswith("fuzz.yaml")
        assert problem.line >= 1


@FUZZ
@given(picks=structure_edits)
def test_the_bank_loader_returns_a_bank_or_problems(tmp_path: Path, picks: list[Any]) -> None:
    folder = tmp_path / "bank"
    folder.mkdir(exist_ok=True)
    (folder / "bank.yaml").write_text(mutate_structure(VALID_BANK, picks), encoding="utf-8")
    bank, _, problems = read_bank(folder)
    assert bank is not None or any(problem.is_error for problem in problems)
