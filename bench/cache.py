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

FOLDER = ".bench-cache"
FORMAT = 1


class Cache:
    """Raw predictions per key, one JSON file each."""

    def __init__(self, root: Path):
        self.folder = root / FOLDER
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
        """The stored predictions, or None."""
        path = self._path(key)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value if isinstance(value, list) else None

    def put(self, key: str, value: list[dict[str, Any]]) -> None:
        """Store predictions atomically."""
        write_text(self._path(key), json.dumps(value, ensure_ascii=False, sort_keys=True))

    def clear(self) -> int:
        """Delete the cache; returns how many entries it held."""
        count = sum(1 for _ in self.folder.rglob("*.json")) if self.folder.is_dir() else 0
        shutil.rmtree(self.folder, ignore_errors=True)
        return count
