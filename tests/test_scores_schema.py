"""The JSON Schema of ``roadmap-scores/1``: published under two spellings, and strict
enough that the JSON ``roadmap score`` writes is really checked against it.

Every ``roadmap score`` JSON produced through the ``cli`` fixture is validated by
``conftest.check_json_output``; the tests here make sure that check can fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import JSON_CHECKED, Cli
from tests.scoring_helpers import TYPICAL, write_answers, write_bank


@pytest.fixture
def scored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> dict[str, Any]:
    """The JSON of ``roadmap score -o s.json`` on the mini bank under walk-free."""
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path)
    write_answers(tmp_path / "a.yaml", TYPICAL)
    result = cli("score", "a.yaml", "-b", "mini-bank.yaml", "-r", "walk-free", "-o", "s.json")
    assert result.code == 0, result.err
    assert JSON_CHECKED[-1].endswith("-o s.json")  # the fixture validated the file
    data: dict[str, Any] = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    return data


def test_both_spellings_print_the_same_schema(cli: Cli) -> None:
    new = cli("schema", "scores")
    old = cli("banks", "schema", "scores")
    assert new.code == old.code == 0
    assert new.out == old.out
    schema = json.loads(new.out)
    assert schema["properties"]["format"] == {"const": "roadmap-scores/1"}
    assert cli("schema", "answers").out == cli("banks", "schema", "answers").out


def test_the_schema_rejects_what_the_format_does_not_allow(
    cli: Cli, scored: dict[str, Any]
) -> None:
    schema = json.loads(cli("schema", "scores").out)
    jsonschema.validate(scored, schema)
    broken = json.loads(json.dumps(scored))
    del broken["files"][0]["completeness"]
    with pytest.raises(jsonschema.ValidationError, match="'completeness' is a required property"):
        jsonschema.validate(broken, schema)
    broken = json.loads(json.dumps(scored))
    broken["files"][0]["overall"]["score"] = 1.5
    with pytest.raises(jsonschema.ValidationError, match=r"1\.5 is greater than the maximum of 1"):
        jsonschema.validate(broken, schema)
    broken = json.loads(json.dumps(scored))
    broken["files"][0]["questions"][0]["status"] = "skipped"
    with pytest.raises(jsonschema.ValidationError, match="'skipped' is not one of"):
        jsonschema.validate(broken, schema)
