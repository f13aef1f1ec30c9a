"""The prediction cache: ``.bench-cache/`` in the project folder (git-ignored).

A document's raw predictions are stored under a key made of the system's name, version and
reference (its command line, for executables), the task's name, kind and prediction label map,
the document's sha256 and DCT, and whatever else the predictions depend on: the training gold
for trainable systems (leave-one-document-out), every document and resource file for systems
with ``begin``. A second ``bench run`` re-runs only what changed; ``--no-cache`` bypasses it,
``bench cache clear`` empties it. ``bench check`` never uses it: the gate must run the code.
A system whose code changes must bump its version, or its cached predictions are reused.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from bench.core.atomic import write_text
from bench.core.yamlio import MAX_DEPTH, json_depth

FOLDER = ".bench-cache"
FORMAT = 2


class Cache:
    """Raw predictions per key, one JSON file each: ``{"key", "sha256", "predictions"}``.

    An entry that cannot be read, is not that shape, belongs to another key or whose
    predictions do not hash to its ``sha256`` (a byte flipped, a hand edit) is a miss: the
    system runs again and the entry is rewritten.
    """

    def __init__(self, root: Path, write: bool = True):
        self.folder = root / FOLDER
        self.write = write
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(*parts: Any) -> str:
        """A stable digest of the parts (JSON-encoded)."""
        blob = json.dumps([FORMAT, *parts], ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The stored predictions, or None (a miss) when absent or not intact."""
        value = _intact(self._path(key), key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: list[dict[str, Any]]) -> None:
        """Store predictions atomically (not at all for a read-only cache)."""
        if not self.write:
            return
        entry = {"key": key, "sha256": _digest(value), "predictions": value}
        write_text(self._path(key), json.dumps(entry, ensure_ascii=False, sort_keys=True))

    def clear(self) -> int:
        """Delete the cache; returns how many entries it held."""
        count = sum(1 for _ in self.folder.rglob("*.json")) if self.folder.is_dir() else 0
        shutil.rmtree(self.folder, ignore_errors=True)
        return count


def _digest(predictions: list[dict[str, Any]]) -> str:
    blob = json.dumps(predictions, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _intact(path: Path, key: str) -> list[dict[str, Any]] | None:
    """The entry's predictions when it is whole and belongs to ``key``, else None."""
    try:
        entry = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    predictions = entry.get("predictions")
    if not isinstance(predictions, list) or not all(isinstance(p, dict) for p in predictions):
        return None
    if json_depth(predictions) > MAX_DEPTH + 1:
        return None
    return predictions if entry.get("sha256") == _digest(predictions) else None
