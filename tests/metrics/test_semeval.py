"""The SemEval-2013 views agree with nervaluate on random character spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator

from bench.kinds.spans import Span
from bench.metrics.semeval import OUTCOMES, SCHEMES, SemEvalViews, classify

from .strategies import LABELS, char_spans, unit_for

NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def as_dicts(spans: list[Span]) -> list[dict[str, object]]:
    return [{"label": s.label, "start": s.start, "end": s.end - 1} for s in sorted(spans)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_outcome_counts_agree_with_nervaluate(data: st.DataObject) -> None:
    gold = data.draw(char_spans(40))
    pred = data.draw(char_spans(40))
    if not gold and not pred:
        return
    theirs = Evaluator([as_dicts(gold) or []], [as_dicts(pred) or []], list(LABELS),
                       loader="dict").evaluate()["overall"]
    for scheme in SCHEMES:
        ours = classify(gold, pred, scheme)
        ref = theirs[NERVALUATE[scheme]]
        assert [ours[o] for o in OUTCOMES] == [ref.correct, ref.incorrect, ref.partial,
                                               ref.missed, ref.spurious], scheme


def test_partial_gives_half_credit() -> None:
    metric = SemEvalViews(LABELS)
    gold = [Span("d", 0, 10, "PER")]
    pred = [Span("d", 0, 5, "ORG")]
    scores = metric.aggregate(metric.statistics(gold, pred, unit_for(5)))
    assert float(scores["partial.f1"]) == pytest.approx(0.5)
    assert float(scores["strict.f1"]) == 0.0
    assert float(scores["exact.f1"]) == 0.0
    assert float(scores["type.f1"]) == 0.0


def test_type_scheme_credits_overlap_with_the_same_type() -> None:
    metric = SemEvalViews(LABELS)
    gold = [Span("d", 0, 10, "PER")]
    scores = metric.aggregate(metric.statistics(gold, [Span("d", 2, 12, "PER")], unit_for(5)))
    assert float(scores["type.f1"]) == 1.0 and float(scores["exact.f1"]) == 0.0
