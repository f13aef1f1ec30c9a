"""Scoring a set of predictions against gold: per-unit statistics, scores and intervals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.core.records import Paragraph
from bench.errors import InputError
from bench.metrics import build_metric
from bench.metrics.base import Array, Metric, Unit
from bench.stats.bootstrap import bootstrap_intervals, resample_weights
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
    return [(Unit(doc, p), [], []) for doc in data.documents for p in doc.paragraphs()]


def assign(records: Sequence[Any], data: TaskData, buckets: list[tuple[Unit, list[Any], list[Any]]],
           slot: int) -> None:
    """Put each record into the unit that contains its location (gold: slot 1, pred: slot 2)."""
    index: dict[str, list[tuple[Paragraph, list[Any]]]] = defaultdict(list)
    for unit, gold, pred in buckets:
        index[unit.document.id].append((unit.paragraph, gold if slot == 1 else pred))
    for record in records:
        doc, offset = data.kind.locate(record)
        target = next((b for p, b in index[doc] if p.start <= offset < p.end), None)
        if target is None:  # between paragraphs: the nearest preceding one
            target = [b for p, b in index[doc] if p.start <= offset][-1]
        target.append(record)


def record_units(data: TaskData, pred: Sequence[Any]) -> list[tuple[Unit, list[Any], list[Any]]]:
    """One unit per gold record (``unit: record``, e.g. claim pairs).

    A prediction joins the gold record with the same ``kind.key``; failing that, the gold record
    the kind's ``near`` scores highest (above 0); failing that, the gold record located nearest
    before it in its document (else the document's first, else the first of all), so every
    system is scored on the same units. Ties go to the last tied gold record in gold-file order,
    for ``near`` as for location (the committed run records are scored this way).
    """
    key = getattr(data.kind, "key", None)
    if key is None:
        raise InputError(f"record kind '{data.spec.kind}' has no per-record key",
                         hint="use 'unit: paragraph' or 'unit: document' for this task")
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
    near = getattr(data.kind, "near", None)
    for record in pred:
        target = by_key.get(key(record))
        if target is None and near is not None:
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


def score(data: TaskData, pred: Sequence[Any]) -> Scores:
    """Score ``pred`` against the task's gold with every metric, with bootstrap intervals."""
    stats_spec = data.spec.statistics
    if stats_spec.unit == "record":
        buckets = record_units(data, pred)
        group = [f"{u.paragraph.doc}@{i}" for i, (u, _, _) in enumerate(buckets)]
    else:
        buckets = units_of(data)
        assign(data.gold, data, buckets, 1)
        assign(pred, data, buckets, 2)
        group = [u.paragraph.doc if stats_spec.unit == "document" else u.paragraph.unit_id
                 for u, _, _ in buckets]
    unit_ids = tuple(dict.fromkeys(group))
    scores: dict[str, MetricResult] = {}
    statistics: dict[str, Array] = {}
    columns: dict[str, tuple[str, ...]] = {}
    per_document: dict[str, dict[str, float]] = defaultdict(dict)
    weights = resample_weights(len(unit_ids), stats_spec.resamples, stats_spec.seed)
    for metric in build_metrics(data):
        rows = np.array([metric.statistics(g, p, u) for u, g, p in buckets])
        grouped = _group_rows(rows, group, unit_ids)
        statistics[metric.name], columns[metric.name] = grouped, metric.columns
        point = metric.aggregate(grouped.sum(0))
        intervals = bootstrap_intervals(grouped, metric.aggregate, weights,
                                        stats_spec.confidence)
        for field, value in point.items():
            low, high = intervals[field]
            scores[f"{metric.name}.{field}"] = MetricResult(float(value), low, high)
        for doc in data.documents:
            mask = [u.document.id == doc.id for u, _, _ in buckets]
            doc_scores = metric.aggregate(rows[mask].sum(0))
            for field, value in doc_scores.items():
                if headline(field, data.spec.labels):
                    per_document[doc.id][f"{metric.name}.{field}"] = float(value)
    return Scores(scores, unit_ids, statistics, columns, dict(per_document))


def _group_rows(rows: Array, group: list[str], unit_ids: tuple[str, ...]) -> Array:
    if len(unit_ids) == len(group):
        return rows
    position = {u: i for i, u in enumerate(unit_ids)}
    out = np.zeros((len(unit_ids), rows.shape[1]))
    for row, key in zip(rows, group, strict=True):
        out[position[key]] += row
    return out


def headline(field: str, labels: tuple[str, ...]) -> bool:
    """True for fields that are not per-label breakdowns (``f1``, not ``f1.PER``)."""
    return field.rsplit(".", 1)[-1] not in labels
