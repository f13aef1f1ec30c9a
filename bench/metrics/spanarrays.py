"""Labelled spans as integer arrays (unit, start, end, label), sorted, for vectorized matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]


def label_codes(labels: Iterable[str], *records: Sequence[Any]) -> dict[str, int]:
    """Label -> code for the task's labels and any other label in ``records``, numbered in
    string order so that sorting by code sorts as ``Span`` objects do."""
    names = set(labels)
    for group in records:
        names.update(map(attrgetter("label"), group))
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
        n = len(records)
        start = np.fromiter(map(attrgetter("start"), records), np.int64, n)
        end = np.fromiter(map(attrgetter("end"), records), np.int64, n)
        label = np.fromiter(map(codes.__getitem__, map(attrgetter("label"), records)), np.int64, n)
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
    packed = _packed(a, b)
    if packed is not None:
        # One integer per span, in the spans' sort order: a binary search per span of ``a``.
        key_a, key_b = packed
        first = np.r_[True, key_a[1:] != key_a[:-1]] if len(key_a) else np.zeros(0, bool)
        at = np.minimum(np.searchsorted(key_b, key_a), max(len(key_b) - 1, 0))
        found = key_b[at] == key_a if len(key_b) else np.zeros(len(key_a), bool)
        return a.take(first & found)
    ua, ub = _distinct(a), _distinct(b)
    both = SpanArrays(*(np.concatenate([x, y]) for x, y in
                        zip(_fields(ua), _fields(ub), strict=True)))
    order = np.lexsort((both.label, both.end, both.start, both.unit))
    rows = keys(both)[order]
    twice = np.flatnonzero((rows[1:] == rows[:-1]).all(axis=1))
    picked = rows[twice]
    return SpanArrays(picked[:, 0], picked[:, 1], picked[:, 2], picked[:, 3])


def _packed(a: SpanArrays, b: SpanArrays) -> tuple[Ints, Ints] | None:
    """(unit, start, end, label) of both sides as one int64 each, or None when the numbers
    are too large to fit or a side is not in sorted order."""
    if len(a) == 0 or len(b) == 0:
        return None
    both = [np.concatenate([x, y]) for x, y in zip(_fields(a), _fields(b), strict=True)]
    if min(int(v.min()) for v in both) < 0:
        return None
    units, width, labels = int(both[0].max()) + 1, int(both[2].max()) + 1, int(both[3].max()) + 1
    if units * width * width * labels >= 1 << 62:
        return None
    key = ((both[0] * width + both[1]) * width + both[2]) * labels + both[3]
    key_a, key_b = key[:len(a)], key[len(a):]
    if np.any(key_a[1:] < key_a[:-1]) or np.any(key_b[1:] < key_b[:-1]):
        return None
    return key_a, key_b


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
