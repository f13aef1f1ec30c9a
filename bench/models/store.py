"""The response cache: every answer an endpoint gave, in SQLite, so a re-run sends nothing.

Keyed by the endpoint (without credentials), the model and the full request body (messages,
sampling parameters, response format), so any change to a prompt or a parameter is a new
request. Each answer is committed as soon as it arrives: a run that crashes or is interrupted
resumes where it stopped. The file is ``.bench-cache/responses.sqlite`` in the project folder
(git-ignored); ``bench cache clear`` removes it with the rest of the cache. The API key is part
of no key and no value.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

FILE = "responses.sqlite"
_SCHEMA = ("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, endpoint TEXT NOT NULL,"
           " model TEXT NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL)")


def request_key(endpoint: str, model: str, body: dict[str, Any]) -> str:
    """The sha256 of the endpoint, the model and the request body as canonical JSON."""
    blob = json.dumps([endpoint, model, body], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseStore:
    """A SQLite table of responses; ``None`` path keeps nothing (``--no-cache``)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.execute(_SCHEMA)
            self._db.commit()

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored response for ``key``, or None."""
        if self._db is None:
            return None
        row = self._db.execute("SELECT response FROM responses WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, endpoint: str, model: str, body: dict[str, Any],
            response: dict[str, Any]) -> None:
        """Store one response and commit at once."""
        if self._db is None:
            return
        self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?)",
                         (key, endpoint, model, json.dumps(body, ensure_ascii=False),
                          json.dumps(response, ensure_ascii=False)))
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None
