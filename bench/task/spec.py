"""Task specifications: the typed form of ``tasks/<name>.yaml``, loaded and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.core.yamlio import check_keys, did_you_mean, load_yaml, shown, where
from bench.corpora import CorpusSpec, parse_corpus
from bench.errors import InputError

TASK_KEYS = ("name", "version", "description", "kind", "documents", "gold", "labels", "input",
             "output", "metrics", "primary", "report", "statistics", "regression", "resources",
             "corpus", "predictions", "timeout")
REQUIRED = ("name", "version", "kind", "labels", "metrics", "primary")
STAT_KEYS = ("resamples", "seed", "unit", "confidence", "alpha")
REGRESSION_KEYS = ("tolerance", "floor")
METRIC_KEYS = ("name", "options")


@dataclass(frozen=True)
class MetricSpec:
    """One metric a task computes."""

    name: str
    """Registry name of the metric family, e.g. ``span``."""
    options: dict[str, Any] = field(default_factory=dict, hash=False)
    """Options passed to the metric, e.g. ``{"match": "exact"}``."""


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
    input: tuple[str, ...] = ("text",)
    """What a system receives besides the document id."""
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
    """Load and check one task YAML; paths inside it are relative to ``root``."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top level", where=shown(path),
                         hint="see tasks/ner.yaml for the format")
    check_keys(data, TASK_KEYS, path, required=REQUIRED)
    labels = data["labels"]
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        raise InputError("'labels' must be a non-empty list of strings",
                         where=where(path, data, "labels"))
    metrics = tuple(_metric(m, path) for m in _as_list(data, "metrics", path))
    _check_primary(data, metrics, path)
    corpus = parse_corpus(data["corpus"], path, root) if "corpus" in data else None
    if corpus is None:
        needed = ["documents", "gold"]
    else:
        needed = ["gold"] if corpus.format == "jsonl" else []
    for key in needed:
        if key not in data:
            raise InputError(f"missing key '{key}'", where=shown(path),
                             hint="give documents and gold, or a corpus block")
    fallback = corpus.path if corpus is not None else root
    documents = root / str(data["documents"]) if "documents" in data else fallback
    gold = root / str(data["gold"]) if "gold" in data else fallback
    return TaskSpec(
        name=str(data["name"]), version=str(data["version"]),
        description=" ".join(str(data.get("description", "")).split()),
        kind=str(data["kind"]), documents=documents,
        gold=gold, labels=tuple(labels), metrics=metrics,
        primary=str(data["primary"]), statistics=_stats(data, path),
        tolerance=_tolerance(data, path), path=path,
        input=tuple(str(x) for x in data.get("input", ["text"])),
        report=tuple(str(x) for x in data.get("report", [])),
        resources=_resources(data, path, root),
        floor=_floor(data, path),
        corpus=corpus,
        label_map=_label_map(data, path),
        timeout=float(data["timeout"]) if data.get("timeout") is not None else None,
    )


def _label_map(data: dict[str, Any], path: Path) -> dict[str, str | None]:
    raw = data.get("predictions") or {}
    if not isinstance(raw, dict) or set(raw) - {"labels"} or not isinstance(
            raw.get("labels", {}), dict):
        raise InputError("'predictions' must be {labels: {SYSTEM_LABEL: TASK_LABEL or null}}",
                         where=shown(path), hint="e.g. 'predictions: {labels: {GPE: LOC}}'")
    return {str(k): None if v is None else str(v) for k, v in raw.get("labels", {}).items()}


def _as_list(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    value = data[key]
    if not isinstance(value, list) or not value:
        raise InputError(f"'{key}' must be a non-empty list", where=where(path, data, key))
    return value


def _metric(entry: Any, path: Path) -> MetricSpec:
    if isinstance(entry, str):
        return MetricSpec(entry)
    if not isinstance(entry, dict) or "name" not in entry:
        raise InputError("each metric must be a name or a mapping with 'name:'", where=shown(path))
    check_keys(entry, METRIC_KEYS, path, required=("name",))
    options = entry.get("options") or {}
    if not isinstance(options, dict):
        raise InputError("metric 'options' must be a mapping", where=where(path, entry, "options"))
    return MetricSpec(str(entry["name"]), dict(options))


def _check_primary(data: dict[str, Any], metrics: tuple[MetricSpec, ...], path: Path) -> None:
    family = str(data["primary"]).split(".", 1)[0]
    names = [m.name for m in metrics]
    if family not in names:
        raise InputError(f"primary '{data['primary']}' names no listed metric",
                         where=where(path, data, "primary"), hint=did_you_mean(family, names))


def _stats(data: dict[str, Any], path: Path) -> StatsSpec:
    raw = data.get("statistics") or {}
    check_keys(raw, STAT_KEYS, path)
    stats = StatsSpec(**raw)
    if stats.unit not in ("paragraph", "document", "record"):
        raise InputError(f"statistics unit '{stats.unit}' is not supported",
                         where=where(path, raw, "unit"), hint="use paragraph, document or record")
    if not (isinstance(stats.resamples, int) and stats.resamples >= 1):
        raise InputError("statistics resamples must be a positive integer",
                         where=where(path, raw, "resamples"))
    return stats


def _resources(data: dict[str, Any], path: Path, root: Path) -> dict[str, Path]:
    raw = data.get("resources") or {}
    if not isinstance(raw, dict):
        raise InputError(
            "'resources' must map names to files", where=where(path, data, "resources")
        )
    return {str(k): root / str(v) for k, v in raw.items()}


def _floor(data: dict[str, Any], path: Path) -> float | None:
    raw = (data.get("regression") or {}).get("floor")
    if raw is None:
        return None
    if not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
        raise InputError(f"regression floor must be a number from 0 to 1, not {raw!r}",
                         where=shown(path), hint="e.g. 'floor: 0.5'")
    return float(raw)


def _tolerance(data: dict[str, Any], path: Path) -> float:
    raw = data.get("regression") or {}
    check_keys(raw, REGRESSION_KEYS, path)
    return float(raw.get("tolerance", 0.0))
