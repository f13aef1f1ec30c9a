"""The SemEval-2013 greedy matching of ``bench.metrics.semeval``, on sorted span arrays.

Within a unit where neither side has overlapping spans, each prediction overlaps a contiguous
run ``[lo, hi)`` of gold spans, and only the first of that run can already be taken, by an
earlier prediction overlapping it too. So every prediction has two possible outcomes (its
first gold span free, or taken), computed for all predictions at once; a short fixed-point
iteration over "is my first gold span taken" then picks one per prediction.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bench.metrics.spanarrays import Ints, SpanArrays, counts

COR, INC, PAR, MIS, SPU = range(5)


def outcome_counts(gold: SpanArrays, pred: SpanArrays, scheme: str, n_units: int
                   ) -> NDArray[np.float64]:
    """(units x 5) counts of cor, inc, par, mis, spu; neither side may overlap within a unit."""
    if len(pred) == 0:
        out = np.zeros((n_units, 5))
        out[:, MIS] = counts(gold.unit, n_units)[:, 0]
        return out
    lo, hi = overlap_runs(gold, pred)
    if scheme == "type":
        free, taken = _by_type(gold, pred, lo, hi, 0), _by_type(gold, pred, lo, hi, 1)
    else:
        free, taken = _by_bounds(gold, pred, lo, hi, scheme)
    _, outcome = _resolve(pred.unit, lo, hi, free, taken)
    out = counts(pred.unit, n_units, outcome, 5)
    matched = counts(pred.unit[outcome != SPU], n_units)[:, 0]
    out[:, MIS] = counts(gold.unit, n_units)[:, 0] - matched
    return out


def overlap_runs(gold: SpanArrays, pred: SpanArrays) -> tuple[Ints, Ints]:
    """For each prediction, the gold spans of its unit it overlaps: indices ``[lo, hi)``."""
    width = max(int(gold.end.max(initial=0)), int(pred.end.max(initial=0))) + 1
    lo = np.searchsorted(gold.unit * width + gold.end, pred.unit * width + pred.start, "right")
    hi = np.searchsorted(gold.unit * width + gold.start, pred.unit * width + pred.end, "left")
    return lo.astype(np.int64), np.maximum(hi, lo).astype(np.int64)


Choice = tuple[Ints, Ints]
"""Per prediction: the gold index it takes (-1 for none) and its outcome code."""


def _by_bounds(gold: SpanArrays, pred: SpanArrays, lo: Ints, hi: Ints,
               scheme: str) -> tuple[Choice, Choice]:
    size = hi - lo
    at = np.minimum(lo, max(len(gold) - 1, 0))
    same = size == 1
    if len(gold):
        same &= (gold.start[at] == pred.start) & (gold.end[at] == pred.end)
        if scheme == "strict":
            same &= gold.label[at] == pred.label
    near = PAR if scheme == "partial" else INC
    free = (np.where(size > 0, lo, -1),
            np.where(same, COR, np.where(size > 0, near, SPU)))
    # Same boundaries: no other prediction can overlap that gold span, so it is never taken.
    taken = (np.where(size > 1, lo + 1, -1), np.where(size > 1, near, SPU))
    return free, taken


def _by_type(gold: SpanArrays, pred: SpanArrays, lo: Ints, hi: Ints, skip_first: int
             ) -> Choice:
    size = hi - lo
    pred_of = np.repeat(np.arange(len(pred)), size)
    offset = np.arange(len(pred_of)) - np.repeat(np.cumsum(size) - size, size)
    gold_of = lo[pred_of] + offset
    allowed = offset >= skip_first
    same = gold.label[gold_of] == pred.label[pred_of]
    distance = (np.abs(gold.start[gold_of] - pred.start[pred_of])
                + np.abs(gold.end[gold_of] - pred.end[pred_of]))
    best = _first_min(pred_of, gold_of, allowed & same, distance, len(pred))
    other = _first_min(pred_of, gold_of, allowed & ~same, np.zeros_like(distance), len(pred))
    chosen = np.where(best >= 0, best, other)
    return chosen, np.where(best >= 0, COR, np.where(other >= 0, INC, SPU))


def _first_min(pred_of: Ints, gold_of: Ints, mask: NDArray[np.bool_], key: Ints,
               n_pred: int) -> Ints:
    """Per prediction, the gold index with the smallest ``key`` among masked pairs (the
    first gold span on ties), or -1."""
    sel = np.flatnonzero(mask)
    order = sel[np.lexsort((gold_of[sel], key[sel], pred_of[sel]))]
    head = np.r_[True, pred_of[order][1:] != pred_of[order][:-1]] if len(order) else order
    out = np.full(n_pred, -1, dtype=np.int64)
    out[pred_of[order][head]] = gold_of[order][head]
    return out


def _resolve(unit: Ints, lo: Ints, hi: Ints, free: Choice, taken: Choice) -> Choice:
    """Pick, in prediction order, whether each prediction's first gold span is already taken."""
    follows = np.r_[False, (unit[1:] == unit[:-1]) & (hi[1:] > lo[1:])]
    shares = np.r_[False, lo[1:] == lo[:-1]]
    is_taken = np.zeros(len(lo), dtype=bool)
    while True:
        chosen = np.where(is_taken, taken[0], free[0])
        # Taken when the previous prediction took it, or it was taken before that one.
        now = follows & np.r_[False, (chosen[:-1] == lo[1:]) | (shares[1:] & is_taken[:-1])]
        if np.array_equal(now, is_taken):
            return chosen, np.where(is_taken, taken[1], free[1])
        is_taken = now
