"""Paired tests: the same numbers as the all-at-once formulas, whatever the block size, and the
randomization test's documented random stream (version 2: one bit per unit)."""

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


def one_big_group(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """B loses one true positive on 200 of ``n`` units: a group of 200 units (four words)."""
    a, _ = systems(n, seed)
    a[:, 2] += 1
    a[:, 0] = a[:, 2]
    b = a.copy()
    b[:200, 0] -= 1
    return a, b


def swap_masks(a: np.ndarray, b: np.ndarray, trials: int, seed: int) -> np.ndarray:
    """Unit by unit, as the docstring of ``approximate_randomization`` lays out the bits: units
    grouped by their row of b - a (lexicographic order), unit i of a group takes bit i % 64 of
    the group's word i // 64, a new word per group, trial t from row t of the raw words."""
    moved = b - a
    members: dict[tuple[float, ...], list[int]] = {}
    for u in range(len(a)):
        if np.any(moved[u] != 0):
            members.setdefault(tuple(moved[u]), []).append(u)
    width = sum(-(-len(m) // 64) for m in members.values())
    words = np.random.default_rng(seed).bit_generator.random_raw((trials, width))
    swap = np.zeros((trials, len(a)), dtype=bool)
    first = 0
    for key in sorted(members):
        for i, u in enumerate(members[key]):
            swap[:, u] = (words[:, first + i // 64] >> np.uint64(i % 64)) & np.uint64(1)
        first += -(-len(members[key]) // 64)
    return swap


def randomization_unit_by_unit(a: np.ndarray, b: np.ndarray, trials: int, seed: int) -> float:
    """The textbook form: every trial's swap mask at once, totals by matrix products."""
    observed = abs(float(aggregate(a.sum(0))["f1"] - aggregate(b.sum(0))["f1"]))
    swap = swap_masks(a, b, trials, seed)
    ta, tb = (~swap) @ a + swap @ b, swap @ a + (~swap) @ b
    diff = np.abs(aggregate(ta)["f1"] - aggregate(tb)["f1"])
    return (int(np.sum(diff >= observed - paired.EPS)) + 1) / (trials + 1)


CASES = {"one-unit": systems(1, 1), "seven-units": systems(7, 7), "300-units": systems(300, 3),
         "a-200-unit-group": one_big_group(300, 4)}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
@pytest.mark.parametrize("block", [1, 50, 1 << 20], ids=["block-1", "block-50", "one-block"])
def test_blocks_give_the_numbers_of_one_draw(case: str, block: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = CASES[case]
    weights = resample_weights(len(a), 200, seed=5)
    np.testing.assert_array_equal(resample_totals(a, 200, 5, block), weights @ a)
    np.testing.assert_array_equal(resample_totals(np.hstack([a, b]), 200, 5, block),
                                  weights @ np.hstack([a, b]))
    monkeypatch.setattr(paired, "BLOCK", block)
    expected = randomization_unit_by_unit(a, b, 500, seed=9)
    assert paired.approximate_randomization(a, b, aggregate, "f1", 500, 9) == expected


def test_each_unit_is_swapped_half_the_time_independently() -> None:
    a, b = one_big_group(300, 4)
    swap = swap_masks(a, b, 4000, seed=2)[:, :200]
    assert abs(swap.mean() - 0.5) < 0.01
    # Units of the same word and of neighbouring words are uncorrelated.
    corr = np.corrcoef(swap[:, [0, 1, 63, 64, 199]].T)
    assert np.all(np.abs(corr - np.eye(5)) < 0.06)


def test_compare_of_a_system_with_itself_is_not_significant() -> None:
    a, _ = systems(50, seed=3)
    result = paired.compare(a, a, aggregate, "f1", resamples=300, seed=1, trials=300)
    assert result.delta == 0.0
    assert result.p_randomization == 1.0 and result.p_bootstrap == 1.0
