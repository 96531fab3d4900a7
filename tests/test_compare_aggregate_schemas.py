"""The JSON Schemas of ``roadmap-compare/1`` and ``roadmap-aggregate/1``: printed by
``roadmap schema compare|aggregate``, met by every JSON the two commands write on the
examples under each built-in rule, and strict enough to refuse a broken document.

Beyond these, every compare and aggregate JSON that a test makes through the ``cli``
fixture is validated too (``conftest.check_json_output``).
"""

from __future__ import annotations

import copy
import itertools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from roadmap_cli import __version__
from roadmap_cli.scoring.registry import builtin_registry
from tests.conftest import JSON_CHECKED, ROOT, Cli, run_process

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = ROOT / "examples"
RULES = [rule.name for rule, _ in builtin_registry().rules()]
KINDS = ("compare", "aggregate")


def examples_of(bank: str) -> list[str]:
    """The example files made with ``bank``, as ``examples/NAME`` (the names the goldens use)."""
    return sorted(
        f"examples/{path.name}"
        for path in EXAMPLES.glob("*.yaml")
        if f"id: {bank}" in path.read_text(encoding="utf-8")
    )


# Every ordered pair of example files on one bank: the same country at two dates, across
# two bank versions (either side moved), different countries, and a file with itself.
PAIRS = [
    *itertools.permutations(examples_of("workshop-demo"), 2),
    *((name, name) for name in examples_of("regional-strategic-roadmap")),
]


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    """Both schemas as ``roadmap schema KIND`` prints them."""
    found = {}
    for kind in KINDS:
        result = run_process("schema", kind)
        assert result.code == 0, result.err
        found[kind] = json.loads(result.out)
    return found


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository, so file names read ``examples/...`` as in the goldens."""
    monkeypatch.chdir(ROOT)


def check(document: dict[str, Any], schema: dict[str, Any]) -> None:
    """Validate ``document`` as the schema's own draft says to."""
    validator = jsonschema.validators.validator_for(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(document)


def json_of(cli: Cli, *args: object) -> dict[str, Any]:
    result = cli(*args, "--format", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_valid_json_both_spellings_agree_and_it_pins_the_format(
    cli: Cli, schemas: dict[str, dict[str, Any]], kind: str
) -> None:
    schema = schemas[kind]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format"] == {"const": f"roadmap-{kind}/1"}
    assert f"(roadmap-{kind}/1)" in schema["title"]
    # What `roadmap schema KIND | python -m json.tool` does, through the real entry point.
    text = run_process("schema", kind).out
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool"], input=text, capture_output=True, text=True
    )
    assert tool.returncode == 0, tool.stderr
    assert json.loads(tool.stdout) == schema
    assert cli("banks", "schema", kind).out == cli("schema", kind).out


@pytest.mark.parametrize(
    "golden", sorted(p.name for kind in KINDS for p in GOLDEN.glob(f"{kind}-*.json"))
)
def test_the_golden_files_validate(schemas: dict[str, dict[str, Any]], golden: str) -> None:
    data = json.loads((GOLDEN / golden).read_text(encoding="utf-8"))
    kind = golden.split("-")[0]
    if kind == "aggregate":  # its golden test keeps the program's version out of the file
        assert "generator" not in data
        data["generator"] = f"roadmap-cli {__version__}"
    check(data, schemas[kind])


@pytest.mark.parametrize("rules", RULES)
def test_compare_json_of_every_example_pair_validates(
    cli: Cli, at_root: None, schemas: dict[str, dict[str, Any]], rules: str
) -> None:
    moved = set()
    for old, new in PAIRS:
        data = json_of(cli, "compare", old, new, "--rules", rules)
        check(data, schemas["compare"])
        if data["migration"]:
            moved.add(data["migration"]["side"])
    assert moved == {"old", "new"}  # the pairs include a move on either side


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("selection", ["--latest", "--all"])
def test_aggregate_json_of_the_examples_validates(
    cli: Cli, at_root: None, schemas: dict[str, dict[str, Any]], rules: str, selection: str
) -> None:
    data = json_of(cli, "aggregate", "examples", selection, "--rules", rules)
    check(data, schemas["aggregate"])
    assert len(data["countries"]) == 4
    assert bool(data["trend"]) == (selection == "--all")


def test_aggregate_json_with_a_failed_file_validates(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schemas: dict[str, dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "veloria.yaml").write_bytes((EXAMPLES / "veloria-workshop.yaml").read_bytes())
    (tmp_path / "broken.yaml").write_text("format: roadmap-answers/1\nanswers: [\n", "utf-8")
    result = cli("aggregate", ".", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    check(data, schemas["aggregate"])
    assert [line.split(":")[0] for line in data["failed"]] == ["broken.yaml"]


def broken_compare(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Hand-broken copies of a compare document, each with the message that refuses it."""
    missing = copy.deepcopy(data)
    del missing["old"]["completeness"]
    high = copy.deepcopy(data)
    high["overall"]["new"]["score"] = 1.5
    wrong = copy.deepcopy(data)
    wrong["format"] = "roadmap-compare/2"
    # A gap persisting has both sides; one with no NEW side would be a gap closed.
    one_sided = copy.deepcopy(data)
    one_sided["gaps_persisting"][0]["new"] = None
    return [
        (missing, "'completeness' is a required property"),
        (high, r"1\.5 is greater than the maximum of 1"),
        (wrong, "'roadmap-compare/1' was expected"),
        (one_sided, "None is not of type 'object'"),
    ]


def broken_aggregate(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Hand-broken copies of an aggregate document, each with the message that refuses it."""
    missing = copy.deepcopy(data)
    del missing["countries"][0]["provisional"]
    high = copy.deepcopy(data)
    high["countries"][0]["categories"]["PL"]["score"] = 1.5
    wrong = copy.deepcopy(data)
    wrong["format"] = "roadmap-scores/1"
    selection = copy.deepcopy(data)
    selection["selection"] = "newest"
    return [
        (missing, "'provisional' is a required property"),
        (high, r"1\.5 is greater than the maximum of 1"),
        (wrong, "'roadmap-aggregate/1' was expected"),
        (selection, "'newest' is not one of"),
    ]


@pytest.mark.parametrize(
    ("args", "broken"),
    [
        (("compare", "examples/veloria-workshop-2024.yaml", "examples/veloria-workshop.yaml"),
         broken_compare),
        (("aggregate", "examples"), broken_aggregate),
    ],
)  # fmt: skip
def test_a_broken_document_is_refused(
    cli: Cli,
    at_root: None,
    schemas: dict[str, dict[str, Any]],
    args: tuple[str, ...],
    broken: Callable[[dict[str, Any]], list[tuple[dict[str, Any], str]]],
) -> None:
    schema = schemas[args[0]]
    data = json_of(cli, *args)
    check(data, schema)
    for document, message in broken(data):
        with pytest.raises(jsonschema.ValidationError, match=message):
            check(document, schema)


def test_every_key_the_commands_write_is_in_the_schema(
    cli: Cli, at_root: None, schemas: dict[str, dict[str, Any]]
) -> None:
    # Extra keys are allowed (keys may be added within version 1), so a key added to the
    # output but not to the schema would pass unseen: this is where it is caught.
    written = {
        "compare": json_of(
            cli, "compare", "examples/northmarch-workshop.yaml", "examples/northmarch-review.yaml"
        ),
        "aggregate": json_of(cli, "aggregate", "examples", "--all"),
    }
    for kind, data in written.items():
        schema = schemas[kind]
        assert sorted(data) == sorted(schema["properties"]) == sorted(schema["required"])
        # Every level: the schema made closed (no key it does not list) still holds...
        closed = _closed(json.loads(json.dumps(schema)))  # no part shared: each closed alone
        check(data, closed)
        # ...and refuses a key it does not list, deep down.
        nested = copy.deepcopy(data)
        row = nested["overall"] if kind == "compare" else nested["countries"][0]
        row["unlisted"] = 1
        with pytest.raises(jsonschema.ValidationError, match="'unlisted' was unexpected"):
            check(nested, closed)


def _closed(node: Any, part: bool = False) -> Any:
    """``node`` with every object schema refusing keys it does not describe.

    ``unevaluatedProperties`` (not ``additionalProperties``) so that an object built from
    ``allOf`` parts counts the keys of every part; the parts themselves, and the shared
    ``$defs`` (which are such parts), stay open.
    """
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("allOf", "$defs"):
                for piece in value if isinstance(value, list) else value.values():
                    _closed(piece, part=True)
            else:
                _closed(value)
        if ("properties" in node or "allOf" in node) and not part:
            node.setdefault("unevaluatedProperties", False)
    elif isinstance(node, list):
        for value in node:
            _closed(value)
    return node


def test_the_cli_fixture_checks_every_compare_and_aggregate_json(
    cli: Cli, at_root: None, tmp_path: Path
) -> None:
    # conftest.check_json_output validates each such run of the whole suite, as it does
    # roadmap score's: make sure it still sees these two commands, in a file or on screen.
    runs = [
        ("compare", "examples/northmarch-workshop.yaml", "examples/northmarch-review.yaml",
         "-f", "json", "-o", str(tmp_path / "c.json")),
        ("aggregate", "examples", "-o", str(tmp_path / "a.json")),
        ("aggregate", "examples", "--all", "-f", "json"),
    ]  # fmt: skip
    for args in runs:
        assert cli(*args).code == 0
        assert JSON_CHECKED[-1] == " ".join(args)
