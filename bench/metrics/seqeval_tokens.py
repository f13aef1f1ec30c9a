"""Token-level entity scores as seqeval's strict IOB2 mode gives them, over the documented
tokenization, computed with array operations (seqeval itself is the reference in the tests).

Spans become IOB2 tags over ``bench.core.tokens`` tokens: a token takes the type of the span
it overlaps (B- on the span's first token, I- after), so ``وبوتين`` is B-PER when ``بوتين`` is
a PER span. seqeval's strict mode (``mode="strict", scheme=IOB2``; seqeval ignores ``scheme``
without strict mode) finds an entity in each B-X I-X ... run. Spans taken in ``Span`` order
each claim the tokens they overlap that no earlier span claimed, and those tokens are
contiguous (an earlier span can only claim a prefix of them), so the entities are exactly the
non-empty runs of claimed tokens, matched exactly. Per-unit counts summed over units give
``seqeval.metrics.f1_score`` on all units' tag sequences, and per type (``f1.PER`` ...) the
rows of seqeval's ``classification_report`` and conlleval's per-type lines.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.core.tagging import encode
from bench.kinds.spans import Span
from bench.metrics.base import Array, Batch, Unit, prf
from bench.metrics.spanarrays import SpanArrays, common, counts
from bench.metrics.token_arrays import unit_tokens


def iob2_tags(spans: Sequence[Span], tokens: Sequence[tuple[int, int]]) -> list[str]:
    """IOB2 tags for ``tokens`` by the one tagging rule (``bench.core.tagging.encode``): the
    reference the tests check the array computation against."""
    return encode(((s.start, s.end, s.label) for s in spans), tokens)


class SeqevalTokens:
    """seqeval strict IOB2 entity P/R/F1 over the tokens of each unit: micro over all types
    (``f1``) and per type (``f1.PER``); 0/0 gives 0, as seqeval's ``zero_division=0``."""

    name = "seqeval"

    def __init__(self, labels: tuple[str, ...], mode: str = "strict", scheme: str = "IOB2"):
        if (mode, scheme) != ("strict", "IOB2"):
            raise TypeError("only mode='strict', scheme='IOB2' is supported")
        self.labels = labels
        self.columns = ("tp", "pred", "gold", *(f"{lab}.{c}" for lab in labels
                                                for c in ("tp", "pred", "gold")))
        # Version 2 adds the per-type fields; the micro fields are those of version 1.
        self.signature = "seqeval:strict-IOB2:2"

    def statistics(self, gold: Sequence[Span], pred: Sequence[Span], unit: Unit) -> Array:
        """Entities seqeval finds in common, in the prediction, and in gold."""
        one = np.zeros(len(gold), dtype=np.intp), np.zeros(len(pred), dtype=np.intp)
        row: Array = self.table(Batch([unit], gold, one[0], pred, one[1]))[0]
        return row

    def table(self, batch: Batch) -> Array:
        """``statistics`` of every unit at once."""
        n = len(batch.units)
        token_unit, token_start, token_end = (unit_tokens(batch.units) if batch.paragraphs is None
                                              else batch.paragraphs.tokens)
        width = max(int(token_end.max(initial=0)),
                    *(int(s.end.max(initial=0)) for s in batch.spans)) + 1
        start_key, end_key = token_unit * width + token_start, token_unit * width + token_end
        runs = []
        for spans in batch.spans:
            first = np.searchsorted(end_key, spans.unit * width + spans.start, "right")
            stop = np.searchsorted(start_key, spans.unit * width + spans.end, "left")
            stop = np.maximum(stop, first)
            # Tokens before the furthest stop of earlier spans are claimed already; earlier
            # units end at or before this unit's first token, so one running maximum serves.
            claimed = np.maximum.accumulate(np.r_[0, stop[:-1]]) if len(stop) else stop
            first = np.maximum(first, claimed)
            runs.append(SpanArrays(spans.unit, first, stop, spans.label).take(first < stop))
        column = np.full(len(batch.codes), -1, dtype=np.int64)
        for i, label in enumerate(self.labels):
            if label in batch.codes:
                column[batch.codes[label]] = i
        k = len(self.labels)
        out = np.zeros((n, 1 + k, 3))
        for slot, found in enumerate((common(runs[0], runs[1]), runs[1], runs[0])):
            out[:, 0, slot] = counts(found.unit, n)[:, 0]
            col = column[found.label]
            keep = col >= 0
            out[:, 1:, slot] = counts(found.unit[keep], n, col[keep], k)
        return out.reshape(n, 3 * (1 + k))

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """Micro ``precision``, ``recall``, ``f1``, and the same per type (``f1.PER``)."""
        scores = prf(totals[..., 0], totals[..., 1], totals[..., 2])
        for i, label in enumerate(self.labels):
            tp, pred, gold = (totals[..., 3 * (i + 1) + c] for c in range(3))
            for key, value in prf(tp, pred, gold).items():
                scores[f"{key}.{label}"] = value
        return scores
