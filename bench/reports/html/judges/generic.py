"""Any record kind without a view of its own: verdicts from the kind's hooks alone.

A gold record is correct when a prediction gets it right (the kind's ``correct``, the rule
``bench check`` uses for flips); otherwise a prediction on the same text with the same label
makes it a boundary error, one with another label a wrong label (the kind's ``near``), and none
a miss. A prediction near no gold record is spurious. Marks are the records' extents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bench.reports.html.judges import CORRECT, Finding, Judgement, Mark, Side, quoted
from bench.task.gold import TaskData

ROLE = "record"
NEAR = {2: "boundary", 1: "wrong label"}


def _say(data: TaskData, record: Any) -> str:
    texts = [data.document(doc).text[start:end] for doc, start, end in data.kind.extents(record)]
    return f"{data.kind.label_of(record)} {' / '.join(quoted(t) for t in texts)}"


def _verdict(data: TaskData, gold: Any, others: Sequence[Any]) -> tuple[str, Any]:
    """(status of ``gold`` against the predictions of its document, the closest one)."""
    for p in others:
        if data.kind.correct(gold, p):
            return CORRECT, p
    closest = max(others, key=lambda p: data.kind.near(gold, p), default=None)
    if closest is None or data.kind.near(gold, closest) == 0:
        return "missed", None
    return NEAR[data.kind.near(gold, closest)], closest


def _marks(data: TaskData, record: Any, status: str, note: str) -> list[Mark]:
    return [Mark(doc, start, end, ROLE, data.kind.label(record), status, note)
            for doc, start, end in data.kind.extents(record)]


def _sides(data: TaskData, record: Any, layer: str) -> tuple[Side, ...]:
    return tuple(Side(doc, start, end, f"{layer}-{ROLE}-{start}-{end}")
                 for doc, start, end in data.kind.extents(record))


def _by_doc(data: TaskData, records: Sequence[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for r in records:
        found[data.kind.extent(r)[0]].append(r)
    return found


def _order(data: TaskData, records: Sequence[Any]) -> list[Any]:
    return sorted(records, key=lambda r: (data.kind.extent(r), data.kind.label(r)))


def judge(data: TaskData, pred: Sequence[Any]) -> Judgement:
    """Marks for both sides and one finding per gold record or spurious prediction."""
    pred_by_doc, gold_by_doc = _by_doc(data, pred), _by_doc(data, data.gold)
    gold_marks: list[Mark] = []
    pred_marks: list[Mark] = []
    findings: list[Finding] = []
    for g in _order(data, data.gold):
        status, p = _verdict(data, g, pred_by_doc[data.kind.extent(g)[0]])
        said = "" if p is None else _say(data, p)
        gold_marks += _marks(data, g, status, f"gold {_say(data, g)} · system "
                                              f"{said or 'nothing'} ({status})")
        findings.append(Finding(status, _say(data, g), said, _sides(data, g, "g")))
    for p in _order(data, pred):
        golds = gold_by_doc[data.kind.extent(p)[0]]
        right = any(data.kind.correct(g, p) for g in golds)
        near = max((data.kind.near(g, p) for g in golds), default=0)
        status = CORRECT if right else NEAR.get(near, "spurious")
        pred_marks += _marks(data, p, status, f"system {_say(data, p)} ({status})")
        if status == "spurious":
            findings.append(Finding(status, "", _say(data, p), _sides(data, p, "p")))
    return Judgement(tuple(gold_marks), tuple(pred_marks), tuple(findings))


def gold_marks(data: TaskData) -> tuple[Mark, ...]:
    """Every gold record's extents, unjudged."""
    return tuple(m for g in _order(data, data.gold)
                 for m in _marks(data, g, "", f"gold {_say(data, g)}"))


def describe_gold(data: TaskData, record: Any) -> Finding:
    """A gold record and where it is."""
    return Finding("", _say(data, record), "", _sides(data, record, "g"))
