"""The leaderboard text: numbers come from the task file and the run records, declarations
show as the reader needs them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bench.project import load_task_spec
from bench.reports.leaderboard import HEADER, render_task
from bench.runs.compare import tiers
from bench.runs.record import RunRecord
from bench.task.spec import MetricSpec, StatsSpec, TaskSpec

from ..conftest import FIXTURES

UNITS = [f"d{i // 4}#{i % 4}" for i in range(12)]
"""Twelve paragraphs of three documents."""


def record(name: str, right: int, tuned: bool = False) -> RunRecord:
    """A run record right on ``right`` of the 12 units (one span each)."""
    rows = [[1 if i < right else 0, 1, 1] for i in range(12)]
    value = right / 12
    signature = ("task:ner@1.0|gold:g|metrics:span:exact|primary:span.f1"
                 f"|boot:300@9/paragraph|ci:0.9|bench:0.1.0|system:{name}@1")
    raw: dict[str, Any] = {
        "units": UNITS, "per_document": {"d0": {}, "d1": {}, "d2": {}},
        "statistics": {"span": {"columns": ["PER.tp", "PER.pred", "PER.gold"], "rows": rows}}}
    system = {"name": name, "version": "1", "regime": "rules", "tuned_on_test": tuned,
              "resources": []}
    scores = {"span.f1": {"value": value, "ci_low": value - 0.1, "ci_high": value + 0.1}}
    return RunRecord("ner", system, signature, "span.f1", scores, raw)


@pytest.fixture(scope="module")
def spec() -> TaskSpec:
    base = load_task_spec(FIXTURES / "good", "ner")
    stats = StatsSpec(resamples=300, seed=9, unit="paragraph", confidence=0.9, alpha=0.01,
                      trials=700)
    return replace(base, labels=("PER",), metrics=(MetricSpec("span", {"match": "exact"}),),
                   primary="span.f1", report=(), statistics=stats)


def test_the_numbers_are_the_task_files(spec: TaskSpec) -> None:
    text = render_task(spec, tiers(spec, [record("a", 12), record("b", 6, tuned=True)]))
    # 3 documents (the record's per-document scores), 12 units, and the task's statistics.
    assert ("Scored on 3 documents (12 paragraphs); 90% intervals from 300 bootstrap resamples "
            "(seed 9); tiers by 700 randomization trials at alpha 0.01.") in text
    assert "| span.f1 [90% CI] " in text
    assert "95%" not in text and "10,000" not in text
    # The general header names no task's numbers.
    assert not any(n in HEADER for n in ("95%", "10,000", "five"))


def test_a_system_tuned_on_the_test_documents_carries_a_dagger(spec: TaskSpec) -> None:
    text = render_task(spec, tiers(spec, [record("clean", 12), record("peeked", 6, tuned=True)]))
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert any("| peeked † " in row for row in rows)
    assert not any("clean †" in row for row in rows)
    assert "- `peeked` 1 (" in text and "): none declared" in text


def test_tiers_use_the_task_trials(spec: TaskSpec) -> None:
    ranked = tiers(spec, [record("a", 12), record("b", 6)])
    assert ranked[1].above is not None and ranked[1].above.trials == 700
