"""Quote attribution scores: content match, speaker accuracy with abstentions, end-to-end F1.

- content exact: a predicted quote matches a gold one with identical content offsets.
- content overlap: it matches when the two contents share more than half of the tokens of the
  longer one (tokens as in ``bench.core.tokens``); one-to-one, each prediction taking the
  unmatched gold quote it shares most tokens with, in document order.
- speaker, on overlap matches: ``speaker_accuracy`` = right / matches (an abstention counts as
  not right); ``speaker_precision`` = right / matches where the system named a speaker;
  ``abstentions`` = share of matches where it abstained (Muzny et al. 2017 report the same
  split as precision and recall).
- end-to-end (primary): a quote counts when its content overlap-matches and its speaker id is
  right: P = right / predicted, R = right / gold, F1.
- cue: exact cue spans over the quotes that have one; ``kind_accuracy`` on overlap matches.
0/0 is 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.core.tokens import token_offsets
from bench.kinds.quotes import Quote
from bench.metrics.base import Array, Unit, prf, safe_divide

COLUMNS = ("pred", "gold", "exact", "overlap", "speaker_ok", "abstain", "kind_ok",
           "cue_pred", "cue_gold", "cue_tp")


def shared_tokens(text: str, a: Quote, b: Quote) -> tuple[int, int]:
    """(tokens in both contents, tokens in the longer content)."""
    ta = set(token_offsets(text, a.content.start, a.content.end))
    tb = set(token_offsets(text, b.content.start, b.content.end))
    return len(ta & tb), max(len(ta), len(tb))


def overlap_matches(text: str, gold: Sequence[Quote],
                    pred: Sequence[Quote]) -> list[tuple[Quote, Quote]]:
    """(gold, pred) pairs sharing more than half of the longer content's tokens."""
    pairs, free = [], sorted(gold)
    for p in sorted(pred):
        scored = [(shared_tokens(text, g, p), g) for g in free]
        good = [(shared, g) for (shared, longer), g in scored if 2 * shared > longer]
        if good:
            best = max(good, key=lambda item: item[0])[1]
            free.remove(best)
            pairs.append((best, p))
    return pairs


class QuoteScores:
    """Content, speaker, end-to-end and cue scores for quotes."""

    name = "quotes"
    signature = "quotes:overlap>0.5tok"

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        self.columns = COLUMNS

    def statistics(self, gold: Sequence[Quote], pred: Sequence[Quote], unit: Unit) -> Array:
        """Counts for one unit, in ``COLUMNS`` order."""
        text = unit.document.text
        pairs = overlap_matches(text, gold, pred)
        exact = len({(g.content.start, g.content.end) for g in gold}
                    & {(p.content.start, p.content.end) for p in pred})
        gold_cues = {(g.cue.start, g.cue.end) for g in gold if g.cue}
        pred_cues = {(p.cue.start, p.cue.end) for p in pred if p.cue}
        return np.array([len(pred), len(gold), exact, len(pairs),
                         sum(g.speaker == p.speaker for g, p in pairs),
                         sum(p.speaker is None for _, p in pairs),
                         sum(g.kind == p.kind for g, p in pairs),
                         len(pred_cues), len(gold_cues), len(gold_cues & pred_cues)],
                        dtype=np.float64)

    def aggregate(self, totals: Array) -> dict[str, Array]:
        """``e2e.f1`` (primary), ``content_exact.*``, ``content_overlap.*``, speaker and cue."""
        c = {name: totals[..., i] for i, name in enumerate(self.columns)}
        scores: dict[str, Array] = {}
        groups = {"e2e": c["speaker_ok"], "content_exact": c["exact"],
                  "content_overlap": c["overlap"]}
        for group, right in groups.items():
            for key, value in prf(right, c["pred"], c["gold"]).items():
                scores[f"{group}.{key}"] = value
        for key, value in prf(c["cue_tp"], c["cue_pred"], c["cue_gold"]).items():
            scores[f"cue.{key}"] = value
        scores["speaker_accuracy"] = safe_divide(c["speaker_ok"], c["overlap"])
        scores["speaker_precision"] = safe_divide(c["speaker_ok"], c["overlap"] - c["abstain"])
        scores["abstentions"] = safe_divide(c["abstain"], c["overlap"])
        scores["kind_accuracy"] = safe_divide(c["kind_ok"], c["overlap"])
        return scores
