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
from bench.stats.bootstrap import Aggregate, resample_weights

TRIALS = 10_000
"""Approximate-randomization trials."""
CHUNK = 1_000
"""Trials drawn at a time, to bound memory."""
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


def paired_bootstrap(a: Array, b: Array, aggregate: Aggregate, field: str,
                     weights: Array) -> tuple[float, Array]:
    """(observed a - b, the resampled differences), both systems on the same resamples."""
    observed = float(aggregate(a.sum(0))[field] - aggregate(b.sum(0))[field])
    deltas = aggregate(weights @ a)[field] - aggregate(weights @ b)[field]
    return observed, np.asarray(deltas, dtype=np.float64)


def approximate_randomization(a: Array, b: Array, aggregate: Aggregate, field: str,
                              trials: int = TRIALS, seed: int = 0) -> float:
    """p-value of the observed |a - b| under random swaps of each unit's two rows."""
    observed = abs(float(aggregate(a.sum(0))[field] - aggregate(b.sum(0))[field]))
    rng = np.random.default_rng(seed)
    count, done = 0, 0
    while done < trials:
        size = min(CHUNK, trials - done)
        swap = rng.random((size, a.shape[0])) < 0.5
        keep = ~swap
        ta = keep @ a + swap @ b
        tb = swap @ a + keep @ b
        diff = np.abs(aggregate(ta)[field] - aggregate(tb)[field])
        count += int(np.sum(diff >= observed - EPS))
        done += size
    return (count + 1) / (trials + 1)


def compare(a: Array, b: Array, aggregate: Aggregate, field: str, *, resamples: int, seed: int,
            confidence: float = 0.95, trials: int = TRIALS) -> Comparison:
    """Both tests and the paired interval of ``a - b`` on ``field``."""
    if a.shape != b.shape:
        raise ValueError(f"statistics differ in shape: {a.shape} and {b.shape}")
    weights = resample_weights(a.shape[0], resamples, seed)
    observed, deltas = paired_bootstrap(a, b, aggregate, field, weights)
    tail = (1.0 - confidence) / 2.0 * 100.0
    far = int(np.sum(np.abs(deltas - observed) >= abs(observed) - EPS))
    score_a = float(aggregate(a.sum(0))[field])
    return Comparison(
        field=field, a=score_a, b=score_a - observed,
        ci_low=float(np.percentile(deltas, tail)), ci_high=float(np.percentile(deltas, 100 - tail)),
        p_bootstrap=(far + 1) / (resamples + 1),
        p_randomization=approximate_randomization(a, b, aggregate, field, trials, seed),
        resamples=resamples, trials=trials)
