"""The schema of a run record (``reports/runs/<task>/<system>.json``), checked when read."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from bench.core.schema import Name, Strict, Text


class Interval(Strict):
    """One score with its bootstrap interval."""

    value: float
    ci_low: float
    ci_high: float


class StatisticsTable(Strict):
    """A metric's sufficient statistics: one row per unit."""

    columns: list[Text]
    rows: list[list[float]]


class TaskRef(Strict):
    """Which task (and version) a record scores."""

    name: Name
    version: Text


class SystemRef(Strict):
    """The declaration of the system that made the record (model systems add their settings)."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True, allow_inf_nan=False)

    name: Name
    version: Text
    regime: Name
    resources: list[Text] = []
    tuned_on_test: bool = False
    ref: Text | None = None


class RunRecordFile(Strict):
    """``reports/runs/<task>/<system>.json``."""

    bench: Text
    task: TaskRef
    system: SystemRef
    signature: Text
    primary: Text
    scores: dict[Text, Interval] = Field(min_length=1)
    per_document: dict[Text, dict[Text, float]] = {}
    units: list[Text]
    statistics: dict[Name, StatisticsTable]
    predictions: list[dict[str, Any]]
    run: dict[str, Any] | None = None
