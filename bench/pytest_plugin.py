"""The pytest plugin (entry point ``pytest11``): score a system on a task inside a user's test.

    def test_my_ner(bench_score):
        assert bench_score("ner", "my-system").primary >= 0.70

``bench_score(task, system)`` runs the system (a registry name, ``module:Class`` or
``command:<name>:<CMD>``) on the task of the project found at or above the test session's
root folder (or ``--bench-root``), scores it like ``bench run`` without writing anything, and
returns a ``BenchScore`` whose ``repr`` carries the run's signature, so a failing assertion
names exactly what was scored. Predictions are cached in ``.bench-cache/`` as ``bench run``
does; ``--bench-no-cache`` turns that off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.cache import Cache
from bench.project import find_root, open_task
from bench.runner import run_system
from bench.runs.signature import run_signature
from bench.scoring import score
from bench.systems.registry import resolve


@dataclass(frozen=True)
class BenchScore:
    """A system's scores on a task, with the signature of the run."""

    task: str
    system: str
    primary_name: str
    primary: float
    """The task's primary score."""
    signature: str
    scores: dict[str, float] = field(default_factory=dict, repr=False)
    """Every field, e.g. ``scores["span.recall"]``."""
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        low, high = self.intervals.get(self.primary_name, (float("nan"), float("nan")))
        return (f"BenchScore({self.task}/{self.system}: {self.primary_name} = "
                f"{self.primary:.4f} [{low:.4f}, {high:.4f}]; signature {self.signature})")


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--bench-root`` and ``--bench-no-cache``."""
    group = parser.getgroup("bench")
    group.addoption("--bench-root", default=None, help="the bench project folder (with tasks/)")
    group.addoption("--bench-no-cache", action="store_true", help="do not use .bench-cache/")


@pytest.fixture
def bench_score(request: pytest.FixtureRequest) -> Callable[[str, str], BenchScore]:
    """A function ``(task, system) -> BenchScore``."""
    option = request.config.getoption("bench_root")
    root = Path(option).resolve() if option else find_root(Path.cwd())
    cache = None if request.config.getoption("bench_no_cache") else Cache(root)

    def run(task: str, system: str) -> BenchScore:
        data = open_task(root, task)
        cls = resolve(system, task, data.spec.timeout, root)
        scores = score(data, run_system(cls, data, cache))
        values = {k: v.value for k, v in scores.scores.items()}
        return BenchScore(task, cls.name, data.spec.primary, values[data.spec.primary],
                          run_signature(data, cls), values,
                          {k: (v.ci_low, v.ci_high) for k, v in scores.scores.items()})

    return run
