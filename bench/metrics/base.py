"""The metric protocol and the precision/recall/F1 arithmetic every family shares."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from bench.core.records import Document, Paragraph
from bench.metrics.spanarrays import Ints, SpanArrays, label_codes

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Unit:
    """What a metric may look at besides gold and predictions: the unit's text."""

    document: Document
    """The document the unit belongs to."""
    paragraph: Paragraph
    """The unit's extent in the document."""


class Layout(Protocol):
    """What is kept about a task's paragraph units across scoring passes."""

    @property
    def tokens(self) -> tuple[Ints, Ints, Ints]:
        """(unit index, start, end) of every token of every unit, in unit order."""

    @property
    def unit_ids(self) -> tuple[str, ...]:
        """``<doc>#<index>`` of every unit."""

    @property
    def document_of(self) -> NDArray[np.intp]:
        """Index of each unit's document."""


@dataclass(frozen=True)
class Batch:
    """Every unit of one scoring pass, with gold and predictions assigned to units by index."""

    units: Sequence[Unit]
    """The units, in statistics order."""
    gold: Sequence[Any]
    """Gold records, in task order."""
    gold_unit: NDArray[np.intp]
    """Index into ``units`` of each gold record."""
    pred: Sequence[Any]
    """Predicted records, in the system's order."""
    pred_unit: NDArray[np.intp]
    """Index into ``units`` of each prediction."""
    paragraphs: Layout | None = None
    """The task's paragraph units (``bench.metrics.units``) when ``units`` are exactly those:
    arrays about them kept across scoring passes."""

    @cached_property
    def codes(self) -> dict[str, int]:
        """Label -> code over every gold and predicted label (``label_codes``), for records
        with a ``label``."""
        return label_codes((), self.gold, self.pred)

    @cached_property
    def spans(self) -> tuple[SpanArrays, SpanArrays]:
        """Gold and predictions as sorted span arrays (records with ``start``, ``end`` and
        ``label``), built on first use and shared by every span metric of the pass."""
        return (SpanArrays.of(self.gold, self.gold_unit, self.codes),
                SpanArrays.of(self.pred, self.pred_unit, self.codes))

    def buckets(self, only: Sequence[int] | None = None) -> Iterator[tuple[int, list[Any],
                                                                         list[Any]]]:
        """(unit index, its gold, its predictions) for every unit, or the units in ``only``,
        records in their original order."""
        gold = _grouped(self.gold, self.gold_unit, len(self.units))
        pred = _grouped(self.pred, self.pred_unit, len(self.units))
        for i in range(len(self.units)) if only is None else only:
            yield i, gold[i], pred[i]


def _grouped(records: Sequence[Any], unit: NDArray[np.intp], n_units: int) -> list[list[Any]]:
    out: list[list[Any]] = [[] for _ in range(n_units)]
    for record, u in zip(records, unit.tolist(), strict=True):
        out[u].append(record)
    return out


class Metric(Protocol):
    """A metric family: statistics per unit, then an aggregate over summed statistics.

    ``aggregate`` receives totals with any leading shape (one row, or one row per bootstrap
    resample) and must be vectorized over it, so intervals and paired tests come for free.
    """

    name: str
    columns: tuple[str, ...]
    """Names of the sufficient statistics, in order."""
    signature: str
    """Options that change the numbers, for the run signature, e.g. ``span:exact``."""

    def statistics(self, gold: Sequence[Any], pred: Sequence[Any], unit: Unit) -> Array:
        """Sufficient statistics of one unit, a vector of ``len(columns)``."""

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """Scores from statistics summed over units, keyed by field (``f1``, ``f1.PER`` ...)."""


@runtime_checkable
class BatchMetric(Metric, Protocol):
    """A metric that computes the statistics of every unit at once, with array operations.

    ``table(batch)[i]`` must equal ``statistics(gold_i, pred_i, batch.units[i])`` exactly.
    """

    def table(self, batch: Batch) -> Array:
        """Statistics of all units: shape ``(len(batch.units), len(columns))``."""


def statistics_table(metric: Metric, batch: Batch) -> Array:
    """Per-unit statistics of ``metric`` on every unit of ``batch`` (units x columns)."""
    if isinstance(metric, BatchMetric):
        return metric.table(batch)
    out = np.zeros((len(batch.units), len(metric.columns)))
    for i, gold, pred in batch.buckets():
        out[i] = metric.statistics(gold, pred, batch.units[i])
    return out


def safe_divide(num: Array, den: Array) -> Array:
    """``num / den`` with 0/0 (and x/0) defined as 0, seqeval's ``zero_division=0``."""
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out


def prf(correct: Array, predicted: Array, expected: Array) -> dict[str, Array]:
    """Precision, recall and F1 from counts; every 0/0 gives 0 (an empty system scores 0)."""
    precision = safe_divide(correct, predicted)
    recall = safe_divide(correct, expected)
    f1 = safe_divide(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}
