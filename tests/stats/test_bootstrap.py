"""Bootstrap intervals: seeded, resampling statistics, containing the point estimate."""

from __future__ import annotations

import numpy as np

from bench.metrics.base import prf
from bench.stats.bootstrap import bootstrap_intervals, resample_weights


def aggregate(totals: np.ndarray) -> dict[str, np.ndarray]:
    return prf(totals[..., 0], totals[..., 1], totals[..., 2])


STATS = np.array([[3, 4, 5], [0, 1, 2], [5, 5, 5], [1, 3, 2], [2, 2, 4]], dtype=float)


def test_weights_draw_each_resample_n_units() -> None:
    weights = resample_weights(5, 200, seed=7)
    assert weights.shape == (200, 5)
    assert (weights.sum(axis=1) == 5).all()


def test_same_seed_same_interval_other_seed_other_interval() -> None:
    a = bootstrap_intervals(STATS, aggregate, resample_weights(5, 500, 1), 0.95)
    b = bootstrap_intervals(STATS, aggregate, resample_weights(5, 500, 1), 0.95)
    c = bootstrap_intervals(STATS, aggregate, resample_weights(5, 500, 2), 0.95)
    assert a == b
    assert a != c


def test_interval_contains_the_point_and_resamples_counts_not_f1s() -> None:
    point = float(aggregate(STATS.sum(0))["f1"])
    low, high = bootstrap_intervals(STATS, aggregate, resample_weights(5, 1000, 3), 0.95)["f1"]
    assert low <= point <= high
    weights = resample_weights(5, 1, 3)
    manual = aggregate(weights @ STATS)["f1"][0]
    per_unit_mean = np.average(aggregate(STATS)["f1"], weights=weights[0])
    assert manual != per_unit_mean  # summed counts, not an average of unit F1s
