"""Verdicts per record kind on the fixture project's gold: each error class from a crafted
prediction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.kinds.dates import Timex
from bench.kinds.quotes import Quote, TextSpan
from bench.kinds.spans import Span
from bench.project import open_task
from bench.reports.html.judges import gold_marks, judge, rights

SPAN_CASES = [
    # (prediction on document a, verdict on gold [18, 32) PER فلاديمير بوتين, on the prediction)
    (Span("a", 18, 32, "PER"), "correct", "correct"),
    (Span("a", 18, 32, "ORG"), "wrong type", "wrong type"),
    (Span("a", 27, 32, "PER"), "boundary", "boundary"),
    (Span("a", 0, 3, "PER"), "missed", "spurious"),
]


@pytest.mark.parametrize(("pred", "gold_verdict", "pred_verdict"), SPAN_CASES,
                         ids=["exact", "type", "boundary", "elsewhere"])
def test_span_verdicts(project: Path, pred: Span, gold_verdict: str, pred_verdict: str) -> None:
    data = open_task(project, "ner")
    result = judge(data, [pred])
    target = next(m for m in result.gold if (m.start, m.end) == (18, 32))
    assert target.status == gold_verdict
    assert [m.status for m in result.pred] == [pred_verdict]
    others = [m.status for m in result.gold if (m.start, m.end) != (18, 32)]
    assert set(others) == {"missed"}
    assert len(result.findings) == len(data.gold) + (pred_verdict == "spurious")


TIMEX_CASES = [
    (Timex("b", 16, 28, "DATE", "2022-02-08"), "correct"),
    (Timex("b", 16, 28, "DATE", "2022-02-01"), "wrong value"),
    (Timex("b", 16, 28, "TIME", "2022-02-08"), "wrong type"),
    (Timex("b", 20, 28, "DATE", "2022-02-08"), "boundary"),
]


@pytest.mark.parametrize(("pred", "verdict"), TIMEX_CASES,
                         ids=["exact", "value", "type", "boundary"])
def test_timex_verdicts(project: Path, pred: Timex, verdict: str) -> None:
    data = open_task(project, "dates")
    result = judge(data, [pred])
    assert [m.status for m in result.gold] == [verdict]
    assert [m.status for m in result.pred] == [verdict]
    assert dict(result.gold[0].attrs)["value"] == "2022-02-08"


def quote(content: tuple[int, int], speaker: str | None) -> Quote:
    return Quote("b", TextSpan(*content), "indirect", TextSpan(31, 34), speaker)


QUOTE_CASES = [
    (quote((55, 66), "antony-blinken"), "correct"),
    (quote((55, 66), "vladimir-putin"), "wrong speaker"),
    (quote((55, 66), None), "wrong speaker"),
    (quote((55, 67), "antony-blinken"), "boundary"),
    (quote((4, 10), "antony-blinken"), "missed"),
]


@pytest.mark.parametrize(("pred", "verdict"), QUOTE_CASES,
                         ids=["right", "other-speaker", "abstained", "boundary", "elsewhere"])
def test_quote_verdicts(project: Path, pred: Quote, verdict: str) -> None:
    data = open_task(project, "quotes")
    result = judge(data, [pred])
    content = next(m for m in result.gold if m.role == "content")
    assert content.status == verdict
    assert {m.role for m in result.gold} == {"content", "cue", "speaker"}
    if verdict == "missed":
        assert [f.status for f in result.findings] == ["missed", "spurious"]
    if pred.speaker is None and verdict != "missed":
        assert "abstained" in result.findings[0].pred


def test_gold_marks_are_unjudged_and_rights_follow_equality(project: Path) -> None:
    data = open_task(project, "ner")
    assert {m.status for m in gold_marks(data)} == {""}
    assert len(gold_marks(data)) == len(data.gold)
    right = rights(data, [data.gold[0], Span("a", 0, 3, "PER")])
    assert right == [True] + [False] * (len(data.gold) - 1)


def test_pair_verdicts_on_the_real_claims() -> None:
    root = Path(__file__).parents[3]
    data = open_task(root, "conflicts")
    first, second = data.gold[0], data.gold[1]
    other = next(lab for lab in data.spec.labels if lab != second.label)
    pred: list[Any] = [first, type(second)(second.a, second.b, other)]
    result = judge(data, pred)
    statuses = [f.status for f in result.findings]
    assert statuses[:2] == ["correct", "wrong label"]
    assert set(statuses[2:]) == {"missed"}
    assert all(len(f.sides) == 2 for f in result.findings)
    claims = {m.attrs[1][1]: m.status for m in result.gold}
    assert claims[second.a.id] == "wrong label"
