"""A metric family the harness does not ship, for the test that a task can name one by
``module:Class``: how many records a system predicts against how many gold has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.metrics.base import Array, Unit


class Volume:
    """``ratio`` = predicted records / gold records (0 when gold has none); ``pred`` and
    ``gold`` are the two counts. Over 1 a system over-generates, under 1 it misses."""

    name = "volume"
    columns = ("pred", "gold")

    def __init__(self, labels: tuple[str, ...], per: str = "record"):
        if per != "record":
            raise TypeError(f"per must be 'record', got {per!r}")
        self.signature = f"volume:{per}"

    def statistics(self, gold: Sequence[Any], pred: Sequence[Any], unit: Unit) -> Array:
        """Predicted and gold records of one unit."""
        return np.array([len(pred), len(gold)], dtype=np.float64)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """Vectorized over any leading shape (one row, or one per resample)."""
        pred, gold = totals[..., 0], totals[..., 1]
        ratio = np.divide(pred, gold, out=np.zeros_like(pred), where=gold > 0)
        return {"ratio": ratio, "pred": pred, "gold": gold}


class NotAMetric:
    """Has a name but neither statistics nor aggregate."""

    name = "nothing"
