"""Seeded percentile bootstrap over units, resampling sufficient statistics, never F1s."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bench.metrics.base import Array

Aggregate = Callable[[Array], dict[str, Array]]


def resample_weights(n_units: int, resamples: int, seed: int) -> Array:
    """How often each unit is drawn in each resample: shape (resamples, n_units).

    Drawn once per (n_units, resamples, seed), so every metric and every system of a run sees
    the same resamples, which is what makes paired comparisons paired.
    """
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_units, size=(resamples, n_units))
    weights = np.zeros((resamples, n_units), dtype=np.float64)
    np.add.at(weights, (np.arange(resamples)[:, None], draws), 1.0)
    return weights


def bootstrap_intervals(stats: Array, aggregate: Aggregate, weights: Array,
                        confidence: float) -> dict[str, tuple[float, float]]:
    """Percentile intervals of every field of ``aggregate`` over the resampled unit totals."""
    totals = weights @ stats
    samples = aggregate(totals)
    tail = (1.0 - confidence) / 2.0 * 100.0
    return {field: (float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail)))
            for field, values in samples.items()}
