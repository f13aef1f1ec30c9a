"""Task specifications: the typed form of ``tasks/<name>.yaml``, loaded and checked."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.core.paths import confine, importable
from bench.core.schema import validate
from bench.core.yamlio import check_keys, did_you_mean, load_yaml, shown, where
from bench.corpora import CorpusSpec, parse_corpus
from bench.errors import BenchWarning, InputError
from bench.metrics import family_of
from bench.stats.paired import TRIALS
from bench.task.schema import MetricEntry, Statistics, TaskFile

TASK_KEYS = ("name", "version", "description", "kind", "documents", "gold", "labels", "metrics",
             "primary", "report", "statistics", "regression", "resources", "corpus",
             "predictions", "timeout")
DEPRECATED_KEYS = ("input", "output")
"""Keys older task files have and nothing reads: accepted with a warning."""
REQUIRED = ("name", "version", "kind", "labels", "metrics", "primary")
RENAMED_FILES = {"gold/timex.jsonl": "gold/dates.jsonl", "gold/entities.yaml": "gold/speakers.yaml"}
"""Shipped files renamed since 0.1.0 (old -> new): a task file naming the old one, when it is
gone and the new one exists, reads the new one with a warning."""
STAT_KEYS = ("resamples", "seed", "unit", "confidence", "alpha", "trials")
REGRESSION_KEYS = ("tolerance", "floor")
HINT = "see 'bench schema task' for every key, its type and range"


@dataclass(frozen=True)
class MetricSpec:
    """One metric a task computes."""

    name: str
    """Registry name of the metric family, e.g. ``span``, or ``module:Class``."""
    options: dict[str, Any] = field(default_factory=dict, hash=False)
    """Options passed to the metric, e.g. ``{"match": "exact"}``."""
    family: str = ""
    """The prefix of its score keys: the registry name, or the class's ``name`` for
    ``module:Class`` (the task loader fills it in; empty means ``name``)."""

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", self.name)


@dataclass(frozen=True)
class StatsSpec:
    """How confidence intervals are computed."""

    resamples: int = 1000
    """Bootstrap resamples."""
    seed: int = 12345
    """Seed of the resampling generator."""
    unit: str = "paragraph"
    """What is resampled: ``paragraph`` or ``document``."""
    confidence: float = 0.95
    """Coverage of the percentile interval."""
    alpha: float = 0.05
    """Significance level for paired tests."""
    trials: int = TRIALS
    """Approximate-randomization trials of the paired tests (tiers, ``compare``, ``check``)."""


@dataclass(frozen=True)
class TaskSpec:
    """A task as its YAML file defines it."""

    name: str
    """Task name, the ``--task`` argument."""
    version: str
    """Bumped whenever gold or scoring changes meaning."""
    description: str
    """One paragraph for ``bench list``."""
    kind: str
    """Record kind of gold and predictions (``spans`` for NER)."""
    documents: Path
    """The document manifest."""
    gold: Path
    """The gold records (JSONL)."""
    labels: tuple[str, ...]
    """The label set."""
    metrics: tuple[MetricSpec, ...]
    """Metrics in report order."""
    primary: str
    """The headline score, ``<metric>.<field>``, e.g. ``span.f1``."""
    statistics: StatsSpec
    """Interval options."""
    tolerance: float
    """Drops of the primary score up to this always pass ``bench check``; larger ones fail
    when a paired test finds them significant at ``statistics.alpha``."""
    path: Path
    """Where the YAML file is."""
    report: tuple[str, ...] = ()
    """Secondary fields the leaderboard shows after the primary one."""
    resources: dict[str, Path] = field(default_factory=dict, hash=False)
    """Named files the record kind needs (e.g. ``entities``: the entity inventory)."""
    floor: float | None = None
    """``bench check`` fails any system whose primary score falls under it."""
    corpus: CorpusSpec | None = None
    """An outside corpus that supplies the documents (and, for token corpora, the gold)."""
    label_map: dict[str, str | None] = field(default_factory=dict, hash=False)
    """``predictions: {labels: ...}``: system labels renamed (or dropped with null) before
    scoring, e.g. GPE -> LOC on a corpus that has no GPE."""
    timeout: float | None = None
    """Seconds an external command may take per document (``--command`` systems)."""


def load_task(path: Path, root: Path) -> TaskSpec:
    """Load and check one task YAML; paths inside it are relative to ``root`` and confined;
    ``module:Class`` kinds and metrics import from ``root``."""
    importable(root)
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top level", where=shown(path),
                         hint="see tasks/ner.yaml for the format")
    check_keys(data, (*TASK_KEYS, *DEPRECATED_KEYS), path, required=REQUIRED)
    _warn_deprecated(data, path)
    for block, keys in (("statistics", STAT_KEYS), ("regression", REGRESSION_KEYS)):
        if isinstance(data.get(block), dict):
            check_keys(data[block], keys, path)
    floor = _floor(data, path)
    task = validate(TaskFile, data, path, hint=HINT)
    metrics = tuple(_metric(m, _entry_at(path, data, i)) for i, m in enumerate(task.metrics))
    _check_once(data, metrics, path)
    _check_primary(data, metrics, path)
    corpus = parse_corpus(data["corpus"], path, root) if task.corpus is not None else None
    if corpus is not None:
        confine(root, str(corpus.path), "corpus", where(path, data, "corpus"))
        needed = ["gold"] if corpus.format == "jsonl" else []
    else:
        needed = ["documents", "gold"]
    for key in needed:
        if key not in data:
            raise InputError(f"missing key '{key}'", where=shown(path),
                             hint="give documents and gold, or a corpus block")
    fallback = corpus.path if corpus is not None else root
    documents = _path(root, task.documents, "documents", path, data) or fallback
    gold = _path(root, task.gold, "gold", path, data) or fallback
    stats = task.statistics or Statistics()
    return TaskSpec(
        name=task.name, version=str(task.version),
        description=" ".join(task.description.split()),
        kind=task.kind, documents=documents, gold=gold, labels=tuple(task.labels),
        metrics=metrics, primary=task.primary,
        statistics=StatsSpec(stats.resamples, stats.seed, stats.unit, stats.confidence,
                             stats.alpha, stats.trials),
        tolerance=task.regression.tolerance if task.regression else 0.0, path=path,
        report=tuple(task.report),
        resources={k: confine(root, _renamed(root, v, where(path, data, "resources")),
                              f"resource '{k}'", where(path, data, "resources"))
                   for k, v in (task.resources or {}).items()},
        floor=floor, corpus=corpus,
        label_map=dict(task.predictions.labels) if task.predictions else {},
        timeout=task.timeout,
    )


def _warn_deprecated(data: dict[str, Any], path: Path) -> None:
    for key in DEPRECATED_KEYS:
        if key in data:
            warnings.warn(f"{where(path, data, key)}: '{key}' is no longer read (remove it; the "
                          "README describes what systems receive and return)", BenchWarning,
                          stacklevel=3)


def _path(root: Path, value: str | None, key: str, path: Path, data: dict[str, Any]
          ) -> Path | None:
    if value is None:
        return None
    value = _renamed(root, value, where(path, data, key))
    confine(root, value, key, where(path, data, key))
    return root / value


def _renamed(root: Path, value: str, at: str) -> str:
    """``value``, or the new name of a renamed shipped file when only the new one exists."""
    new = RENAMED_FILES.get(value)
    if new is None or (root / value).exists() or not (root / new).exists():
        return value
    warnings.warn(f"{at}: '{value}' is now '{new}' (write the new name in the task file)",
                  BenchWarning, stacklevel=3)
    return new


def _metric(entry: str | MetricEntry, at: str) -> MetricSpec:
    name = entry if isinstance(entry, str) else entry.name
    options = {} if isinstance(entry, str) else dict(entry.options or {})
    return MetricSpec(name, options, family_of(name, at))


def _entry_at(path: Path, data: dict[str, Any], i: int) -> str:
    """``file:line`` of the ``i``-th entry under ``metrics:``."""
    entry = data["metrics"][i]
    return where(path, entry) if isinstance(entry, dict) else where(path, data, "metrics")


def _check_once(data: dict[str, Any], metrics: tuple[MetricSpec, ...], path: Path) -> None:
    """A metric family computes every field it has once: a second entry would overwrite the
    first one's scores and statistics, so it is refused."""
    seen: set[str] = set()
    for i, metric in enumerate(metrics):
        if metric.family in seen:
            raise InputError(f"metric '{metric.family}' is listed twice",
                             where=_entry_at(path, data, i),
                             hint="list each metric family once, with the options you want")
        seen.add(metric.family)


def _check_primary(data: dict[str, Any], metrics: tuple[MetricSpec, ...], path: Path) -> None:
    family = str(data["primary"]).split(".", 1)[0]
    names = [m.family for m in metrics]
    if family not in names:
        raise InputError(f"primary '{data['primary']}' names no listed metric",
                         where=where(path, data, "primary"), hint=did_you_mean(family, names))


def _floor(data: dict[str, Any], path: Path) -> float | None:
    block = data.get("regression")
    raw = block.get("floor") if isinstance(block, dict) else None
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
        raise InputError(f"regression floor must be a number from 0 to 1, not {raw!r}",
                         where=shown(path), hint="e.g. 'floor: 0.5'")
    return float(raw)


