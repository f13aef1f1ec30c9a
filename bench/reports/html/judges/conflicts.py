"""Claim pairs (conflicts): claims marked in each article, one verdict per gold pair.

A gold pair takes the label of the predicted pair with the same two claims (as the ``pairs``
metric does); failing that, of a predicted pair whose sides overlap its two claims (as the
end-to-end ``conflict`` metric matches). Same label: correct; another: wrong label; none:
missed. Predicted pairs used by no gold pair are spurious. A gold claim's mark takes the worst
verdict of its pairs; a system's claim mark is correct on a gold claim's offsets, a boundary
error when it overlaps one, else spurious.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bench.kinds.conflicts import ConflictKind
from bench.metrics.pairs import side_match
from bench.reports.html.judges import CORRECT, Finding, Judgement, Mark, Side
from bench.reports.html.judges import quoted as q
from bench.task.gold import TaskData

ROLE = "claim"
WORST = ("wrong label", "missed", CORRECT)


def _claims(data: TaskData) -> dict[str, Any]:
    return dict(data.kind.claims) if isinstance(data.kind, ConflictKind) else {}


def _side_text(data: TaskData, side: Any) -> str:
    claim = _claims(data).get(side.id) if side.id else None
    if claim is not None:
        return f"{claim.id} {claim.attribute}={claim.value} {q(claim.text, 50)}"
    text = data.document(side.doc).text[side.start:side.end]
    return f"{side.doc}[{side.start}:{side.end}] {q(text, 50)}"


def _say(data: TaskData, pair: Any) -> str:
    return f"{pair.label}: {_side_text(data, pair.a)} / {_side_text(data, pair.b)}"


def _sides(data: TaskData, pair: Any, layer: str) -> tuple[Side, ...]:
    claims = _claims(data)
    out = []
    for s in (pair.a, pair.b):
        claim = claims.get(s.id) if s.id else None
        note = (f"{claim.id}: {claim.attribute} = {claim.value} (holds at {claim.holds_at})"
                if claim is not None else "the system's own span")
        out.append(Side(s.doc, s.start, s.end, f"{layer}-{ROLE}-{s.start}-{s.end}", note))
    return tuple(out)


def _verdicts(data: TaskData, pred: Sequence[Any]) -> tuple[list[tuple[Any, str, Any]], list[Any]]:
    """(gold pair, status, the prediction judged) for each gold pair, and unused predictions."""
    by_key = {p.key: p for p in pred}
    used: set[int] = set()
    out = []
    for g in data.gold:
        p = by_key.get(g.key) or next((x for x in pred if side_match(g, x)), None)
        if p is None:
            out.append((g, "missed", None))
            continue
        used.add(id(p))
        out.append((g, CORRECT if p.label == g.label else "wrong label", p))
    return out, [p for p in pred if id(p) not in used]


def _claim_marks(data: TaskData, notes: dict[str, list[str]],
                 status: dict[str, str] | None) -> tuple[Mark, ...]:
    marks = []
    for c in sorted(_claims(data).values(), key=lambda c: (c.doc, c.start, c.end, c.id)):
        head = f"gold claim {c.id}: {c.event} {c.attribute}={c.value} (holds at {c.holds_at})"
        marks.append(Mark(c.doc, c.start, c.end, ROLE, c.attribute,
                          "" if status is None else status.get(c.id, CORRECT),
                          "\n".join([head, *notes.get(c.id, [])]),
                          (("value", c.value), ("claim", c.id))))
    return tuple(marks)


def _pred_marks(data: TaskData, pred: Sequence[Any]) -> tuple[Mark, ...]:
    claims = sorted(_claims(data).values(), key=lambda c: (c.doc, c.start))
    sides = sorted({(s.doc, s.start, s.end) for p in pred for s in (p.a, p.b)})
    marks = []
    for doc, start, end in sides:
        over = [c for c in claims if c.doc == doc and c.start < end and start < c.end]
        same = [c for c in over if (c.start, c.end) == (start, end)]
        status = CORRECT if same else "boundary" if over else "spurious"
        label = (same or over)[0].attribute if over else ROLE
        text = data.document(doc).text[start:end]
        marks.append(Mark(doc, start, end, ROLE, label, status,
                          f"system claim {q(text, 50)} ({status})"))
    return tuple(marks)


def judge(data: TaskData, pred: Sequence[Any]) -> Judgement:
    """Claim marks for both sides and one finding per gold pair or spurious prediction."""
    verdicts, unused = _verdicts(data, pred)
    notes: dict[str, list[str]] = defaultdict(list)
    worst: dict[str, str] = {}
    findings = []
    for g, status, p in verdicts:
        said = "" if p is None else _say(data, p)
        findings.append(Finding(status, _say(data, g), said, _sides(data, g, "g"), g.label,
                                "" if p is None else p.label))
        for mine, other in ((g.a, g.b), (g.b, g.a)):
            notes[mine.id].append(f"with {other.id}: gold {g.label}, system "
                                  f"{p.label if p is not None else 'none'} ({status})")
            previous = worst.get(mine.id, CORRECT)
            worst[mine.id] = min(previous, status, key=WORST.index)
    findings += [Finding("spurious", "", _say(data, p), _sides(data, p, "p"), "", p.label)
                 for p in unused]
    return Judgement(_claim_marks(data, notes, worst), _pred_marks(data, pred), tuple(findings))


def gold_marks(data: TaskData) -> tuple[Mark, ...]:
    """Every gold claim, unjudged."""
    return _claim_marks(data, {}, None)


def describe_gold(data: TaskData, record: Any) -> Finding:
    """A gold pair and where its two claims are."""
    return Finding("", _say(data, record), "", _sides(data, record, "g"), record.label)
