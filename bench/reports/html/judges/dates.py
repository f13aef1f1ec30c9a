"""TIMEX3 expressions (dates): TempEval-3's relaxed matching, then type, value and extent.

Gold and predictions are matched as the ``tempeval`` metric matches them (per unit, one to one,
by largest overlap). A matched pair is a wrong value when the values differ (the primary score
counts only right values), else a wrong type when the types differ, else a boundary error when
the offsets differ (which counts for the relaxed and value scores, not the strict one), else
correct. Unmatched gold is missed; unmatched predictions are spurious.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.metrics.tempeval import relaxed_matches
from bench.reports.html.judges import CORRECT, Finding, Judgement, Mark, Side
from bench.reports.html.judges import quoted as q
from bench.scoring import assign, units_of
from bench.task.gold import TaskData

ROLE = "mention"


def _say(t: Any) -> str:
    mod = f" mod={t.mod}" if t.mod else ""
    return f"{t.type} {t.value}{mod} {q(t.text)}"


def _status(g: Any, p: Any) -> str:
    if g.value != p.value:
        return "wrong value"
    if g.type != p.type:
        return "wrong type"
    return "boundary" if (g.start, g.end) != (p.start, p.end) else CORRECT


def _mark(t: Any, status: str, note: str) -> Mark:
    return Mark(t.doc, t.start, t.end, ROLE, t.type, status, note,
                (("value", t.value), ("mod", t.mod or "")))


def _side(t: Any, layer: str) -> Side:
    return Side(t.doc, t.start, t.end, f"{layer}-{ROLE}-{t.start}-{t.end}")


def judge(data: TaskData, pred: Sequence[Any]) -> Judgement:
    """Marks for both sides and one finding per gold expression or spurious prediction."""
    buckets = units_of(data)
    assign(data.gold, data, buckets, 1)
    assign(pred, data, buckets, 2)
    pairs = [pair for _, gold, mine in buckets for pair in relaxed_matches(gold, mine)]
    matched_gold = {id(g): p for g, p in pairs}
    matched_pred = {id(p): g for g, p in pairs}
    gold_marks, pred_marks, findings = [], [], []
    for g in sorted(data.gold):
        p = matched_gold.get(id(g))
        status = "missed" if p is None else _status(g, p)
        said = "" if p is None else _say(p)
        gold_marks.append(_mark(g, status, f"gold {_say(g)} · system {said or 'nothing'} "
                                           f"({status})"))
        findings.append(Finding(status, _say(g), said, (_side(g, "g"),)))
    for p in sorted(pred):
        g = matched_pred.get(id(p))
        status = "spurious" if g is None else _status(g, p)
        said = "" if g is None else _say(g)
        pred_marks.append(_mark(p, status, f"system {_say(p)} · gold {said or 'nothing'} "
                                           f"({status})"))
        if g is None:
            findings.append(Finding(status, "", _say(p), (_side(p, "p"),)))
    return Judgement(tuple(gold_marks), tuple(pred_marks), tuple(findings))


def gold_marks(data: TaskData) -> tuple[Mark, ...]:
    """Every gold expression, unjudged."""
    return tuple(_mark(g, "", f"gold {_say(g)}") for g in sorted(data.gold))


def describe_gold(data: TaskData, record: Any) -> Finding:
    """A gold expression and where it is."""
    return Finding("", _say(record), "", (_side(record, "g"),))
