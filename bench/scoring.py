"""Scoring a set of predictions against gold: per-unit statistics, scores and intervals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.errors import InputError
from bench.metrics import build_metric
from bench.metrics.base import Array, Batch, Metric, Unit, statistics_table
from bench.stats.bootstrap import percentile_intervals, resample_totals
from bench.task.gold import TaskData


@dataclass(frozen=True)
class MetricResult:
    """One score with its bootstrap interval."""

    value: float
    """The score on all units."""
    ci_low: float
    """Lower end of the percentile interval."""
    ci_high: float
    """Upper end of the percentile interval."""


@dataclass(frozen=True)
class Scores:
    """Everything a run record needs: scores, intervals, per-unit and per-document statistics."""

    scores: dict[str, MetricResult]
    """``<metric>.<field>`` -> result, e.g. ``span.f1``."""
    units: tuple[str, ...]
    """Unit ids in statistics order."""
    statistics: dict[str, Array]
    """Metric name -> (units x columns) sufficient statistics."""
    columns: dict[str, tuple[str, ...]]
    """Metric name -> column names."""
    per_document: dict[str, dict[str, float]]
    """Document id -> headline fields of every metric, scored on that document alone."""


def build_metrics(data: TaskData) -> list[Metric]:
    """The task's metric objects, in YAML order."""
    return [build_metric(m.name, data.spec.labels, m.options, str(data.spec.path))
            for m in data.spec.metrics]


def units_of(data: TaskData) -> list[tuple[Unit, list[Any], list[Any]]]:
    """The evaluation units (paragraphs) of the task, each with empty gold/pred buckets."""
    return [(unit, [], []) for unit in paragraph_units(data)]


def paragraph_units(data: TaskData) -> list[Unit]:
    """Every paragraph of every document, in document order."""
    return [Unit(doc, p) for doc in data.documents for p in doc.paragraphs()]


def unit_index(records: Sequence[Any], data: TaskData, units: Sequence[Unit]) -> NDArray[np.intp]:
    """Index into ``units`` (paragraphs in document order) of the unit holding each record's
    location; a location between paragraphs goes to the nearest preceding one of its document
    (before the first, to the first). Sorted offsets and one binary search, no scan per record.
    """
    base: dict[str, int] = {}
    first: dict[str, int] = {}
    position = 0
    for doc in data.documents:
        base[doc.id] = position
        position += len(doc.text) + 1
    for i, unit in enumerate(units):
        first.setdefault(unit.document.id, i)
    starts = np.fromiter((base[u.document.id] + u.paragraph.start for u in units), np.int64,
                         len(units))
    located = [data.kind.locate(r) for r in records]
    for doc_id, _ in located:
        if doc_id not in first:
            raise InputError(f"record in document '{doc_id}', which has no text lines",
                             hint="every document needs a non-empty line to score against")
    key = np.fromiter((base[d] + offset for d, offset in located), np.int64, len(located))
    lowest = np.fromiter((first[d] for d, _ in located), np.intp, len(located))
    found = np.searchsorted(starts, key, "right") - 1
    return np.maximum(found, lowest).astype(np.intp)


def assign(records: Sequence[Any], data: TaskData, buckets: list[tuple[Unit, list[Any], list[Any]]],
           slot: int) -> None:
    """Put each record into the unit that contains its location (gold: slot 1, pred: slot 2);
    ``buckets`` are ``units_of(data)``."""
    index = unit_index(records, data, [u for u, _, _ in buckets])
    for record, i in zip(records, index.tolist(), strict=True):
        buckets[i][slot].append(record)


def paragraph_batch(data: TaskData, pred: Sequence[Any]) -> Batch:
    """Gold and ``pred`` assigned to the task's paragraphs."""
    units = paragraph_units(data)
    return Batch(units, data.gold, unit_index(data.gold, data, units), pred,
                 unit_index(pred, data, units))


def record_units(data: TaskData, pred: Sequence[Any]) -> list[tuple[Unit, list[Any], list[Any]]]:
    """One unit per gold record (``unit: record``, e.g. claim pairs).

    A prediction joins the gold record with the same ``kind.key``; failing that, the gold record
    the kind's ``near`` scores highest (above 0); failing that, the gold record located nearest
    before it in its document (else the document's first, else the first of all), so every
    system is scored on the same units. Ties go to the last tied gold record in gold-file order,
    for ``near`` as for location (the committed run records are scored this way).
    """
    key, near = data.kind.key, data.kind.near
    buckets: list[tuple[Unit, list[Any], list[Any]]] = []
    by_key: dict[Any, list[Any]] = {}
    located: list[tuple[str, int, list[Any]]] = []
    for record in data.gold:
        doc_id, offset = data.kind.locate(record)
        doc = data.document(doc_id)
        paragraph = next((p for p in doc.paragraphs() if p.start <= offset < p.end),
                         doc.paragraphs()[0])
        slot: list[Any] = []
        buckets.append((Unit(doc, paragraph), [record], slot))
        by_key[key(record)] = slot
        located.append((doc_id, offset, slot))
    for record in pred:
        target = by_key.get(key(record))
        if target is None:
            close = [(near(g, record), i) for i, g in enumerate(data.gold)]
            best = max(close, default=(0, 0))
            if best[0] > 0:
                target = buckets[best[1]][2]
        if target is None:
            doc_id, offset = data.kind.locate(record)
            same = [(o, s) for d, o, s in located if d == doc_id]
            before = [(o, i) for i, (o, _) in enumerate(same) if o <= offset]
            target = (same[max(before)[1]][1] if before else same[0][1] if same
                      else located[0][2])
        target.append(record)
    return buckets


def record_batch(data: TaskData, pred: Sequence[Any]) -> Batch:
    """One unit per gold record, predictions joined as ``record_units`` does."""
    buckets = record_units(data, pred)
    pred_records = [p for _, _, ps in buckets for p in ps]
    pred_unit = np.repeat(np.arange(len(buckets)), [len(ps) for _, _, ps in buckets])
    return Batch([u for u, _, _ in buckets], [g for _, gs, _ in buckets for g in gs],
                 np.arange(len(buckets), dtype=np.intp), pred_records, pred_unit.astype(np.intp))


def score(data: TaskData, pred: Sequence[Any]) -> Scores:
    """Score ``pred`` against the task's gold with every metric, with bootstrap intervals."""
    stats_spec = data.spec.statistics
    if stats_spec.unit == "record":
        batch = record_batch(data, pred)
        group = [f"{u.paragraph.doc}@{i}" for i, u in enumerate(batch.units)]
    else:
        batch = paragraph_batch(data, pred)
        group = [u.paragraph.doc if stats_spec.unit == "document" else u.paragraph.unit_id
                 for u in batch.units]
    unit_ids = tuple(dict.fromkeys(group))
    position = {u: i for i, u in enumerate(unit_ids)}
    group_of = np.fromiter((position[g] for g in group), np.intp, len(group))
    doc_position = {d.id: i for i, d in enumerate(data.documents)}
    doc_of = np.fromiter((doc_position[u.document.id] for u in batch.units), np.intp,
                         len(batch.units))
    metrics = build_metrics(data)
    rows = {m.name: statistics_table(m, batch) for m in metrics}
    statistics = {name: _grouped_sum(r, group_of, len(unit_ids)) for name, r in rows.items()}
    columns = {m.name: m.columns for m in metrics}
    every = np.hstack([statistics[m.name] for m in metrics])
    resampled = resample_totals(every, stats_spec.resamples, stats_spec.seed)
    scores: dict[str, MetricResult] = {}
    per_document: dict[str, dict[str, float]] = {d.id: {} for d in data.documents}
    first = 0
    for metric in metrics:
        width = len(metric.columns)
        point = metric.aggregate(statistics[metric.name].sum(0))
        intervals = percentile_intervals(metric.aggregate(resampled[:, first:first + width]),
                                         stats_spec.confidence)
        first += width
        for field, value in point.items():
            low, high = intervals[field]
            scores[f"{metric.name}.{field}"] = MetricResult(float(value), low, high)
        by_doc = metric.aggregate(_grouped_sum(rows[metric.name], doc_of, len(data.documents)))
        for d, doc in enumerate(data.documents):
            for field, values in by_doc.items():
                if headline(field, data.spec.labels):
                    per_document[doc.id][f"{metric.name}.{field}"] = float(values[d])
    return Scores(scores, unit_ids, statistics, columns,
                  {doc: fields for doc, fields in per_document.items() if fields})


def _grouped_sum(rows: Array, group: NDArray[np.intp], n_groups: int) -> Array:
    """Rows summed per group (a grouped sum, one pass), groups in index order."""
    if n_groups == len(group) and np.array_equal(group, np.arange(n_groups)):
        return rows
    out = np.zeros((n_groups, rows.shape[1]))
    np.add.at(out, group, rows)
    return out


def headline(field: str, labels: tuple[str, ...]) -> bool:
    """True for fields that are not per-label breakdowns (``f1``, not ``f1.PER``)."""
    return field.rsplit(".", 1)[-1] not in labels
