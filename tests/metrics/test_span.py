"""Span-level P/R/F1: perfect and empty cases, and agreement with seqeval on random data."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from bench.kinds.spans import Span
from bench.metrics.seqeval_tokens import iob2_tags
from bench.metrics.span import SpanMatch

from .strategies import LABELS, spans, unit_for

METRIC = SpanMatch(LABELS)


def score(gold: list[Span], pred: list[Span], n_tokens: int = 10) -> dict[str, float]:
    stats = METRIC.statistics(gold, pred, unit_for(n_tokens))
    return {k: float(v) for k, v in METRIC.aggregate(stats).items()}


GOLD = [Span("d", 0, 2, "PER"), Span("d", 3, 8, "ORG"), Span("d", 9, 11, "GPE")]


@pytest.mark.parametrize(("pred", "expected"), [
    (GOLD, (1.0, 1.0, 1.0)),
    ([], (0.0, 0.0, 0.0)),
    ([Span("d", 0, 2, "ORG")], (0.0, 0.0, 0.0)),
    ([Span("d", 0, 2, "PER"), Span("d", 3, 5, "ORG")], (0.5, 1 / 3, 0.4)),
], ids=["perfect", "empty-pred-scores-zero", "wrong-type", "one-of-two-right"])
def test_known_cases(pred: list[Span], expected: tuple[float, float, float]) -> None:
    got = score(GOLD, pred)
    assert (got["precision"], got["recall"], got["f1"]) == pytest.approx(expected)


def test_empty_gold_and_empty_pred_scores_zero_by_policy() -> None:
    assert score([], [])["f1"] == 0.0


def test_per_type_fields() -> None:
    got = score(GOLD, [Span("d", 0, 2, "PER")])
    assert got["f1.PER"] == 1.0 and got["f1.ORG"] == 0.0 and got["recall.GPE"] == 0.0


def test_overlap_match_counts_partial_spans() -> None:
    overlap = SpanMatch(LABELS, match="overlap")
    stats = overlap.statistics(GOLD, [Span("d", 3, 5, "ORG")], unit_for(10))
    assert float(overlap.aggregate(stats)["precision"]) == 1.0


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_agrees_with_seqeval_strict(data: st.DataObject) -> None:
    sentences = data.draw(st.lists(st.integers(1, 12), min_size=1, max_size=6))
    tokens_of = [[(3 * i, 3 * i + 2) for i in range(n)] for n in sentences]
    golds = [data.draw(spans(n)) for n in sentences]
    preds = [data.draw(spans(n)) for n in sentences]
    y_true = [iob2_tags(g, t) for g, t in zip(golds, tokens_of, strict=True)]
    y_pred = [iob2_tags(p, t) for p, t in zip(preds, tokens_of, strict=True)]
    totals = sum(METRIC.statistics(g, p, unit_for(n))
                 for g, p, n in zip(golds, preds, sentences, strict=True))
    ours = METRIC.aggregate(np.asarray(totals))
    kw = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    assert float(ours["f1"]) == pytest.approx(f1_score(y_true, y_pred, **kw))
    assert float(ours["precision"]) == pytest.approx(precision_score(y_true, y_pred, **kw))
    assert float(ours["recall"]) == pytest.approx(recall_score(y_true, y_pred, **kw))
