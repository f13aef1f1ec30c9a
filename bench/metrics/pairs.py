"""Scores for claim pairs: pair classification and end-to-end conflict detection.

``pairs`` (classification): every gold pair gets the label of the predicted pair with the same
two claims (in either order), or ``NONE`` when the system did not label it. Per label,
precision = right / predicted with that label (predicted pairs that are not gold pairs count
as predicted), recall = right / gold with that label; ``macro_f1`` is the unweighted mean of
the labels' F1 (scikit-learn's ``f1_score(average="macro")`` over the task's labels, which the
tests check it against); ``accuracy`` = right / gold pairs; ``confusion.<gold>.<pred>`` counts.

``conflict`` (end to end): predicted pairs labelled CONFLICT against gold CONFLICT pairs; a
prediction matches a gold pair when each of its sides overlaps one side of the gold pair (the
two sides different), one-to-one in order; precision, recall and F1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.kinds.conflicts import ClaimPair
from bench.metrics.base import Array, Unit, prf, safe_divide

NONE = "NONE"
"""The prediction for a gold pair the system did not label."""


class PairClassification:
    """Macro F1 (primary), per-label precision and recall, accuracy, confusion counts."""

    name = "pairs"
    signature = "pairs:macro"

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        self.predicted = (*labels, NONE)
        self.columns = (
            *(f"{c}.{lab}" for lab in labels for c in ("right", "pred", "gold")),
            *(f"confusion.{g}.{p}" for g in labels for p in self.predicted),
        )

    def statistics(self, gold: Sequence[ClaimPair], pred: Sequence[ClaimPair],
                   unit: Unit) -> Array:
        """Counts per label and confusion cells for one unit."""
        given = {p.key: p.label for p in pred}
        row = dict.fromkeys(self.columns, 0.0)
        for p in pred:
            if p.label in self.labels:
                row[f"pred.{p.label}"] += 1
        for g in gold:
            label = given.get(g.key, NONE)
            row[f"gold.{g.label}"] += 1
            row[f"confusion.{g.label}.{label}"] += 1
            if label == g.label:
                row[f"right.{g.label}"] += 1
        return np.array([row[c] for c in self.columns], dtype=np.float64)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """``macro_f1``, ``accuracy``, ``precision.<label>``, ``recall.<label>``, ``f1.<label>``."""
        col = {name: totals[..., i] for i, name in enumerate(self.columns)}
        scores: dict[str, Array] = {}
        f1s = []
        for lab in self.labels:
            res = prf(col[f"right.{lab}"], col[f"pred.{lab}"], col[f"gold.{lab}"])
            for key, value in res.items():
                scores[f"{key}.{lab}"] = value
            f1s.append(res["f1"])
        scores["macro_f1"] = np.mean(np.stack(f1s), axis=0)
        right = sum(col[f"right.{lab}"] for lab in self.labels)
        total = sum(col[f"gold.{lab}"] for lab in self.labels)
        scores["accuracy"] = safe_divide(np.asarray(right), np.asarray(total))
        for g in self.labels:
            for p in self.predicted:
                scores[f"confusion.{g}.{p}"] = col[f"confusion.{g}.{p}"]
        return scores


def side_match(gold: ClaimPair, pred: ClaimPair) -> bool:
    """Each side of ``pred`` overlaps a different side of ``gold``."""
    return ((pred.a.overlaps(gold.a) and pred.b.overlaps(gold.b))
            or (pred.a.overlaps(gold.b) and pred.b.overlaps(gold.a)))


class ConflictDetection:
    """End-to-end CONFLICT precision, recall and F1 with overlapping sides."""

    name = "conflict"
    signature = "conflict:overlap"
    columns = ("right", "pred", "gold")

    def __init__(self, labels: tuple[str, ...], target: str = "CONFLICT"):
        self.target = target

    def statistics(self, gold: Sequence[ClaimPair], pred: Sequence[ClaimPair],
                   unit: Unit) -> Array:
        """Matched, predicted and gold conflicts of one unit."""
        wanted = [g for g in gold if g.label == self.target]
        found = [p for p in pred if p.label == self.target]
        free = list(wanted)
        right = 0
        for p in found:
            hit = next((g for g in free if side_match(g, p)), None)
            if hit is not None:
                free.remove(hit)
                right += 1
        return np.array([right, len(found), len(wanted)], dtype=np.float64)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """``precision``, ``recall``, ``f1``."""
        return prf(totals[..., 0], totals[..., 1], totals[..., 2])
