"""A summary of the banks available: what ``roadmap banks list`` shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from roadmap_cli import cache
from roadmap_cli.cache import content_key
from roadmap_cli.errors import RoadmapError, display_path
from roadmap_cli.resources import builtin_banks
from roadmap_cli.text import localize


@dataclass(frozen=True)
class BankSummary:
    """One line of the bank list."""

    id: str
    title: str
    version: str
    languages: list[str]
    categories: list[str]
    questions: int
    origin: str


def describe_banks(extra: list[Path]) -> tuple[list[BankSummary], list[str]]:
    """Summaries of the built-in banks and of ``extra`` bank paths, and why any failed.

    A built-in bank's summary comes from the cache when its files have not changed
    (loading and checking a whole bank is most of what ``roadmap banks list`` costs).
    """
    rows: list[BankSummary] = []
    failures: list[str] = []
    # (name in messages, where it is, its origin, whether its summary may be cached)
    banks: list[tuple[str, Path, str | None, bool]] = [
        (name, path, "built-in", True) for name, path in builtin_banks().items()
    ]
    banks += [(display_path(path), path, None, False) for path in extra]
    for name, path, origin, cacheable in banks:
        # A built-in bank is loaded from the very folder its cache key was read from.
        key = content_key("bank-summary", _files(path)) if cacheable else None
        summary = _from_cache(key)
        if summary is None:
            try:
                summary = _summarise(path, origin)
            except RoadmapError as error:
                failures.append(f"{name}: cannot be loaded: {error.message}")
                continue
            if key is not None:
                cache.store(key, asdict(summary))
        rows.append(summary)
    return rows, failures


def _files(folder: Path) -> list[Path]:
    # What a bank's summary depends on: its own YAML files (older versions do not count).
    return [path for path in folder.iterdir() if path.suffix == ".yaml" and path.is_file()]


def _from_cache(key: str | None) -> BankSummary | None:
    entry = cache.load(key) if key is not None else None
    if not isinstance(entry, dict):
        return None
    try:
        summary = BankSummary(**entry)
    except TypeError:
        return None
    texts = [summary.id, summary.title, summary.version, summary.origin]
    lists = [summary.languages, summary.categories]
    if not all(isinstance(v, str) for v in texts) or not isinstance(summary.questions, int):
        return None
    if not all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in lists):
        return None
    return summary


def _summarise(ref: Path, origin: str | None) -> BankSummary:
    from roadmap_cli.bank.store import load_bank

    loaded = load_bank(ref)
    bank = loaded.bank
    language = bank.default_language
    return BankSummary(
        id=bank.id,
        title=localize(bank.title, language),
        version=bank.version,
        languages=list(bank.languages),
        categories=[localize(c.title, language) for c in bank.categories],
        questions=len(bank.located),
        origin=origin or loaded.origin,
    )
