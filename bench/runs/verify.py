"""Verifying a run record before the gate trusts it.

A record is consistent when its signature agrees with its own content (task name and version,
system name and version, primary field), when it lies where its task and system names say
(``reports/runs/<task>/<system>.json``), and when every stored score and interval equals, to
the stored rounding, what the task's metrics and bootstrap compute from the record's own
sufficient statistics. A hand-edited score therefore fails ``bench check`` by name.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.core.names import is_name
from bench.metrics import build_metric
from bench.runs.record import DIGITS, RunRecord
from bench.runs.signature import parse_signature
from bench.stats.bootstrap import percentile_intervals, resample_totals
from bench.task.spec import TaskSpec

TOLERANCE = 1.01 * 10 ** -DIGITS
"""Stored values are rounded to ``DIGITS`` places; statistics too, so allow one last digit."""


def record_problem(record: RunRecord, spec: TaskSpec, path: Path | None = None) -> str:
    """Why ``record`` cannot be trusted, or "" when it verifies."""
    return (_identity_problem(record, spec, path) or _signature_problem(record)
            or _score_problem(record, spec))


def _identity_problem(record: RunRecord, spec: TaskSpec, path: Path | None) -> str:
    name = record.system.get("name")
    if not is_name(name) or record.task != spec.name:
        return f"names task '{record.task}' and system {name!r}, not a valid pair"
    if path is not None and (path.stem != name or path.parent.name != spec.name):
        return f"is stored as {path.parent.name}/{path.name} but names {spec.name}/{name}"
    return ""


def _signature_problem(record: RunRecord) -> str:
    sig = parse_signature(record.signature)
    task = record.raw.get("task", {})
    claims = {"task": f"{task.get('name')}@{task.get('version')}",
              "system": f"{record.system.get('name')}@{record.system.get('version')}",
              "primary": record.primary}
    wrong = [k for k, v in claims.items() if sig.get(k) != v]
    if wrong:
        k = wrong[0]
        return f"signature says {k} {sig.get(k)!r} but the record says {claims[k]!r}"
    return ""


def _score_problem(record: RunRecord, spec: TaskSpec) -> str:
    stats = record.raw.get("statistics", {})
    stored = record.scores
    computed: dict[str, tuple[float, float, float]] = {}
    blocks = []
    metrics = []
    for entry in spec.metrics:
        metric = build_metric(entry.name, spec.labels, entry.options)
        table = stats.get(metric.name)
        if not isinstance(table, dict) or list(table.get("columns", [])) != list(metric.columns):
            return f"statistics of '{metric.name}' are missing or have other columns"
        rows = np.asarray(table.get("rows", []), dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != len(metric.columns) or \
                rows.shape[0] != len(record.raw.get("units", [])):
            return f"statistics of '{metric.name}' do not have one row per unit"
        blocks.append(rows)
        metrics.append(metric)
    resampled = resample_totals(np.hstack(blocks), spec.statistics.resamples,
                                spec.statistics.seed)
    first = 0
    for metric, rows in zip(metrics, blocks, strict=True):
        width = rows.shape[1]
        point = metric.aggregate(rows.sum(0))
        intervals = percentile_intervals(metric.aggregate(resampled[:, first:first + width]),
                                         spec.statistics.confidence)
        first += width
        for field, value in point.items():
            low, high = intervals[field]
            computed[f"{metric.name}.{field}"] = (float(value), float(low), float(high))
    if set(computed) != set(stored):
        extra = sorted(set(stored) ^ set(computed))
        return f"score fields do not match the task's metrics ({extra[0]} ...)"
    for field, triple in sorted(computed.items()):
        kept = stored[field]
        for part, now in zip(("value", "ci_low", "ci_high"), triple, strict=True):
            if abs(float(kept[part]) - round(now, DIGITS)) > TOLERANCE:
                return (f"stored {field} {part} {kept[part]} is not what its statistics give "
                        f"({round(now, DIGITS)})")
    return ""
