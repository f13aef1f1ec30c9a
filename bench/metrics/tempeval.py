"""TempEval-3 scores for temporal expressions: span F1, attribute accuracy, value F1.

- strict: a prediction matches when a gold expression has identical offsets.
- relaxed: when it overlaps a gold expression not yet matched (one-to-one, in document order;
  among several, the gold expression with the largest overlap).
- type / value / mod accuracy: the share of relaxed matches whose attribute equals gold's.
- value F1 = relaxed F1 x value accuracy, which equals 2c / (predicted + gold) for c relaxed
  matches with the right value (TempEval-3's attribute F1; the primary score).
- per granularity (``value_f1.day`` ...): value F1 restricted to gold and predictions of one
  granularity of value (time, day, week, month, year, duration, ref, other), a prediction
  counted by its own value's granularity, a match by gold's.
0/0 is 0 everywhere: a system with no predictions scores 0, and an accuracy with no matches is 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.core.timex_values import granularity
from bench.kinds.dates import Timex
from bench.metrics.base import Array, Unit, prf, safe_divide

GRANULARITIES = ("time", "day", "week", "month", "year", "duration", "ref", "other")
BASE = ("pred", "gold", "strict", "relaxed", "type_ok", "value_ok", "mod_ok")


def relaxed_matches(gold: Sequence[Timex], pred: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """(gold, pred) pairs: each prediction takes the unmatched gold it overlaps most."""
    pairs: list[tuple[Timex, Timex]] = []
    free = sorted(gold)
    for p in sorted(pred):
        overlapping = [g for g in free if g.overlaps(p)]
        if overlapping:
            best = max(overlapping, key=lambda g: min(g.end, p.end) - max(g.start, p.start))
            free.remove(best)
            pairs.append((best, p))
    return pairs


class TempEval:
    """TempEval-3 span and attribute scores with a per-granularity value F1 breakdown."""

    name = "tempeval"
    signature = "tempeval:3"

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        self.columns = BASE + tuple(f"{g}.{c}" for g in GRANULARITIES
                                    for c in ("pred", "gold", "value_ok"))

    def statistics(self, gold: Sequence[Timex], pred: Sequence[Timex], unit: Unit) -> Array:
        """Counts of predictions, gold, matches and right attributes, overall and by granularity."""
        pairs = relaxed_matches(gold, pred)
        strict = len({(g.start, g.end) for g in gold} & {(p.start, p.end) for p in pred})
        row = [len(pred), len(gold), strict, len(pairs),
               sum(g.type == p.type for g, p in pairs), sum(g.value == p.value for g, p in pairs),
               sum(g.mod == p.mod for g, p in pairs)]
        for grain in GRANULARITIES:
            row += [sum(granularity(p.value) == grain for p in pred),
                    sum(granularity(g.value) == grain for g in gold),
                    sum(g.value == p.value and granularity(g.value) == grain for g, p in pairs)]
        return np.array(row, dtype=np.float64)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """``strict.f1``, ``relaxed.f1``, ``type_accuracy``, ``value_accuracy``, ``value_f1`` ..."""
        col = {name: totals[..., i] for i, name in enumerate(self.columns)}
        scores: dict[str, Array] = {}
        for view in ("strict", "relaxed"):
            for key, value in prf(col[view], col["pred"], col["gold"]).items():
                scores[f"{view}.{key}"] = value
        for attr in ("type", "value", "mod"):
            scores[f"{attr}_accuracy"] = safe_divide(col[f"{attr}_ok"], col["relaxed"])
        value_prf = prf(col["value_ok"], col["pred"], col["gold"])
        scores["value_precision"] = value_prf["precision"]
        scores["value_recall"] = value_prf["recall"]
        scores["value_f1"] = value_prf["f1"]
        for grain in GRANULARITIES:
            grain_prf = prf(col[f"{grain}.value_ok"], col[f"{grain}.pred"], col[f"{grain}.gold"])
            scores[f"value_f1.{grain}"] = grain_prf["f1"]
        return scores
