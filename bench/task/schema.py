"""The schema of ``tasks/<name>.yaml``.

Types and ranges are checked at load (``bench validate``), so a bad value is a one-line error
naming its line, not a crash later. ``bench schema task`` prints the JSON Schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from bench.core.schema import Name, Strict, Text
from bench.stats.paired import TRIALS

FIELD = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\.[A-Za-z0-9._-]{1,200}$"
"""A score field, ``<metric>.<field>``."""
Version = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$")] | int | float
KIND = (r"^([A-Za-z0-9][A-Za-z0-9._-]{0,63}"
        r"|[A-Za-z_][A-Za-z0-9_.]{0,200}:[A-Za-z_][A-Za-z0-9_]{0,100})$")
KindRef = Annotated[str, Field(
    pattern=KIND,
    description="a registered record kind, or module:Class of a bench.kinds.base.RecordKind")]
"""A record kind: a registered name or ``module:Class``."""
MetricRef = Annotated[str, Field(
    pattern=KIND,
    description="a registered metric family, or module:Class of a bench.metrics.base.Metric")]
"""A metric family: a registered name or ``module:Class``."""
MAX_RESAMPLES = 100_000
"""Most bootstrap resamples a task may ask for (memory grows with resamples x units)."""
MAX_TIMEOUT = 86_400.0
"""Longest per-document timeout of an external command, in seconds (a day)."""


class Statistics(Strict):
    """``statistics:``: how intervals and paired tests are computed."""

    resamples: int = Field(default=1000, ge=1, le=MAX_RESAMPLES)
    seed: int = Field(default=12345, ge=0, lt=2**63)
    unit: Literal["paragraph", "document", "record"] = "paragraph"
    confidence: float = Field(default=0.95, gt=0, lt=1)
    alpha: float = Field(default=0.05, gt=0, lt=1)
    trials: int = Field(default=TRIALS, ge=1, le=MAX_RESAMPLES)


class Regression(Strict):
    """``regression:``: what ``bench check`` lets pass."""

    tolerance: float = Field(default=0.0, ge=0, le=1)
    floor: float | None = Field(default=None, ge=0, le=1)


class MetricEntry(Strict):
    """One metric with its options."""

    name: MetricRef
    options: dict[Name, Any] | None = None


class Predictions(Strict):
    """``predictions:``: system labels renamed (or dropped with null) before scoring."""

    labels: dict[Text, Text | None] = {}


class TaskFile(Strict):
    """``tasks/<name>.yaml``."""

    name: Name
    version: Version
    description: Text = ""
    kind: KindRef
    documents: Text | None = None
    gold: Text | None = None
    labels: list[Name] = Field(min_length=1, max_length=1000)
    input: list[Name] | None = Field(default=None, description="deprecated, not read")
    output: Text | None = Field(default=None, description="deprecated, not read")
    metrics: list[MetricRef | MetricEntry] = Field(min_length=1, max_length=100)
    primary: Annotated[str, Field(pattern=FIELD)]
    report: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")]] = []
    statistics: Statistics | None = None
    regression: Regression | None = None
    resources: dict[Name, Text] | None = None
    corpus: dict[Name, Any] | None = None
    predictions: Predictions | None = None
    timeout: float | None = Field(default=None, gt=0, le=MAX_TIMEOUT)
