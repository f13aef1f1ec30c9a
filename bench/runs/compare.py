"""Comparing runs: paired tests between two run records, and tiers of a ranked leaderboard."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bench.errors import InputError
from bench.metrics import build_metric
from bench.metrics.base import Array, Metric
from bench.runs.record import RunRecord
from bench.runs.signature import parse_signature
from bench.stats.paired import Comparison, compare
from bench.task.spec import TaskSpec

SHARED = ("task", "gold", "metrics", "primary", "boot", "ci")
"""Signature parts two runs must share to be compared."""


def metric_for(spec: TaskSpec, field: str) -> tuple[Metric, str]:
    """The metric object that produces ``field`` (``span.f1`` -> span metric, ``f1``)."""
    name, _, sub = field.partition(".")
    for m in spec.metrics:
        if m.family == name:
            return build_metric(m.name, spec.labels, m.options, str(spec.path)), sub
    raise InputError(f"no metric produces '{field}' in task '{spec.name}'",
                     hint=f"fields start with one of: {', '.join(m.family for m in spec.metrics)}")


def statistics(record: RunRecord, metric: str) -> tuple[list[str], Array]:
    """(unit ids, units x columns statistics) of one metric in a run record."""
    stats = record.raw.get("statistics", {}).get(metric)
    if stats is None:
        raise InputError(f"run record of '{record.system['name']}' has no statistics for "
                         f"metric '{metric}'", hint="re-create it with bench run")
    return list(record.raw["units"]), np.asarray(stats["rows"], dtype=np.float64)


def check_comparable(a: RunRecord, b: RunRecord) -> None:
    """Refuse runs whose task, gold, metrics or statistics differ, naming the part."""
    sa, sb = parse_signature(a.signature), parse_signature(b.signature)
    for part in SHARED:
        if sa.get(part) != sb.get(part):
            raise InputError(
                f"runs of '{a.system['name']}' and '{b.system['name']}' differ in {part} "
                f"({sa.get(part)} vs {sb.get(part)}), so their scores are not comparable",
                hint="re-run both with bench run on the same task and gold")


def compare_records(spec: TaskSpec, a: RunRecord, b: RunRecord, field: str | None = None,
                    trials: int | None = None) -> Comparison:
    """Paired bootstrap and approximate randomization of A against B on ``field`` (``trials``
    defaults to the task's ``statistics.trials``)."""
    check_comparable(a, b)
    field = field or spec.primary
    metric, sub = metric_for(spec, field)
    units_a, stats_a = statistics(a, metric.name)
    units_b, stats_b = statistics(b, metric.name)
    if units_a != units_b or stats_a.shape != stats_b.shape:
        raise InputError(f"runs of '{a.system['name']}' and '{b.system['name']}' were scored on "
                         "different units", hint="re-run both with bench run")
    st = spec.statistics
    return compare(stats_a, stats_b, metric.aggregate, sub, resamples=st.resamples, seed=st.seed,
                   confidence=st.confidence, trials=trials or st.trials)


@dataclass(frozen=True)
class Tiered:
    """A ranked record with its tier and the test against the system above."""

    record: RunRecord
    rank: int
    tier: int
    above: Comparison | None
    """This system's comparison with the one ranked just above it (None for the first)."""


def tiers(spec: TaskSpec, records: list[RunRecord], trials: int | None = None) -> list[Tiered]:
    """Rank by the primary score; a system starts a new tier only when the randomization test
    separates it from the system above at the task's alpha."""
    ranked = sorted(records, key=lambda r: (-r.primary_value, r.system["name"]))
    out: list[Tiered] = []
    tier = 1
    for rank, record in enumerate(ranked, start=1):
        above = None
        if out:
            try:
                above = compare_records(spec, out[-1].record, record, trials=trials)
            except InputError:  # a stale record: it cannot share a tier with anything
                tier += 1
            else:
                if above.p_randomization < spec.statistics.alpha:
                    tier += 1
        out.append(Tiered(record, rank, tier, above))
    return out
