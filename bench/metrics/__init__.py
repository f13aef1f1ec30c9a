"""Metric families: per-unit sufficient statistics plus one aggregate step.

A metric family is one module; adding one is a new file plus one line in ``METRICS``.
"""

from __future__ import annotations

import importlib
from typing import Any

from bench.core.yamlio import did_you_mean
from bench.errors import InputError
from bench.metrics.base import Metric

METRICS = {
    "span": "bench.metrics.span:SpanMatch",
    "semeval": "bench.metrics.semeval:SemEvalViews",
    "seqeval": "bench.metrics.seqeval_tokens:SeqevalTokens",
    "tempeval": "bench.metrics.tempeval:TempEval",
    "quotes": "bench.metrics.quotes:QuoteScores",
    "pairs": "bench.metrics.pairs:PairClassification",
    "conflict": "bench.metrics.pairs:ConflictDetection",
}
"""Metric name -> ``module:Class``, imported on first use."""


def build_metric(name: str, labels: tuple[str, ...], options: dict[str, Any],
                 where: str | None = None) -> Metric:
    """Instantiate the metric ``name`` with the task's labels and its options."""
    if name not in METRICS:
        raise InputError(f"unknown metric '{name}'", where=where, hint=did_you_mean(name, METRICS))
    module, _, attr = METRICS[name].partition(":")
    cls = getattr(importlib.import_module(module), attr)
    try:
        metric: Metric = cls(labels, **options)
    except TypeError as exc:
        raise InputError(f"bad options for metric '{name}': {exc}", where=where,
                         hint=f"see the docstring of {METRICS[name]}") from exc
    return metric
