"""Token-level entity scores computed by seqeval itself, over the documented tokenization.

Spans become IOB2 tags over ``bench.core.tokens`` tokens: a token takes the type of the span
it overlaps (B- on the span's first token, I- after), so ``وبوتين`` is B-PER when ``بوتين`` is
a PER span. seqeval's strict mode then extracts entities from the tag sequences
(``mode="strict", scheme=IOB2``; seqeval ignores ``scheme`` without strict mode), and we keep its
per-unit counts so the micro F1 summed over units equals ``seqeval.metrics.f1_score``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from seqeval.scheme import IOB2, Entities

from bench.core.tokens import token_offsets
from bench.kinds.spans import Span
from bench.metrics.base import Array, Unit, prf


def iob2_tags(spans: Sequence[Span], tokens: Sequence[tuple[int, int]]) -> list[str]:
    """IOB2 tags for ``tokens``; a token overlapping several spans takes the first one's."""
    tags = ["O"] * len(tokens)
    ordered = sorted(spans)
    for span in ordered:
        first = True
        for i, (start, end) in enumerate(tokens):
            if start < span.end and span.start < end and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + span.label
                first = False
    return tags


class SeqevalTokens:
    """seqeval strict IOB2 entity P/R/F1 (micro) over the tokens of each unit."""

    name = "seqeval"

    def __init__(self, labels: tuple[str, ...], mode: str = "strict", scheme: str = "IOB2"):
        if (mode, scheme) != ("strict", "IOB2"):
            raise TypeError("only mode='strict', scheme='IOB2' is supported")
        self.labels = labels
        self.columns = ("tp", "pred", "gold")
        self.signature = "seqeval:strict-IOB2"

    def statistics(self, gold: Sequence[Span], pred: Sequence[Span], unit: Unit) -> Array:
        """Entities seqeval finds in common, in the prediction, and in gold."""
        p = unit.paragraph
        tokens = token_offsets(unit.document.text, p.start, p.end)
        true = Entities([iob2_tags(gold, tokens)], IOB2, suffix=False).entities[0]
        found = Entities([iob2_tags(pred, tokens)], IOB2, suffix=False).entities[0]
        true_set = {e.to_tuple() for e in true}
        found_set = {e.to_tuple() for e in found}
        return np.array([len(true_set & found_set), len(found_set), len(true_set)],
                        dtype=np.float64)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """Micro ``precision``, ``recall``, ``f1``."""
        return prf(totals[..., 0], totals[..., 1], totals[..., 2])
