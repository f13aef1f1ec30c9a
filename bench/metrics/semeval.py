"""The SemEval-2013 task 9 views of NER (strict, exact, partial, type), as nervaluate defines them.

Each prediction, in document order, is matched greedily against gold spans not yet matched:

- strict: COR when a gold span has the same boundaries and type; else INC when it overlaps one.
- exact: COR when a gold span has the same boundaries, whatever the type; else INC on overlap.
- partial: COR on the same boundaries; else PAR (half credit) on overlap; type never matters.
- type: COR when an overlapping gold span has the same type (the closest boundaries win);
  else INC when it overlaps one of another type.

A prediction overlapping nothing is SPU; a gold span left unmatched is MIS. Precision is
(COR + ½PAR) / (COR + INC + PAR + SPU), recall (COR + ½PAR) / (COR + INC + PAR + MIS); 0/0 is 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.kinds.spans import Span
from bench.metrics.base import Array, Batch, Unit, safe_divide
from bench.metrics.semeval_arrays import outcome_counts

SCHEMES = ("strict", "exact", "partial", "type")
OUTCOMES = ("cor", "inc", "par", "mis", "spu")


def classify(gold: Sequence[Span], pred: Sequence[Span], scheme: str) -> dict[str, int]:
    """Counts of the five outcomes for one unit under ``scheme``."""
    counts = dict.fromkeys(OUTCOMES, 0)
    gold = sorted(gold)
    matched: set[int] = set()
    for p in sorted(pred):
        outcome, index = _match(p, gold, matched, scheme)
        counts[outcome] += 1
        if index is not None:
            matched.add(index)
    counts["mis"] = len(gold) - len(matched)
    return counts


def _match(p: Span, gold: list[Span], matched: set[int], scheme: str) -> tuple[str, int | None]:
    fallback: int | None = None
    best: tuple[int, int] | None = None  # (boundary distance, index) for the type scheme
    for j, g in enumerate(gold):
        if j in matched or not p.overlaps(g):
            continue
        same_bounds = (p.start, p.end) == (g.start, g.end)
        if scheme == "type":
            if p.label == g.label:
                distance = abs(p.start - g.start) + abs(p.end - g.end)
                if best is None or distance < best[0]:
                    best = (distance, j)
            elif fallback is None:
                fallback = j
            continue
        if same_bounds and (scheme != "strict" or p.label == g.label):
            return "cor", j
        if fallback is None:
            fallback = j
    if best is not None:
        return "cor", best[1]
    if fallback is not None:
        return ("par" if scheme == "partial" else "inc"), fallback
    return "spu", None


class SemEvalViews:
    """Precision, recall and F1 under the four SemEval-2013 schemes (fields ``strict.f1`` ...)."""

    name = "semeval"
    signature = "semeval:2013"

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        self.columns = tuple(f"{s}.{o}" for s in SCHEMES for o in OUTCOMES)

    def statistics(self, gold: Sequence[Span], pred: Sequence[Span], unit: Unit) -> Array:
        """The five outcome counts for each scheme."""
        return np.array([classify(gold, pred, s)[o] for s in SCHEMES for o in OUTCOMES],
                        dtype=np.float64)

    def table(self, batch: Batch) -> Array:
        """``statistics`` of every unit at once; units where gold or predictions overlap each
        other take the per-unit path."""
        gold, pred = batch.spans
        out = np.zeros((len(batch.units), len(self.columns)))
        slow = np.union1d(gold.overlapping_units(), pred.overlapping_units())
        if len(slow):
            for i, g, p in batch.buckets(slow.tolist()):
                out[i] = self.statistics(g, p, batch.units[i])
            gold = gold.take(~np.isin(gold.unit, slow))
            pred = pred.take(~np.isin(pred.unit, slow))
        width = len(OUTCOMES)
        for k, scheme in enumerate(SCHEMES):
            out[:, k * width:(k + 1) * width] += outcome_counts(gold, pred, scheme,
                                                                len(batch.units))
        return out

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """``<scheme>.precision``, ``<scheme>.recall``, ``<scheme>.f1``."""
        per = totals.reshape(*totals.shape[:-1], len(SCHEMES), len(OUTCOMES))
        scores: dict[str, Array] = {}
        for i, scheme in enumerate(SCHEMES):
            cor, inc, par, mis, spu = (per[..., i, k] for k in range(len(OUTCOMES)))
            credit = cor + 0.5 * par
            precision = safe_divide(credit, cor + inc + par + spu)
            recall = safe_divide(credit, cor + inc + par + mis)
            scores[f"{scheme}.precision"] = precision
            scores[f"{scheme}.recall"] = recall
            scores[f"{scheme}.f1"] = safe_divide(2 * precision * recall, precision + recall)
        return scores
