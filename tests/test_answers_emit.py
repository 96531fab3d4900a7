"""The answers writer (``answers.emit``): the same text as PyYAML, read back as written.

``to_yaml`` writes answers files through ``emit`` rather than PyYAML's representer (for
the speed of ``roadmap migrate``); a person, a diff and every reader must not be able to
tell.  Each test compares with ``yamlio.dump_yaml`` (what files held before) and reads
the file back with ``load_answers``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_cli.answers.emit import emit
from roadmap_cli.answers.model import (
    HEADER,
    AnswersFile,
    ArchivedAnswer,
    load_answers,
    save_answers,
    to_yaml,
)
from roadmap_cli.yamlio import dump_yaml
from tests.test_answers_file import TRICKY, _answers

# Beyond the strings any YAML reader must read back (TRICKY): every indicator, the
# characters libyaml escapes, folding, and kept blank lines.
HOSTILE = [
    *TRICKY,
    "it's 'quoted'",
    'say "no"',
    "ratio: 3:1",
    "12:30",
    "ends with a colon:",
    "a # not a comment",
    "#hashtag",
    "issue#7",
    "  leading spaces",
    "trailing space ",
    "line one\nline two",
    "ends with a newline\n",
    "ends with blank lines\n\n\n",
    "carriage\r\nreturn",
    "tab\there",
    "é ü 中文 👩🏽‍⚖️",
    "yes",
    "No",
    "ON",
    "off",
    "null",
    "~",
    "true",
    "1.10",
    "1e3",
    "0o17",
    "0x1F",
    "1_000",
    "007",
    "-5",
    "+1",
    ".inf",
    ".5",
    "2026-11-28",
    "2026-11-28T09:00:00Z",
    "- a list?",
    "? a key",
    "[flow]",
    "{flow}",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "|pipe",
    ">fold",
    "=",
    "<<",
    "a, b, and c",
    "x" * 87,
    "A long note that goes on past the width at which the writer folds a line of text, "
    "so that it must be broken at a space and read back as one line all the same.",
    "word " * 200 + "end",
    "\u2028separator",
    "\x85next line",
    "\ufeffbom",
    "Bamum \U00016800 letter",
    "\U00016800",
]


def _file(texts: list[str]) -> AnswersFile:
    """An answers file with every string in every text field a person can fill in."""
    base = _answers(texts)  # each text as a value, note and evidence
    return base.model_copy(
        update={
            "assessment": base.assessment.model_copy(
                update={"country": texts[0], "organisation": texts[-1]}
            ),
            "answers": {
                qid: answer.model_copy(
                    update={
                        "evidence": [*answer.evidence, "plain evidence", *answer.evidence],
                        "flagged": True,
                        "flag_reason": answer.note,
                    }
                )
                for qid, answer in base.answers.items()
            },
            "archived": {
                f"{qid}@1.0.0": ArchivedAnswer(
                    value=[text, "other"], note=text, bank_version="1.0.0", reason=text
                )
                for qid, text in zip(base.answers, texts, strict=True)
            },
        }
    )


def test_hostile_strings_are_written_as_pyyaml_wrote_them_and_read_back(tmp_path: Path) -> None:
    answers = _file(HOSTILE)
    text = to_yaml(answers)
    data = yaml.safe_load(text)
    assert text == HEADER + dump_yaml(data)
    path = tmp_path / "hostile.yaml"
    save_answers(path, answers)
    assert load_answers(path).answers == answers
    # The strings a YAML 1.1 reader would take for something else stayed text.
    assert data["assessment"]["country"] == HOSTILE[0]
    for text in ("yes", "1.10", "2026-11-28T09:00:00Z", "ends with blank lines\n\n\n"):
        qid = f"Q{HOSTILE.index(text)}"
        assert data["answers"][qid]["value"] == data["answers"][qid]["note"] == text
        assert data["answers"][qid]["evidence"][0] == text


def test_a_number_a_float_and_empty_lists_are_written_as_before() -> None:
    data: dict[str, Any] = {
        "answers": {
            "A": {"value": 3, "flagged": False},
            "B": {"value": 2.5, "evidence": [], "flagged": True},
            "C": {"value": -1e-07, "extra": {}, "none": None},
            "D": {"value": [["nested"], {"k": "v"}, []]},
        },
        "yes": "key that needs quotes",
        "k" * 130: "a key too long to be a simple key",
    }
    assert emit(data) == dump_yaml(data)
    assert yaml.safe_load(emit(data)) == data


def test_one_list_in_two_places_is_written_out_twice_not_as_an_alias() -> None:
    # A split copies an answer to two questions: the person reads both values in full.
    shared = ["sexual", "labour"]
    data = {"answers": {"A": {"value": shared}, "B": {"value": shared}}}
    text = emit(data)
    assert "&" not in text and "*" not in text
    assert text.count("- labour") == 2
    assert yaml.safe_load(text) == data


# Any text a UTF-8 file can hold, with YAML's indicators and line breaks made common.
_text = st.text(
    st.characters(codec="utf-8") | st.sampled_from(": #-'\"\n"), max_size=120
) | st.sampled_from(HOSTILE)
_scalar = _text | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_answer = st.fixed_dictionaries(
    {"value": _scalar | st.lists(_text, max_size=4)},
    optional={"note": _text, "evidence": st.lists(_text, max_size=3), "flagged": st.booleans()},
)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    meta=st.dictionaries(_text, _text, max_size=4),
    answers=st.dictionaries(_text, _answer, max_size=6),
)
def test_any_answers_shaped_data_is_written_exactly_as_pyyaml_writes_it(
    meta: dict[str, str], answers: dict[str, dict[str, Any]]
) -> None:
    data = {"format": "roadmap-answers/1", "assessment": meta, "answers": answers}
    text = emit(data)
    assert text == dump_yaml(data)
    assert yaml.safe_load(text) == data
