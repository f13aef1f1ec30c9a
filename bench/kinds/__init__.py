"""Record kinds: how gold and predictions of a task are read, checked, written and matched.

A task's ``kind:`` is a name registered here or a ``module:Class`` path to a subclass of
``bench.kinds.base.RecordKind``, so a new kind needs no edit to bench. Old names stay readable
as aliases.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.kinds.base import RecordKind

KINDS = {
    "spans": "bench.kinds.spans:SpanKind",
    "dates": "bench.kinds.dates:DateKind",
    "quotes": "bench.kinds.quotes:QuoteKind",
    "conflicts": "bench.kinds.conflicts:ConflictKind",
}
"""Kind name -> ``module:Class``, imported on first use."""
ALIASES = {"timex": "dates", "pairs": "conflicts"}
"""Old kind names, still accepted."""


def canonical(name: str) -> str:
    """The current name of a kind (old names map to new ones; ``module:Class`` stays)."""
    return ALIASES.get(name, name)


def kind_class(name: str) -> type[RecordKind[Any]]:
    """The class of the kind ``name``: a registered name, an old alias or ``module:Class``."""
    name = canonical(name)
    if ":" not in name and name not in KINDS:
        raise InputError(f"unknown record kind '{name}'",
                         hint=did_you_mean(name, [*KINDS, *ALIASES]) + " (or give module:Class)")
    module, _, attr = KINDS.get(name, name).partition(":")
    try:
        found = getattr(importlib.import_module(module), attr, None)
    except ImportError as exc:
        raise InputError(f"cannot import record kind '{name}': {exc}",
                         hint="check the module path; the project root is importable") from exc
    if not (isinstance(found, type) and issubclass(found, RecordKind)):
        raise InputError(f"'{name}' is not a record kind",
                         hint="give module:Class of a subclass of bench.kinds.base.RecordKind")
    return found


def get_kind(name: str, resources: Mapping[str, Path] | None = None) -> RecordKind[Any]:
    """The kind ``name``, given the task's resource files."""
    return kind_class(name)(resources or {})
