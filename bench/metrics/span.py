"""Span-level match P/R/F1, micro over all types and per type (the primary NER metric)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.kinds.spans import Span
from bench.metrics.base import Array, Batch, Unit, prf
from bench.metrics.spanarrays import common, counts

MATCHES = ("exact", "overlap")


class SpanMatch:
    """Precision, recall and F1 over labelled spans.

    ``match="exact"``: a predicted span is correct when a gold span has the same start, end and
    type (CoNLL's definition). ``match="overlap"``: when it shares a character with a gold span
    of the same type not yet matched (greedy, in document order). Micro scores sum counts over
    all types and units; an empty prediction set scores 0 precision, recall and F1.
    """

    name = "span"

    def __init__(self, labels: tuple[str, ...], match: str = "exact"):
        if match not in MATCHES:
            raise TypeError(f"match must be one of {', '.join(MATCHES)}, got {match!r}")
        self.labels = labels
        self.match = match
        self.columns = tuple(f"{lab}.{c}" for lab in labels for c in ("tp", "pred", "gold"))
        self.signature = f"span:{match}"

    def statistics(self, gold: Sequence[Span], pred: Sequence[Span], unit: Unit) -> Array:
        """Per type: true positives, predicted spans, gold spans."""
        out = np.zeros(len(self.columns))
        for i, label in enumerate(self.labels):
            g = [s for s in gold if s.label == label]
            p = [s for s in pred if s.label == label]
            out[3 * i: 3 * i + 3] = (self._correct(g, p), len(p), len(g))
        return out

    def table(self, batch: Batch) -> Array:
        """``statistics`` of every unit at once: exact matches by sorting, no loop per span."""
        if self.match != "exact":
            out = np.zeros((len(batch.units), len(self.columns)))
            for i, gold, pred in batch.buckets():
                out[i] = self.statistics(gold, pred, batch.units[i])
            return out
        codes = batch.codes
        column = np.full(len(codes), -1, dtype=np.int64)
        for i, label in enumerate(self.labels):
            if label in codes:
                column[codes[label]] = i
        gold_spans, pred_spans = batch.spans
        n, k = len(batch.units), len(self.labels)
        out = np.zeros((n, k, 3))
        for slot, spans in enumerate((common(gold_spans, pred_spans), pred_spans, gold_spans)):
            col = column[spans.label]
            keep = col >= 0
            out[:, :, slot] = counts(spans.unit[keep], n, col[keep], k)
        return out.reshape(n, 3 * k)

    def _correct(self, gold: list[Span], pred: list[Span]) -> int:
        if self.match == "exact":
            return len({(s.start, s.end) for s in gold} & {(s.start, s.end) for s in pred})
        used: set[int] = set()
        for p in sorted(pred):
            for j, g in enumerate(sorted(gold)):
                if j not in used and p.overlaps(g):
                    used.add(j)
                    break
        return len(used)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """``precision``, ``recall``, ``f1`` (micro) and the same per type (``f1.PER``)."""
        per = totals.reshape(*totals.shape[:-1], len(self.labels), 3)
        scores = prf(per[..., :, 0].sum(-1), per[..., :, 1].sum(-1), per[..., :, 2].sum(-1))
        for i, label in enumerate(self.labels):
            for key, value in prf(per[..., i, 0], per[..., i, 1], per[..., i, 2]).items():
                scores[f"{key}.{label}"] = value
        return scores
