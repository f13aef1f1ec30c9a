"""Paired tests: the same numbers as the all-at-once formulas, whatever the block size."""

from __future__ import annotations

import numpy as np
import pytest

from bench.metrics.base import prf
from bench.stats import paired
from bench.stats.bootstrap import resample_totals, resample_weights


def aggregate(totals: np.ndarray) -> dict[str, np.ndarray]:
    return prf(totals[..., 0], totals[..., 1], totals[..., 2])


def systems(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 4, n)
    a = np.stack([rng.integers(0, gold + 1), rng.integers(0, 5, n), gold], axis=1)
    b = np.stack([rng.integers(0, gold + 1), rng.integers(0, 5, n), gold], axis=1)
    return a.astype(float), b.astype(float)


def randomization_all_at_once(a: np.ndarray, b: np.ndarray, trials: int, seed: int) -> float:
    """The textbook form: every trial's swap mask at once, totals by matrix products."""
    observed = abs(float(aggregate(a.sum(0))["f1"] - aggregate(b.sum(0))["f1"]))
    swap = np.random.default_rng(seed).random((trials, a.shape[0])) < 0.5
    ta, tb = (~swap) @ a + swap @ b, swap @ a + (~swap) @ b
    diff = np.abs(aggregate(ta)["f1"] - aggregate(tb)["f1"])
    return (int(np.sum(diff >= observed - paired.EPS)) + 1) / (trials + 1)


@pytest.mark.parametrize("n", [1, 7, 300], ids=["one-unit", "seven-units", "300-units"])
@pytest.mark.parametrize("block", [1, 50, 1 << 20], ids=["block-1", "block-50", "one-block"])
def test_blocks_give_the_numbers_of_one_draw(n: int, block: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = systems(n, seed=n)
    weights = resample_weights(n, 200, seed=5)
    np.testing.assert_array_equal(resample_totals(a, 200, 5, block), weights @ a)
    monkeypatch.setattr(paired, "BLOCK", block)
    expected = randomization_all_at_once(a, b, 500, seed=9)
    assert paired.approximate_randomization(a, b, aggregate, "f1", 500, 9) == expected


def test_compare_of_a_system_with_itself_is_not_significant() -> None:
    a, _ = systems(50, seed=3)
    result = paired.compare(a, a, aggregate, "f1", resamples=300, seed=1, trials=300)
    assert result.delta == 0.0
    assert result.p_randomization == 1.0 and result.p_bootstrap == 1.0
