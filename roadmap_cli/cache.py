"""A small cache of facts derived from bank files, in the user's cache folder.

Only what can be worked out again from public bank files goes here (never answers);
each entry is keyed by a hash of the files it was worked out from and of this program's
version, so a changed bank or a new roadmap-cli never reads a stale entry.  Anything
wrong with the cache (unreadable, corrupt, hostile) is ignored and the facts worked out
afresh.  ``ROADMAP_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from roadmap_cli import __version__

MAX_ENTRY_BYTES = 256_000


def cache_dir() -> Path | None:
    """The user's cache folder for roadmap-cli, or None when caching is off."""
    if os.environ.get("ROADMAP_NO_CACHE"):
        return None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME")
        root = Path(base) if base else Path.home() / ".cache"
    return root / "roadmap-cli"


def content_key(kind: str, files: Iterable[Path]) -> str | None:
    """A key for facts of ``kind`` worked out from ``files`` (None if one cannot be read)."""
    digest = hashlib.sha256(f"{kind}\0{__version__}\0".encode())
    try:
        for path in sorted(files):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def load(key: str) -> Any:
    """The entry stored under ``key``, or None (missing, unreadable or corrupt)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}.json"
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(key: str, value: Any) -> None:
    """Keep ``value`` (plain JSON data) under ``key``; a cache that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.files import write_atomic

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.json", json.dumps(value, ensure_ascii=False), private=True)
    except (OSError, RoadmapError):
        return
