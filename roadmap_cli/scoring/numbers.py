"""The two numeric conventions every score follows: one comparison tolerance, one rounding.

Scores are computed in binary floating point, so a value that is exactly 0.7 on paper
may be held as 0.69999999999999996 and a shortfall of 0.3 as 0.30000000000000004.  An
analyst who recomputes a score by hand with exact fractions must get the same band, the
same gap list and the same displayed digits, so:

- every comparison against a threshold (band cut-offs, critical minimum, gap threshold,
  red-flag thresholds) goes through ``at_least`` / ``exceeds`` / ``below``, which treat two
  numbers closer than ``TOLERANCE`` as equal;
- every number shown to a person (tables, ``--explain``, JSON, CSV, reports) is rounded
  **half up** from its exact decimal value: the float is first cleaned to ``CLEAN_PLACES``
  decimals (which removes the binary noise, far below any digit shown), then rounded half
  up, so 0.28125 shows as 0.2813 and 62.5 % as 63 %.

docs/scoring.md ("How to check a score by hand") states both rules for analysts.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

TOLERANCE = 1e-9
"""Two numbers closer than this are equal when compared against a threshold."""

CLEAN_PLACES = 10
"""Decimals kept from a float before display rounding; binary noise sits far below them."""

SCORE_PLACES = 4
"""Decimals of a score in ``--explain``, JSON and CSV."""

_CLEAN = Decimal(1).scaleb(-CLEAN_PLACES)
_STEPS = {places: Decimal(1).scaleb(-places) for places in range(CLEAN_PLACES + 1)}
# Display rounding runs for every number of every file in a batch; scores repeat a lot.
_CACHE: dict[tuple[float, int], Decimal] = {}


def at_least(value: float, threshold: float) -> bool:
    """``value ≥ threshold``, within ``TOLERANCE`` (0.6 held as 0.5999999999 reaches 0.6)."""
    return value >= threshold - TOLERANCE


def below(value: float, threshold: float) -> bool:
    """``value < threshold`` by more than ``TOLERANCE``: the opposite of ``at_least``."""
    return value < threshold - TOLERANCE


def exceeds(value: float, threshold: float) -> bool:
    """``value > threshold`` by more than ``TOLERANCE`` (a shortfall of 0.30000000000000004
    does not exceed a gap threshold of 0.3)."""
    return value > threshold + TOLERANCE


def decimal(value: float, places: int = SCORE_PLACES) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, from its exact decimal value."""
    key = (value, places)
    found = _CACHE.get(key)
    if found is None:
        clean = Decimal(value).quantize(_CLEAN, ROUND_HALF_EVEN)
        found = clean.quantize(_STEPS[places], ROUND_HALF_UP)
        if len(_CACHE) > 100_000:  # a long batch of unusual numbers: start again
            _CACHE.clear()
        _CACHE[key] = found
    return found


def rounded(value: float | None, places: int = SCORE_PLACES) -> float | None:
    """``value`` rounded half up to ``places`` decimals, as a float (for JSON); None stays."""
    if value is None:
        return None
    if places == SCORE_PLACES:  # every number of every JSON file: one dict lookup
        found = _FLOATS.get(value)
        if found is None:
            if len(_FLOATS) > 100_000:  # a long batch of unusual numbers: start again
                _FLOATS.clear()
            found = _FLOATS[value] = float(decimal(value, places))
        return found
    return float(decimal(value, places))


_FLOATS: dict[float, float] = {}


def fixed(value: float | None, places: int = SCORE_PLACES) -> str:
    """``value`` with exactly ``places`` decimals, rounded half up (CSV cells); '' for None."""
    return "" if value is None else f"{decimal(value, places):f}"


def short(value: float | None, places: int = SCORE_PLACES) -> str:
    """``value`` rounded half up to ``places`` decimals without trailing zeros ("0.5",
    "0.5288", "1"); '—' for None.  For ``--explain`` and messages."""
    if value is None:
        return "—"
    text = f"{decimal(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(value: float | None, places: int = 0) -> str:
    """A score in [0, 1] as a percentage rounded half up ("63%"); '—' for None."""
    if value is None:
        return "—"
    return f"{decimal(value, places + 2).scaleb(2):f}%"
