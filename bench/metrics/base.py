"""The metric protocol and the precision/recall/F1 arithmetic every family shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from bench.core.records import Document, Paragraph

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Unit:
    """What a metric may look at besides gold and predictions: the unit's text."""

    document: Document
    """The document the unit belongs to."""
    paragraph: Paragraph
    """The unit's extent in the document."""


class Metric(Protocol):
    """A metric family: statistics per unit, then an aggregate over summed statistics.

    ``aggregate`` receives totals with any leading shape (one row, or one row per bootstrap
    resample) and must be vectorized over it, so intervals and paired tests come for free.
    """

    name: str
    columns: tuple[str, ...]
    """Names of the sufficient statistics, in order."""
    signature: str
    """Options that change the numbers, for the run signature, e.g. ``span:exact``."""

    def statistics(self, gold: Sequence[Any], pred: Sequence[Any], unit: Unit) -> Array:
        """Sufficient statistics of one unit, a vector of ``len(columns)``."""

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """Scores from statistics summed over units, keyed by field (``f1``, ``f1.PER`` ...)."""


def safe_divide(num: Array, den: Array) -> Array:
    """``num / den`` with 0/0 (and x/0) defined as 0, seqeval's ``zero_division=0``."""
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out


def prf(correct: Array, predicted: Array, expected: Array) -> dict[str, Array]:
    """Precision, recall and F1 from counts; every 0/0 gives 0 (an empty system scores 0)."""
    precision = safe_divide(correct, predicted)
    recall = safe_divide(correct, expected)
    f1 = safe_divide(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}
