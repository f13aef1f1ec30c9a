"""The regression gate: re-run the systems of committed run records and compare primary scores."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.project import open_task, task_paths
from bench.reports.runrecord import read_records
from bench.reports.signature import parse_signature, task_signature
from bench.runner import run_system
from bench.scoring import score
from bench.systems.registry import resolve


@dataclass(frozen=True)
class CheckRow:
    """One (task, system) comparison."""

    task: str
    """Task name."""
    system: str
    """System name."""
    committed: float
    """Primary score in the committed run record."""
    current: float
    """Primary score now."""
    tolerance: float
    """The task's tolerance."""
    problem: str
    """Empty when the row passes, else why it fails."""

    @property
    def passed(self) -> bool:
        """True when nothing is wrong."""
        return not self.problem


def check(root: Path, tasks: list[str] | None = None) -> list[CheckRow]:
    """Compare every committed run record of the chosen tasks (default: all) with a fresh run."""
    rows: list[CheckRow] = []
    for name in tasks or list(task_paths(root)):
        records = read_records(root, name)
        if not records:
            continue
        data = open_task(root, name)
        signature = parse_signature(task_signature(data))
        for record in records:
            rows.append(_check_one(data, record, signature))
    return rows


def _check_one(data, record, signature) -> CheckRow:  # type: ignore[no-untyped-def]
    spec = data.spec
    old = parse_signature(record.signature)
    cls = resolve(record.system.get("ref", record.system["name"]))
    scores = score(data, run_system(cls, data))
    current = scores.scores[spec.primary].value
    problem = ""
    changed = [k for k in ("task", "gold", "metrics", "primary") if old.get(k) != signature.get(k)]
    if changed:
        problem = (f"{', '.join(changed)} changed since the record "
                   f"({', '.join(f'{old.get(k)} -> {signature.get(k)}' for k in changed)})")
    elif old.get("system") != f"{cls.name}@{cls.version}":
        problem = f"system changed: {old.get('system')} -> {cls.name}@{cls.version}"
    elif record.primary_value - current > spec.tolerance:
        problem = f"dropped by {record.primary_value - current:.4f} > {spec.tolerance}"
    return CheckRow(spec.name, cls.name, record.primary_value, current, spec.tolerance, problem)
