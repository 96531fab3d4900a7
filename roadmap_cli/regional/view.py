"""The regional view of many answers files: the one core function ``aggregate``.

Files are scored by ``scoring.batch.run`` with ``digest.digest`` as the render function,
and grouped by country (the name normalised: Unicode NFKC, case and spacing ignored; the
name shown is the one the latest file writes).  By default one assessment per country is
used, the latest by ``assessment.updated``, then ``started``, then file name; the others
are set aside and said so in the notes.  With ``everything`` all are kept for the trend,
while the matrix, distribution and shortfalls still read the latest per country.  Only
the chosen digests are held, so memory grows with countries, not files (unless every
file is asked for).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from roadmap_cli import __version__
from roadmap_cli.regional.digest import digest
from roadmap_cli.scoring.batch import How, run
from roadmap_cli.scoring.export import rules_data
from roadmap_cli.scoring.registry import Selected, select_rule
from roadmap_cli.text import country_key

FORMAT = "roadmap-aggregate/1"
SELECTION = (
    "One assessment per country: the latest by assessment.updated, then "
    "assessment.started, then file name."
)
SELECTION_ALL = (
    "Every assessment is in the trend; the matrix, the bands and the shortfalls use the "
    "latest per country (by assessment.updated, then assessment.started, then file name)."
)


@dataclass(frozen=True)
class Regional:
    """The outcome of ``aggregate``: the ``roadmap-aggregate/1`` data, and what failed.

    ``failed`` holds one line per file or argument that could not be read or scored (the
    lines ``roadmap score`` prints); ``total`` counts files found plus arguments that named
    none, as ``roadmap score`` counts them.
    """

    data: dict[str, Any]
    failed: list[str]
    total: int
    jobs: int


def _later(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether digest ``a`` is a later assessment than ``b`` (dates, then file name)."""
    return (a["order"], a["file"]) > (b["order"], b["file"])


def version_label(item: dict[str, Any]) -> str:
    """``bank-id version``, as a file's scores are labelled."""
    return f"{item['bank']['id']} {item['bank']['version']}"


class _Groups:
    """Digests by country as they arrive: the latest of each, or all of them."""

    def __init__(self, everything: bool) -> None:
        self.everything = everything
        self.latest: dict[str, dict[str, Any]] = {}
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.set_aside: dict[str, list[str]] = {}
        self.names: dict[str, dict[str, None]] = {}
        self.versions: Counter[str] = Counter()

    def add(self, item: dict[str, Any]) -> None:
        key = country_key(item["country"])
        self.versions[version_label(item)] += 1
        self.names.setdefault(key, {})[item["country"]] = None
        if self.everything:
            self.history.setdefault(key, []).append(item)
        best = self.latest.get(key)
        if best is None:
            self.latest[key] = item
            return
        older = item
        if _later(item, best):
            self.latest[key], older = item, best
        self.set_aside.setdefault(key, []).append(older["file"])


def aggregate(
    inputs: Iterable[str],
    rules: str | None = None,
    bank_ref: str | None = None,
    jobs: int = 1,
    everything: bool = False,
) -> Regional:
    """Score the files ``inputs`` name and build the regional view (see the module docstring).

    Raises RoadmapError if the rules cannot be loaded; a bad file is a failed line.
    """
    selected = select_rule(rules)
    batch = run(list(inputs), partial(digest, rules=selected.label), How(selected, bank_ref, jobs))
    groups = _Groups(everything)
    # What the rule or a file warned about (open merge conflicts, say), once each, as
    # ``roadmap score`` says it.
    warned: dict[str, None] = {}
    for result, item in batch.results:
        warned.update(dict.fromkeys(result.notes))
        if item is not None:
            groups.add(item)
    data = _document(groups, selected)
    data["notes"] += list(warned)
    data["failed"] = list(batch.failed)
    return Regional(data, batch.failed, batch.total, batch.jobs)


def _document(groups: _Groups, selected: Selected) -> dict[str, Any]:
    keys = sorted(groups.latest, key=lambda k: (k, groups.latest[k]["country"]))
    used = [groups.latest[key] for key in keys]
    categories = _first_seen(used, "categories", "id", "title")
    bands = _first_seen(used, "bands", "name", "min")
    return {
        "format": FORMAT,
        "generator": f"roadmap-cli {__version__}",
        "rules": rules_data(selected),
        "selection": "all" if groups.everything else "latest",
        "selection_rule": SELECTION_ALL if groups.everything else SELECTION,
        "files": sum(groups.versions.values()),
        "categories": categories,
        "bands": bands,
        "countries": [_row(item) for item in used],
        "distribution": _distribution(used, categories, bands),
        "minimum_standards_unmet": _frequent(used, "minimum_standards_unmet"),
        "red_flags": _frequent(used, "red_flags"),
        "trend": [_trend(groups, key) for key in keys] if groups.everything else [],
        "notes": _notes(groups, keys),
    }


def _first_seen(
    used: list[dict[str, Any]], field: str, key: str, value: str
) -> list[dict[str, Any]]:
    """The ``field`` entries (categories, bands) of all files, each ``key`` once, in the
    order first met: files on other banks may add categories the first file lacks."""
    found: dict[str, Any] = {}
    for item in used:
        for entry in item[field]:
            found.setdefault(entry[key], entry[value])
    return [{key: name, value: given} for name, given in found.items()]


def _assessment(item: dict[str, Any]) -> dict[str, Any]:
    """One assessment as the matrix and the trend show it."""
    return {
        "file": item["file"],
        "organisation": item["organisation"],
        "started": item["started"],
        "updated": item["updated"],
        "bank": item["bank"],
        "provisional": item["provisional"],
        "completeness": item["completeness"],
        "overall": _cell(item["overall"]),
        "categories": {node["id"]: _cell(node) for node in item["categories"]},
    }


def _cell(node: dict[str, Any]) -> dict[str, Any]:
    return {key: node[key] for key in ("score", "percent", "band", "capped", "answered", "visible")}


def _row(item: dict[str, Any]) -> dict[str, Any]:
    return {"country": item["country"], **_assessment(item)}


def _distribution(
    used: list[dict[str, Any]], categories: list[dict[str, str]], bands: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """For each category, how many countries fall in each band (and how many are unrated)."""
    found = []
    for category in categories:
        counts: Counter[str | None] = Counter()
        for item in used:
            for node in item["categories"]:
                if node["id"] == category["id"]:
                    counts[node["band"]] += 1
        found.append(
            {
                "category": category["id"],
                "title": category["title"],
                "bands": [{"band": b["name"], "countries": counts[b["name"]]} for b in bands],
                "not_rated": counts[None],
            }
        )
    return found


def _frequent(used: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The questions unmet (or raising a red flag) in most countries, most frequent first.

    Question ids are counted per bank: PL1.1 of one bank is not PL1.1 of another.  The text
    is the one the latest of those files' banks gives.
    """
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for item in sorted(used, key=lambda i: (i["order"], i["file"])):
        for entry in item[kind]:
            key = (item["bank"]["id"], entry["question"])
            seen = found.setdefault(
                key, {"bank": key[0], "question": key[1], "countries": 0, "which": []}
            )
            seen.update(category=entry["category"], text=entry["text"])
            if item["country"] not in seen["which"]:
                seen["countries"] += 1
                seen["which"].append(item["country"])
    ordered = sorted(found.values(), key=lambda e: (-e["countries"], e["bank"], e["question"]))
    for entry in ordered:
        entry["which"].sort(key=country_key)
    keys = ("bank", "question", "category", "text", "countries", "which")
    return [{key: entry[key] for key in keys} for entry in ordered]


def _trend(groups: _Groups, key: str) -> dict[str, Any]:
    items = sorted(groups.history[key], key=lambda i: (i["order"], i["file"]))
    return {
        "country": groups.latest[key]["country"],
        "assessments": [_assessment(i) for i in items],
    }


def _notes(groups: _Groups, keys: list[str]) -> list[str]:
    """Which files were set aside and why, names written differently, versions mixed."""
    notes = []
    for key in keys:
        latest = groups.latest[key]
        aside = sorted(groups.set_aside.get(key, []))
        if aside:
            verb = "kept for the trend" if groups.everything else "set aside"
            notes.append(
                f"{latest['country']}: {len(aside) + 1} assessments; {latest['file']} is the "
                f"latest, {verb}: {', '.join(aside)}"
            )
        names = [name for name in groups.names[key] if name != latest["country"]]
        if names:
            written = ", ".join(f"“{name}”" for name in names)
            notes.append(
                f"{latest['country']}: also written {written}; shown as the latest file writes it"
            )
    if len(groups.versions) > 1:
        mixed = "; ".join(
            f"{label} ({count} file{'s' * (count != 1)})"
            for label, count in sorted(groups.versions.items())
        )
        notes.append(
            f"Bank versions differ: {mixed}. Scores are shown as each file's version gives "
            "them, labelled with that version."
        )
    return notes
