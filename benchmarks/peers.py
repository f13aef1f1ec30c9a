"""The measured steps: bench's and its peers', on the same data already in memory.

Each ``*_steps`` function returns ``(name, peer name or "", zero-argument callable)`` rows; the
callable returns the number that ``checks`` compares between bench and the peer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from bench.core.tokens import token_offsets
from bench.metrics.base import Array, prf
from bench.metrics.semeval import SemEvalViews
from bench.metrics.seqeval_tokens import SeqevalTokens, iob2_tags
from bench.metrics.span import SpanMatch
from bench.scoring import paragraph_batch, score
from bench.stats.bootstrap import percentile_intervals, resample_totals
from bench.stats.paired import compare
from bench.task.gold import TaskData

Step = tuple[str, str, Callable[[], Any]]


def peer_inputs(data: TaskData, pred: list[Any]) -> dict[str, Any]:
    """Per-unit IOB2 tags (seqeval) and character-span dicts (nervaluate), built once."""
    batch = paragraph_batch(data, pred)
    tags_true, tags_pred, dict_true, dict_pred = [], [], [], []
    for i, gold_spans, pred_spans in batch.buckets():
        p = batch.units[i].paragraph
        tokens = token_offsets(batch.units[i].document.text, p.start, p.end)
        tags_true.append(iob2_tags(gold_spans, tokens))
        tags_pred.append(iob2_tags(pred_spans, tokens))
        dict_true.append([{"label": s.label, "start": s.start, "end": s.end - 1}
                          for s in sorted(gold_spans)])
        dict_pred.append([{"label": s.label, "start": s.start, "end": s.end - 1}
                          for s in sorted(pred_spans)])
    return {"tags": (tags_true, tags_pred), "dicts": (dict_true, dict_pred)}


def point_steps(data: TaskData, pred: list[Any], inputs: dict[str, Any]) -> list[Step]:
    """Point scores from records: bench's three families against seqeval and nervaluate."""
    from nervaluate import Evaluator
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    labels = data.spec.labels
    tags_true, tags_pred = inputs["tags"]
    dict_true, dict_pred = inputs["dicts"]

    def bench_family(metric: Any, field: str) -> Callable[[], float]:
        return lambda: float(metric.aggregate(metric.table(paragraph_batch(data, pred))
                                              .sum(0))[field])

    def nervaluate(view: str) -> Callable[[], float]:
        return lambda: float(Evaluator(dict_true, dict_pred, list(labels), loader="dict")
                             .evaluate()["overall"][view].f1)

    return [
        ("bench seqeval token family f1", "seqeval strict f1_score",
         bench_family(SeqevalTokens(labels), "f1")),
        ("seqeval strict f1_score", "",
         lambda: f1_score(tags_true, tags_pred, mode="strict", scheme=IOB2)),
        ("seqeval default f1_score", "", lambda: f1_score(tags_true, tags_pred)),
        ("bench exact-span f1", "nervaluate strict f1", bench_family(SpanMatch(labels), "f1")),
        ("bench SemEval views (partial f1)", "nervaluate partial f1",
         bench_family(SemEvalViews(labels), "partial.f1")),
        ("nervaluate strict f1", "", nervaluate("strict")),
        ("nervaluate partial f1", "", nervaluate("partial")),
    ]


def unit_statistics(data: TaskData, pred: list[Any]) -> Array:
    """Exact-span (tp, pred, gold) per unit, micro over labels."""
    metric = SpanMatch(data.spec.labels)
    table = metric.table(paragraph_batch(data, pred))
    counts: Array = table.reshape(len(table), -1, 3).sum(1)
    return counts


def micro_f1(totals: Array) -> dict[str, Array]:
    """F1 from (tp, pred, gold) totals of any leading shape."""
    return {"f1": prf(totals[..., 0], totals[..., 1], totals[..., 2])["f1"]}


def interval_steps(data: TaskData, pred: list[Any], resamples: int) -> list[Step]:
    """The full ``score()`` and a 1000-resample interval, bench against scipy.stats.bootstrap."""
    from scipy import stats

    units = unit_statistics(data, pred)

    def scipy_interval() -> float:
        def f1(index: Array, axis: int = -1) -> Array:
            return micro_f1(units[index.astype(int)].sum(axis=-2))["f1"]

        res = stats.bootstrap((np.arange(len(units)),), f1, n_resamples=resamples,
                              method="percentile", vectorized=True, random_state=1)
        return float(res.confidence_interval.low)

    def bench_interval() -> float:
        samples = micro_f1(resample_totals(units, resamples, 1))
        return percentile_intervals(samples, 0.95)["f1"][0]

    return [
        ("bench score(): load excluded, all families, intervals, per document", "",
         lambda: score(data, pred).scores[data.spec.primary].value),
        ("bench bootstrap interval (span f1)", "scipy.stats.bootstrap", bench_interval),
        ("scipy.stats.bootstrap", "", scipy_interval),
    ]


def paired_steps(n_units: int, resamples: int, trials: int, peer: bool = True) -> list[Step]:
    """Paired compare of two systems on ``n_units`` synthetic units, against scipy (or, without
    ``peer``, bench alone)."""
    from scipy import stats

    rng = np.random.default_rng(0)
    gold = rng.integers(0, 4, n_units)
    a = np.stack([rng.integers(0, gold + 1), rng.integers(0, 5, n_units), gold], 1).astype(float)
    b = np.stack([rng.integers(0, gold + 1), rng.integers(0, 5, n_units), gold], 1).astype(float)

    rows = np.vstack([a, b])

    def difference(x: Array, y: Array, axis: int = -1) -> Array:
        # x and y index rows of A and B; permuting "samples" swaps a unit's two rows.
        return np.asarray(micro_f1(rows[x].sum(-2))["f1"] - micro_f1(rows[y].sum(-2))["f1"])

    def scipy_permutation() -> float:
        index = np.arange(n_units)
        res = stats.permutation_test((index, index + n_units), difference,
                                     permutation_type="samples", n_resamples=trials,
                                     vectorized=True, batch=max(1, 4_000_000 // n_units),
                                     random_state=1)
        return float(res.pvalue)

    ours: Step = (f"bench compare at {n_units} units ({resamples} boot + {trials} AR)",
                  "scipy.stats.permutation_test" if peer else "",
                  lambda: compare(a, b, micro_f1, "f1", resamples=resamples, seed=1,
                                  trials=trials).p_randomization)
    return [ours, ("scipy.stats.permutation_test", "", scipy_permutation)] if peer else [ours]
