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

from bench.metrics.base import Array
from bench.stats.bootstrap import BLOCK, Aggregate, resample_totals

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


def approximate_randomization(a: Array, b: Array, aggregate: Aggregate, field: str,
                              trials: int = TRIALS, seed: int = 0) -> float:
    """p-value of the observed |a - b| under random swaps of each unit's two rows.

    Unit ``u`` is swapped in trial ``t`` when ``default_rng(seed).random((trials, n_units))``
    is below 0.5 at ``[t, u]``, that is when the top bit of the generator's raw 64-bit output
    is 0; the raw outputs are drawn a few trials at a time (the same numbers). Swapping a unit
    moves ``b - a`` from A's totals to B's, so units where the two agree are skipped.
    """
    observed = abs(float(aggregate(a.sum(0))[field] - aggregate(b.sum(0))[field]))
    bits = np.random.default_rng(seed).bit_generator
    total_a, total_b, moved = a.sum(0), b.sum(0), b - a
    differ = np.flatnonzero(np.any(moved != 0, axis=1))
    moved = moved[differ]
    chunk = max(1, min(CHUNK, BLOCK // max(a.shape[0], 1)))
    count, done = 0, 0
    while done < trials:
        size = min(chunk, trials - done)
        raw = bits.random_raw((size, a.shape[0]))
        if len(differ) < a.shape[0]:
            raw = raw[:, differ]
        shift = (raw < np.uint64(1 << 63)).astype(np.float64) @ moved
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
