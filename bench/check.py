"""The regression gate: re-run the systems of committed run records and test for drops.

A system fails when its task's gold or definition changed without a version bump, when the
task's version changed since its record (the record is stale), when the system's version
changed, when its primary score fell under the task's floor, or when the score dropped by more
than the task's tolerance and a paired approximate-randomization test on the same units finds
the drop significant at the task's alpha. Drops the test cannot tell from noise pass.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench.core.atomic import write_files
from bench.core.escape import md_cell
from bench.core.forked import in_order
from bench.core.yamlio import shown
from bench.errors import InputError, SystemFailure, WriteError, one_line
from bench.models.options import PREFIX as MODEL_PREFIX
from bench.models.options import model_from_record
from bench.project import open_task, task_paths
from bench.runner import run_system
from bench.runs.compare import metric_for
from bench.runs.record import RunRecord, read_records, recorded_predictions
from bench.runs.signature import parse_signature, task_signature
from bench.runs.verify import record_problem
from bench.scoring import Scores, score
from bench.stats.paired import compare
from bench.systems.choose import load
from bench.systems.declared import DeclaredSystem, declared_systems, find_declared
from bench.systems.registry import resolve
from bench.task.gold import TaskData


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
    p_value: float | None
    """Randomization p-value of the difference (None when the runs are not comparable)."""
    problem: str
    """Empty when the row passes, else why it fails."""
    lost: list[str] = field(default_factory=list)
    """Gold records right in the committed run and wrong now."""
    gained: list[str] = field(default_factory=list)
    """Gold records wrong in the committed run and right now."""

    @property
    def passed(self) -> bool:
        """True when nothing is wrong."""
        return not self.problem


def check(root: Path, tasks: list[str] | None = None, trials: int | None = None,
          progress: bool = False, jobs: int = 1) -> list[CheckRow]:
    """Compare every committed run record of the chosen tasks (default: all) with a fresh run.

    A record is verified first (``bench.runs.verify``) and its system must be declared in the
    project's tracked ``systems.yaml``; a record that fails either is a failing row, and its
    system is never run. With ``jobs`` above 1 the records are checked in that many forked
    processes, each record entirely in one of them; the rows, and the first error raised, are
    those of the sequential order.
    """
    declared = declared_systems(root)
    plan: list[tuple[TaskData, RunRecord]] = []
    for name in tasks or list(task_paths(root)):
        records = read_records(root, name)
        if records:
            data = open_task(root, name)  # once per task, shared by its records (and forks)
            plan += [(data, record) for record in records]
    if jobs > 1 and len(plan) > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _in_processes(plan, trials, root, declared, jobs)
    return [check_one(data, record, trials, root, declared, progress) for data, record in plan]


SECONDS = Path(".bench-cache") / "check-seconds.json"
"""How long each system's records took to check last time: only to start the longest first."""


def _in_processes(plan: list[tuple[TaskData, RunRecord]], trials: int | None, root: Path,
                  declared: Sequence[DeclaredSystem], jobs: int) -> list[CheckRow]:
    """``check_one`` of every planned record in ``jobs`` forked processes, rows in order; each
    system's records in one process (its models and word lists load once), the systems that
    took longest last time first (``bench.core.forked``)."""
    by_system: dict[str, list[int]] = {}
    for index, (_, record) in enumerate(plan):
        by_system.setdefault(_system_of(record), []).append(index)
    last = _last_seconds(root)
    systems = sorted(by_system, key=lambda s: -last.get(s, 0.0))

    def died(index: int) -> Exception:
        data, record = plan[index]
        name = one_line(str(record.system.get("name")), 80)
        return SystemFailure(f"a worker process died while checking system '{name}' on task "
                             f"'{data.spec.name}'", hint="run with --jobs 1 to see why")

    rows, seconds = in_order(lambda i: check_one(*plan[i], trials, root, declared),
                             [by_system[s] for s in systems], jobs, died)
    if seconds:
        took = json.dumps(dict(zip(systems, (round(t, 2) for t in seconds), strict=True)),
                          sort_keys=True)
        with contextlib.suppress(WriteError):
            write_files({root / SECONDS: took + "\n"})
    return rows


def _system_of(record: RunRecord) -> str:
    return str(record.system.get("ref") or record.system.get("name"))


def _last_seconds(root: Path) -> dict[str, float]:
    try:
        found = json.loads((root / SECONDS).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in found.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def check_one(data: TaskData, record: RunRecord, trials: int | None = None,
              root: Path | None = None,
              declared: Sequence[DeclaredSystem] | None = None,
              progress: bool = False) -> CheckRow:
    """Verify the record, re-run its (declared) system and judge the difference (a language
    model is asked again, from the configuration its record keeps, without the response
    cache)."""
    spec = data.spec
    name = str(record.system.get("name"))
    where = shown(record.path) if record.path else f"run record of {name}"
    problem = record_problem(record, spec, record.path)
    ref = str(record.system.get("ref") or name)
    found = None
    if not problem and declared is not None:
        found = find_declared(declared, ref, name)
        if found is None:
            problem = (f"names system '{one_line(ref, 80)}', which systems.yaml does not "
                       "declare: refused, not run")
        elif not found.serves(spec.name):
            problem = (f"names system '{one_line(ref, 80)}', which systems.yaml declares for "
                       f"{', '.join(found.tasks or ())} only: refused, not run")
        else:
            ref = found.ref
    if problem:
        return CheckRow(spec.name, name, record.primary_value, float("nan"), None,
                        f"record {where} {problem}")
    if found is not None and found.way != "model" and root is not None:
        cls = load(found, spec, root, spec.timeout)  # a command as declared (its version)
    elif ref.startswith(MODEL_PREFIX) and root is not None:
        cls = model_from_record(record.system, data, root)
    else:
        cls = resolve(ref, spec.name, spec.timeout)
    predictions = run_system(cls, data, progress=progress)
    scores = score(data, predictions)
    current = scores.scores[spec.primary].value
    committed = record.primary_value
    lost, gained = flips(data, record, predictions)
    problem = signature_problem(record.signature, task_signature(data), spec.name)
    p_value = None
    if not problem and old_system(record) != f"{cls.name}@{cls.version}":
        problem = f"system changed: {old_system(record)} -> {cls.name}@{cls.version}"
    if not problem:
        p_value = drop_p_value(data, record, scores, trials)
        drop = committed - current
        if spec.floor is not None and current < spec.floor:
            problem = f"{current:.4f} is under the floor {spec.floor:g}"
        elif drop > spec.tolerance and p_value < spec.statistics.alpha:
            problem = (f"dropped by {drop:.4f}, significant (p = {p_value:.4f} < "
                       f"{spec.statistics.alpha:g})")
    return CheckRow(spec.name, cls.name, committed, current, p_value, problem, lost, gained)


def old_system(record: RunRecord) -> str:
    """``name@version`` of the system that made the record."""
    return parse_signature(record.signature).get("system", "")


def signature_problem(old_sig: str, new_sig: str, task: str) -> str:
    """Why a record's task signature no longer matches, or "" when it does."""
    old, new = parse_signature(old_sig), parse_signature(new_sig)
    if old.get("task") != new.get("task"):
        return (f"task version changed ({old.get('task')} -> {new.get('task')}): the record is "
                f"stale; refresh it with: bench run --task {task}")
    changed = [k for k in ("gold", "metrics", "primary", "boot", "ci") if old.get(k) != new.get(k)]
    if changed:
        what = ", ".join(f"{k} {old.get(k)} -> {new.get(k)}" for k in changed)
        return (f"{', '.join(changed)} changed without a task version bump ({what}); bump "
                f"'version' in tasks/{task}.yaml and re-run bench run --task {task}")
    return ""


def drop_p_value(data: TaskData, record: RunRecord, scores: Scores, trials: int | None
                 ) -> float:
    """Randomization p-value of committed vs current primary score, on the same units."""
    metric, sub = metric_for(data.spec, data.spec.primary)
    old_rows = np.asarray(record.raw["statistics"][metric.name]["rows"], dtype=np.float64)
    new_rows = scores.statistics[metric.name]
    if old_rows.shape != new_rows.shape or list(record.raw["units"]) != list(scores.units):
        return 0.0
    st = data.spec.statistics
    return compare(old_rows, new_rows, metric.aggregate, sub, resamples=st.resamples,
                   seed=st.seed, confidence=st.confidence,
                   trials=trials or st.trials).p_randomization


def flips(data: TaskData, record: RunRecord, now: Sequence[Any]) -> tuple[list[str], list[str]]:
    """(right before and wrong now, wrong before and right now), as short descriptions."""
    try:
        before = recorded_predictions(record, data)
    except InputError:  # an old record the task can no longer read has no flips to show
        return [], []
    kind = data.kind
    lost, gained = [], []
    for g, was, now_right in zip(data.gold, kind.rights(data.gold, before),
                                 kind.rights(data.gold, now), strict=True):
        if was and not now_right:
            lost.append(kind.describe(g))
        elif now_right and not was:
            gained.append(kind.describe(g))
    return lost, gained


def summary_markdown(rows: Sequence[CheckRow], limit: int = 20) -> str:
    """The check as Markdown, for a pull request or ``$GITHUB_STEP_SUMMARY``."""
    failed = [r for r in rows if not r.passed]
    head = "passed" if not failed else f"{len(failed)} of {len(rows)} checks failed"
    lines = [f"## bench check: {head}", "",
             "| task | system | committed | now | p | status |", "|---|---|---|---|---|---|"]
    for r in rows:
        p = "–" if r.p_value is None else f"{r.p_value:.4f}"
        status = "ok" if r.passed else md_cell(f"FAIL: {r.problem}")
        lines.append(f"| {r.task} | {r.system} | {r.committed:.3f} | {r.current:.3f} | {p} "
                     f"| {status} |")
    for r in rows:
        if not (r.lost or r.gained):
            continue
        lines += ["", f"### {r.task} / {r.system}: {len(r.lost)} flipped to wrong, "
                      f"{len(r.gained)} to right", ""]
        lines += [f"- right before, wrong now: {x}" for x in r.lost[:limit]]
        lines += [f"- wrong before, right now: {x}" for x in r.gained[:limit]]
        hidden = max(0, len(r.lost) - limit) + max(0, len(r.gained) - limit)
        if hidden:
            lines.append(f"- … and {hidden} more")
    return "\n".join([*lines, ""])
