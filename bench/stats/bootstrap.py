"""Seeded percentile bootstrap over units, resampling sufficient statistics, never F1s.

A resample draws ``n_units`` unit indices with replacement; its totals are the statistics of
the drawn units, summed. The draws come from ``numpy.random.default_rng(seed)`` as one
``integers(0, n_units, size=(resamples, n_units))`` stream, taken a block of resamples at a
time (the same numbers, in the same order), so memory stays bounded whatever the unit count
and every metric and system of a run sees the same resamples. Units whose statistics are the
same row are counted together (a resample's totals are its count of each distinct row times
that row), so the cost past drawing the indices grows with the distinct rows, not the units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from numpy.typing import NDArray

from bench.metrics.base import Array

Aggregate = Callable[[Array], dict[str, Array]]

BLOCK = 1 << 20
"""Unit draws held in memory at a time (a block of resamples x units)."""
ROW_WISE = 4096
"""From this many units on, draws are counted one resample at a time (no offset array)."""


def distinct_rows(stats: Array) -> tuple[Array, NDArray[np.intp]]:
    """(the distinct rows of ``stats`` in lexicographic order, each unit's index among them)."""
    if len(stats) == 0 or stats.shape[1] == 0:
        return stats[:min(len(stats), 1)], np.zeros(len(stats), dtype=np.intp)
    order = np.lexsort(stats.T[::-1])
    ordered = stats[order]
    first = np.empty(len(order), dtype=bool)
    first[0] = True
    np.any(ordered[1:] != ordered[:-1], axis=1, out=first[1:])
    group = np.empty(len(order), dtype=np.intp)
    group[order] = np.cumsum(first) - 1
    return ordered[first], group


def resample_draws(n_units: int, resamples: int, seed: int,
                   block: int = BLOCK) -> Iterator[NDArray[np.int32]]:
    """The drawn unit indices, a block of resamples at a time: arrays of shape (rows, n_units),
    rows of one ``default_rng(seed).integers(0, n_units, (resamples, n_units))`` (int32 draws
    are the same numbers as int64 ones below 2**31 units, in half the memory)."""
    rng = np.random.default_rng(seed)
    rows = max(1, block // max(n_units, 1))
    for first in range(0, resamples, rows):
        yield rng.integers(0, n_units, size=(min(rows, resamples - first), n_units),
                           dtype=np.int32)


def _counts(draws: NDArray[np.int32], group: NDArray[np.int32] | None, n_groups: int) -> Array:
    """How often each group (each unit when ``group`` is None) is drawn in each row of
    ``draws``: shape (rows, n_groups)."""
    picked = draws if group is None else group[draws]
    if draws.shape[1] >= ROW_WISE:
        counts = np.stack([np.bincount(row, minlength=n_groups) for row in picked])
    else:
        flat = (np.arange(len(draws))[:, None] * n_groups + picked).ravel()
        counts = np.bincount(flat, minlength=len(draws) * n_groups).reshape(-1, n_groups)
    return counts.astype(np.float64)


def resample_blocks(n_units: int, resamples: int, seed: int,
                    block: int = BLOCK) -> Iterator[Array]:
    """How often each unit is drawn, a block of resamples at a time: arrays of shape
    (rows, n_units) whose rows, stacked, are ``resample_weights(n_units, resamples, seed)``."""
    for draws in resample_draws(n_units, resamples, seed, block):
        yield _counts(draws, None, n_units)


def resample_totals(stats: Array, resamples: int, seed: int, block: int = BLOCK) -> Array:
    """Summed statistics of every resample: shape (resamples, columns)."""
    rows, group = distinct_rows(stats)
    # Every row distinct: count the units themselves (no lookup of their group).
    unit_group = None if len(rows) == len(stats) else group.astype(np.int32)
    if unit_group is None:
        rows = stats
    out = np.empty((resamples, stats.shape[1]))
    done = 0
    for draws in resample_draws(stats.shape[0], resamples, seed, block):
        out[done:done + len(draws)] = _counts(draws, unit_group, len(rows)) @ rows
        done += len(draws)
    return out


def resample_weights(n_units: int, resamples: int, seed: int) -> Array:
    """How often each unit is drawn in each resample: shape (resamples, n_units), all at once
    (for small unit counts and tests; ``resample_totals`` never builds it)."""
    return np.vstack(list(resample_blocks(n_units, resamples, seed, max(n_units, 1) * resamples)))


def percentile_intervals(samples: dict[str, Array], confidence: float
                         ) -> dict[str, tuple[float, float]]:
    """Percentile interval of every field over its resampled values."""
    tail = (1.0 - confidence) / 2.0 * 100.0
    return {field: (float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail)))
            for field, values in samples.items()}


def bootstrap_intervals(stats: Array, aggregate: Aggregate, weights: Array,
                        confidence: float) -> dict[str, tuple[float, float]]:
    """Percentile intervals of every field of ``aggregate`` over the resampled unit totals."""
    return percentile_intervals(aggregate(weights @ stats), confidence)
