"""Remembered tiers: the same inputs give the tiers computed afresh, anything changed is a miss,
and a memo that was cut or edited is never believed."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bench.reports import memo
from bench.reports.memo import remembered_tiers
from bench.runs.compare import Tiered, tiers
from bench.runs.record import RunRecord
from bench.task.spec import StatsSpec, TaskSpec

from .test_leaderboard import record, spec  # noqa: F401 - the fixture is used by name

__all__ = ["spec"]


def shown(ranked: list[Tiered]) -> list[tuple[object, ...]]:
    return [(t.record.system["name"], t.rank, t.tier, t.above) for t in ranked]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the tiers were computed rather than remembered."""
    calls: list[int] = []

    def counting(spec: TaskSpec, records: list[RunRecord]) -> list[Tiered]:
        calls.append(1)
        return tiers(spec, records)

    monkeypatch.setattr(memo, "tiers", counting)
    return calls


def test_a_second_call_remembers_the_same_tiers(spec: TaskSpec, tmp_path: Path,  # noqa: F811
                                                counted: list[int]) -> None:
    records = [record("a", 12), record("b", 11), record("c", 3)]
    first = remembered_tiers(spec, records, tmp_path)
    second = remembered_tiers(spec, records, tmp_path)
    assert shown(second) == shown(first) == shown(tiers(spec, records))
    assert [t.record for t in second] == [t.record for t in first]
    assert counted == [1]


def _rescored(records: list[RunRecord]) -> list[RunRecord]:
    changed = record("c", 4)
    return [*records[:2], changed]


def _renamed(records: list[RunRecord]) -> list[RunRecord]:
    system = {**records[2].system, "name": "z"}
    return [*records[:2], replace(records[2], system=system)]


@pytest.mark.parametrize("change", [
    lambda spec, records: (spec, _rescored(records)),
    lambda spec, records: (spec, _renamed(records)),
    lambda spec, records: (spec, records[:2]),
    lambda spec, records: (replace(spec, statistics=replace(spec.statistics, trials=701)),
                           records),
    lambda spec, records: (replace(spec, statistics=StatsSpec(
        resamples=300, seed=10, unit="paragraph", confidence=0.9, alpha=0.01, trials=700)),
        records),
    lambda spec, records: (replace(spec, statistics=replace(spec.statistics, alpha=0.5)),
                           records),
], ids=["a-score-changed", "a-system-renamed", "a-record-removed", "other-trials",
        "other-seed", "other-alpha"])
def test_anything_changed_is_computed_again(
        spec: TaskSpec, tmp_path: Path, counted: list[int],  # noqa: F811
        change: Callable[[TaskSpec, list[RunRecord]], tuple[TaskSpec, list[RunRecord]]]) -> None:
    records = [record("a", 12), record("b", 11), record("c", 3)]
    remembered_tiers(spec, records, tmp_path)
    other_spec, other = change(spec, records)
    assert shown(remembered_tiers(other_spec, other, tmp_path)) == shown(tiers(other_spec, other))
    assert counted == [1, 1]


def test_a_change_in_the_testing_code_is_a_miss(spec: TaskSpec, tmp_path: Path,  # noqa: F811
                                                counted: list[int],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    records = [record("a", 12), record("b", 6)]
    remembered_tiers(spec, records, tmp_path)
    monkeypatch.setattr(memo, "_code", lambda: "other source")
    remembered_tiers(spec, records, tmp_path)
    assert counted == [1, 1]


def _edited_tier(text: str) -> str:
    memo = json.loads(text)
    memo["tiers"][1][2] += 5
    return json.dumps(memo)


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    _edited_tier,
    lambda text: "",
    lambda text: "[]",
    lambda text: text.replace("p_randomization", "p_other"),
    lambda text: text.replace("0.", "1."),
], ids=["cut", "tier-edited", "empty", "not-an-object", "field-renamed", "numbers-edited"])
def test_a_damaged_memo_is_never_believed(spec: TaskSpec, tmp_path: Path,  # noqa: F811
                                          counted: list[int],
                                          damage: Callable[[str], str]) -> None:
    records = [record("a", 12), record("b", 11), record("c", 3)]
    remembered_tiers(spec, records, tmp_path)
    note = tmp_path / f"{spec.name}.memo"
    note.write_text(damage(note.read_text(encoding="utf-8")), encoding="utf-8")
    assert shown(remembered_tiers(spec, records, tmp_path)) == shown(tiers(spec, records))
    assert counted == [1, 1]
