"""Paired significance tests over evaluation units: bootstrap (Koehn 2004) and approximate
randomization (Noreen 1989; Riezler and Maxwell 2005).

Both work on per-unit sufficient statistics of two systems scored on the same units, so any
metric whose ``aggregate`` is vectorized can be tested, F1 included: resampling or swapping
happens on the statistics, and the score is recomputed from their totals.

p-values are ``(c + 1) / (n + 1)`` (never 0): for the bootstrap, ``c`` counts resamples whose
difference lies at least ``|delta|`` away from the observed ``delta`` (the shifted two-sided
test sacrebleu uses); for randomization, trials whose absolute difference after randomly
swapping each unit's two rows is at least the observed absolute difference.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bench.metrics.base import Array
from bench.stats.bootstrap import BLOCK, Aggregate, distinct_rows, resample_totals

TRIALS = 10_000
"""Approximate-randomization trials."""
CHUNK = 1_000
"""At most this many trials are drawn at a time; fewer when units are many (see ``BLOCK``)."""
EPS = 1e-12


@dataclass(frozen=True)
class Comparison:
    """System A against system B on one field."""

    field: str
    a: float
    """A's score."""
    b: float
    """B's score."""
    ci_low: float
    """Lower end of the paired-bootstrap interval of ``a - b``."""
    ci_high: float
    """Upper end of that interval."""
    p_bootstrap: float
    """Two-sided paired-bootstrap p-value."""
    p_randomization: float
    """Two-sided approximate-randomization p-value."""
    resamples: int
    trials: int

    @property
    def delta(self) -> float:
        """``a - b``."""
        return self.a - self.b


def paired_bootstrap(a: Array, b: Array, aggregate: Aggregate, field: str, resamples: int,
                     seed: int) -> tuple[float, Array]:
    """(observed a - b, the resampled differences), both systems on the same resamples."""
    observed = float(aggregate(a.sum(0))[field] - aggregate(b.sum(0))[field])
    totals = resample_totals(np.hstack([a, b]), resamples, seed)
    width = a.shape[1]
    deltas = aggregate(totals[:, :width])[field] - aggregate(totals[:, width:])[field]
    return observed, np.asarray(deltas, dtype=np.float64)


def swap_words(sizes: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.uint64]]:
    """(first word of each group, the mask of every word) when each unit takes one bit of a
    64-bit word and each group starts a new word: a group of ``n`` units uses the low ``n``
    bits of ``ceil(n / 64)`` words, its ``i``-th unit bit ``i % 64`` of word ``i // 64``."""
    words = (sizes + 63) // 64
    starts = np.concatenate([[0], np.cumsum(words)[:-1]]).astype(np.intp)
    masks = np.full(int(words.sum()), np.iinfo(np.uint64).max, dtype=np.uint64)
    tail = sizes - 64 * (words - 1)
    short = tail < 64
    masks[(starts + words - 1)[short]] = (np.uint64(1) << tail[short].astype(np.uint64)) - \
        np.uint64(1)
    return starts, masks


def approximate_randomization(a: Array, b: Array, aggregate: Aggregate, field: str,
                              trials: int = TRIALS, seed: int = 0) -> float:
    """p-value of the observed |a - b| under random swaps of each unit's two rows.

    Swapping a unit moves ``b - a`` from A's totals to B's, so a trial's totals depend only on
    how many units of each distinct row of ``b - a`` it swaps; units where the two agree are
    skipped. Each remaining unit is swapped when its bit is 1: units are grouped by their row
    of ``b - a`` (groups in lexicographic order, units in statistics order), and trial ``t``
    takes its bits from the ``t``-th row of ``default_rng(seed).bit_generator.random_raw``
    words, laid out as ``swap_words`` says (stream version 2 of the ``boot`` signature field;
    version 1 drew one 64-bit word per unit). A group's swapped count is the popcount of its
    bits, so the cost grows with trials x (groups + units / 64).
    """
    observed = abs(float(aggregate(a.sum(0))[field] - aggregate(b.sum(0))[field]))
    moved = b - a
    groups, group = distinct_rows(moved[np.any(moved != 0, axis=1)])
    if len(group) == 0:  # identical statistics: every trial is as far as observed (0)
        return 1.0
    starts, masks = swap_words(np.bincount(group))
    bits = np.random.default_rng(seed).bit_generator
    total_a, total_b = a.sum(0), b.sum(0)
    chunk = max(1, min(CHUNK, BLOCK // len(masks)))
    count, done = 0, 0
    while done < trials:
        size = min(chunk, trials - done)
        ones = np.bitwise_count(bits.random_raw((size, len(masks))) & masks)
        swapped = np.add.reduceat(ones, starts, axis=1, dtype=np.int64)
        shift = swapped.astype(np.float64) @ groups
        diff = np.abs(aggregate(total_a + shift)[field] - aggregate(total_b - shift)[field])
        count += int(np.sum(diff >= observed - EPS))
        done += size
    return (count + 1) / (trials + 1)


def compare(a: Array, b: Array, aggregate: Aggregate, field: str, *, resamples: int, seed: int,
            confidence: float = 0.95, trials: int = TRIALS) -> Comparison:
    """Both tests and the paired interval of ``a - b`` on ``field``."""
    if a.shape != b.shape:
        raise ValueError(f"statistics differ in shape: {a.shape} and {b.shape}")
    observed, deltas = paired_bootstrap(a, b, aggregate, field, resamples, seed)
    tail = (1.0 - confidence) / 2.0 * 100.0
    far = int(np.sum(np.abs(deltas - observed) >= abs(observed) - EPS))
    score_a = float(aggregate(a.sum(0))[field])
    return Comparison(
        field=field, a=score_a, b=score_a - observed,
        ci_low=float(np.percentile(deltas, tail)), ci_high=float(np.percentile(deltas, 100 - tail)),
        p_bootstrap=(far + 1) / (resamples + 1),
        p_randomization=approximate_randomization(a, b, aggregate, field, trials, seed),
        resamples=resamples, trials=trials)
