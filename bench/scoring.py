"""Scoring a set of predictions against gold: per-unit statistics, scores and intervals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

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
    return list(data.paragraphs.units)


def unit_index(records: Sequence[Any], data: TaskData) -> NDArray[np.intp]:
    """Index into ``paragraph_units(data)`` of the unit holding each record's location; a
    location between paragraphs goes to the nearest preceding one of its document (before the
    first, to the first). Sorted offsets and one binary search, no scan per record.
    """
    return data.paragraphs.index(records, data.kind)


def assign(records: Sequence[Any], data: TaskData, buckets: list[tuple[Unit, list[Any], list[Any]]],
           slot: int) -> None:
    """Put each record into the unit that contains its location (gold: slot 1, pred: slot 2);
    ``buckets`` are ``units_of(data)``."""
    for record, i in zip(records, unit_index(records, data).tolist(), strict=True):
        buckets[i][slot].append(record)


def paragraph_batch(data: TaskData, pred: Sequence[Any]) -> Batch:
    """Gold and ``pred`` assigned to the task's paragraphs (the units and the gold's places are
    computed once per loaded task)."""
    return Batch(data.paragraphs.units, data.gold, data.gold_unit, pred, unit_index(pred, data),
                 data.paragraphs)


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
    batch = record_batch(data, pred) if stats_spec.unit == "record" else paragraph_batch(data, pred)
    unit_ids, group_of, doc_of = _groups(data, batch)
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
        fields = [f for f in by_doc if headline(f, data.spec.labels)]
        names = [f"{metric.name}.{f}" for f in fields]
        values = zip(*(by_doc[f].tolist() for f in fields), strict=True) if fields else ()
        for doc_fields, doc_values in zip(per_document.values(), values, strict=False):
            doc_fields.update(zip(names, doc_values, strict=True))
    return Scores(scores, unit_ids, statistics, columns,
                  {doc: fields for doc, fields in per_document.items() if fields})


def _groups(data: TaskData, batch: Batch) -> tuple[tuple[str, ...], NDArray[np.intp],
                                                   NDArray[np.intp]]:
    """(statistics unit ids, each batch unit's statistics unit, each batch unit's document)."""
    unit = data.spec.statistics.unit
    if batch.paragraphs is not None and unit == "paragraph":
        ids = batch.paragraphs.unit_ids
        return ids, np.arange(len(ids), dtype=np.intp), batch.paragraphs.document_of
    if unit == "record":
        group = [f"{u.paragraph.doc}@{i}" for i, u in enumerate(batch.units)]
    else:
        group = [u.paragraph.doc if unit == "document" else u.paragraph.unit_id
                 for u in batch.units]
    unit_ids = tuple(dict.fromkeys(group))
    position = {u: i for i, u in enumerate(unit_ids)}
    group_of = np.fromiter((position[g] for g in group), np.intp, len(group))
    doc_position = {d.id: i for i, d in enumerate(data.documents)}
    doc_of = np.fromiter((doc_position[u.document.id] for u in batch.units), np.intp,
                         len(batch.units))
    return unit_ids, group_of, doc_of


def _grouped_sum(rows: Array, group: NDArray[np.intp], n_groups: int) -> Array:
    """Rows summed per group (a grouped sum, one pass), groups in index order."""
    if n_groups == len(group) and np.array_equal(group, np.arange(n_groups)):
        return rows
    out = np.zeros((n_groups, rows.shape[1]))
    if len(group) and np.all(group[1:] >= group[:-1]):
        # Sorted groups (units in document order): one reduction per run of equal groups.
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        out[group[starts]] = np.add.reduceat(rows, starts, axis=0)
        return out
    np.add.at(out, group, rows)
    return out


def headline(field: str, labels: tuple[str, ...]) -> bool:
    """True for fields that are not per-label breakdowns (``f1``, not ``f1.PER``)."""
    return field.rsplit(".", 1)[-1] not in labels
