"""Rules from outside the program: an installed plugin (entry point), a Python file and a
rules profile; a plugin that breaks gives one clear error naming it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from roadmap_cli.errors import FileProblems, RoadmapError
from roadmap_cli.scoring.registry import builtin_registry, select_rule
from tests.conftest import Cli, Result
from tests.scoring_helpers import TYPICAL, answers, mini_bank, write_answers, write_bank

PLUGIN = '''
"""A rule that shifts every don't-know to half marks (a plugin built on the built-ins)."""
from dataclasses import replace
from roadmap_cli.scoring.rules.weighted import WeightedRule


class Lenient(WeightedRule):
    name = "lenient"
    summary = "Weighted, with don't know as 0.5."
    options = {**WeightedRule.options, "dont_know": 0.5}

    def score(self, bank, answers, options):
        return replace(super().score(bank, answers, options), rule=self.name)


rule = Lenient()
'''

BROKEN_IMPORT = "raise ZeroDivisionError('division by zero')\n"

BROKEN_SCORE = """
class Broken:
    name = "explodes"
    summary = "Raises while scoring."
    options = {}

    def score(self, bank, answers, options):
        raise KeyError("PL9.9")


rule = Broken()
"""


def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modules: dict[str, str]) -> None:
    """A fake installed distribution 'fakerules' whose entry points name ``modules``."""
    info = tmp_path / "fakerules-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fakerules\nVersion: 1.2\n", encoding="utf-8"
    )
    lines = ["[roadmap_cli.rules]"]
    for name, source in modules.items():
        (tmp_path / f"fake_{name}.py").write_text(source, encoding="utf-8")
        lines.append(f"{name} = fake_{name}:rule")
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in modules:
        sys.modules.pop(f"fake_{name}", None)


def test_entry_point_plugin_loads_and_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B2.1 don't know counts 0.5 under the plugin: B2 = 0.5, B = (0.25 + 0.5) / 2 = 0.375."""
    install(tmp_path, monkeypatch, {"lenient": PLUGIN})
    selected = select_rule("lenient")
    assert selected.source == "fakerules 1.2"
    card = selected.score(mini_bank(), answers(TYPICAL))
    assert card.rule == "lenient"
    assert card.categories[1].score == pytest.approx(0.375)


def test_rules_list_shows_plugins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    install(tmp_path, monkeypatch, {"lenient": PLUGIN, "broken": BROKEN_IMPORT})
    result: Result = cli("rules", "list")
    assert result.code == 1
    assert "lenient" in result.out and "fakerules 1.2" in result.out
    assert "weighted" in result.out and "built-in" in result.out
    assert result.err.strip().splitlines()[0] == (
        "roadmap: rules plugin 'broken' (fakerules 1.2) failed to load: "
        "ZeroDivisionError: division by zero"
    )


def test_broken_plugin_does_not_stop_other_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(tmp_path, monkeypatch, {"broken": BROKEN_IMPORT})
    assert select_rule("weighted").rule.name == "weighted"
    with pytest.raises(RoadmapError) as caught:
        select_rule("broken")
    assert caught.value.message == (
        "rules plugin 'broken' (fakerules 1.2) failed to load: ZeroDivisionError: division by zero"
    )


def test_rule_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "lenient.py"
    path.write_text(PLUGIN, encoding="utf-8")
    selected = select_rule(str(path))
    card = selected.score(mini_bank(), answers(TYPICAL))
    assert card.categories[1].score == pytest.approx(0.375)


def test_file_without_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "empty.py"
    path.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(RoadmapError, match="defines no 'rule'"):
        select_rule(str(path))


def test_plugin_raising_while_scoring_is_one_line(tmp_path: Path, cli: Cli) -> None:
    plugin = tmp_path / "explodes.py"
    plugin.write_text(BROKEN_SCORE, encoding="utf-8")
    bank = write_bank(tmp_path)
    one = write_answers(tmp_path / "one.yaml", TYPICAL)
    two = write_answers(tmp_path / "two.yaml", TYPICAL)
    result = cli("score", one, two, "--bank", bank, "--rules", plugin)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert lines[0].startswith("roadmap: rules plugin 'explodes' (")
    assert lines[0].endswith("failed while scoring: KeyError: 'PL9.9'")
    assert "Traceback" not in result.err


PROFILE = """\
format: roadmap-rules/1
name: donor-strict
method: minimum-standards
options:
  dont_know: 0
  critical_threshold: 1.0
  cap_band: Initial
  priority: {critical: 3}
"""


def test_profile_sets_method_and_options(tmp_path: Path) -> None:
    """critical_threshold 1: A1.1 'partly' and B2.1 unmet; A (Established) held at Initial.
    Priority for A1.1 = 0.25 × 2 × 3 (critical) = 1.5."""
    path = tmp_path / "strict.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    selected = select_rule(str(path))
    assert (selected.rule.name, selected.profile) == ("minimum-standards", "donor-strict")
    card = selected.score(mini_bank(), answers(TYPICAL))
    assert card.categories[0].band == "Initial"
    assert next(g.priority for g in card.gaps if g.question == "A1.1") == 1.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            PROFILE.replace("dont_know: 0", "dont_knw: 0"),
            "strict.yaml:5:13: error: options: unknown key 'dont_knw' (did you mean 'dont_know'?)",
        ),
        (
            PROFILE.replace("critical_threshold: 1.0", "critical_threshold: lots"),
            "strict.yaml:6:23: error: options: critical_threshold: must be a number",
        ),
        (
            PROFILE.replace("method: minimum-standards", "method: minimum-standard"),
            "strict.yaml:3:9: error: unknown method 'minimum-standard' "
            "(did you mean 'minimum-standards'?)",
        ),
        (
            PROFILE.replace("format: roadmap-rules/1", "format: roadmap-rules/9"),
            "strict.yaml:1:9: error: format: must be 'roadmap-rules/1'",
        ),
    ],
)
def test_profile_errors_name_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("strict.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FileProblems) as caught:
        select_rule("strict.yaml")
    assert caught.value.message == message


def test_builtins_register_like_plugins() -> None:
    registry = builtin_registry()
    assert [(rule.name, source) for rule, source in registry.rules()] == [
        ("minimum-standards", "built-in"),
        ("walk-free", "built-in"),
        ("weighted", "built-in"),
    ]


def test_unknown_rule_names_the_known_ones() -> None:
    with pytest.raises(RoadmapError) as caught:
        select_rule("weigthed")
    assert caught.value.message == "unknown rules 'weigthed'"
    assert "weighted" in (caught.value.hint or "")


MISBEHAVING = {
    "options-not-a-mapping": (
        "class R:\n    name = 'odd'\n    summary = 's'\n    options = [1, 2]\n"
        "    def score(self, bank, answers, options):\n        return None\nrule = R()\n",
        "is not a rule: 'options' must be a mapping of option names to defaults",
    ),
    "name-not-text": (
        "class R:\n    name = 7\n    summary = 's'\n    options = {}\n"
        "    def score(self, bank, answers, options):\n        return None\nrule = R()\n",
        "is not a rule: 'name' must be text",
    ),
    "exits-while-scoring": (
        "import sys\nclass R:\n    name = 'quits'\n    summary = 's'\n    options = {}\n"
        "    def score(self, bank, answers, options):\n        sys.exit(3)\nrule = R()\n",
        "failed while scoring: SystemExit: 3",
    ),
    "returns-nan": (
        "from dataclasses import replace\n"
        "from roadmap_cli.scoring.rules.weighted import WeightedRule\n"
        "class R(WeightedRule):\n    name = 'nan'\n"
        "    def score(self, bank, answers, options):\n"
        "        card = super().score(bank, answers, options)\n"
        "        return replace(card, overall=replace(card.overall, score=float('nan')))\n"
        "rule = R()\n",
        "returned a Scorecard that cannot be used: overall: score nan is not in [0, 1]",
    ),
    "wrong-typed-band": (
        "from dataclasses import replace\n"
        "from roadmap_cli.scoring.rules.weighted import WeightedRule\n"
        "class R(WeightedRule):\n    name = 'odd-band'\n"
        "    def score(self, bank, answers, options):\n"
        "        card = super().score(bank, answers, options)\n"
        "        return replace(card, overall=replace(card.overall, band=3))\n"
        "rule = R()\n",
        "returned a Scorecard that cannot be used: overall: band 3 is not text",
    ),
    "returns-nothing": (
        "class R:\n    name = 'void'\n    summary = 's'\n    options = {}\n"
        "    def score(self, bank, answers, options):\n        return None\nrule = R()\n",
        "returned a Scorecard that cannot be used: it is a NoneType, not a Scorecard",
    ),
    "gap-with-an-infinite-priority": (
        "from dataclasses import replace\n"
        "from roadmap_cli.scoring.rules.weighted import WeightedRule\n"
        "class R(WeightedRule):\n    name = 'inf'\n"
        "    def score(self, bank, answers, options):\n"
        "        card = super().score(bank, answers, options)\n"
        "        gaps = tuple(g._replace(priority=float('inf')) if g.question == 'A1.1'\n"
        "                     else g for g in card.gaps)\n"
        "        return replace(card, gaps=gaps)\n"
        "rule = R()\n",
        "gap A1.1: a number is missing, infinite or not a number",
    ),
    "lacks-score": (
        "class R:\n    name = 'idle'\n    summary = 's'\n    options = {}\nrule = R\n",
        "is not a rule: it lacks score",
    ),
    "fails-to-start": (
        "class R:\n    def __init__(self):\n        raise RuntimeError('no licence file')\n"
        "rule = R\n",
        "failed to start: RuntimeError: no licence file",
    ),
    "exits-while-loading": (
        "import sys\nsys.exit(2)\n",
        "failed to load: SystemExit: 2",
    ),
    "summary-not-text": (
        "class R:\n    name = 'odd'\n    summary = 3\n    options = {}\n"
        "    def score(self, bank, answers, options):\n        return None\nrule = R()\n",
        "is not a rule: 'summary' must be text",
    ),
    "score-not-a-method": (
        "class R:\n    name = 'odd'\n    summary = 's'\n    options = {}\n    score = 1\n"
        "rule = R()\n",
        "is not a rule: 'score' must be a method",
    ),
    "options-model-not-a-model": (
        "class R:\n    name = 'odd'\n    summary = 's'\n    options = {}\n"
        "    options_model = dict\n"
        "    def score(self, bank, answers, options):\n        return None\nrule = R()\n",
        "is not a rule: 'options_model' must be a pydantic model class",
    ),
    "option-help-not-text": (
        "class R:\n    name = 'odd'\n    summary = 's'\n    options = {'a': 1}\n"
        "    option_help = {'a': 1}\n"
        "    def score(self, bank, answers, options):\n        return None\nrule = R()\n",
        "is not a rule: 'option_help' must map option names to text",
    ),
}


@pytest.mark.parametrize("case", sorted(MISBEHAVING))
def test_a_misbehaving_plugin_is_one_line_and_exit_1(tmp_path: Path, cli: Cli, case: str) -> None:
    source, message = MISBEHAVING[case]
    plugin = tmp_path / "plugin.py"
    plugin.write_text(source, encoding="utf-8")
    bank = write_bank(tmp_path)
    one = write_answers(tmp_path / "one.yaml", TYPICAL)
    result = cli("score", one, "--bank", bank, "--rules", plugin, "--format", "json")
    assert result.code == 1, result.out
    assert message in result.err.splitlines()[0], result.err
    assert "internal error" not in result.err
    assert "NaN" not in result.out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("weights: {A1: .nan}", "options: weights.A1: input should be a finite number"),
        ("weights: {A1: .inf}", "options: weights.A1: input should be a finite number"),
        ("weights: {A1: 1.0e+308}", "must be a number from 0 to 1,000,000"),
        ("targets: {A: 5}", "must be a number from 0 to 1, as scores are"),
        ("priority: {critical: .inf}", "priority.critical: input should be a finite number"),
    ],
)
def test_a_profile_with_impossible_numbers_is_refused(
    tmp_path: Path,
    cli: Cli,
    options: str,
    message: str,
) -> None:
    profile = tmp_path / "odd.yaml"
    profile.write_text(
        f"format: roadmap-rules/1\nname: odd\nmethod: weighted\noptions:\n  {options}\n",
        encoding="utf-8",
    )
    bank = write_bank(tmp_path)
    one = write_answers(tmp_path / "one.yaml", TYPICAL)
    result = cli("score", one, "--bank", bank, "--rules", profile)
    assert result.code == 1
    assert f"{profile}:5:" in result.err and message in result.err, result.err


def test_a_missing_rules_file_is_named(tmp_path: Path, cli: Cli) -> None:
    bank = write_bank(tmp_path)
    one = write_answers(tmp_path / "one.yaml", TYPICAL)
    result = cli("score", one, "--bank", bank, "--rules", tmp_path / "gone.py")
    assert result.code == 1
    assert result.err.splitlines()[0] == f"roadmap: {tmp_path / 'gone.py'}: no such rules file"


PLAIN_PLUGIN = """
from roadmap_cli.scoring.rules.weighted import WeightedRule


class Plain:
    name = "plain"
    summary = "Weighted, with options declared by name only."
    options = {"bonus": 0}

    def score(self, bank, answers, options):
        return WeightedRule().score(bank, answers, WeightedRule.options)


rule = Plain()
"""


def test_a_profile_for_a_plugin_without_an_options_model_checks_the_option_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(tmp_path, monkeypatch, {"plain": PLAIN_PLUGIN})
    profile = tmp_path / "mine.yaml"
    profile.write_text(
        "format: roadmap-rules/1\nname: mine\nmethod: plain\noptions:\n  bonuss: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(FileProblems) as caught:
        select_rule(str(profile))
    assert caught.value.message == (
        f"{profile}:5:11: error: options: unknown option 'bonuss' (did you mean 'bonus'?)"
    )
    profile.write_text(profile.read_text("utf-8").replace("bonuss", "bonus"), encoding="utf-8")
    assert select_rule(str(profile)).options == {"bonus": 1}


def test_a_rule_built_on_a_built_in_keeps_the_option_help_it_writes() -> None:
    from types import MappingProxyType

    from roadmap_cli.scoring.options import WeightedOptions
    from roadmap_cli.scoring.rules.weighted import WeightedRule

    class Worded(WeightedRule):
        name = "worded"
        options_model = WeightedOptions
        option_help = MappingProxyType({"target": "The score a ministry aims for."})

    assert Worded.option_help == {"target": "The score a ministry aims for."}
    assert WeightedRule.option_help["target"] != Worded.option_help["target"]
