"""Metric families: per-unit sufficient statistics plus one aggregate step.

A metric family is one module. A task names it by its name in ``METRICS`` (a built-in family:
the module plus one line here) or by ``module:Class`` (a family of your own: no edit to bench);
either way its scores are keyed ``<family>.<field>``, the family being the class's ``name``.
"""

from __future__ import annotations

import importlib
from typing import Any

from bench.core.names import is_name
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


def metric_class(name: str, where: str | None = None) -> type[Any]:
    """The class of the metric ``name``: a registered name or ``module:Class``."""
    if ":" not in name and name not in METRICS:
        raise InputError(f"unknown metric '{name}'", where=where,
                         hint=did_you_mean(name, METRICS) + " (or give module:Class)")
    module, _, attr = METRICS.get(name, name).partition(":")
    try:
        found = getattr(importlib.import_module(module), attr, None)
    except ImportError as exc:
        raise InputError(f"cannot import metric '{name}': {exc}", where=where,
                         hint="check the module path; the project root is importable") from exc
    family = getattr(found, "name", None)
    if not (isinstance(found, type) and callable(getattr(found, "statistics", None))
            and callable(getattr(found, "aggregate", None))):
        raise InputError(f"'{name}' is not a metric family", where=where,
                         hint="give module:Class of a class with name, columns, signature, "
                         "statistics and aggregate (bench.metrics.base.Metric)")
    if not (is_name(family) and "." not in str(family)):
        raise InputError(f"metric '{name}' has name {family!r}", where=where,
                         hint="its class attribute 'name' prefixes its score keys: letters, "
                         "digits, '_' and '-'")
    return found


def family_of(name: str, where: str | None = None) -> str:
    """The score-key prefix of the metric ``name`` (``module:Class`` -> the class's name); a
    registered family is not imported."""
    if name in METRICS:
        return name
    return str(metric_class(name, where).name)


def build_metric(name: str, labels: tuple[str, ...], options: dict[str, Any],
                 where: str | None = None) -> Metric:
    """Instantiate the metric ``name`` with the task's labels and its options."""
    cls = metric_class(name, where)
    try:
        metric: Metric = cls(labels, **options)
    except TypeError as exc:
        raise InputError(f"bad options for metric '{name}': {exc}", where=where,
                         hint=f"see the docstring of {METRICS.get(name, name)}") from exc
    return metric
