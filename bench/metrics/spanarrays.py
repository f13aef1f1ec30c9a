"""Labelled spans as integer arrays (unit, start, end, label), sorted, for vectorized matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]


def label_codes(labels: Iterable[str], *records: Sequence[Any]) -> dict[str, int]:
    """Label -> code for the task's labels and any other label in ``records``, numbered in
    string order so that sorting by code sorts as ``Span`` objects do."""
    names = set(labels)
    for group in records:
        names.update(r.label for r in group)
    return {name: i for i, name in enumerate(sorted(names))}


@dataclass(frozen=True)
class SpanArrays:
    """Spans of one side (gold or predicted), sorted by unit, start, end and label."""

    unit: Ints
    """Index of the unit each span is assigned to."""
    start: Ints
    """First character (document offset)."""
    end: Ints
    """One past the last character."""
    label: Ints
    """Label code from ``label_codes``."""

    @classmethod
    def of(cls, records: Sequence[Any], unit: NDArray[np.intp],
           codes: dict[str, int]) -> SpanArrays:
        """Arrays of ``records`` (anything with ``start``, ``end`` and ``label``), sorted."""
        start = np.fromiter((r.start for r in records), np.int64, len(records))
        end = np.fromiter((r.end for r in records), np.int64, len(records))
        label = np.fromiter((codes[r.label] for r in records), np.int64, len(records))
        units = np.asarray(unit, dtype=np.int64)
        order = np.lexsort((label, end, start, units))
        return cls(units[order], start[order], end[order], label[order])

    def __len__(self) -> int:
        return len(self.unit)

    def take(self, keep: NDArray[np.bool_]) -> SpanArrays:
        """The spans where ``keep`` is true (order kept)."""
        return SpanArrays(self.unit[keep], self.start[keep], self.end[keep], self.label[keep])

    def overlapping_units(self) -> NDArray[np.int64]:
        """Units in which two of these spans share a character (they need the general path)."""
        if len(self) < 2:
            return np.zeros(0, dtype=np.int64)
        # Sorted by start within a unit, so a span overlaps an earlier one of its unit exactly
        # when it starts before the furthest end reached so far in that unit.
        reach = _segment_cummax(self.end, self.unit)[:-1]
        clash = (self.unit[1:] == self.unit[:-1]) & (self.start[1:] < reach)
        return np.unique(self.unit[1:][clash])


def _segment_cummax(values: Ints, segment: Ints) -> Ints:
    """Running maximum of ``values`` restarted at every change of ``segment`` (sorted)."""
    if len(values) == 0:
        return values
    shift = values.max() - values.min() + 1
    rank = np.cumsum(np.r_[0, segment[1:] != segment[:-1]]).astype(np.int64)
    lifted: Ints = np.maximum.accumulate(values - values.min() + rank * shift)
    restored: Ints = lifted - rank * shift + values.min()
    return restored


def keys(spans: SpanArrays) -> NDArray[np.int64]:
    """Rows of (unit, start, end, label), one per span, for exact matching."""
    return np.stack([spans.unit, spans.start, spans.end, spans.label], axis=1)


def common(a: SpanArrays, b: SpanArrays) -> SpanArrays:
    """Spans of ``a`` that also occur in ``b`` (same unit, boundaries and label), each once."""
    ua, ub = _distinct(a), _distinct(b)
    both = SpanArrays(*(np.concatenate([x, y]) for x, y in
                        zip(_fields(ua), _fields(ub), strict=True)))
    order = np.lexsort((both.label, both.end, both.start, both.unit))
    rows = keys(both)[order]
    twice = np.flatnonzero((rows[1:] == rows[:-1]).all(axis=1))
    picked = rows[twice]
    return SpanArrays(picked[:, 0], picked[:, 1], picked[:, 2], picked[:, 3])


def _distinct(s: SpanArrays) -> SpanArrays:
    """Sorted spans without repeats."""
    if len(s) < 2:
        return s
    rows = keys(s)
    new = np.r_[True, (rows[1:] != rows[:-1]).any(axis=1)]
    return s.take(new)


def _fields(s: SpanArrays) -> tuple[Ints, Ints, Ints, Ints]:
    return s.unit, s.start, s.end, s.label


def counts(unit: Ints, n_units: int, column: Ints | None = None, n_columns: int = 1
           ) -> NDArray[np.float64]:
    """(n_units x n_columns) counts of items per unit (and per ``column`` code, when given)."""
    flat = unit if column is None else unit * n_columns + column
    return np.bincount(flat, minlength=n_units * n_columns).astype(np.float64).reshape(
        n_units, n_columns)
