"""The paired randomization test on the shipped run records agrees with
``scipy.stats.permutation_test`` (paired samples, same trials) within Monte Carlo error.

The two draw different random swaps, so their p-values agree only up to the sampling error of
``trials`` trials; the tolerance is four standard errors of a p-value estimated from that many.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from bench.project import load_task_spec
from bench.runs.compare import compare_records, metric_for, statistics
from bench.runs.record import RunRecord, read_records

from ..conftest import REPO

TRIALS = 4000
TASKS = ("ner", "dates", "quotes", "conflicts", "anercorp")


def neighbours(task: str) -> list[tuple[RunRecord, RunRecord]]:
    """Every shipped record with the one ranked just below it."""
    ranked = sorted(read_records(REPO, task), key=lambda r: -r.primary_value)
    return list(zip(ranked, ranked[1:], strict=False))


def scipy_p_value(task: str, a: RunRecord, b: RunRecord) -> float:
    spec = load_task_spec(REPO, task)
    metric, sub = metric_for(spec, spec.primary)
    rows = np.vstack([statistics(a, metric.name)[1], statistics(b, metric.name)[1]])
    n = len(rows) // 2

    def distance(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        # x and y index rows of A and B; a "samples" permutation swaps a unit's two rows.
        first = metric.aggregate(rows[x.astype(int)].sum(-2))[sub]
        second = metric.aggregate(rows[y.astype(int)].sum(-2))[sub]
        return np.asarray(np.abs(first - second))

    index = np.arange(n)
    result = stats.permutation_test((index, index + n), distance, permutation_type="samples",
                                    n_resamples=TRIALS, vectorized=True, alternative="greater",
                                    random_state=1)
    return float(result.pvalue)


PAIRS = [(task, a, b) for task in TASKS for a, b in neighbours(task)]


@pytest.mark.parametrize(("task", "a", "b"), PAIRS,
                         ids=[f"{t}-{a.system['name']}-vs-{b.system['name']}" for t, a, b in PAIRS])
def test_randomization_p_value_agrees_with_scipy(task: str, a: RunRecord, b: RunRecord) -> None:
    ours = compare_records(load_task_spec(REPO, task), a, b, trials=TRIALS).p_randomization
    theirs = scipy_p_value(task, a, b)
    p = max(ours, theirs, 1 / (TRIALS + 1))
    assert abs(ours - theirs) <= 4 * np.sqrt(p * (1 - p) / TRIALS) + 1 / (TRIALS + 1)
