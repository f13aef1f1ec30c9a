"""Flips are found by joining gold and predictions on the kind's ``correct_key``."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.kinds.spans import Span, SpanKind
from bench.project import open_task
from bench.runs.record import read_record, recorded_predictions
from tests.conftest import REPO


@pytest.mark.parametrize("task, system", [("quotes", "cue-rules"), ("conflicts", "time-aware"),
                                          ("dates", "rules"), ("ner", "lexicon")])
def test_the_join_agrees_with_comparing_every_pair(task: str, system: str) -> None:
    data = open_task(REPO, task)
    pred = recorded_predictions(read_record(REPO / "reports" / "runs" / task / f"{system}.json"),
                                data)
    joined = data.kind.rights(data.gold, pred)
    pairwise = [any(data.kind.correct(g, p) for p in pred) for g in data.gold]
    assert joined == pairwise and 0 < sum(joined) < len(joined)


def test_a_kind_with_its_own_correct_is_compared_pair_by_pair() -> None:
    class Overlapping(SpanKind):
        def correct(self, gold: Span, pred: Span) -> bool:
            return gold.doc == pred.doc and gold.start < pred.end and pred.start < gold.end

    gold = [Span("a", 0, 5, "PER", "xxxxx"), Span("a", 10, 15, "LOC", "yyyyy")]
    pred = [Span("a", 3, 8, "ORG", "xxyyy")]
    assert Overlapping().rights(gold, pred) == [True, False]
    assert SpanKind().rights(gold, [replace(gold[1], text="yyyyy")]) == [False, True]


def test_a_quote_is_right_with_its_content_and_speaker_whatever_its_kind() -> None:
    data = open_task(REPO, "quotes")
    gold = next(q for q in data.gold if q.speaker)
    other_kind = replace(gold, kind="direct" if gold.kind != "direct" else "indirect")
    other_speaker = replace(gold, speaker="someone-else")
    assert data.kind.rights([gold], [other_kind]) == [True]
    assert data.kind.rights([gold], [other_speaker]) == [False]


def test_a_pair_is_right_with_its_claims_in_either_order_and_its_label() -> None:
    data = open_task(REPO, "conflicts")
    gold = data.gold[0]
    swapped = replace(gold, a=gold.b, b=gold.a)
    relabelled = replace(gold, label="CONSISTENT" if gold.label != "CONSISTENT" else "CONFLICT")
    assert data.kind.rights([gold], [swapped]) == [True]
    assert data.kind.rights([gold], [relabelled]) == [False]
