"""The report's method section: the rule in words, its bands with their meanings, its
settings explained, and how it treats questions that are not yet answered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from roadmap_cli.report.charts import pct
from roadmap_cli.report.view import BandView, MethodView, OptionView
from roadmap_cli.scoring.model import Scorecard
from roadmap_cli.scoring.registry import Selected

UNANSWERED = (
    "Questions not yet answered are left out of every score: the scores describe only the "
    "questions answered so far, and the report is marked provisional until all are "
    "answered. A critical question with no answer yet is listed as “not yet answered”, "
    "never as a standard that was failed."
)
UNANSWERED_BY_RULE = {
    "minimum-standards": UNANSWERED
    + " These rules still hold a category's band at {cap_band} while one of its critical "
    "questions is below the minimum or not yet answered, because a minimum standard has "
    "to be shown to be met; the score itself is not changed.",
    "walk-free": UNANSWERED + " Red flags are raised only by answers given.",
}


def method_view(selected: Selected, card: Scorecard, doc: str) -> MethodView:
    """How the scores were worked out, from the rule and the options it was given."""
    rule = selected.rule
    paragraphs = [p.replace("\n", " ") for p in doc.split("\n\n") if p.strip()]
    for node in (card.overall, *card.categories[:1], *card.sections[:1]):
        paragraphs.append(f"{node.level.capitalize()} score: {node.trace.formula}")
    helps = rule.option_help
    options = tuple(
        OptionView(name=name, value=option_value(value), meaning=helps.get(name, "").rstrip("."))
        for name, value in sorted(selected.options.items())
        if name != "bands"
    )
    unanswered = UNANSWERED_BY_RULE.get(rule.name, UNANSWERED).format(
        cap_band=selected.options.get("cap_band", "the cap")
    )
    return MethodView(
        name=selected.label if selected.label == rule.name else f"{selected.label} ({rule.name})",
        summary=rule.summary,
        description=tuple(paragraphs),
        unanswered=unanswered,
        bands=_bands(selected, card),
        options=options,
    )


def _bands(selected: Selected, card: Scorecard) -> tuple[BandView, ...]:
    meanings: dict[str, str] = {}
    for spec in selected.options.get("bands", ()) or ():
        # A profile gives plain mappings; a plugin may pass the option models themselves.
        name = spec.get("name") if isinstance(spec, Mapping) else getattr(spec, "name", None)
        meaning = spec.get("meaning") if isinstance(spec, Mapping) else getattr(spec, "meaning", "")
        if isinstance(name, str) and isinstance(meaning, str):
            meanings[name] = meaning
    bands = card.bands
    return tuple(
        BandView(
            name=band.name,
            min=pct(band.min),
            max=pct(bands[i + 1].min) if i + 1 < len(bands) else "",
            meaning=meanings.get(band.name, ""),
        )
        for i, band in enumerate(bands)
    )


def option_value(value: Any) -> str:
    """A setting's value as a person reads it."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {option_value(v)}" for k, v in sorted(value.items())) or "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(option_value(v) for v in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
