"""Answers files for the ``roadmap aggregate`` tests, made from the shipped examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def country_file(
    folder: Path,
    name: str,
    country: str,
    *,
    source: str = "northmarch-workshop.yaml",
    updated: str | None = None,
    drop: tuple[str, ...] = (),
) -> Path:
    """A copy of example ``source`` as ``name``, naming ``country`` (any text: it is written
    as a JSON string, which YAML reads back as written), with ``updated`` and without
    the answers to ``drop``."""
    text = (EXAMPLES / source).read_text(encoding="utf-8")
    line = "  country: " + json.dumps(country)
    text = re.sub(r"(?m)^  country: .*$", lambda _: line, text, count=1)
    if updated is not None:
        text = re.sub(r"(?m)^  updated: .*$", f"  updated: '{updated}'", text, count=1)
    for qid in drop:
        # Each answer is a block "  QID:" followed by lines indented further.
        text = re.sub(rf"(?m)^  {re.escape(qid)}:\n(?:    .*\n|      .*\n)*", "", text)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
