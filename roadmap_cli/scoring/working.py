"""Working lines an analyst can redo with a calculator: ``(2 × 0.5 + 1 × 0.61538) / 3 = 0.5385``.

A working line shows the inputs of a calculation and its displayed result.  Rounding
every input to four decimals is not enough: (1 + 0.5 + 0.6154) / 4 gives 0.52885, which
rounds to 0.5289, while the score (from 8/13, not 0.6154) is 0.5288.  So each line writes
its inputs with the fewest decimals (four at least) from which the displayed result
follows exactly, rounding half up (``numbers.decimal``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from roadmap_cli.scoring.numbers import CLEAN_PLACES, SCORE_PLACES, decimal, short


def half_up(value: Fraction, places: int = SCORE_PLACES) -> Decimal:
    """An exact fraction rounded half up (away from zero on a tie) to ``places`` decimals."""
    scaled = value * 10**places
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(whole if scaled >= 0 else -whole).scaleb(-places)


def weight_text(weight: float) -> str:
    """A weight as written in the bank or profile: 2, 1.5, 0.333 (never rounded)."""
    text = repr(float(weight))
    return text[:-2] if text.endswith(".0") else text


def reproducible(
    values: Sequence[float], combine: Callable[[list[Fraction]], Fraction], result: float
) -> list[str]:
    """``values`` written with just enough decimals that ``combine`` of what is written,
    worked out exactly and rounded half up to four decimals, shows as ``result`` does."""
    shown = decimal(result)
    texts: list[str] = []
    for places in range(SCORE_PLACES, CLEAN_PLACES + 1):
        texts = [short(value, places) for value in values]
        if half_up(combine([Fraction(text) for text in texts])) == shown:
            break
    return texts


def mean_working(pairs: Sequence[tuple[float, float]], result: float) -> str:
    """A weighted mean over (weight, score) pairs written out, e.g. ``(2 × 0.5) / 2 = 0.5``."""
    weights = [weight_text(weight) for weight, _ in pairs]
    exact = [Fraction(text) for text in weights]
    total = sum(exact, Fraction(0))

    def combine(scores: list[Fraction]) -> Fraction:
        return sum((w * s for w, s in zip(exact, scores, strict=True)), Fraction(0)) / total

    scores = reproducible([score for _, score in pairs], combine, result)
    top = " + ".join(f"{w} × {s}" for w, s in zip(weights, scores, strict=True))
    return f"({top}) / {weight_text(float(total))} = {short(result)}"


def overall_working(scores: Sequence[float], penalties: Sequence[float], raw: float) -> str:
    """The walk-free overall written out: points − penalties over the number of sections."""
    count = len(scores)

    def combine(parts: list[Fraction]) -> Fraction:
        return (parts[0] - parts[1]) / count

    points, penalty = reproducible([math.fsum(scores), math.fsum(penalties)], combine, raw)
    sections = f"{count} section{'s' * (count != 1)}"
    return f"{points} points − {penalty} penalty over {sections} = {short(raw)}"


def gap_working(
    target: float,
    score: float,
    shortfall: float,
    weight: float,
    factors: Sequence[tuple[str, float]],
    priority: float,
) -> tuple[str, str]:
    """The shortfall and the priority of a gap written out, each reproducible on its own:
    ``target 0.75 − score 0.28125 = shortfall 0.4688`` and
    ``shortfall 0.46875 × weight 2 = 0.9375``."""
    (score_text,) = reproducible([score], lambda v: Fraction(weight_text(target)) - v[0], shortfall)
    rest = Fraction(weight_text(weight))
    for _, factor in factors:
        rest *= Fraction(weight_text(factor))
    (shortfall_text,) = reproducible([shortfall], lambda v: v[0] * rest, priority)
    parts = [f"shortfall {shortfall_text}", f"weight {weight_text(weight)}"]
    parts += [f"{name} {weight_text(factor)}" for name, factor in factors]
    return (
        f"target {weight_text(target)} − score {score_text} = shortfall {short(shortfall)}",
        f"{' × '.join(parts)} = {short(priority)}",
    )
