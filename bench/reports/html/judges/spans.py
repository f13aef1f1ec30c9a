"""Labelled spans (ner, anercorp): exact-match verdicts, with type and boundary errors told apart.

A gold span is correct when a prediction has its offsets and type (the ``span`` metric's exact
match); a wrong type when a prediction has its offsets and another type; a boundary error when
predictions overlap it with other offsets; missed when none overlaps. A prediction is judged
the same way from its side, and spurious when it overlaps no gold span.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bench.reports.html.judges import CORRECT, Finding, Judgement, Mark, Side, quoted
from bench.task.gold import TaskData

ROLE = "mention"


def _verdict(span: Any, others: list[Any]) -> tuple[str, Any]:
    """(status, the other side's span it is judged against, or None)."""
    over = [o for o in others if o.start < span.end and span.start < o.end]
    same = [o for o in over if (o.start, o.end) == (span.start, span.end)]
    if same:
        return (CORRECT if same[0].label == span.label else "wrong type"), same[0]
    if over:
        return "boundary", over[0]
    return "", None


def _say(span: Any) -> str:
    return f"{span.label} {quoted(span.text)}"


def judge(data: TaskData, pred: Sequence[Any]) -> Judgement:
    """Marks for both sides and one finding per gold span or spurious prediction."""
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for p in pred:
        by_doc[p.doc].append(p)
    gold_by_doc: dict[str, list[Any]] = defaultdict(list)
    for g in data.gold:
        gold_by_doc[g.doc].append(g)
    gold_marks: list[Mark] = []
    pred_marks: list[Mark] = []
    findings: list[Finding] = []
    for g in sorted(data.gold):
        status, p = _verdict(g, by_doc[g.doc])
        status = status or "missed"
        said = _say(p) if p is not None else ""
        note = f"gold {_say(g)} · system {said or 'nothing'} ({status})"
        gold_marks.append(Mark(g.doc, g.start, g.end, ROLE, g.label, status, note))
        findings.append(Finding(status, _say(g), said,
                                (Side(g.doc, g.start, g.end, f"g-{ROLE}-{g.start}-{g.end}"),)))
    for p in sorted(pred):
        status, g = _verdict(p, gold_by_doc[p.doc])
        status = status or "spurious"
        said = _say(g) if g is not None else ""
        note = f"system {_say(p)} · gold {said or 'nothing'} ({status})"
        pred_marks.append(Mark(p.doc, p.start, p.end, ROLE, p.label, status, note))
        if g is None:
            findings.append(Finding(status, "", _say(p),
                                    (Side(p.doc, p.start, p.end, f"p-{ROLE}-{p.start}-{p.end}"),)))
    return Judgement(tuple(gold_marks), tuple(pred_marks), tuple(findings))


def gold_marks(data: TaskData) -> tuple[Mark, ...]:
    """Every gold span, unjudged."""
    return tuple(Mark(g.doc, g.start, g.end, ROLE, g.label, "", f"gold {_say(g)}")
                 for g in sorted(data.gold))


def describe_gold(data: TaskData, record: Any) -> Finding:
    """A gold span and where it is."""
    return Finding("", _say(record), "", (Side(record.doc, record.start, record.end,
                                                f"g-{ROLE}-{record.start}-{record.end}"),))
