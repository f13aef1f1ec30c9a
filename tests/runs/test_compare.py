"""Leaderboard tiers on hand-built run records: ranking, when a system starts a new tier, and
records that cannot be compared.

Every record scores one label (PER) on 20 units, one gold span and one prediction per unit, so
span F1 = P = R = (units right) / 20, and approximate randomization only ever swaps the units
where two systems differ.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bench.project import load_task_spec
from bench.runs.compare import tiers
from bench.runs.record import RunRecord
from bench.task.spec import MetricSpec, StatsSpec, TaskSpec

from ..conftest import FIXTURES

UNITS = [f"d#{i}" for i in range(20)]
TRIALS = 2000


@pytest.fixture(scope="module")
def spec() -> TaskSpec:
    base = load_task_spec(FIXTURES / "good", "ner")
    return replace(base, labels=("PER",), metrics=(MetricSpec("span", {"match": "exact"}),),
                   primary="span.f1", report=(),
                   statistics=StatsSpec(resamples=200, seed=7, alpha=0.05))


def record(name: str, right: int, gold: str = "g1") -> RunRecord:
    """A run record right on the first ``right`` of the 20 units."""
    rows = [[1 if i < right else 0, 1, 1] for i in range(20)]
    value = right / 20
    signature = (f"task:ner@1.0|gold:{gold}|metrics:span:exact|primary:span.f1"
                 f"|boot:200@7/paragraph|ci:0.95|bench:0.1.0|system:{name}@1")
    raw: dict[str, Any] = {"units": UNITS, "statistics": {
        "span": {"columns": ["PER.tp", "PER.pred", "PER.gold"], "rows": rows}}}
    scores = {"span.f1": {"value": value, "ci_low": value, "ci_high": value}}
    return RunRecord("ner", {"name": name, "version": "1"}, signature, "span.f1", scores, raw)


def test_a_significant_gap_starts_a_new_tier_and_a_tiny_one_does_not(spec: TaskSpec) -> None:
    ranked = tiers(spec, [record("gamma", 10), record("alpha", 20), record("beta", 11)],
                   trials=TRIALS)
    assert [(t.record.system["name"], t.rank, t.tier) for t in ranked] == [
        ("alpha", 1, 1), ("beta", 2, 2), ("gamma", 3, 2)]
    assert ranked[0].above is None
    # alpha vs beta: they differ on 9 units (alpha right, beta wrong), observed |diff| = 9/20.
    # A random swap reaches it only when all 9 go one way: p = 2 / 2^9 = 1/256 ~ 0.0039.
    beta = ranked[1].above
    assert beta is not None
    assert beta.delta == pytest.approx(9 / 20)
    assert beta.p_randomization == pytest.approx(1 / 256, abs=0.003)
    # beta vs gamma: they differ on one unit; swapping it gives |diff| = 1/20 again, so every
    # trial is at least as far as observed: p = (2000 + 1) / (2000 + 1) = 1.
    gamma = ranked[2].above
    assert gamma is not None
    assert gamma.delta == pytest.approx(1 / 20)
    assert gamma.p_randomization == 1.0


def test_tiers_follow_the_task_alpha(spec: TaskSpec) -> None:
    # With alpha below 1/256 the alpha-beta gap (p ~ 0.0039) no longer separates them.
    strict = replace(spec, statistics=replace(spec.statistics, alpha=0.001))
    ranked = tiers(strict, [record("alpha", 20), record("beta", 11)], trials=TRIALS)
    assert [t.tier for t in ranked] == [1, 1]


@pytest.mark.parametrize(("scores", "order"), [
    ({"b": 12, "a": 12, "c": 15}, ["c", "a", "b"]),
    ({"b": 3, "a": 5}, ["a", "b"]),
], ids=["ties-by-name", "by-primary-score"])
def test_rank_by_primary_score_then_name(spec: TaskSpec, scores: dict[str, int],
                                         order: list[str]) -> None:
    ranked = tiers(spec, [record(n, r) for n, r in scores.items()], trials=50)
    assert [t.record.system["name"] for t in ranked] == order
    assert [t.rank for t in ranked] == list(range(1, len(order) + 1))


def test_identical_systems_share_a_tier(spec: TaskSpec) -> None:
    # No unit differs: observed 0 and every trial 0 as well, p = 1.
    ranked = tiers(spec, [record("a", 14), record("b", 14)], trials=50)
    assert [t.tier for t in ranked] == [1, 1]
    assert ranked[1].above is not None and ranked[1].above.p_randomization == 1.0


def test_a_record_on_other_gold_is_never_tied_with_the_one_above(spec: TaskSpec) -> None:
    # Same scores, but scored on another gold: not comparable, so a tier of its own.
    ranked = tiers(spec, [record("a", 14), record("b", 14, gold="g2")], trials=50)
    assert [t.tier for t in ranked] == [1, 2]
    assert ranked[1].above is None


def test_no_records_no_tiers(spec: TaskSpec) -> None:
    assert tiers(spec, []) == []
