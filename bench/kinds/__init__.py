"""Record kinds: how gold and predictions of a task are read, checked and written.

A kind is named by a task's ``kind:`` key; adding one is a new module plus one line here.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

from bench.core.records import Document
from bench.core.yamlio import did_you_mean
from bench.errors import InputError

KINDS = {
    "spans": "bench.kinds.spans:SpanKind",
    "timex": "bench.kinds.timex:TimexKind",
    "quotes": "bench.kinds.quotes:QuoteKind",
    "pairs": "bench.kinds.pairs:PairKind",
}
"""Kind name -> ``module:Class``, imported on first use."""


class RecordKind(Protocol):
    """What the harness needs to know about one kind of record."""

    name: str

    def parse(self, raw: dict[str, Any], where: str, documents: dict[str, Document],
              labels: tuple[str, ...], *, gold: bool) -> Any:
        """Check one JSON object and turn it into a record; errors name ``where``."""

    def check_set(self, records: list[tuple[str, Any]]) -> None:
        """Check constraints across records (e.g. no overlaps); items are (where, record)."""

    def dump(self, record: Any) -> dict[str, Any]:
        """The JSON object for a record, in the gold format."""

    def locate(self, record: Any) -> tuple[str, int]:
        """(document id, offset) used to assign the record to an evaluation unit."""


def get_kind(name: str, resources: dict[str, Path] | None = None) -> RecordKind:
    """The kind registered under ``name``, given the task's resource files."""
    if name not in KINDS:
        raise InputError(f"unknown record kind '{name}'", hint=did_you_mean(name, KINDS))
    module, _, attr = KINDS[name].partition(":")
    kind: RecordKind = getattr(importlib.import_module(module), attr)(resources or {})
    return kind
