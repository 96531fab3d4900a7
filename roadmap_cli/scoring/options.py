"""The options of the built-in rules, as pydantic models.

A rules profile sets these in YAML; validating them with a model gives ``FILE:LINE``
errors for free and one place where every default and its meaning is written down
(``roadmap rules show`` prints the descriptions).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from roadmap_cli.scoring.model import Band


class _Model(BaseModel):
    # No NaN or infinity: a NaN weight makes every comparison false and JSON invalid.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


MAX_WEIGHT = 1_000_000  # far above any real weight, far below float overflow


class BandSpec(_Model):
    """One maturity band in a profile: its name and the lowest score it covers."""

    name: str = Field(min_length=1)
    min: float = Field(ge=0, le=1)
    meaning: str = Field("", description="One sentence: what a score in this band says.")


class Priority(_Model):
    """Factors of the gap priority: shortfall × weight × critical × red flag."""

    critical: float = Field(
        2.0, ge=0, le=MAX_WEIGHT, description="Multiplier for critical questions."
    )
    red_flag: float = Field(
        1.5, ge=0, le=MAX_WEIGHT, description="Multiplier when the answer raised a red flag."
    )


# Names and meanings say how much of what the questions ask is in place, and claim no
# more: a low score can still hide a law that is partly in place, so the lowest band is
# "Minimal", not "Not started" (examples/rules/classic-bands.yaml keeps the old names).
DEFAULT_BANDS = (
    BandSpec(name="Minimal", min=0.0, meaning="Little of what the standards ask is in place yet."),
    BandSpec(
        name="Initial", min=0.2, meaning="Some elements are in place, most of them only in part."
    ),
    BandSpec(
        name="Developing",
        min=0.4,
        meaning="About half of what the standards ask is in place; important parts are missing.",
    ),
    BandSpec(
        name="Established",
        min=0.6,
        meaning="Most of what the standards ask is in place, with some gaps left.",
    ),
    BandSpec(
        name="Advanced",
        min=0.8,
        meaning="Nearly everything the standards ask is in place.",
    ),
)

LETTER_BANDS = tuple(
    BandSpec(name=name, min=i / 10)
    for i, name in enumerate(("D", "C", "CC", "CCC", "B", "BB", "BBB", "A", "AA", "AAA"))
)


class WeightedOptions(_Model):
    """Options every built-in rule understands."""

    dont_know: float | Literal["exclude"] = Field(
        0.0,
        description="Score given to a 'don't know' answer (0 to 1), or 'exclude' to leave it out.",
    )
    not_applicable: float | Literal["exclude"] = Field(
        "exclude",
        description="'exclude' leaves 'not applicable' answers out; a number (0 to 1) scores them.",
    )
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Weight overrides by question, section or category id "
        "(sections and categories weigh 1 unless set here).",
    )
    bands: tuple[BandSpec, ...] = Field(
        DEFAULT_BANDS,
        description="Maturity bands: name, lowest score and a one-sentence meaning, "
        "lowest band first.",
    )
    target: float = Field(0.75, ge=0, le=1, description="Score every question should reach.")
    targets: dict[str, float] = Field(
        default_factory=dict, description="Target per category id (overrides 'target')."
    )
    gap_threshold: float = Field(
        0.0, ge=0, le=1, description="A shortfall must exceed this to be listed as a gap."
    )
    critical_threshold: float = Field(
        0.75, ge=0, le=1, description="Score a critical question must reach to meet the standard."
    )
    priority: Priority = Field(default_factory=Priority, description="Gap priority factors.")

    @field_validator("dont_know", "not_applicable")
    @classmethod
    def _unit(cls, value: float | str) -> float | str:
        if isinstance(value, float) and not 0 <= value <= 1:
            raise ValueError("must be a number from 0 to 1, or 'exclude'")
        return value

    @field_validator("weights")
    @classmethod
    def _non_negative(cls, value: dict[str, float]) -> dict[str, float]:
        for key, number in value.items():
            if not 0 <= number <= MAX_WEIGHT:
                raise ValueError(f"'{key}' must be a number from 0 to {MAX_WEIGHT:,}")
        return value

    @field_validator("targets")
    @classmethod
    def _targets(cls, value: dict[str, float]) -> dict[str, float]:
        for key, number in value.items():
            if not 0 <= number <= 1:
                raise ValueError(f"'{key}' must be a number from 0 to 1, as scores are")
        return value

    @field_validator("bands")
    @classmethod
    def _ascending(cls, value: tuple[BandSpec, ...]) -> tuple[BandSpec, ...]:
        if not value:
            raise ValueError("give at least one band")
        if value[0].min != 0:
            raise ValueError("the first band must start at min: 0")
        mins = [band.min for band in value]
        if mins != sorted(set(mins)):
            raise ValueError("bands must be listed lowest first, each with a higher 'min'")
        return value

    def band_list(self) -> tuple[Band, ...]:
        """The bands as the Scorecard records them."""
        return tuple(Band(b.name, b.min) for b in self.bands)

    def target_for(self, category: str) -> float:
        """The target for questions in ``category``."""
        return self.targets.get(category, self.target)


class MinimumStandardsOptions(WeightedOptions):
    """Options of ``minimum-standards``: the weighted options plus the gate."""

    cap_band: str = Field(
        "Developing",
        description="Highest band a category (and the whole assessment) can reach while "
        "one of its critical questions is below critical_threshold.",
    )


class WalkFreeOptions(WeightedOptions):
    """Options of ``walk-free``."""

    bands: tuple[BandSpec, ...] = Field(
        LETTER_BANDS, description="Letter ratings: ten equal 10-point bands, D to AAA."
    )
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Weight overrides by question id. Sections weigh equally: weights "
        "given to section or category ids have no effect (a warning names them).",
    )
    red_flag_points: float = Field(
        1.0,
        ge=0,
        description="Points (out of one per section) subtracted for a red flag, "
        "times (1 - the answer's score).",
    )
    red_flag_cap: str = Field("BBB", description="Highest rating while any red flag is raised.")


def option_help(model: type[BaseModel]) -> dict[str, str]:
    """Each option's description, for ``roadmap rules show``."""
    return {name: info.description or "" for name, info in model.model_fields.items()}


def option_defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each option's default value, as plain data."""
    return model().model_dump(mode="json")
