"""Tiers remembered between commands: a task whose run records did not change keeps its tiers
without running its randomization tests again (most of the time a leaderboard takes).

The memo lives in ``.bench-cache/tiers/<task>.memo`` and is used only when everything the tiers
are computed from is the same: each record's system, primary score, signature, units and
statistics of the primary metric; the task's primary field, metrics and statistics settings;
bench's version, numpy's (its random streams), and the source of the code that ranks and tests
(``bench.runs.compare``, ``bench.stats``, ``bench.metrics``). Anything else is a miss, and a
memo that is cut or edited (it carries a digest of its content) is a miss too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from bench import __version__
from bench.core.atomic import write_text
from bench.runs.compare import Tiered, tiers
from bench.runs.record import RunRecord
from bench.stats.paired import Comparison
from bench.task.spec import TaskSpec

PACKAGE = Path(__file__).resolve().parent.parent
CODE = ("runs/compare.py", "stats", "metrics")
"""The code whose change can change a tier or a p-value, relative to the package."""


def remembered_tiers(spec: TaskSpec, records: list[RunRecord], folder: Path) -> list[Tiered]:
    """``tiers(spec, records)``, from the memo in ``folder`` when it holds them for exactly
    these inputs; else computed and the memo rewritten."""
    note = folder / f"{spec.name}.memo"
    key = _key(spec, records)
    by_name = {str(r.system["name"]): r for r in records}
    found = _read(note, key, by_name)
    if found is not None:
        return found
    ranked = tiers(spec, records)
    rows = [[t.record.system["name"], t.rank, t.tier, asdict(t.above) if t.above else None]
            for t in ranked]
    write_text(note, json.dumps({"key": key, "tiers": rows, "sha256": _digest(key, rows)}) + "\n")
    return ranked


def _read(note: Path, key: str, by_name: dict[str, RunRecord]) -> list[Tiered] | None:
    """The remembered tiers when the memo is whole, unedited and made from ``key``."""
    try:
        memo = json.loads(note.read_bytes().decode("utf-8"))
        if (memo["key"] != key or memo["sha256"] != _digest(key, memo["tiers"])
                or len(memo["tiers"]) != len(by_name)):
            return None
        return [Tiered(by_name[name], int(rank), int(tier),
                       None if above is None else Comparison(**above))
                for name, rank, tier, above in memo["tiers"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def _key(spec: TaskSpec, records: list[RunRecord]) -> str:
    """A digest of everything the tiers depend on."""
    metric = spec.primary.partition(".")[0]  # the family whose statistics the tests use
    inputs: list[Any] = [
        __version__, np.__version__, _code(), spec.primary, spec.labels,
        [[m.name, m.options] for m in spec.metrics], asdict(spec.statistics)]
    for record in records:
        stats = record.raw.get("statistics", {}).get(metric)
        inputs.append([record.system.get("name"), record.primary_value, record.signature,
                       record.raw.get("units"), stats])
    blob = json.dumps(inputs, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _digest(key: str, rows: Any) -> str:
    """Of the memo's content, so that an edited memo is a miss."""
    return hashlib.sha256(json.dumps([key, rows], sort_keys=True).encode()).hexdigest()


def _code() -> str:
    digest = hashlib.sha256()
    for part in CODE:
        path = PACKAGE / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(PACKAGE).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()
