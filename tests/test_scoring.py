"""Which evaluation unit a record is scored in, read back from the per-unit statistics that
``score`` returns: per-gold-record units (``unit: record``) and paragraph units."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bench.kinds.spans import Span
from bench.project import open_task
from bench.scoring import Scores, score
from bench.task.gold import TaskData
from bench.task.predictions import prepare

from .conftest import FIXTURES, REPO

A, B, C, D, E = ("000_51e80b729b38c360", "001_d31ea831deecb6be", "002_00f5035cd63a81cc",
                 "003_d5fed3eccdbd9055", "004_53a8e9d55a6d0a34")
"""Seed documents; a pair is located at its first side, in (doc, start) order (A < B < ...)."""


def fast(data: TaskData) -> TaskData:
    """The task with few resamples: only the per-unit statistics matter here."""
    stats = replace(data.spec.statistics, resamples=10)
    return replace(data, spec=replace(data.spec, statistics=stats))


def pair(da: str, sa: int, db: str, sb: int, label: str = "CONFLICT", *,
         ea: int | None = None, eb: int | None = None) -> dict[str, Any]:
    """A pair object; each side is 10 characters long unless its end is given."""
    return {"a": {"doc": da, "start": sa, "end": ea or sa + 10},
            "b": {"doc": db, "start": sb, "end": eb or sb + 10}, "label": label}


def parse(data: TaskData, objs: list[dict[str, Any]]) -> list[Any]:
    return prepare(((f"test:{n}", obj) for n, obj in enumerate(objs, 1)), data)


GOLD = [pair(A, 10, B, 10),    # G0 = A[10,20) B[10,20), located at A:10
        pair(A, 10, B, 30),    # G1 = A[10,20) B[30,40), located at A:10 too
        pair(A, 800, B, 50),   # G2 = A[800,810) B[50,60), located at A:800
        pair(B, 100, C, 10)]   # G3 = B[100,110) C[10,20), located at B:100


@pytest.fixture(scope="module")
def conflicts() -> TaskData:
    data = fast(open_task(REPO, "conflicts"))
    return replace(data, gold=tuple(parse(data, GOLD)))


def conflicts_per_unit(got: Scores) -> list[int]:
    """CONFLICT predictions scored in each unit (the ``pred`` column of the conflict metric)."""
    column = got.columns["conflict"].index("pred")
    return [int(row[column]) for row in got.statistics["conflict"]]


@pytest.mark.parametrize(("pred", "unit"), [
    # The same two sides as G1: its key.
    (pair(A, 10, B, 30), 1),
    # A[12,22) overlaps both A sides; B[25,35) only G1's B[30,40): near gives G1 2, G0 0.
    (pair(A, 12, B, 25), 1),
    # B[15,25) overlaps only G0's B[10,20).
    (pair(A, 12, B, 15), 0),
    # Overlaps no gold side; located at A:500. G0 and G1 (A:10) are the nearest before it,
    # tied: the last in gold order, G1. G2 (A:800) is after it.
    (pair(A, 500, B, 600), 1),
    # Located at A:900: G2 (A:800) is the nearest before it.
    (pair(A, 900, B, 600), 2),
    # Located at B:40: no gold record located in B starts before it: B's first, G3.
    (pair(B, 40, C, 500), 3),
    # Located in D, where no gold record is located: the first of all, G0.
    (pair(D, 100, E, 300), 0),
], ids=["same-key", "near-second-only", "near-first-only", "location-tie-goes-to-the-last",
        "location-nearest-before", "location-none-before-takes-the-documents-first",
        "location-elsewhere-takes-the-first-of-all"])
def test_a_prediction_joins_one_gold_record(conflicts: TaskData, pred: dict[str, Any],
                                            unit: int) -> None:
    got = score(conflicts, parse(conflicts, [pred]))
    # One unit per gold record, in gold order, named by the document it is located in.
    assert got.units == (f"{A}@0", f"{A}@1", f"{A}@2", f"{B}@3")
    assert conflicts_per_unit(got) == [int(i == unit) for i in range(4)]


def test_a_near_tie_goes_to_the_last_gold_record(conflicts: TaskData) -> None:
    # A[12,22) overlaps both A sides, B[15,35) both G0's B[10,20) and G1's B[30,40); same
    # label: near gives 2 to both, and the tie goes to the last in gold order, G1.
    got = score(conflicts, parse(conflicts, [pair(A, 12, B, 15, eb=35)]))
    assert conflicts_per_unit(got) == [0, 1, 0, 0]


def test_a_better_near_score_beats_gold_order(conflicts: TaskData) -> None:
    # G1 relabelled CONSISTENT: near gives G0 2 (same label) and G1 1, so G0 wins although a
    # tie would have gone to G1.
    gold = list(conflicts.gold)
    gold[1] = replace(gold[1], label="CONSISTENT")
    data = replace(conflicts, gold=tuple(gold))
    got = score(data, parse(data, [pair(A, 12, B, 15, eb=35)]))
    assert conflicts_per_unit(got) == [1, 0, 0, 0]


@pytest.fixture(scope="module")
def ner() -> TaskData:
    return fast(open_task(FIXTURES / "good", "ner"))


def test_a_span_is_scored_in_the_paragraph_it_starts_in(ner: TaskData) -> None:
    doc = ner.documents[0]
    first, second = doc.paragraphs()[:2]
    # One span at the start of the second paragraph, one ending there but starting on the
    # line break after the first paragraph (between units: the nearest preceding one).
    pred = [Span(doc.id, second.start, second.start + 2, "PER"),
            Span(doc.id, first.end, second.start + 2, "ORG")]
    got = score(ner, pred)
    column = [i for i, c in enumerate(got.columns["span"]) if c.endswith(".pred")]
    per_unit = {u: int(row[column].sum()) for u, row in zip(got.units, got.statistics["span"],
                                                            strict=True)}
    assert per_unit[first.unit_id] == 1
    assert per_unit[second.unit_id] == 1
    assert sum(per_unit.values()) == 2
