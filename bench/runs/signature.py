"""Signatures that name everything that produced a score, in the spirit of sacrebleu's."""

from __future__ import annotations

import hashlib

from bench import __version__
from bench.metrics import build_metric
from bench.stats import STREAM
from bench.systems.protocol import System
from bench.task.gold import TaskData


def gold_hash(data: TaskData) -> str:
    """First 10 hex digits of sha256 over the gold file and the documents' own digests."""
    digest = hashlib.sha256(data.spec.gold.read_bytes() if data.spec.gold.is_file() else b"")
    if data.spec.corpus is not None:
        digest.update(data.spec.corpus.signature().encode())
    for doc in data.documents:
        digest.update(doc.sha256.encode())
    return digest.hexdigest()[:10]


def task_signature(data: TaskData) -> str:
    """The part every system of a task shares: task, gold, metrics, primary, statistics."""
    spec = data.spec
    metrics = "+".join(build_metric(m.name, spec.labels, m.options).signature
                       for m in spec.metrics)
    stats = spec.statistics
    return (f"task:{spec.name}@{spec.version}|gold:{gold_hash(data)}|metrics:{metrics}"
            f"|primary:{spec.primary}|boot:{stats.resamples}@{stats.seed}/{stats.unit}/v{STREAM}"
            f"|ci:{stats.confidence:g}|bench:{__version__}")


def run_signature(data: TaskData, system: type[System]) -> str:
    """Task signature plus the system's name and version."""
    return f"{task_signature(data)}|system:{system.name}@{system.version}"


def parse_signature(signature: str) -> dict[str, str]:
    """``key:value|key:value`` -> dict."""
    return dict(part.split(":", 1) for part in signature.split("|") if ":" in part)
