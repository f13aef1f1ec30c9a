"""Run records: one JSON file per (task, system) with scores, statistics and predictions."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import __version__
from bench.core.atomic import pending, pending_in, write_text
from bench.core.schema import validate
from bench.core.yamlio import MAX_DEPTH, json_depth, shown
from bench.errors import InputError, one_line
from bench.runs.schema import RunRecordFile
from bench.runs.signature import run_signature
from bench.scoring import Scores
from bench.systems.protocol import System
from bench.task.gold import TaskData
from bench.task.predictions import prepare

DIGITS = 6


@dataclass(frozen=True)
class RunRecord:
    """A run record as read back from disk."""

    task: str
    """Task name."""
    system: dict[str, Any]
    """The system's declaration (name, version, regime, resources, tuned_on_test)."""
    signature: str
    """The run's signature."""
    primary: str
    """The primary field name."""
    scores: dict[str, dict[str, float]]
    """Field -> value, ci_low, ci_high."""
    raw: dict[str, Any]
    """The whole JSON object."""
    path: Path | None = None
    """Where it was read from."""

    @property
    def primary_value(self) -> float:
        """The primary score (NaN when the record has none)."""
        return float(self.scores.get(self.primary, {}).get("value", float("nan")))


def record_path(root: Path, task: str, system: str) -> Path:
    """``reports/runs/<task>/<system>.json``."""
    return root / "reports" / "runs" / task / f"{system}.json"


def build_record(data: TaskData, system: type[System], scores: Scores,
                 predictions: list[Any], ref: str) -> dict[str, Any]:
    """The JSON object of a run record; deterministic for the same inputs.

    ``ref`` is how the system was named (a registry name or ``module:Class``), so that
    ``bench check`` can run it again.
    """
    record = {
        "bench": __version__,
        "task": {"name": data.spec.name, "version": data.spec.version},
        "system": {**system.describe(), "ref": ref},
        "signature": run_signature(data, system),
        "primary": data.spec.primary,
        "scores": {k: {"value": _r(v.value), "ci_low": _r(v.ci_low), "ci_high": _r(v.ci_high)}
                   for k, v in sorted(scores.scores.items())},
        "per_document": {d: {k: _r(v) for k, v in sorted(f.items())}
                         for d, f in sorted(scores.per_document.items())},
        "units": list(scores.units),
        "statistics": {name: {"columns": list(scores.columns[name]),
                              "rows": [[_num(x) for x in row] for row in rows.tolist()]}
                       for name, rows in scores.statistics.items()},
        "predictions": [data.kind.dump(p) for p in predictions],
    }
    run_info = getattr(system, "run_info", None)  # model systems: usage, invalid answers
    if callable(run_info):
        record["run"] = run_info()
    return record


def recorded_predictions(record: RunRecord, data: TaskData) -> list[Any]:
    """The predictions kept in a run record, read back through the one prediction path."""
    name = f"run record of {record.system['name']}"
    return prepare(((f"{name}:{n}", raw) for n, raw
                    in enumerate(record.raw.get("predictions", []), start=1)), data)


def write_record(path: Path, record: dict[str, Any]) -> None:
    """Write a run record atomically, keys sorted, Arabic kept readable."""
    write_text(path, json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1) + "\n")


def read_record(path: Path) -> RunRecord:
    """Read a run record back, checked against its schema; a malformed one names the file."""
    where = shown(path)
    try:
        staged = pending(path)  # written earlier in the same transaction
        text = staged if staged is not None else path.read_bytes().decode("utf-8")
        raw = json.loads(text)
    except OSError as exc:
        raise InputError(f"cannot read run record: {exc.strerror}", where=where) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"not a readable run record: {one_line(str(exc), 120)}", where=where,
                         hint="re-create it with bench run") from None
    if json_depth(raw) > MAX_DEPTH:
        raise InputError(f"not a readable run record: nested deeper than {MAX_DEPTH} levels",
                         where=where, hint="re-create it with bench run")
    validate(RunRecordFile, raw, where, hint="re-create it with bench run; see 'bench schema "
             "run-record'")
    return RunRecord(task=raw["task"]["name"], system=raw["system"], signature=raw["signature"],
                     primary=raw["primary"], scores=raw["scores"], raw=raw, path=path)


def read_records(root: Path, task: str) -> list[RunRecord]:
    """Every run record of ``task``, sorted by file name."""
    folder = root / "reports" / "runs" / task
    paths = {Path(os.path.abspath(p)) for p in folder.glob("*.json")}
    paths.update(pending_in(folder, "*.json"))
    return [read_record(p) for p in sorted(paths, key=lambda p: p.name)]


def _r(value: float) -> float:
    return round(float(value), DIGITS)


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, DIGITS)
