"""Everything one task's pages show, gathered from its run records, gold and documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.errors import InputError
from bench.reports.html.judges import Finding, Judgement, describe_gold, judge, rights
from bench.reports.html.layout import slug
from bench.runs.compare import Tiered, compare_records, tiers
from bench.runs.record import read_records, recorded_predictions
from bench.stats.paired import Comparison
from bench.task.gold import TaskData, load_task_data
from bench.task.spec import TaskSpec


@dataclass(frozen=True)
class Entry:
    """One ranked system of a task, with its predictions judged."""

    index: int
    """Its rank, from 1; pages name its view ``v<index>``."""
    tiered: Tiered
    """The leaderboard row: record, rank, tier and the test against the system above."""
    pred: tuple[Any, ...]
    """Its predictions, read back from the run record."""
    judgement: Judgement
    """Marks and findings against gold."""
    right: tuple[bool, ...]
    """Per gold record, whether the system gets it right."""

    @property
    def name(self) -> str:
        """The system's name."""
        return str(self.tiered.record.system["name"])

    @property
    def errors_file(self) -> str:
        """File name of its error browser page, inside the task's folder."""
        return f"errors-{self.index}-{slug(self.name)}.html"


@dataclass(frozen=True)
class Pairwise:
    """Two systems of a task: the paired test and the gold records that flip between them."""

    a: Entry
    """The better-ranked system (A in ``bench compare A B``)."""
    b: Entry
    comparison: Comparison | None
    """The paired test on the primary score, or None when the runs are not comparable."""
    problem: str
    """Why they are not comparable, or ""."""
    a_only: tuple[Finding, ...]
    """Gold records A gets right and B does not."""
    b_only: tuple[Finding, ...]
    """Gold records B gets right and A does not."""


@dataclass(frozen=True)
class TaskSite:
    """One task: its definition, gold and documents, ranked systems and their comparisons."""

    spec: TaskSpec
    data: TaskData
    entries: tuple[Entry, ...]
    pairs: tuple[Pairwise, ...]

    @property
    def folder(self) -> str:
        """The task's folder in the site."""
        return slug(self.spec.name)


def collect(root: Path, spec: TaskSpec) -> TaskSite:
    """Rank the task's run records, judge each system and compare every two."""
    data = load_task_data(spec, root)
    entries = []
    for item in tiers(spec, read_records(root, spec.name)):
        record = item.record
        pred = recorded_predictions(record, data)
        entries.append(Entry(item.rank, item, tuple(pred), judge(data, pred),
                             tuple(rights(data, pred))))
    pairs = [_pairwise(data, a, b) for i, a in enumerate(entries) for b in entries[i + 1:]]
    return TaskSite(spec, data, tuple(entries), tuple(pairs))


def _pairwise(data: TaskData, a: Entry, b: Entry) -> Pairwise:
    comparison, problem = None, ""
    above = b.tiered.above
    if b.index == a.index + 1 and above is not None:
        comparison = above  # the leaderboard's own test of b against the system above it
    else:
        try:
            comparison = compare_records(data.spec, a.tiered.record, b.tiered.record)
        except InputError as exc:
            problem = exc.render()
    if comparison is None and not problem:
        problem = "the runs are not comparable (see bench compare)"
    flips = list(zip(data.gold, a.right, b.right, strict=True))
    a_only = tuple(describe_gold(data, g) for g, ra, rb in flips if ra and not rb)
    b_only = tuple(describe_gold(data, g) for g, ra, rb in flips if rb and not ra)
    return Pairwise(a, b, comparison, problem, a_only, b_only)
