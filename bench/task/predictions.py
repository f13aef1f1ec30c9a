"""The one path for predictions: parse, label map, check, whatever they come from.

A predictions file (``bench score``), a system's output (``bench run``, ``bench check``, the
pytest plugin) and the predictions kept in a committed run record (report pages, the gate's
flips, ``bench export``) all go through ``prepare``:

1. parse each JSON object with the task's kind, accepting the task's labels and the labels
   its ``predictions: labels:`` map renames or drops;
2. apply the map (a label mapped to null drops the record);
3. check the set (no overlaps, no duplicates ...).

A run record keeps its predictions after the map, so reading them again gives the same
records: a map's targets are task labels that it does not rename again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.core.yamlio import read_jsonl, shown
from bench.errors import InputError
from bench.kinds.base import Located
from bench.task.gold import TaskData
from bench.task.spec import TaskSpec


def prepare_located(items: Iterable[tuple[str, dict[str, Any]]], data: TaskData) -> Located:
    """(where, record) of each kept prediction; ``items`` are (where, JSON object)."""
    spec, kind = data.spec, data.kind
    mapping = label_map(spec)
    accepted = (*spec.labels, *(k for k in mapping if k not in spec.labels))
    by_id = {d.id: d for d in data.documents}
    located: Located = []
    for where, raw in items:
        record = kind.parse(raw, where, by_id, accepted, gold=False)
        label = kind.label(record)
        if label in mapping:
            target = mapping[label]
            if target is None:
                continue
            record = kind.relabel(record, target)
        located.append((where, record))
    kind.check_set(located)
    return located


def prepare(items: Iterable[tuple[str, dict[str, Any]]], data: TaskData) -> list[Any]:
    """The records of the kept predictions, in input order."""
    return [record for _, record in prepare_located(items, data)]


def load_predictions(path: Path, data: TaskData) -> list[Any]:
    """Read a predictions file in the task's gold format (``text`` optional)."""
    name = shown(path)
    return prepare(((f"{name}:{n}", raw) for n, raw in read_jsonl(path)), data)


def label_map(spec: TaskSpec) -> dict[str, str | None]:
    """The task's prediction label map, checked: targets are task labels, not renamed again."""
    for source, target in spec.label_map.items():
        if target is not None and (target not in spec.labels or target in spec.label_map):
            raise InputError(f"'predictions: labels:' maps '{source}' to '{target}', which is "
                             + ("renamed again" if target in spec.label_map
                                else "not a task label"),
                             where=shown(spec.path),
                             hint=f"map it to one of {', '.join(spec.labels)} or to null")
    return spec.label_map
