"""Pair classification against scikit-learn, and end-to-end conflict matching by overlap."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from bench.kinds.conflicts import ClaimPair, ClaimSpan
from bench.metrics.pairs import NONE, ConflictDetection, PairClassification

from .strategies import unit_for

LABELS = ("CONFLICT", "CONSISTENT", "NOT_COMPARABLE")
PAIRS = PairClassification(LABELS)
E2E = ConflictDetection(LABELS)


def pair(i: int, label: str, a_doc: str = "d1", b_doc: str = "d2") -> ClaimPair:
    return ClaimPair(ClaimSpan(a_doc, 10 * i, 10 * i + 5), ClaimSpan(b_doc, 10 * i, 10 * i + 5),
                     label)


def scores(metric: PairClassification | ConflictDetection, gold: list[ClaimPair],
           pred: list[ClaimPair]) -> dict[str, float]:
    stats = metric.statistics(gold, pred, unit_for(100))
    return {k: float(v) for k, v in metric.aggregate(stats).items()}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from((*LABELS, NONE))),
                min_size=1, max_size=30))
def test_macro_f1_matches_sklearn(cases: list[tuple[str, str]]) -> None:
    gold = [pair(i, g) for i, (g, _) in enumerate(cases)]
    pred = [pair(i, p) for i, (_, p) in enumerate(cases) if p != NONE]
    got = scores(PAIRS, gold, pred)
    y_true, y_pred = [g for g, _ in cases], [p for _, p in cases]
    expected = f1_score(y_true, y_pred, labels=list(LABELS), average="macro", zero_division=0)
    assert np.isclose(got["macro_f1"], expected)
    p, r, _, _ = precision_recall_fscore_support(y_true, y_pred, labels=list(LABELS),
                                                 zero_division=0)
    for k, lab in enumerate(LABELS):
        assert np.isclose(got[f"precision.{lab}"], p[k])
        assert np.isclose(got[f"recall.{lab}"], r[k])
    matrix = confusion_matrix(y_true, y_pred, labels=[*LABELS, NONE])
    for i, g in enumerate(LABELS):
        for j, q in enumerate((*LABELS, NONE)):
            assert got[f"confusion.{g}.{q}"] == matrix[i, j]


def test_pair_order_does_not_matter_and_missing_pairs_are_none() -> None:
    gold = [pair(0, "CONFLICT"), pair(1, "CONSISTENT")]
    flipped = ClaimPair(gold[0].b, gold[0].a, "CONFLICT")
    got = scores(PAIRS, gold, [flipped])
    assert got["recall.CONFLICT"] == 1.0
    assert got["confusion.CONSISTENT.NONE"] == 1.0
    assert got["accuracy"] == 0.5


def test_end_to_end_matches_by_overlap_one_to_one() -> None:
    gold = [pair(0, "CONFLICT"), pair(1, "CONSISTENT")]
    near = ClaimPair(ClaimSpan("d2", 2, 7), ClaimSpan("d1", 3, 9), "CONFLICT")
    twice = ClaimPair(ClaimSpan("d1", 0, 2), ClaimSpan("d2", 4, 6), "CONFLICT")
    wrong = ClaimPair(ClaimSpan("d1", 10, 15), ClaimSpan("d2", 10, 15), "CONFLICT")
    got = scores(E2E, gold, [near, twice, wrong])
    assert (got["precision"], got["recall"]) == (1 / 3, 1.0)


def test_one_side_overlapping_is_not_a_match() -> None:
    gold = [pair(0, "CONFLICT")]
    half = ClaimPair(ClaimSpan("d1", 0, 5), ClaimSpan("d2", 50, 60), "CONFLICT")
    assert scores(E2E, gold, [half])["f1"] == 0.0
