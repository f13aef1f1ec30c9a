"""Seeded percentile bootstrap over units, resampling sufficient statistics, never F1s.

A resample draws ``n_units`` unit indices with replacement; its totals are the statistics of
the drawn units, summed. The draws come from ``numpy.random.default_rng(seed)`` as one
``integers(0, n_units, size=(resamples, n_units))`` stream, taken a block of resamples at a
time (the same numbers, in the same order), so memory stays bounded whatever the unit count
and every metric and system of a run sees the same resamples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from bench.metrics.base import Array

Aggregate = Callable[[Array], dict[str, Array]]

BLOCK = 1 << 20
"""Unit draws held in memory at a time (a block of resamples x units)."""


def resample_blocks(n_units: int, resamples: int, seed: int,
                    block: int = BLOCK) -> Iterator[Array]:
    """How often each unit is drawn, a block of resamples at a time: arrays of shape
    (rows, n_units) whose rows, stacked, are ``resample_weights(n_units, resamples, seed)``."""
    rng = np.random.default_rng(seed)
    rows = max(1, block // max(n_units, 1))
    for first in range(0, resamples, rows):
        size = min(rows, resamples - first)
        draws = rng.integers(0, n_units, size=(size, n_units))
        flat = (np.arange(size)[:, None] * n_units + draws).ravel()
        yield np.bincount(flat, minlength=size * n_units).reshape(size, n_units).astype(
            np.float64)


def resample_totals(stats: Array, resamples: int, seed: int, block: int = BLOCK) -> Array:
    """Summed statistics of every resample: shape (resamples, columns)."""
    out = np.empty((resamples, stats.shape[1]))
    done = 0
    for counts in resample_blocks(stats.shape[0], resamples, seed, block):
        out[done:done + len(counts)] = counts @ stats
        done += len(counts)
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
